"""Recording changes. Every service that writes a registry object calls these."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile
from modeltranslation.translator import NotRegistered, translator

from reseau.audit.models import PLATFORM_LABEL, AuditEvent

Snapshot = dict[str, Any]

# Whoever makes a change; None is the platform itself (seeds, jobs). Named by the account
# model's base class: audit sits below the accounts app and does not import it.
Actor = AbstractBaseUser | None


def _display_value(instance: models.Model, field: models.Field[Any, Any]) -> Any:
    if isinstance(field, models.ForeignKey):
        related = getattr(instance, field.name)
        return str(related) if related is not None else None
    value = field.value_from_object(instance)
    if isinstance(value, FieldFile):
        return value.name or None
    if field.choices and value not in (None, ""):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(field, models.DecimalField) and value is not None:
        # "1000" typed and "1000.00" read back are the same amount: show both with the
        # field's places, so that saving an unchanged amount records no change.
        return str(field.to_python(value).quantize(Decimal(1).scaleb(-field.decimal_places)))
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        # A list of choices (languages, countries…) is a set: its order is no change.
        choices = _list_choices(instance, field)
        return ", ".join(sorted({str(choices.get(v, v)) for v in value}))
    return value


def _list_choices(instance: models.Model, field: models.Field[Any, Any]) -> dict[Any, Any]:
    """The labels of a list field's values: its base field's choices, or the model's ``audit_choices()``.

    A model whose JSON list holds choices says so with a class method
    ``audit_choices() -> {field name: choices}``.
    """
    base = getattr(field, "base_field", None)  # an ArrayField
    if base is not None and base.choices:
        return dict(base.flatchoices)
    declared = getattr(type(instance), "audit_choices", None)
    choices = declared().get(field.name) if callable(declared) else None
    return dict(choices) if choices else {}


def audit_snapshot(instance: models.Model) -> Snapshot:
    """The values of an object's editable fields, as they would be shown."""
    try:
        # The untranslated column duplicates the default language: skip it.
        skipped = set(translator.get_options_for_model(type(instance)).all_fields)
    except NotRegistered:
        skipped = set()
    snapshot = {
        field.name: _display_value(instance, field)
        for field in instance._meta.concrete_fields
        if field.editable and not field.primary_key and field.name not in skipped
    }
    if instance.pk is not None:
        # Countries, themes, people…: a change to these alone is a change too.
        for field in instance._meta.many_to_many:
            related = getattr(instance, field.name).all()
            snapshot[field.name] = ", ".join(sorted(str(obj) for obj in related))
    return snapshot


def audit_record(
    *,
    actor: Actor,
    instance: models.Model,
    subject: models.Model,
    action: AuditEvent.Action,
    before: Snapshot | None = None,
) -> AuditEvent | None:
    """Write one history row; returns None when an update changed nothing."""
    after = audit_snapshot(instance) if action != AuditEvent.Action.DELETED else {}
    before = before or {}
    if action == AuditEvent.Action.UPDATED:
        changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
        if not changes:
            return None
    elif action == AuditEvent.Action.CREATED:
        changes = {k: [None, v] for k, v in after.items() if v not in (None, "", [])}
    else:
        changes = {k: [v, None] for k, v in before.items() if v not in (None, "", [])}
    # Typed as an account, but a view may still hand over an anonymous visitor: the
    # change is then the platform's, as for seeds and jobs.
    person = actor if actor is not None and actor.is_authenticated else None
    return AuditEvent.objects.create(
        # By key: the account model lives above this app.
        actor_id=person.pk if person is not None else None,
        # The name (``str`` of an account: its full name, else its e-mail), kept for when
        # the account is deleted.
        actor_label=str(person)[:254] if person is not None else PLATFORM_LABEL,
        action=action,
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        subject=audit_subject_key(subject),
        changes=changes,
    )


def audit_subject_key(subject: models.Model) -> str:
    return f"{subject._meta.label_lower}:{subject.pk}"
