"""The database restarts under a run of requests: does the site recover without its own restart?

Runs gunicorn (2 sync workers, persistent connections: DATABASE_CONN_MAX_AGE=60) against a
scratch PostgreSQL database, sends requests one after another, and three times during the run
ends every server session of that database with pg_terminate_backend, which is what the
workers see of a database restart (the shared server itself is not restarted). It runs twice:
with the settings as they are (CONN_HEALTH_CHECKS on) and, for comparison, with health checks
off (bench/settings_without_health_checks.py).

    DEBUG=1 .venv/bin/python bench/fault_database_restart.py [--requests 300]

Needs PostgreSQL on 127.0.0.1:5432, user postgres (trust), and gunicorn.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import closing
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "reseau_bench_faults"
PORT = 8765
PAGES = ["/healthz/", "/", "/accounts/login/"]


def _admin() -> psycopg.Connection:
    return psycopg.connect(host="127.0.0.1", port=5432, user="postgres", dbname="postgres", autocommit=True)


def _env(settings_module: str) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB_NAME}",
        "DATABASE_CONN_MAX_AGE": "60",
        "RESEAU_VAR_DIR": "/tmp/reseau-bench-faults-var",
        "DJANGO_SETTINGS_MODULE": settings_module,
        "PYTHONPATH": str(ROOT),
    }


def _terminate_sessions() -> int:
    with closing(_admin()) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [DB_NAME],
        ).fetchall()
    return len(rows)


def _get(path: str) -> tuple[int, float]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=10) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError:
        status = 0
    return status, (time.perf_counter() - started) * 1000


def _wait_for_server() -> None:
    for _ in range(100):
        if _get("/healthz/")[0] == 200:
            return
        time.sleep(0.2)
    raise SystemExit("gunicorn did not answer")


def run_round(settings_module: str, requests: int) -> dict[str, object]:
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{PORT}", "-w", "2", "--log-level=warning"],
        cwd=ROOT,
        env=_env(settings_module),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for_server()
        for _ in range(10):  # both workers hold a connection before the first termination
            _get("/healthz/")
        kill_at = {requests // 4, requests // 2, 3 * requests // 4}
        failures: list[tuple[int, str, int]] = []
        terminated = 0
        after_kill_ms: list[float] = []
        just_killed = False
        for index in range(requests):
            if index in kill_at:
                terminated += _terminate_sessions()
                just_killed = True
            path = PAGES[index % len(PAGES)]
            status, elapsed = _get(path)
            if just_killed:
                after_kill_ms.append(elapsed)
                just_killed = False
            if status != 200:
                failures.append((index, path, status))
        return {"failures": failures, "terminated": terminated, "after_kill_ms": after_kill_ms}
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    options = parser.parse_args()
    with closing(_admin()) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{DB_NAME}"')
    try:
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=_env("config.settings"), check=True
        )
        for label, module in (
            ("CONN_HEALTH_CHECKS on (the settings)", "config.settings"),
            ("CONN_HEALTH_CHECKS off (comparison)", "bench.settings_without_health_checks"),
        ):
            outcome = run_round(module, options.requests)
            failures = outcome["failures"]
            assert isinstance(failures, list)
            print(f"{label}: {options.requests} requests, 3 terminations ending {outcome['terminated']} sessions,")
            print(f"  {len(failures)} failed requests {failures[:6]}")
            first = ", ".join(f"{ms:.0f}" for ms in outcome["after_kill_ms"])  # type: ignore[attr-defined]
            print(f"  first request after each termination (ms): {first}")
    finally:
        with closing(_admin()) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


if __name__ == "__main__":
    main()
