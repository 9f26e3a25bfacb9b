"""Reads of the library, keyword-only."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet, TextField
from django.db.models.functions import Cast, ExtractYear
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from reseau.library import fulltext
from reseau.library.models import Document, DocumentVersion
from reseau.registry.models import Member, Theme


@dataclass(frozen=True)
class LibraryFilters:
    q: str = ""
    kind: str = ""
    theme: Theme | None = None
    member: Member | None = None
    year: int | None = None
    language: str = ""
    archived: bool = False

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> LibraryFilters:
        return cls(
            q=data.get("q") or "",
            kind=data.get("kind") or "",
            theme=data.get("theme"),
            member=data.get("member"),
            year=data.get("year"),
            language=data.get("language") or "",
            archived=bool(data.get("archived")),
        )

    @property
    def any(self) -> bool:
        return bool(self.q or self.kind or self.theme or self.member or self.year or self.language)


def _latest_versions() -> Prefetch[Any]:
    # Without the text of the files: a list never shows it, and one report's text is a megabyte.
    versions = DocumentVersion.objects.defer("text", "search_text").order_by("-number")
    return Prefetch("versions", queryset=versions, to_attr="latest_versions")


def document_list(*, documents: QuerySet[Document], filters: LibraryFilters) -> QuerySet[Document]:
    """The library's rows: the best match first when searching (``fulltext``), else the newest
    document date first; archived ones only when asked for."""
    documents = documents.filter(archived_at__isnull=not filters.archived)
    if filters.kind:
        documents = documents.filter(kind=filters.kind)
    if filters.theme is not None:
        documents = documents.filter(themes=filters.theme)
    if filters.member is not None:
        documents = documents.filter(members=filters.member)
    if filters.year is not None:
        documents = documents.filter(document_date__year=filters.year)
    if filters.language:
        documents = _with_language(documents, filters.language)
    if filters.q:
        documents = fulltext.search(documents=documents, query=filters.q)
    return documents.select_related("network").prefetch_related(_latest_versions())


def _with_language(documents: QuerySet[Document], language: str) -> QuerySet[Document]:
    # The list in the JSON field as text, the same on SQLite and PostgreSQL: '["en", "km"]'.
    return documents.alias(language_codes=Cast("languages", TextField())).filter(
        language_codes__contains=json.dumps(language)
    )


def document_snippets(*, documents: Sequence[Document], query: str) -> None:
    """Give each document of a page of search results its ``search_snippet``: a passage with
    the words found marked (HTML-safe), or None."""
    found = fulltext.snippets(document_ids=[document.pk for document in documents], query=query) if query else {}
    for document in documents:
        document.search_snippet = found.get(document.pk)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class FacetValue:
    value: str  # as in the query string
    label: StrOrPromise
    count: int


@dataclass(frozen=True)
class Facet:
    name: str  # the filter's name in the query string
    label: StrOrPromise
    values: list[FacetValue] = field(default_factory=list)


def _in_language(english: str | None, french: str | None) -> str:
    first, second = (french, english) if (get_language() or "").startswith("fr") else (english, french)
    return first or second or ""


def _most_first(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def library_facets(*, documents: QuerySet[Document]) -> list[Facet]:
    """How many of these documents (the reader's results) there are of each type, theme,
    member, year and language, most first (years newest first): three queries however many
    documents."""
    rows = documents.order_by()
    kinds = dict(Document.Kind.choices)
    # Type, year and languages in one query: a row per combination, few however many documents.
    combinations = (
        rows.annotate(year=ExtractYear("document_date"))
        .values_list("kind", "year", "languages")
        .annotate(count=Count("pk"))
        .order_by()
    )
    by_kind: Counter[str] = Counter()
    by_year: Counter[int] = Counter()
    languages: Counter[str] = Counter()
    for kind, year, codes, count in combinations:
        by_kind[kind] += count
        if year is not None:
            by_year[year] += count
        for code in set(codes if isinstance(codes, list) else []):
            languages[code] += count
    by_theme = (
        rows.filter(themes__isnull=False)
        .values_list("themes", "themes__name_en", "themes__name_fr")
        .annotate(count=Count("pk"))
        .order_by("-count", "themes")
    )
    by_member = (
        rows.filter(members__isnull=False)
        .values_list("members", "members__name_en", "members__name_fr")
        .annotate(count=Count("pk"))
        .order_by("-count", "members")
    )
    names = dict(Document.Language.choices)
    return [
        Facet(
            "kind", _("Type"), [FacetValue(kind, kinds.get(kind, kind), count) for kind, count in _most_first(by_kind)]
        ),
        Facet(
            "theme",
            _("Theme"),
            [FacetValue(str(pk), _in_language(en, fr), count) for pk, en, fr, count in by_theme],
        ),
        Facet(
            "member",
            _("Member"),
            [FacetValue(str(pk), _in_language(en, fr), count) for pk, en, fr, count in by_member],
        ),
        Facet("year", _("Year"), [FacetValue(str(year), str(year), by_year[year]) for year in sorted(by_year)[::-1]]),
        Facet(
            "language",
            _("Language"),
            [FacetValue(code, names.get(code, code), count) for code, count in _most_first(languages)],
        ),
    ]


def documents_of(*, documents: QuerySet[Document], **link: Any) -> list[Document]:
    """A page's documents (an event's, a member's…), not archived, newest first."""
    return list(
        documents.filter(archived_at__isnull=True, **link)
        .prefetch_related(_latest_versions())
        .order_by("-document_date", "-created_at", "pk")
    )


def document_versions(*, document: Document) -> list[DocumentVersion]:
    return list(document.versions.select_related("uploaded_by").defer("text", "search_text").order_by("-number"))
