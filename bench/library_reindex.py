"""A full reindex of the library: its time and the memory the process holds at its peak.

    DEBUG=1 .venv/bin/python bench/library_reindex.py [--documents 50000] [--check]
    DEBUG=1 .venv/bin/python bench/library_reindex.py --reuse    # the database bench/library_search.py left

Makes (or, with ``--reuse``, takes as it is) the throwaway SQLite database of
``bench/library_search.py`` with ``--documents`` invented documents, then runs
``manage.py library_reindex`` in a process of its own and reads that process's peak resident
memory (its own ``getrusage`` as it ends: what the operating system counted, not an estimate).
It then stops a second run after its first batches and lets ``--resume`` finish it, and checks
that the index finds as many documents as before.

Target (issue 13): a full reindex of 50,000 documents in constant memory, under 300 MB
resident, and resumable. ``--check`` exits 1 when it is missed.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "reseau-bench-library"
DATABASE = Path(f"/tmp/{NAME}.sqlite3")
TARGET_MB = 300


def _environment() -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{DATABASE}",
        "RESEAU_VAR_DIR": f"/tmp/{NAME}-var",
        "DEBUG": os.environ.get("DEBUG", "1"),
    }


# Runs manage.py and, as it ends, writes its own peak resident memory (kilobytes on Linux).
_MEASURED = (
    "import resource, runpy, sys\n"
    "sys.argv = ['manage.py', *sys.argv[1:]]\n"
    "try:\n"
    "    runpy.run_path('manage.py', run_name='__main__')\n"
    "finally:\n"
    "    print(f'PEAK_KB={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}', flush=True)\n"
)


def _manage(*arguments: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", _MEASURED, *arguments],
        env=_environment(),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _found(word: str) -> int:
    import sqlite3

    with sqlite3.connect(DATABASE) as database:
        row = database.execute("SELECT count(*) FROM library_search WHERE library_search MATCH ?", [f'"{word}"'])
        return int(row.fetchone()[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=50_000, help="documents to index (default 50000)")
    parser.add_argument("--reuse", action="store_true", help="take the database bench/library_search.py left")
    parser.add_argument("--check", action="store_true", help="exit 1 when the target is missed")
    args = parser.parse_args()
    if not args.reuse or not DATABASE.exists():
        DATABASE.unlink(missing_ok=True)
        for step in (
            ["migrate", "--no-input"],
            [
                "generate_network",
                "--members",
                "50",
                "--projects",
                "0",
                "--activities",
                "0",
                "--events",
                "0",
                "--organisations",
                "0",
                "--documents",
                str(args.documents),
            ],
        ):
            if _manage(*step).wait() != 0:
                raise SystemExit(f"manage.py {' '.join(step)} failed")
    before = _found("network")

    started = time.perf_counter()
    full = _manage("library_reindex")
    output = full.communicate()[0].decode()
    elapsed = time.perf_counter() - started
    if full.returncode != 0:
        raise SystemExit(output)
    peak_mb = int(output.rsplit("PEAK_KB=", 1)[1].split()[0]) / 1024
    output = output.split("PEAK_KB=")[0]

    interrupted = _manage("library_reindex", "--verbosity", "2")
    time.sleep(3)
    interrupted.send_signal(signal.SIGINT)
    interrupted.wait()
    resumed = _manage("library_reindex", "--resume")
    resumed_output = resumed.communicate()[0].decode().split("PEAK_KB=")[0].strip().splitlines()[-1:]
    after = _found("network")

    print("| What | Result |")
    print("|---|---|")
    print(f"| Full reindex | {output.strip().splitlines()[-1]} in {elapsed:.0f} s |")
    print(f"| Peak resident memory of a reindex process | {peak_mb:.0f} MB |")
    print(f"| Interrupted after 3 s, then `--resume` | {' '.join(resumed_output)} |")
    print(f'| Documents holding "network", before / after | {before} / {after} |')
    problems = []
    if peak_mb >= TARGET_MB:
        problems.append(f"peak memory {peak_mb:.0f} MB ≥ {TARGET_MB} MB")
    if after != before:
        problems.append(f"the index finds {after} documents after the runs, {before} before")
    print("\nTargets met." if not problems else "\nTargets missed:\n" + "\n".join(f"- {p}" for p in problems))
    return 1 if problems and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
