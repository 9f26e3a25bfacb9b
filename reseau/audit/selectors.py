from __future__ import annotations

from django.db import models
from django.db.models import QuerySet

from reseau.audit.models import AuditEvent
from reseau.audit.services import audit_subject_key


def audit_events_for(subject: models.Model, *, limit: int = 50) -> QuerySet[AuditEvent]:
    """The most recent changes shown on a subject's page (one query)."""
    return (
        AuditEvent.objects.filter(subject=audit_subject_key(subject))
        .select_related("content_type", "actor")
        .order_by("-at", "-pk")[:limit]
    )
