"""Reads of the library, keyword-only."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, TextField
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
    versions = DocumentVersion.objects.defer("text").order_by("-number")
    return Prefetch("versions", queryset=versions, to_attr="latest_versions")


def document_list(*, documents: QuerySet[Document], filters: LibraryFilters) -> QuerySet[Document] | fulltext.Ranked:
    """The library's rows: the best matches first when searching (``fulltext.Ranked``), else
    the newest document date first; archived ones only when asked for."""
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
    documents = documents.select_related("network").prefetch_related(_latest_versions())
    if filters.q:
        return fulltext.search(documents=documents, query=filters.q)
    return documents


def more_found_than_ranked(*, documents: QuerySet[Document] | fulltext.Ranked) -> bool:
    """Whether a search found more documents than it ranks (``fulltext.RANKED_MATCHES``)."""
    return isinstance(documents, fulltext.Ranked) and documents.more


def _with_language_codes(documents: QuerySet[Document]) -> QuerySet[Document]:
    # The list in the JSON field as text, the same on SQLite and PostgreSQL: '["en", "km"]'.
    return documents.alias(language_codes=Cast("languages", TextField()))


def _holds_language(language: str) -> Q:
    """Documents whose languages include this one (on ``_with_language_codes``)."""
    return Q(language_codes__contains=json.dumps(language))


def _with_language(documents: QuerySet[Document], language: str) -> QuerySet[Document]:
    return _with_language_codes(documents).filter(_holds_language(language))


def document_snippets(*, documents: Sequence[Document], query: str) -> None:
    """Give each document of a page of search results its ``search_snippet``: a passage with
    the words found marked (HTML-safe), or None."""
    found = fulltext.snippets(document_ids=[document.pk for document in documents], query=query) if query else {}
    for document in documents:
        document.search_snippet = found.get(document.pk)  # type: ignore[attr-defined]


# Each filter's name in the query string, and its label (a facet's title, a chosen filter's name).
FILTER_LABELS: dict[str, StrOrPromise] = {
    "kind": _("Type"),
    "theme": _("Theme"),
    "member": _("Member"),
    "year": _("Year"),
    "language": _("Language"),
}


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


class _Year(ExtractYear):
    """A date's year; on SQLite read from the stored text (Django's extract there is a Python
    function, called for each row)."""

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> tuple[str, Any]:
        sql, params = compiler.compile(self.lhs)
        return f"CAST(substr({sql}, 1, 4) AS INTEGER)", params


def library_facets(*, documents: QuerySet[Document] | fulltext.Ranked) -> list[Facet]:
    """How many of these documents (the reader's results) there are of each type, theme,
    member, year and language, most first (years newest first): three queries however many
    documents."""
    rows = documents.found() if isinstance(documents, fulltext.Ranked) else documents.order_by()
    kinds = dict(Document.Kind.choices)
    names = dict(Document.Language.choices)
    # Type and year in one query, a row for each pair, each with how many of its documents are
    # in each language: few rows however many documents (a row per list of languages was a row
    # per document, each decoded).
    codes = _with_language_codes(rows)
    in_language = {f"language_{code}": Count("pk", filter=_holds_language(code)) for code in names}
    combinations = (
        codes.annotate(year=_Year("document_date"))
        .values("kind", "year")
        .annotate(count=Count("pk"), **in_language)
        .order_by()
    )
    by_kind: Counter[str] = Counter()
    by_year: Counter[int] = Counter()
    languages: Counter[str] = Counter()
    row: dict[str, Any]
    for row in combinations:  # type: ignore[assignment]  # the stubs type these rows without the languages
        by_kind[row["kind"]] += row["count"]
        if row["year"] is not None:
            by_year[row["year"]] += row["count"]
        for code in names:
            languages[code] += row[f"language_{code}"]
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
    return [
        Facet(
            "kind",
            FILTER_LABELS["kind"],
            [FacetValue(kind, kinds.get(kind, kind), count) for kind, count in _most_first(by_kind)],
        ),
        Facet(
            "theme",
            FILTER_LABELS["theme"],
            [FacetValue(str(pk), _in_language(en, fr), count) for pk, en, fr, count in by_theme],
        ),
        Facet(
            "member",
            FILTER_LABELS["member"],
            [FacetValue(str(pk), _in_language(en, fr), count) for pk, en, fr, count in by_member],
        ),
        Facet(
            "year",
            FILTER_LABELS["year"],
            [FacetValue(str(year), str(year), by_year[year]) for year in sorted(by_year)[::-1]],
        ),
        Facet(
            "language",
            FILTER_LABELS["language"],
            [FacetValue(code, names[code], count) for code, count in _most_first(languages) if count],
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
    return list(document.versions.select_related("uploaded_by").defer("text").order_by("-number"))
