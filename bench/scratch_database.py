"""Start Django on a throwaway database for a benchmark script.

Benchmarks never touch var/reseau.sqlite3: each gets its own SQLite file under /tmp, emptied
at start (or, asked for, a PostgreSQL database of its own, dropped and made again), and its own
job-queue and media folder.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def use_scratch_database(name: str, *, keep: bool = False) -> Path:
    """Point the settings at /tmp/<name>.sqlite3 (emptied, unless ``keep``) and set Django up;
    returns the path."""
    db_path = Path(f"/tmp/{name}.sqlite3")
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    for suffix in ("", "-wal", "-shm") if not keep else ():
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    _setup(Path(f"/tmp/{name}-var"), keep_media=keep)
    return db_path


def use_scratch_postgresql(name: str, server_url: str, *, keep: bool = False) -> str:
    """Point the settings at a database ``<name>`` (dashes as underscores) on the PostgreSQL
    server of ``server_url``, dropped and made again (unless ``keep`` and it exists), and set
    Django up; returns its URL."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    database = name.replace("-", "_")
    with psycopg.connect(server_url, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
        if not (keep and exists):
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{database}"')
    url = urlunsplit(urlsplit(server_url)._replace(path=f"/{database}"))
    var_dir = Path(f"/tmp/{name}-var")
    os.environ["DATABASE_URL"] = url
    _setup(var_dir, keep_media=keep)
    return url


def _setup(var_dir: Path, *, keep_media: bool = False) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["RESEAU_VAR_DIR"] = str(var_dir)  # the job queue file and media out of var/
    os.environ.setdefault("DEBUG", "1")
    var_dir.mkdir(parents=True, exist_ok=True)
    if not keep_media:
        shutil.rmtree(var_dir / "media", ignore_errors=True)  # the files of an earlier run's records

    import django

    django.setup()
