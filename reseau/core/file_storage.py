"""What the file storage raises when it cannot keep a file, on a disk or in an object store.

The local disk raises ``OSError`` (a full disk, a folder that cannot be written); an
S3-compatible store raises botocore's errors (the service away, a refused key, a missing
bucket). Services that store files catch both and say, in the person's language, that
nothing was saved. A page that reads a file while the object store is out of reach (a
download, a thumbnail) answers ``StorageOutageMiddleware``'s page, not a 500.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from botocore.exceptions import BotoCoreError, ClientError
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

logger = logging.getLogger("django.request")
# How long a browser (or a script) is asked to wait before trying again, in seconds.
RETRY_AFTER_SECONDS = 60

STORAGE_ERRORS: tuple[type[Exception], ...] = (OSError, BotoCoreError, ClientError)


def storage_problem(error: Exception) -> str:
    """Why a file could not be stored, in a few words: the system's own for a disk."""
    if isinstance(error, OSError):
        return error.strerror or type(error).__name__
    return _("the file storage is unavailable")


def is_storage_outage(error: BaseException) -> bool:
    """Whether an object store failed to answer (unreachable, refusing, erring), as opposed to
    answering that a file is not there (which django-storages raises as FileNotFoundError)."""
    if isinstance(error, BotoCoreError):
        return True
    if isinstance(error, ClientError):
        code = str(error.response.get("Error", {}).get("Code", ""))
        return code not in {"404", "NoSuchKey", "NotFound"}
    return False


class StorageOutageMiddleware:
    """Turns an object store out of reach during a request into a 503 page that says so."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_storage_outage(exception):
            return None
        logger.error("File storage unavailable for %s %s", request.method, request.path, exc_info=exception)
        response = TemplateResponse(request, "core/storage_unavailable.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response.render()
