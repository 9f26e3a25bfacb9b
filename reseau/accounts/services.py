from __future__ import annotations

import datetime

from axes.models import AccessAttempt, AccessFailureLog
from django.utils import timezone

from reseau.accounts.models import PasswordResetRequest, User, normalize_email


def sign_in_failures_clear(*, email: str, ip_address: str | None = None) -> None:
    """Forget the account's sign-in failures: from one address after it signs in there, from
    every address once its password has been reset by e-mail (the way out of a long wait).
    Not audited: these counters are not the network's records."""
    email = normalize_email(email)
    attempts = AccessAttempt.objects.filter(username=email)
    failures = AccessFailureLog.objects.filter(username=email)
    if ip_address is not None:
        attempts = attempts.filter(ip_address=ip_address)
        failures = failures.filter(ip_address=ip_address)
    attempts.delete()
    failures.delete()


def password_reset_request_record(*, email: str, ip_address: str | None, sent: bool) -> None:
    """Count a reset request (not audited, like sign-in failures); requests older than a day
    count for nothing and are dropped here, so the table stays small."""
    PasswordResetRequest.objects.filter(at__lt=timezone.now() - datetime.timedelta(days=1)).delete()
    PasswordResetRequest.objects.create(email=normalize_email(email)[:254], ip_address=ip_address, sent=sent)


def user_language_set(*, user: User, language: str) -> bool:
    """Remember the interface language on the account; returns whether it changed."""
    if user.language == language:
        return False
    user.language = language
    user.save(update_fields=["language"])
    return True
