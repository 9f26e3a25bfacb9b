from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from reseau.exchange.models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin[ImportBatch]):
    list_display = [
        "created_at",
        "file_name",
        "kind",
        "network",
        "created_by",
        "status",
        "valid_count",
        "invalid_count",
    ]
    list_select_related = ["network", "created_by"]
    list_filter = ["kind", "status", "network"]
    search_fields = ["file_name", "created_by__email"]
    date_hierarchy = "created_at"

    # An import is a record of what was uploaded and applied: nobody edits or deletes it.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ImportBatch | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ImportBatch | None = None) -> bool:
        return False
