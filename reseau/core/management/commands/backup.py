from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from reseau.core.backups import BackupRefused, backup_create


class Command(BaseCommand):
    help = "Write one archive of the database and the uploaded files (restore it with `restore`)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            default=None,
            help="A folder (the archive is named by vendor and time) or a file ending in .tar.gz; default BACKUP_DIR.",
        )
        parser.add_argument("--database", default="default", help="The database alias to back up.")

    def handle(self, *args: Any, **options: Any) -> None:
        destination = Path(options["output"] or settings.BACKUP_DIR)
        try:
            archive = backup_create(destination=destination, using=options["database"])
        except BackupRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        self.stdout.write(str(archive))
