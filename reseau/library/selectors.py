"""Reads of the library, keyword-only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from reseau.core.text import fold_for_search
from reseau.library.models import Document, DocumentVersion
from reseau.registry.models import Theme


@dataclass(frozen=True)
class LibraryFilters:
    q: str = ""
    kind: str = ""
    theme: Theme | None = None
    archived: bool = False

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> LibraryFilters:
        return cls(
            q=data.get("q") or "",
            kind=data.get("kind") or "",
            theme=data.get("theme"),
            archived=bool(data.get("archived")),
        )

    @property
    def any(self) -> bool:
        return bool(self.q or self.kind or self.theme)


def _latest_versions() -> Prefetch[Any]:
    # Without the text of the files: a list never shows it, and one report's text is a megabyte.
    versions = DocumentVersion.objects.defer("text", "search_text").order_by("-number")
    return Prefetch("versions", queryset=versions, to_attr="latest_versions")


def document_list(*, documents: QuerySet[Document], filters: LibraryFilters) -> QuerySet[Document]:
    """The library's rows: newest document date first; archived ones only when asked for."""
    documents = documents.filter(archived_at__isnull=not filters.archived)
    if filters.q:
        for word in fold_for_search(filters.q).split():
            documents = documents.filter(
                Q(search_text__contains=word)
                | Q(versions__search_text__contains=word)
                | Q(versions__name__icontains=word)
            )
        documents = documents.distinct()
    if filters.kind:
        documents = documents.filter(kind=filters.kind)
    if filters.theme is not None:
        documents = documents.filter(themes=filters.theme)
    return documents.select_related("network").prefetch_related(_latest_versions())


def documents_of(*, documents: QuerySet[Document], **link: Any) -> list[Document]:
    """A page's documents (an event's, a member's…), not archived, newest first."""
    return list(
        documents.filter(archived_at__isnull=True, **link)
        .prefetch_related(_latest_versions())
        .order_by("-document_date", "-created_at", "pk")
    )


def document_versions(*, document: Document) -> list[DocumentVersion]:
    return list(document.versions.select_related("uploaded_by").defer("text", "search_text").order_by("-number"))
