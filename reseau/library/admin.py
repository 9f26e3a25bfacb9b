from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin

from reseau.core.admin import AuditedModelAdmin
from reseau.library import fulltext
from reseau.library.models import Document, DocumentVersion


class VersionInline(admin.TabularInline[DocumentVersion, Document]):
    """Versions are added from the document's page (their files checked there); here they are read."""

    model = DocumentVersion
    extra = 0
    fields = ("number", "name", "size", "content_type", "uploaded_by", "uploaded_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Document | None = None) -> bool:
        return False


@admin.register(Document)
class DocumentAdmin(AuditedModelAdmin, TranslationAdmin[Document]):
    list_display = ["title", "network", "kind", "access", "document_date", "archived_at"]
    list_filter = ["network", "kind", "access"]
    search_fields = ["title_en", "title_fr"]
    filter_horizontal = ["themes", "members"]
    readonly_fields = ["created_by", "created_at", "archived_at"]
    inlines = [VersionInline]

    # Added on the library's page, where files are checked, and deleted there, where their files
    # leave the storage: the admin corrects what a document says.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Document | None = None) -> bool:
        return False

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """A title, a theme or a member corrected here is what the search finds next."""
        super().save_related(request, form, formsets, change)
        fulltext.document_index_update(document=form.instance)
