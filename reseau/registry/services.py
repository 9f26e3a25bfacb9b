"""Writes to the registry. Each leaves one history row on the member's page."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.formats import date_format
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from reseau.accounts.models import Role, User, normalize_email
from reseau.accounts.tasks import deliver_email
from reseau.accounts.types import Actor
from reseau.audit.models import AuditEvent
from reseau.audit.services import audit_record, audit_snapshot
from reseau.core.services import model_create, model_update
from reseau.registry.models import (
    FocalPointAppointment,
    Mandate,
    Member,
    MembershipDues,
    Network,
    Person,
)


def member_create(*, actor: Actor, network: Network, data: Mapping[str, Any]) -> Member:
    return model_create(instance=Member(network=network), data=data, actor=actor)


def member_update(*, actor: Actor, member: Member, data: Mapping[str, Any]) -> bool:
    return model_update(instance=member, data=data, actor=actor)


def network_update(*, actor: Actor, network: Network, data: Mapping[str, Any]) -> bool:
    return model_update(instance=network, data=data, actor=actor)


def person_create(*, actor: Actor, member: Member, data: Mapping[str, Any]) -> Person:
    return model_create(instance=Person(member=member), data=data, actor=actor, subject=member)


def person_update(*, actor: Actor, person: Person, data: Mapping[str, Any]) -> bool:
    return model_update(instance=person, data=data, actor=actor, subject=person.member or person)


def mandate_create(*, actor: Actor, member: Member, data: Mapping[str, Any]) -> Mandate:
    return model_create(instance=Mandate(member=member), data=data, actor=actor, subject=member)


def mandate_update(*, actor: Actor, mandate: Mandate, data: Mapping[str, Any]) -> bool:
    return model_update(instance=mandate, data=data, actor=actor, subject=mandate.member)


@transaction.atomic
def focal_point_appoint(
    *,
    actor: Actor,
    member: Member,
    person: Person,
    kind: str,
    nominated_on: datetime.date,
) -> FocalPointAppointment:
    """Record a member's nomination; the focal point it replaces ends the day before."""
    current = (
        FocalPointAppointment.objects.select_for_update()
        .filter(member=member, kind=kind, ended_on__isnull=True)
        .first()
    )
    if current is not None:
        if current.person_id == person.pk:
            raise ValidationError({"person": _("This person already holds this role.")})
        if nominated_on <= current.nominated_on:
            raise ValidationError(
                {
                    "nominated_on": _("The nomination must come after that of the current holder (%(date)s).")
                    % {"date": date_format(current.nominated_on, "SHORT_DATE_FORMAT")}
                }
            )
        before = audit_snapshot(current)
        current.ended_on = nominated_on - datetime.timedelta(days=1)
        current.save(update_fields=["ended_on"])
        audit_record(
            actor=actor,
            instance=current,
            subject=member,
            action=AuditEvent.Action.UPDATED,
            before=before,
        )
    return model_create(
        instance=FocalPointAppointment(member=member),
        data={"person": person, "kind": kind, "nominated_on": nominated_on},
        actor=actor,
        subject=member,
    )


def focal_point_end(*, actor: Actor, appointment: FocalPointAppointment, ended_on: datetime.date) -> bool:
    return model_update(instance=appointment, data={"ended_on": ended_on}, actor=actor, subject=appointment.member)


def dues_record(*, actor: Actor, member: Member, data: Mapping[str, Any]) -> MembershipDues:
    return model_create(instance=MembershipDues(member=member), data=data, actor=actor, subject=member)


def dues_update(*, actor: Actor, dues: MembershipDues, data: Mapping[str, Any]) -> bool:
    return model_update(instance=dues, data=data, actor=actor, subject=dues.member)


@transaction.atomic
def user_invite(
    *,
    invited_by: User,
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
        subject = render_to_string("registry/email/invitation_subject.txt", context).strip()
        body = render_to_string("registry/email/invitation_body.txt", context)
    transaction.on_commit(lambda: deliver_email(subject=subject, body=body, to=[user.email]))
    return user
