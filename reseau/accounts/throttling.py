"""Sign-in throttling, counted by django-axes per (account, client address).

django-axes records the failures and refuses a locked pair; what is ours is how long a pair
waits. A few mistakes cost a minute; every further failure from the same address doubles the
wait, up to a day. Another address (the rightful person elsewhere) is never slowed down, and a
password reset clears the account's failures everywhere (services.sign_in_failures_clear).
"""

from __future__ import annotations

import datetime
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessFailureLog
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from reseau.accounts.models import PasswordResetRequest, normalize_email

# Failures older than this no longer lengthen the wait.
FAILURE_MEMORY = datetime.timedelta(days=1)
FIRST_WAIT = datetime.timedelta(minutes=1)
LONGEST_WAIT = datetime.timedelta(days=1)


def sign_in_username(request: HttpRequest | None, credentials: dict[str, Any] | None = None) -> str:
    """The account a sign-in attempt names, as it is stored (e-mail addresses in any case)."""
    raw = (credentials or {}).get("username")
    if raw is None and request is not None:
        raw = request.POST.get("username")
    return normalize_email(str(raw or ""))[:255]


def sign_in_cool_off(request: HttpRequest | None) -> datetime.timedelta:
    """How long the failures of this request's (account, address) pair are held against it.

    Below the limit: the window in which failures add up. From the limit on: the wait, doubling
    with each failure within a day."""
    window = datetime.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    if request is None:
        return window
    failures: int = AccessFailureLog.objects.filter(
        username=sign_in_username(request),
        ip_address=getattr(request, "axes_ip_address", None),
        attempt_time__gte=timezone.now() - FAILURE_MEMORY,
    ).count()
    beyond = failures - settings.LOGIN_FAILURE_LIMIT
    if beyond < 0:
        return window
    return min(FIRST_WAIT * (1 << min(beyond, 20)), LONGEST_WAIT)


def sign_in_is_throttled(*, request: HttpRequest, email: str) -> bool:
    return not AxesProxyHandler.is_allowed(request, {"username": normalize_email(email)})


def sign_in_just_throttled(request: HttpRequest | None) -> bool:
    """Whether the failure just recorded for this request reached the limit."""
    return bool(getattr(request, "axes_locked_out", False))


def sign_in_throttled_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    """django-axes' lockout answer: the sign-in page itself, which already says why (forms.py)."""
    if original_response is None:  # pragma: no cover - axes always passes the page on sync requests
        return HttpResponse(status=429)
    original_response.status_code = 429
    return original_response


def password_reset_may_send(*, email: str, ip_address: str | None) -> bool:
    """At most one reset mail per account per interval, and a cap per client address per hour."""
    now = timezone.now()
    recent_mail = PasswordResetRequest.objects.filter(
        email=normalize_email(email),
        sent=True,
        at__gte=now - datetime.timedelta(seconds=settings.PASSWORD_RESET_EMAIL_INTERVAL_SECONDS),
    )
    if recent_mail.exists():
        return False
    if ip_address is None:
        return True
    from_client = PasswordResetRequest.objects.filter(
        ip_address=ip_address, at__gte=now - datetime.timedelta(hours=1)
    ).count()
    return from_client < settings.PASSWORD_RESET_CLIENT_LIMIT_PER_HOUR
