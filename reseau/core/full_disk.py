"""A full disk answers with a page that says so, not a 500: nothing was saved, try later.

Uploads fill the disk first: Django writes a large upload to a temporary file before the
view sees it, and a database that cannot grow refuses the row that holds the import. Each
write runs in a transaction or on a temporary file, so a refusal leaves nothing behind;
this middleware only tells the person, and the team through the ``django.request`` log.
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Callable

from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

logger = logging.getLogger("django.request")

# ENOSPC: no space left on the device; EDQUOT: the account's quota is used up.
_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
# SQLite says "database or disk is full"; PostgreSQL's SQLSTATE 53100 is disk_full.
_FULL_DATABASE_SIGNS = ("database or disk is full", "no space left on device")
_DISK_FULL_SQLSTATE = "53100"


def is_full_disk(error: BaseException | None) -> bool:
    """Whether an error, or one it was raised from, says the disk is full."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, OSError) and error.errno in _FULL_ERRNOS:
            return True
        if isinstance(error, DatabaseError) or type(error).__module__.startswith(("psycopg", "sqlite3")):
            if getattr(error, "sqlstate", None) == _DISK_FULL_SQLSTATE:
                return True
            if any(sign in str(error).lower() for sign in _FULL_DATABASE_SIGNS):
                return True
        error = error.__cause__ or error.__context__
    return False


# Set on a request whose form could not be received because the disk filled meanwhile.
_UNRECEIVED_FORM = "_reseau_full_disk_error"


def form_not_received(request: HttpRequest, error: OSError) -> None:
    """The disk filled while a middleware read the form, before the session and the account.

    The form is left empty (nothing below may read it again from a half-read stream) and the
    error is kept, so that FullDiskMiddleware answers its page once the visitor is known.
    """
    request._mark_post_parse_error()  # type: ignore[attr-defined]
    setattr(request, _UNRECEIVED_FORM, error)


class FullDiskMiddleware:
    """Turns a full disk during a request into a clear 507 page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The form was read, and the disk found full, by a middleware above (RefuseNulBytes).
        error = getattr(request, _UNRECEIVED_FORM, None)
        if error is not None:
            return _full_disk_page(request, error)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_full_disk(exception):
            return None
        return _full_disk_page(request, exception)


def _full_disk_page(request: HttpRequest, error: BaseException) -> HttpResponse:
    logger.error("No space left to store %s %s", request.method, request.path, exc_info=error)
    response = TemplateResponse(request, "core/full_disk.html", status=507)
    return response.render()


class CleanTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """Django's handler for large uploads, which removes its half-written file when a write fails."""

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        try:
            return super().receive_data_chunk(raw_data, start)
        except OSError:
            # The temporary file deletes itself when closed; the exception's traceback would
            # otherwise keep it, half-written, until the process ends.
            self.file.close()
            raise
