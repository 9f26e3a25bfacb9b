"""Writes to the decisions register; each leaves a history row."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reseau.accounts.types import Actor
from reseau.core.services import model_create, model_update
from reseau.decisions.models import Decision, DecisionNote
from reseau.events.models import Event
from reseau.registry.models import Network


def decision_create(*, actor: Actor, network: Network, data: Mapping[str, Any]) -> Decision:
    return model_create(instance=Decision(network=network), data=data, actor=actor)


def decision_update(*, actor: Actor, decision: Decision, data: Mapping[str, Any]) -> bool:
    return model_update(instance=decision, data=data, actor=actor)


def decision_note_add(*, actor: Actor, decision: Decision, data: Mapping[str, Any]) -> DecisionNote:
    author = actor if getattr(actor, "is_authenticated", False) else None
    return model_create(
        instance=DecisionNote(decision=decision, author=author), data=data, actor=actor, subject=decision
    )


def event_decision_create(*, actor: Actor, event: Event, data: Mapping[str, Any]) -> Decision:
    """A decision or action item written straight into the network's register, linked to the meeting."""
    values = dict(data)
    values.setdefault("meeting", event.title[:300])
    if event.local_start is not None:
        values.setdefault("meeting_date", event.local_start.date())
    values["event"] = event
    return decision_create(actor=actor, network=event.network, data=values)
