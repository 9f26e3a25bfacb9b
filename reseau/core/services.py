"""Create and update any model with its history row, in one transaction.

Domain services (registry.services, …) call these so that every write is
validated the same way and leaves exactly one audit row.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.db import models, transaction

from reseau.audit.models import AuditEvent
from reseau.audit.services import Actor, Snapshot, audit_record, audit_snapshot

ModelT = TypeVar("ModelT", bound=models.Model)


@transaction.atomic
def model_create(
    *, instance: ModelT, data: Mapping[str, Any], actor: Actor, subject: models.Model | None = None
) -> ModelT:
    many_to_many = _set_fields(instance, data)
    instance.full_clean()
    instance.save()
    for name, values in many_to_many.items():
        getattr(instance, name).set(values)
    audit_record(
        actor=actor,
        instance=instance,
        subject=subject or instance,
        action=AuditEvent.Action.CREATED,
    )
    return instance


@transaction.atomic
def model_update(
    *, instance: ModelT, data: Mapping[str, Any], actor: Actor, subject: models.Model | None = None
) -> bool:
    """Apply ``data``; returns whether anything changed."""
    # Read the stored values: a bound ModelForm has already copied its input
    # onto ``instance`` while validating it.
    before = audit_snapshot(type(instance)._default_manager.get(pk=instance.pk))
    many_to_many = _set_fields(instance, data)
    instance.full_clean()
    instance.save()
    for name, values in many_to_many.items():
        getattr(instance, name).set(values)
    event = audit_record(
        actor=actor,
        instance=instance,
        subject=subject or instance,
        action=AuditEvent.Action.UPDATED,
        before=before,
    )
    return event is not None


@transaction.atomic
def model_delete(
    *, instance: models.Model, actor: Actor, subject: models.Model | None = None, before: Snapshot | None = None
) -> None:
    """Delete ``instance`` and keep, in the history of ``subject``, what it held.

    ``before`` replaces the stored snapshot when the history should show the record
    in other words than its fields (e.g. a contact as "person, role").
    """
    audit_record(
        actor=actor,
        instance=instance,
        subject=subject or instance,
        action=AuditEvent.Action.DELETED,
        before=before if before is not None else audit_snapshot(instance),
    )
    instance.delete()


def _set_fields(instance: models.Model, data: Mapping[str, Any]) -> dict[str, Any]:
    many_to_many = {}
    m2m_names = {f.name for f in instance._meta.many_to_many}
    for name, value in data.items():
        if name in m2m_names:
            many_to_many[name] = value
        else:
            setattr(instance, name, value)
    return many_to_many
