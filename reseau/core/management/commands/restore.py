from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reseau.core.backups import BackupRefused, backup_restore


class Command(BaseCommand):
    help = "Restore an archive made by `backup` into this database and media storage."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="The .tar.gz file written by `backup`.")
        parser.add_argument("--database", default="default", help="The database alias to restore into.")
        parser.add_argument(
            "--force", action="store_true", help="Replace the content of a database that already holds tables."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        archive = Path(options["archive"])
        if not archive.is_file():
            raise CommandError(f"No backup file at {archive}.")
        try:
            summary = backup_restore(archive_path=archive, using=options["database"], force=options["force"])
        except BackupRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        self.stdout.write(
            f"Restored the {summary.vendor} backup of {summary.created_at}: "
            f"{summary.tables} tables, {summary.rows} rows, {summary.media_files} media files."
        )
