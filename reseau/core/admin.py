from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction

from reseau.audit.models import AuditEvent
from reseau.audit.services import audit_record, audit_snapshot


class AuditedModelAdmin(admin.ModelAdmin):
    """Changes made in the admin leave the same history rows as changes made in the app."""

    def audit_subject(self, obj: Any) -> models.Model:
        return obj

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            before = audit_snapshot(type(obj)._default_manager.get(pk=obj.pk)) if change else None
            super().save_model(request, obj, form, change)
            audit_record(
                actor=request.user,
                instance=obj,
                subject=self.audit_subject(obj),
                action=AuditEvent.Action.UPDATED if change else AuditEvent.Action.CREATED,
                before=before,
            )

    def delete_model(self, request: Any, obj: Any) -> None:
        with transaction.atomic():
            before = audit_snapshot(obj)
            subject = self.audit_subject(obj)
            audit_record(
                actor=request.user, instance=obj, subject=subject, action=AuditEvent.Action.DELETED, before=before
            )
            super().delete_model(request, obj)
