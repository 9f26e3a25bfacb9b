"""One archive holds the database and the uploaded files; restoring it checks every byte first.

The archive is a gzipped tar:

- ``manifest.json``: when and from what it was made (vendor, version, migrations applied,
  every table's row count), and the SHA-256 of every other member;
- ``database.sqlite3`` (SQLite's online backup API, checked with ``PRAGMA integrity_check``)
  or ``database.pgdump`` (``pg_dump`` custom format);
- ``media/<name>`` for each file of the default storage, read through the storage API so a
  file system and an object store (S3) are backed up the same way.

Both sides read the database at one instant: the SQLite copy is counted, not the live file,
and on PostgreSQL the counts and ``pg_dump`` share one exported snapshot.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import tarfile
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any, TypedDict

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import Storage, default_storage
from django.db import connections, transaction
from django.utils import timezone

MANIFEST_NAME = "manifest.json"
MEDIA_PREFIX = "media/"
ARCHIVE_FORMAT = 1
_CHUNK = 1024 * 1024
DATABASE_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupRefused(Exception):
    """The archive cannot be made or restored here; the message says why and what to do."""


class MediaEntry(TypedDict):
    name: str
    size: int
    sha256: str


class DatabaseEntry(TypedDict):
    vendor: str
    file: str
    sha256: str
    tables: dict[str, int]
    migrations: dict[str, list[str]]


class Manifest(TypedDict):
    format: int
    created_at: str
    reseau_version: str
    database: DatabaseEntry
    media: list[MediaEntry]


@dataclass(frozen=True)
class RestoreSummary:
    vendor: str
    tables: int
    rows: int
    media_files: int
    created_at: str


def reseau_version() -> str:
    with (Path(settings.BASE_DIR) / "pyproject.toml").open("rb") as handle:
        version: str = tomllib.load(handle)["project"]["version"]
    return version


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _copy_hashing(source: IO[bytes], target: IO[bytes]) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    while chunk := source.read(_CHUNK):
        digest.update(chunk)
        target.write(chunk)
        size += len(chunk)
    return size, digest.hexdigest()


def media_names(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file of a storage: a bucket listed flat (a request per thousand files, where
    walking its "folders" would cost one per version), a folder walked depth-first; nothing
    when the media folder is absent."""
    if not folder:
        listed = _bucket_names(storage)
        if listed is not None:
            yield from listed
            return
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}{name}"
    for sub in sorted(folders):
        yield from media_names(storage, f"{folder}{sub}/")


def _bucket_names(storage: Storage) -> Iterator[str] | None:
    """The names of an S3 bucket's files under the storage's prefix, or None for another storage."""
    from storages.backends.s3 import S3Storage

    if not isinstance(storage, S3Storage):
        return None
    prefix = f"{storage.location}/" if storage.location else ""
    pages = storage.connection.meta.client.get_paginator("list_objects_v2").paginate(
        Bucket=storage.bucket_name, Prefix=prefix
    )
    return (
        item["Key"][len(prefix) :]
        for page in pages
        for item in page.get("Contents", [])
        if not item["Key"].endswith("/")  # a "folder" some consoles create
    )


def _vendor(using: str) -> str:
    vendor = connections[using].vendor
    if vendor not in DATABASE_MEMBER:
        raise BackupRefused(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def _pg_command(program: str, using: str) -> tuple[list[str], dict[str, str]]:
    """The client program with the connection's host, port and user; the password goes by PGPASSWORD."""
    db: dict[str, Any] = connections[using].settings_dict
    args = [program]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    args += ["--dbname", str(db["NAME"]), "--no-password"]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    sslmode = (db.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return args, env


def _run(args: list[str], env: dict[str, str]) -> None:
    # The program is pg_dump or pg_restore; the arguments come from settings, never from a request.
    finished = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if finished.returncode != 0:
        raise BackupRefused(f"{args[0]} failed: {finished.stderr.strip() or finished.stdout.strip()}")


def _migrations(rows: list[tuple[str, str]]) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in rows:
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def sqlite_state(path: Path) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Row count of every table, and the migrations applied, of one SQLite file."""
    with closing(sqlite3.connect(path)) as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        # Table names come from the database's own catalogue.
        counts = {table: int(db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]) for table in tables}  # noqa: S608
        migrations = (
            _migrations(db.execute("SELECT app, name FROM django_migrations").fetchall())
            if "django_migrations" in counts
            else {}
        )
    return counts, migrations


def _database_state(using: str) -> tuple[dict[str, int], dict[str, list[str]]]:
    connection = connections[using]
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts: dict[str, int] = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = int(cursor.fetchone()[0])
        migrations: dict[str, list[str]] = {}
        if "django_migrations" in counts:
            cursor.execute("SELECT app, name FROM django_migrations")
            migrations = _migrations(list(cursor.fetchall()))
    return counts, migrations


def _dump_sqlite(using: str, target: Path) -> tuple[dict[str, int], dict[str, list[str]]]:
    connection = connections[using]
    connection.ensure_connection()
    live: sqlite3.Connection = connection.connection
    with closing(sqlite3.connect(target)) as copy:
        live.backup(copy)
        verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
    if verdict != "ok":
        raise BackupRefused(f"The copy of the database failed its integrity check: {verdict}")
    return sqlite_state(target)


def _dump_postgresql(using: str, target: Path) -> tuple[dict[str, int], dict[str, list[str]]]:
    connection = connections[using]
    # The counts and the dump read the same exported snapshot, so they agree even while people write.
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = str(cursor.fetchone()[0])
        counts, migrations = _database_state(using)
        args, env = _pg_command("pg_dump", using)
        _run([*args, "--format=custom", f"--snapshot={snapshot}", f"--file={target}"], env)
    return counts, migrations


def _add_file(archive: tarfile.TarFile, name: str, path: Path) -> None:
    info = archive.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = 0o600
    with path.open("rb") as handle:
        archive.addfile(info, handle)


def backup_create(*, destination: Path, using: str = "default", storage: Storage | None = None) -> Path:
    """Write one archive of the database and the media; returns its path."""
    storage = storage or default_storage
    vendor = _vendor(using)
    created = timezone.now()
    if destination.is_dir() or not destination.suffix:
        destination.mkdir(parents=True, exist_ok=True)
        destination = destination / f"reseau-{vendor}-{created:%Y%m%dT%H%M%SZ}.tar.gz"
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="reseau-backup-") as work:
        work_dir = Path(work)
        database_file = work_dir / DATABASE_MEMBER[vendor]
        dump = _dump_sqlite if vendor == "sqlite" else _dump_postgresql
        tables, migrations = dump(using, database_file)
        partial = destination.with_name(destination.name + ".partial")
        media: list[MediaEntry] = []
        # The archive holds personal data: readable by its owner only.
        partial.touch(mode=0o600)
        partial.chmod(0o600)
        with tarfile.open(partial, "w:gz") as archive:
            _add_file(archive, DATABASE_MEMBER[vendor], database_file)
            for name in media_names(storage):
                copy = work_dir / "media-file"
                with storage.open(name, "rb") as source, copy.open("wb") as target:
                    size, sha256 = _copy_hashing(source, target)
                _add_file(archive, MEDIA_PREFIX + name, copy)
                media.append({"name": name, "size": size, "sha256": sha256})
            manifest: Manifest = {
                "format": ARCHIVE_FORMAT,
                "created_at": created.isoformat(),
                "reseau_version": reseau_version(),
                "database": {
                    "vendor": vendor,
                    "file": DATABASE_MEMBER[vendor],
                    "sha256": _sha256_of(database_file),
                    "tables": tables,
                    "migrations": migrations,
                },
                "media": media,
            }
            encoded = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST_NAME)
            info.size = len(encoded)
            info.mtime = int(created.timestamp())
            info.mode = 0o600
            archive.addfile(info, io.BytesIO(encoded))
        # A backup cut short (full disk, killed) never looks like a finished one.
        partial.replace(destination)
    return destination


def read_manifest(archive: tarfile.TarFile) -> Manifest:
    try:
        member = archive.extractfile(MANIFEST_NAME)
    except KeyError:
        raise BackupRefused("This file is not a Reseau backup: it has no manifest.json.") from None
    if member is None:
        raise BackupRefused("This file is not a Reseau backup: its manifest.json is not a file.")
    manifest: Manifest = json.loads(member.read())
    if manifest.get("format") != ARCHIVE_FORMAT:
        raise BackupRefused(f"This backup has format {manifest.get('format')!r}; this version reads format 1.")
    return manifest


def _extract_checked(archive: tarfile.TarFile, name: str, sha256: str, target: Path) -> None:
    """Copy one member out by its exact name (no path of the archive is trusted) and check its checksum."""
    try:
        member = archive.extractfile(name)
    except KeyError:
        raise BackupRefused(f"The backup is incomplete: {name} is missing.") from None
    if member is None:
        raise BackupRefused(f"The backup is damaged: {name} is not a file.")
    with target.open("wb") as handle:
        _, actual = _copy_hashing(member, handle)
    if actual != sha256:
        raise BackupRefused(f"The backup is damaged: the checksum of {name} does not match its manifest.")


def _safe_media_name(name: str) -> str:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not name:
        raise BackupRefused(f"The backup names a media file outside the media folder: {name!r}.")
    return name


def _database_is_empty(using: str) -> bool:
    connection = connections[using]
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def _restore_sqlite(using: str, source: Path) -> None:
    connection = connections[using]
    connection.close()
    target = Path(str(connection.settings_dict["NAME"]))
    target.parent.mkdir(parents=True, exist_ok=True)
    # The backup API writes every page of the target, in one step, whatever it held before.
    with closing(sqlite3.connect(source)) as copy, closing(sqlite3.connect(target)) as live:
        copy.backup(live)
        verdict = live.execute("PRAGMA integrity_check").fetchone()[0]
    if verdict != "ok":
        raise BackupRefused(f"The restored database failed its integrity check: {verdict}")


def _restore_postgresql(using: str, source: Path) -> None:
    connections[using].close()
    args, env = _pg_command("pg_restore", using)
    _run([*args, "--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", str(source)], env)


def _restore_media(storage: Storage, name: str, source: Path) -> None:
    if storage.exists(name):
        storage.delete(name)
    with source.open("rb") as handle:
        saved = storage.save(name, File(handle, name=name))
    if saved != name:
        raise BackupRefused(f"The storage saved {name} as {saved}; restore stopped.")


def backup_restore(
    *, archive_path: Path, using: str = "default", force: bool = False, storage: Storage | None = None
) -> RestoreSummary:
    """Restore an archive into this database and storage, after checking it is whole and belongs here."""
    storage = storage or default_storage
    vendor = _vendor(using)
    with tarfile.open(archive_path, "r:*") as archive, tempfile.TemporaryDirectory(prefix="reseau-restore-") as work:
        manifest = read_manifest(archive)
        database = manifest["database"]
        if database["vendor"] != vendor:
            raise BackupRefused(
                f"This backup is of a {database['vendor']} database and this site runs on {vendor}: "
                "restore it on a site of the same database vendor."
            )
        work_dir = Path(work)
        database_file = work_dir / database["file"]
        _extract_checked(archive, database["file"], database["sha256"], database_file)
        media_files: list[tuple[str, Path]] = []
        for index, entry in enumerate(manifest["media"]):
            name = _safe_media_name(entry["name"])
            copy = work_dir / f"media-{index}"
            _extract_checked(archive, MEDIA_PREFIX + name, entry["sha256"], copy)
            media_files.append((name, copy))
        if not force and not _database_is_empty(using):
            raise BackupRefused(
                "The database already holds tables; restoring would replace them. "
                "Restore into an empty database, or add --force to replace its content."
            )
        (_restore_sqlite if vendor == "sqlite" else _restore_postgresql)(using, database_file)
        tables, _ = _database_state(using)
        differing = sorted(t for t, count in database["tables"].items() if tables.get(t) != count)
        if differing:
            raise BackupRefused(f"The restored tables do not hold the rows the backup counted: {', '.join(differing)}")
        for name, copy in media_files:
            _restore_media(storage, name, copy)
    return RestoreSummary(
        vendor=vendor,
        tables=len(database["tables"]),
        rows=sum(database["tables"].values()),
        media_files=len(media_files),
        created_at=manifest["created_at"],
    )


def media_checksum(storage: Storage | None = None) -> str:
    """One SHA-256 over every media file's name and content, to compare two sites' media."""
    storage = storage or default_storage
    digest = hashlib.sha256()
    for name in sorted(media_names(storage)):  # the same order on a disk and in a bucket
        digest.update(name.encode() + b"\0")
        with storage.open(name, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    return digest.hexdigest()
