from django.contrib import admin

from reseau.exchange.models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
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
    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
