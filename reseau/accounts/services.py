from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from reseau.accounts.models import FailedLogin, User, normalize_email


def login_is_throttled(*, email: str, ip_address: str | None) -> bool:
    since = timezone.now() - datetime.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    recent = FailedLogin.objects.filter(at__gte=since)
    limit = settings.LOGIN_FAILURE_LIMIT
    if recent.filter(email=normalize_email(email)).count() >= limit:
        return True
    # One address guessing many accounts is throttled too, more loosely (offices share an address).
    return ip_address is not None and recent.filter(ip_address=ip_address).count() >= limit * 4


def login_failure_record(*, email: str, ip_address: str | None) -> None:
    FailedLogin.objects.create(email=normalize_email(email)[:254], ip_address=ip_address)


def login_failures_clear(*, email: str) -> None:
    FailedLogin.objects.filter(email=normalize_email(email)).delete()


def user_language_set(*, user: User, language: str) -> bool:
    """Remember the interface language on the account; returns whether it changed."""
    if user.language == language:
        return False
    user.language = language
    user.save(update_fields=["language"])
    return True
