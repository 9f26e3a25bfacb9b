from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from reseau.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    list_display = ["at", "actor_label", "action", "object_repr", "subject"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "actor_label", "subject"]
    date_hierarchy = "at"

    # The history is a record: nobody edits or deletes it, the secretariat included.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False
