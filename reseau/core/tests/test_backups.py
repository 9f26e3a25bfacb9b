"""`backup` and `restore`: a drill into a fresh database, and the archives restore refuses.

The drill runs the real commands in subprocesses against scratch databases of the vendor the
suite runs on (a temporary SQLite file, or a scratch PostgreSQL database on the server of
DATABASE_URL), so it never touches the test database and runs the same under xdist.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection, connections

from reseau.accounts.models import User
from tests.factories import UserFactory

ROOT = Path(settings.BASE_DIR)


def _pg_params() -> dict[str, str]:
    db = settings.DATABASES["default"]
    return {"host": db["HOST"] or "127.0.0.1", "port": str(db["PORT"] or 5432), "user": db["USER"] or "postgres"}


@contextmanager
def _scratch_database(tmp_path: Path, name: str, *, from_test_database: bool = False):
    """Yields the DATABASE_URL of a scratch database of the suite's vendor, dropped afterwards:
    empty, or a copy of the (migrated) test database, which spares the drill a migrate."""
    if connection.vendor == "sqlite":
        path = tmp_path / f"{name}.sqlite3"
        if from_test_database:
            connection.ensure_connection()
            with closing(sqlite3.connect(path)) as copy:
                connection.connection.backup(copy)
        yield f"sqlite:///{path}"
        return
    import psycopg

    params = _pg_params()
    db_name = f"reseau_drill_{name}_{uuid.uuid4().hex[:8]}"
    template = ""
    source = connection.settings_dict["NAME"]
    if from_test_database:
        connections.close_all()  # a template database must have no session open on it
        template = f' TEMPLATE "{source}"'
    with closing(psycopg.connect(dbname="postgres", autocommit=True, **params)) as admin:
        if from_test_database:
            # This worker's other threads (the browser tests' live server) may still hold a
            # connection to its test database: they reconnect (CONN_HEALTH_CHECKS) when next used.
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [source],
            )
        admin.execute(f'CREATE DATABASE "{db_name}"{template}')
    try:
        password = settings.DATABASES["default"]["PASSWORD"]
        credentials = f"{params['user']}:{password}" if password else params["user"]
        yield f"postgres://{credentials}@{params['host']}:{params['port']}/{db_name}"
    finally:
        with closing(psycopg.connect(dbname="postgres", autocommit=True, **params)) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')


def _state(database_url: str) -> tuple[set[tuple[str, str]], dict[str, int]]:
    """The migrations applied and every table's row count, read straight from the database."""
    if database_url.startswith("sqlite:///"):
        with closing(sqlite3.connect(database_url.removeprefix("sqlite:///"))) as db:
            catalogue = db.execute("SELECT name FROM sqlite_master WHERE type='table'")
            tables = [r[0] for r in catalogue if r[0] != "sqlite_sequence"]
            counts = {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
            migrations = set(db.execute("SELECT app, name FROM django_migrations").fetchall())
        return migrations, counts
    import psycopg

    with closing(psycopg.connect(database_url)) as db:
        tables = [r[0] for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        counts = {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}
        migrations = {tuple(r) for r in db.execute("SELECT app, name FROM django_migrations")}
    return migrations, counts


def _media_checksum(media_root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in media_root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(media_root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _run(database_url: str, var_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": database_url, "RESEAU_VAR_DIR": str(var_dir)}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


SOURCE_SCRIPT = """
import django, sys
django.setup()
from django.core.management import call_command
call_command("generate_network", members=3, verbosity=0)
call_command("backup", output=sys.argv[1])
"""


@pytest.mark.heavy
def test_a_backup_restored_into_a_fresh_database_holds_the_same_data_and_media(
    tmp_path, django_db_setup, django_db_blocker
):
    source_var, target_var = tmp_path / "source", tmp_path / "target"
    media = source_var / "media"
    (media / "library" / "2026").mkdir(parents=True)
    (media / "library" / "2026" / "compte-rendu Huế.pdf").write_bytes(b"%PDF-1.4 minutes" * 100)
    (media / "photo.jpg").write_bytes(bytes(range(256)) * 40)
    archive = tmp_path / "drill.tar.gz"
    with (
        django_db_blocker.unblock(),
        _scratch_database(tmp_path, "source", from_test_database=True) as source_url,
        _scratch_database(tmp_path, "target") as target_url,
    ):
        made = _run(source_url, source_var, "-c", SOURCE_SCRIPT, str(archive))
        assert made.returncode == 0, made.stderr
        restored = _run(target_url, target_var, "manage.py", "restore", str(archive))
        assert restored.returncode == 0, restored.stderr
        source_migrations, source_counts = _state(source_url)
        target_migrations, target_counts = _state(target_url)

    assert target_migrations == source_migrations
    assert target_counts == source_counts
    assert sum(source_counts.values()) > 500  # the drill restores a populated network, not an empty schema
    assert _media_checksum(target_var / "media") == _media_checksum(media)


def _archive(tmp_path: Path, *, vendor: str, database_bytes: bytes, declared_sha256: str | None = None) -> Path:
    """A hand-made archive: a database member and a manifest that may lie about it."""
    member = "database.sqlite3" if vendor == "sqlite" else "database.pgdump"
    manifest = {
        "format": 1,
        "created_at": "2026-12-01T00:00:00+00:00",
        "reseau_version": "0.1.0",
        "database": {
            "vendor": vendor,
            "file": member,
            "sha256": declared_sha256 or hashlib.sha256(database_bytes).hexdigest(),
            "tables": {},
            "migrations": {},
        },
        "media": [],
    }
    path = tmp_path / "made.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        for name, data in ((member, database_bytes), ("manifest.json", json.dumps(manifest).encode())):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def test_restore_refuses_a_backup_of_another_database_vendor(tmp_path, db):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    archive = _archive(tmp_path, vendor=other, database_bytes=b"dump")

    with pytest.raises(CommandError, match=f"backup is of a {other} database"):
        call_command("restore", str(archive), force=True)


def test_restore_refuses_a_backup_whose_database_does_not_match_its_checksum(tmp_path, db):
    archive = _archive(tmp_path, vendor=connection.vendor, database_bytes=b"dump", declared_sha256="0" * 64)

    with pytest.raises(CommandError, match="checksum of database"):
        call_command("restore", str(archive), force=True)


def test_restore_refuses_to_replace_a_database_that_holds_tables(tmp_path, db):
    UserFactory(email="kept@reseau.test")
    archive = _archive(tmp_path, vendor=connection.vendor, database_bytes=b"dump")

    with pytest.raises(CommandError, match="add --force"):
        call_command("restore", str(archive))
    assert User.objects.filter(email="kept@reseau.test").exists()


def test_a_backup_reads_and_restores_the_files_of_either_storage(tmp_path, file_storage):
    """The disk or a bucket: the backup walks the storage (not a folder) and restore writes to it."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from reseau.core.backups import _restore_media, media_checksum, media_names

    files = {"library/7/1/compte-rendu Huế.pdf": b"%PDF-1.4 minutes" * 100, "photo.jpg": bytes(range(256))}
    for name, content in files.items():
        default_storage.save(name, ContentFile(content))
    assert sorted(media_names(default_storage)) == sorted(files)
    same_on_both = hashlib.sha256(b"".join(name.encode() + b"\0" + files[name] for name in sorted(files)))
    before = media_checksum(default_storage)
    assert before == same_on_both.hexdigest()
    for name in files:
        default_storage.delete(name)
    for name, content in files.items():
        copy = tmp_path / "copy"
        copy.write_bytes(content)
        _restore_media(default_storage, name, copy)
    assert media_checksum(default_storage) == before
