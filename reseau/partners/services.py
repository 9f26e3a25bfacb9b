"""Writes to the partner registry. Each leaves a history row on the organisation's page."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from reseau.accounts.types import Actor
from reseau.core.services import model_create, model_delete, model_update
from reseau.partners.models import Interaction, Organisation, OrganisationContact, Relationship, StageChange
from reseau.registry.models import Network, Person


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


def interaction_update(*, actor: Actor, interaction: Interaction, data: Mapping[str, Any]) -> bool:
    return model_update(instance=interaction, data=data, actor=actor, subject=interaction.organisation)


def next_step_complete(*, actor: Actor, interaction: Interaction, done_on: datetime.date | None = None) -> bool:
    return interaction_update(
        actor=actor, interaction=interaction, data={"next_step_done_on": done_on or timezone.localdate()}
    )
