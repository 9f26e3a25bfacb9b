"""Server errors reach the team without the personal data of the person who hit them.

Two channels, both optional (README, "Error reports"): an e-mail to ADMINS (Django's
AdminEmailHandler, with the reporter and filter below) and Sentry (config/sentry.py).
Neither carries cookies, form values, query values, the signed-in person's e-mail or
their address: the traceback, the view and the path are what a developer needs.
"""

from __future__ import annotations

import re
from collections.abc import ItemsView
from typing import Any

from django.http import HttpRequest
from django.utils.log import AdminEmailHandler
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter
from django_stubs_ext import StrOrPromise

from config.sentry import path_without_secrets

REMOVED = "[removed]"

# Request headers (WSGI names) that name or authenticate the person, or carry a query string.
_PERSONAL_META = re.compile(
    r"COOKIE|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|REMOTE_ADDR|FORWARDED|REAL_IP|REFERER|QUERY_STRING",
    re.IGNORECASE,
)


class PrivateAdminEmailHandler(AdminEmailHandler):
    """Django's e-mail to ADMINS, which names the address that failed without its secrets
    (subject, text and HTML report alike)."""

    def send_mail(self, subject: StrOrPromise, message: StrOrPromise, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("html_message"):
            kwargs["html_message"] = path_without_secrets(str(kwargs["html_message"]))
        super().send_mail(path_without_secrets(str(subject)), path_without_secrets(str(message)), *args, **kwargs)


class PrivateExceptionReporterFilter(SafeExceptionReporterFilter):
    """Every form value, cookie and local variable is replaced, not only those marked sensitive."""

    def is_active(self, request: HttpRequest | None) -> bool:
        return True

    def get_post_parameters(self, request: HttpRequest | None) -> dict[str, str]:
        if request is None:
            return {}
        return dict.fromkeys(request.POST, self.cleansed_substitute)

    def get_safe_cookies(self, request: HttpRequest) -> dict[str, str]:
        return dict.fromkeys(getattr(request, "COOKIES", {}), self.cleansed_substitute)

    def get_safe_request_meta(self, request: HttpRequest) -> dict[str, Any]:
        meta = getattr(request, "META", {})
        return {
            key: self.cleansed_substitute
            if _PERSONAL_META.search(key)
            else path_without_secrets(value)
            if isinstance(value, str)
            else self.cleanse_setting(key, value)
            for key, value in meta.items()
        }

    def get_traceback_frame_variables(self, request: HttpRequest | None, tb_frame: Any) -> ItemsView[str, Any]:
        # Local variables hold users, forms and passwords; the HTML report would show them.
        return dict.fromkeys(tb_frame.f_locals, self.cleansed_substitute).items()


class PrivateExceptionReporter(ExceptionReporter):
    """The e-mailed report names the account by number and leaves the query string out."""

    def get_traceback_data(self) -> dict[str, Any]:
        data = super().get_traceback_data()
        request = self.request
        if request is not None:
            user = getattr(request, "user", None)
            pk = getattr(user, "pk", None)
            data["user_str"] = f"account #{pk}" if pk is not None else "not signed in"
            data["request_GET_items"] = [(key, REMOVED) for key in request.GET]
            data["request_FILES_items"] = [(key, REMOVED) for key in request.FILES]
            path = path_without_secrets(request.path)
            data["request_insecure_uri"] = f"{request.scheme}://{request._get_raw_host()}{path}"  # type: ignore[attr-defined]
        return data
