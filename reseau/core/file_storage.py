"""What the file storage raises when it cannot keep a file, on a disk or in an object store.

The local disk raises ``OSError`` (a full disk, a folder that cannot be written); an
S3-compatible store raises botocore's errors (the service away, a refused key, a missing
bucket). Services that store files catch both and say, in the person's language, that
nothing was saved.
"""

from __future__ import annotations

from botocore.exceptions import BotoCoreError, ClientError
from django.utils.translation import gettext as _

STORAGE_ERRORS: tuple[type[Exception], ...] = (OSError, BotoCoreError, ClientError)


def storage_problem(error: Exception) -> str:
    """Why a file could not be stored, in a few words: the system's own for a disk."""
    if isinstance(error, OSError):
        return error.strerror or type(error).__name__
    return _("the file storage is unavailable")
