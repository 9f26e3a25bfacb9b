from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from reseau.library.services import REINDEX_BATCH, library_reindex


class Command(BaseCommand):
    help = (
        "Rebuild the library's full-text index, in batches of documents by key, in constant memory; "
        "--resume continues after the last document an interrupted run indexed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--resume", action="store_true", help="Continue after the last document the previous run indexed."
        )
        parser.add_argument(
            "--batch-size", type=int, default=REINDEX_BATCH, help="Documents indexed and committed together."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]

        def report(indexed: int, last: int) -> None:
            if verbosity > 1:
                self.stdout.write(f"{indexed} documents indexed, up to key {last}")

        indexed = library_reindex(resume=options["resume"], batch_size=max(1, options["batch_size"]), report=report)
        self.stdout.write(f"{indexed} documents indexed.")
