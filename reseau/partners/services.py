"""Writes to the partner registry and to members' contacts and needs. Each leaves a history row
on the organisation's page, or on the member's for a member's interactions and needs."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reseau.accounts.types import Actor
from reseau.core.services import model_create, model_delete, model_update
from reseau.partners.models import (
    Interaction,
    MemberNeed,
    NeedStatus,
    Organisation,
    OrganisationContact,
    Relationship,
    StageChange,
)
from reseau.registry.models import Member, Network, Person


def organisation_create(*, actor: Actor, data: Mapping[str, Any]) -> Organisation:
    return model_create(instance=Organisation(), data=data, actor=actor)


def organisation_update(*, actor: Actor, organisation: Organisation, data: Mapping[str, Any]) -> bool:
    return model_update(instance=organisation, data=data, actor=actor)


def contact_add(*, actor: Actor, organisation: Organisation, person: Person, role: str) -> OrganisationContact:
    return model_create(
        instance=OrganisationContact(organisation=organisation),
        data={"person": person, "role": role},
        actor=actor,
        subject=organisation,
    )


def contact_remove(*, actor: Actor, contact: OrganisationContact) -> None:
    # The history names the person and their role, not the ids the row held.
    model_delete(
        instance=contact,
        actor=actor,
        subject=contact.organisation,
        before={"person": str(contact.person), "role": contact.role},
    )


@transaction.atomic
def relationship_set_stage(
    *,
    actor: Actor,
    organisation: Organisation,
    network: Network,
    stage: str,
    on: datetime.date | None = None,
    reason: str = "",
) -> Relationship:
    """Move the network's relationship to ``stage``, keeping the date and reason of the change."""
    on = on or timezone.localdate()
    relationship, created = Relationship.objects.select_for_update().get_or_create(
        organisation=organisation, network=network, defaults={"stage": stage, "since": on}
    )
    previous = "" if created else relationship.stage
    if not created and previous == stage:
        return relationship
    if not created:
        relationship.stage, relationship.since = stage, on
        relationship.full_clean()
        relationship.save(update_fields=["stage", "since"])
    StageChange.objects.create(
        relationship=relationship,
        from_stage=previous,
        to_stage=stage,
        on=on,
        reason=reason,
        changed_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    return relationship


def interaction_log(
    *, actor: Actor, organisation: Organisation, network: Network, data: Mapping[str, Any]
) -> Interaction:
    creator = actor if getattr(actor, "is_authenticated", False) else None
    return model_create(
        instance=Interaction(organisation=organisation, network=network, created_by=creator),
        data=data,
        actor=actor,
        subject=organisation,
    )


def member_interaction_log(*, actor: Actor, member: Member, data: Mapping[str, Any]) -> Interaction:
    """An interaction with a member, in the member's network; its history row is on the member."""
    return model_create(
        instance=Interaction(member=member, network_id=member.network_id, created_by=_user(actor)),
        data=data,
        actor=actor,
        subject=member,
    )


def interaction_update(*, actor: Actor, interaction: Interaction, data: Mapping[str, Any]) -> bool:
    return model_update(instance=interaction, data=data, actor=actor, subject=interaction.subject)


def _user(actor: Actor) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def need_record(*, actor: Actor, member: Member, data: Mapping[str, Any]) -> MemberNeed:
    """A need the member expressed, open until answered or declined."""
    return model_create(
        instance=MemberNeed(member=member, created_by=_user(actor)), data=data, actor=actor, subject=member
    )


def need_update(*, actor: Actor, need: MemberNeed, data: Mapping[str, Any]) -> bool:
    """Change a need; closing it here records who answered, as "Answer or decline" does."""
    data = dict(data)
    if data.get("status") in NeedStatus.closed() and "answered_by" not in data and need.answered_by_id is None:
        data["answered_by"] = _user(actor)
    return model_update(instance=need, data=data, actor=actor, subject=need.member)


def need_close(
    *,
    actor: Actor,
    need: MemberNeed,
    status: str,
    answer: str,
    answered_on: datetime.date | None = None,
) -> bool:
    """Answer or decline a need: the answer (or why it is declined) is required, and its date
    is neither before the need was expressed nor in the future."""
    if status not in NeedStatus.closed():
        raise ValidationError({"status": _("Choose “Answered” or “Declined”.")})
    return need_update(
        actor=actor,
        need=need,
        data={
            "status": status,
            "answer": answer.strip(),
            "answered_on": answered_on or timezone.localdate(),
            "answered_by": _user(actor),
        },
    )


def next_step_complete(*, actor: Actor, interaction: Interaction, done_on: datetime.date | None = None) -> bool:
    return interaction_update(
        actor=actor, interaction=interaction, data={"next_step_done_on": done_on or timezone.localdate()}
    )
