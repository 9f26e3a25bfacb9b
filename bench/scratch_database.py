"""Start Django on a throwaway SQLite database for a benchmark script.

Benchmarks never touch var/reseau.sqlite3: each gets its own file under /tmp,
emptied at start, and its own job-queue folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def use_scratch_database(name: str) -> Path:
    """Point the settings at /tmp/<name>.sqlite3 (emptied) and set Django up; returns the path."""
    db_path = Path(f"/tmp/{name}.sqlite3")
    var_dir = Path(f"/tmp/{name}-var")
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ["RESEAU_VAR_DIR"] = str(var_dir)  # keeps the job queue file out of var/
    os.environ.setdefault("DEBUG", "1")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    var_dir.mkdir(parents=True, exist_ok=True)

    import django

    django.setup()
    return db_path
