from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models, transaction
from django.http import HttpRequest

from reseau.audit.models import AuditEvent
from reseau.audit.services import audit_record, audit_snapshot


def _actor(request: HttpRequest) -> AbstractBaseUser | None:
    return request.user if isinstance(request.user, AbstractBaseUser) else None


class AuditedModelAdmin(admin.ModelAdmin[Any]):
    """Changes made in the admin leave the same history rows as changes made in the app.

    Any model: each app's admin names its own in ``audit_subject``.
    """

    def audit_subject(self, obj: Any) -> models.Model:
        subject: models.Model = obj
        return subject

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            before = audit_snapshot(type(obj)._default_manager.get(pk=obj.pk)) if change else None
            super().save_model(request, obj, form, change)
            audit_record(
                actor=_actor(request),
                instance=obj,
                subject=self.audit_subject(obj),
                action=AuditEvent.Action.UPDATED if change else AuditEvent.Action.CREATED,
                before=before,
            )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            before = audit_snapshot(obj)
            subject = self.audit_subject(obj)
            audit_record(
                actor=_actor(request), instance=obj, subject=subject, action=AuditEvent.Action.DELETED, before=before
            )
            super().delete_model(request, obj)
