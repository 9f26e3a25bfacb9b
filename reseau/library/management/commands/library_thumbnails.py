from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from reseau.library.services import versions_thumbnails_make


class Command(BaseCommand):
    help = (
        "Make the thumbnails the library's photos lack (photos stored before thumbnails were made, "
        "or whose thumbnail could not be made); a photo that already has one is left as it is."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        made, missing = versions_thumbnails_make()
        self.stdout.write(f"Thumbnails made: {made}. Photos still without one (damaged or too large): {missing}.")
