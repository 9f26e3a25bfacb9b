from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from reseau.accounts.models import FailedLogin, Role, User, normalize_email
from reseau.accounts.tasks import deliver_email
from reseau.audit.models import AuditEvent
from reseau.audit.services import audit_record
from reseau.registry.models import Member, Network


@transaction.atomic
def user_invite(
    *,
    invited_by: Any,
    email: str,
    full_name: str,
    role: str,
    network: Network | None,
    member: Member | None,
    language: str,
    site_url: str,
) -> User:
    """Create an account without a password and e-mail a link to choose one."""
    user = User(
        email=normalize_email(email),
        full_name=full_name,
        role=role,
        network=network,
        member=member,
        language=language,
        is_staff=role == Role.SECRETARIAT,
        is_superuser=role == Role.SECRETARIAT,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    audit_record(actor=invited_by, instance=user, subject=user, action=AuditEvent.Action.CREATED)
    link = site_url.rstrip("/") + reverse(
        "accounts:welcome",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {"user": user, "link": link, "invited_by": invited_by}
        subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
        body = render_to_string("accounts/email/invitation_body.txt", context)
    transaction.on_commit(lambda: deliver_email(subject=subject, body=body, to=[user.email]))
    return user


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
