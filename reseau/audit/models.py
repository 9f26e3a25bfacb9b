from __future__ import annotations

import contextlib
import datetime
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# The stored "who" of a change made by the platform itself (jobs, imports without a person),
# and the beginning of the one of data loaded by a seed: people read them as words.
PLATFORM_LABEL = "system"
SEED_LABEL_PREFIX = "seed"


def actor_display(actor: object | None, label: str = "") -> str:
    """Who made a change, as people say it: the person's name (their e-mail only without one).

    ``actor`` is the account when it still exists (its ``str`` is the name, else the e-mail);
    ``label`` what was stored when the change was made.
    """
    if actor is not None:
        return str(actor)
    if not label or label == PLATFORM_LABEL:
        return gettext("Platform")
    if label.startswith(SEED_LABEL_PREFIX):
        return gettext("Platform (initial data)")
    return label


class AuditEvent(models.Model):
    """One change to one object: who, when, what changed (field by field)."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        UPDATED = "updated", _("updated")
        DELETED = "deleted", _("deleted")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept so the history still names the person after their account is deleted.
    actor_label = models.CharField(_("who"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    # The page on which this change is shown, e.g. "registry.member:12" for a change
    # to one of that member's people, dues or focal points.
    subject = models.CharField(max_length=100, db_index=True)
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("change")
        verbose_name_plural = _("history of changes")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"

    @property
    def who(self) -> str:
        """The person's name (the account read with ``select_related("actor")``), or the platform."""
        return actor_display(self.actor if self.actor_id is not None else None, self.actor_label)

    def field_changes(self) -> list[tuple[str, Any, Any]]:
        """(field label, old value, new value) for display."""
        model = self.content_type.model_class()
        rows = []
        for name, (old, new) in self.changes.items():
            label: Any = name
            field: Any = None
            if model is not None:
                with contextlib.suppress(FieldDoesNotExist):
                    field = model._meta.get_field(name)
                    label = getattr(field, "verbose_name", name)
            if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
                old, new = _localized_date(old), _localized_date(new)
            rows.append((label, old, new))
        return rows


def _localized_date(value: Any) -> Any:
    """Dates are stored as ISO text; show them the way the reader writes dates."""
    try:
        return date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
    except (TypeError, ValueError):
        return value
