"""The header's search box: one query across what the reader may see, each result with its kind.

Every kind is read through its own app's access helper (the same as its pages), so a search
never finds what the reader could not open. Each kind gives its first ``PER_KIND`` matches and
how many there are: one query for the rows, one for the count. Documents are found by the
library's full-text index (titles, metadata and the files' text, best match first); the other
kinds by every word being in one of their names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from reseau.accounts.types import Viewer
from reseau.core.search import words_filter
from reseau.decisions.access import decisions_visible_to
from reseau.events.access import events_visible_to
from reseau.library import fulltext
from reseau.library.access import documents_visible_to
from reseau.partners.access import organisations_visible_to
from reseau.plans.access import plans_visible_to
from reseau.plans.models import Activity
from reseau.projects.access import projects_visible_to
from reseau.registry.access import members_visible_to, people_visible_to

PER_KIND = 5
MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class Hit:
    label: str
    url: str
    detail: str = ""


@dataclass(frozen=True)
class Group:
    kind: Promise
    hits: list[Hit]
    count: int
    # More match than a search ranks (the library's ``fulltext.RANKED_MATCHES``): ``count`` is that many.
    more: bool = False
    # The page with every match of this kind, its own filters beside them, and its link's words.
    all_url: str = ""
    all_label: Promise | str = ""


@dataclass(frozen=True)
class Kind:
    name: Promise
    rows: Callable[[Viewer], QuerySet[Any]]
    fields: Sequence[str]
    hit: Callable[[Any], Hit]
    # Columns that hold their text folded already (``core.search.words_filter``).
    folded: Sequence[str] = ()
    # A kind with an index of its own finds and orders its matches; the others match ``fields``.
    search: Callable[[QuerySet[Any], str], fulltext.Ranked] | None = None
    # The kind's own search page for a query, and its link's words.
    search_page: Callable[[str], str] | None = None
    search_page_label: Promise | str = ""

    def matches(self, user: Viewer, query: str) -> QuerySet[Any] | fulltext.Ranked:
        if self.search is not None:
            return self.search(self.rows(user), query)
        return words_filter(self.rows(user), query, self.fields, folded=self.folded).order_by("pk")


def _activities(user: Viewer) -> QuerySet[Activity]:
    return Activity.objects.filter(plan__in=plans_visible_to(user)).select_related("plan")


def _person_hit(person: Any) -> Hit:
    url = f"{person.member.get_absolute_url()}#people" if person.member_id else ""
    return Hit(label=person.name, url=url, detail=person.member.name if person.member_id else person.organisation)


KINDS: list[Kind] = [
    Kind(
        _("Members"),
        lambda user: members_visible_to(user),
        [],
        lambda member: Hit(member.name, member.get_absolute_url(), member.name_local),
        folded=["search_text"],
    ),
    Kind(
        _("People"),
        lambda user: people_visible_to(user).select_related("member"),
        [],
        _person_hit,
        folded=["search_text"],
    ),
    Kind(
        _("Organisations"),
        lambda user: organisations_visible_to(user),
        ["name_en", "name_fr", "acronym"],
        lambda organisation: Hit(str(organisation), organisation.get_absolute_url()),
    ),
    Kind(
        _("Projects"),
        lambda user: projects_visible_to(user),
        ["title_en", "title_fr"],
        lambda project: Hit(project.title, project.get_absolute_url()),
    ),
    Kind(
        _("Events"),
        lambda user: events_visible_to(user),
        ["title_en", "title_fr"],
        lambda event: Hit(event.title, event.get_absolute_url()),
    ),
    Kind(
        _("Plan activities"),
        _activities,
        ["title_en", "title_fr"],
        lambda activity: Hit(
            activity.title,
            reverse("plans:activity_detail", kwargs={"code": activity.plan.code, "number": activity.number}),
            activity.plan.title,
        ),
    ),
    Kind(
        _("Decisions"),
        lambda user: decisions_visible_to(user),
        ["title_en", "title_fr"],
        lambda decision: Hit(decision.title, decision.get_absolute_url()),
    ),
    Kind(
        _("Documents"),
        lambda user: documents_visible_to(user).filter(archived_at__isnull=True),
        [],
        lambda document: Hit(document.title, document.get_absolute_url(), document.get_kind_display()),
        search=lambda documents, query: fulltext.search(documents=documents, query=query),
        search_page=lambda query: f"{reverse('library:document_list')}?{urlencode({'q': query})}",
        search_page_label=_("Every document found, in the library, with its filters"),
    ),
]


def search_everything(*, user: Viewer, query: str) -> list[Group]:
    """The kinds with at least one match, in the order of ``KINDS``."""
    query = query.strip()[:MAX_QUERY_LENGTH]
    groups = []
    for kind in KINDS:
        matches = kind.matches(user, query)
        hits = [kind.hit(row) for row in matches[:PER_KIND]]
        if hits:
            count = len(hits) if len(hits) < PER_KIND else matches.count()
            more = isinstance(matches, fulltext.Ranked) and matches.more
            groups.append(
                Group(
                    kind=kind.name,
                    hits=hits,
                    count=fulltext.RANKED_MATCHES if more else count,
                    more=more,
                    all_url=kind.search_page(query) if kind.search_page else "",
                    all_label=kind.search_page_label,
                )
            )
    return groups
