"""Reads of projects for the list, the board, the export and the member page.

Each runs a fixed number of queries, however many projects there are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from reseau.core.spreadsheet_labels import choice_label, yes_no
from reseau.core.text import translated
from reseau.projects.models import Project, Stage
from reseau.registry.models import Member, Theme

# The board shows this many cards per stage; the list, filtered by that stage, shows them all.
BOARD_CARDS_PER_STAGE = 50

_Membership = Project.members.through

LIST_SEPARATOR = ";"
# The export's headers, in the reader's language (a project's code is not shown to people).
EXPORT_COLUMNS: tuple[Promise, ...] = (
    _("Title (English)"),
    _("Title (French)"),
    _("Stage"),
    _("Lead member"),
    _("Members"),
    _("Themes"),
    _("Start date"),
    _("End date"),
    _("Dates estimated"),
    _("Total budget"),
    _("Currency"),
)


def _stage_text(project: Project) -> str:
    """The stage as the export writes it: "Design (estimated)" when deduced from a source."""
    label = choice_label(Stage, project.stage)
    return pgettext("stage", "%(value)s (estimated)") % {"value": label} if project.stage_estimated else label


def export_header() -> list[str]:
    return [str(label) for label in EXPORT_COLUMNS]


@dataclass(frozen=True)
class ProjectFilters:
    q: str = ""
    stage: str = ""
    theme: str = ""
    country: str = ""
    member: str = ""

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> ProjectFilters:
        """Keeps the known filters from a form's cleaned data (a filter whose value was refused is left out)."""
        return cls(**{name: data.get(name) or "" for name in cls.__dataclass_fields__})


def filter_projects(projects: QuerySet[Project], filters: ProjectFilters) -> QuerySet[Project]:
    # Each word of the search must appear in the code or in the title in either language.
    for word in filters.q.split():
        projects = projects.filter(Q(code__icontains=word) | Q(title_en__icontains=word) | Q(title_fr__icontains=word))
    if filters.stage:
        projects = projects.filter(stage=filters.stage)
    if filters.theme:
        # Exists rather than a join: a project is listed once, whatever it is tagged with.
        tagged = Project.themes.through.objects.filter(project_id=OuterRef("pk"), theme__code=filters.theme)
        projects = projects.filter(Exists(tagged))
    if filters.country:
        projects = projects.filter(lead_member__country__code=filters.country)
    if filters.member:
        joined = _Membership.objects.filter(project_id=OuterRef("pk"), member__slug=filters.member)
        projects = projects.filter(Q(lead_member__slug=filters.member) | Q(Exists(joined)))
    return projects


def _members_count() -> Coalesce:
    counted = (
        _Membership.objects.filter(project_id=OuterRef("pk"))
        .order_by()
        .values("project_id")
        .annotate(n=Count("pk"))
        .values("n")  # type: ignore[misc]  # annotated just above; the plugin cannot see it
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def project_list(projects: QuerySet[Project], filters: ProjectFilters) -> QuerySet[Project]:
    """The rows of the list: lead member and country, themes, and the number of participating members."""
    return (
        filter_projects(projects, filters)
        .select_related("lead_member__country")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.all()))
        .annotate(members_count=_members_count())
        .order_by("code")
    )


def export_rows(projects: QuerySet[Project], filters: ProjectFilters) -> list[list[Any]]:
    """The export's rows, in the order of EXPORT_COLUMNS (three queries)."""
    rows = (
        filter_projects(projects, filters)
        .select_related("lead_member")
        .prefetch_related(
            Prefetch("members", queryset=Member.objects.only("pk", "name_en", "name_fr")),
            Prefetch("themes", queryset=Theme.objects.only("pk", "name_en", "name_fr")),
        )
        .order_by("code")
    )
    return [
        [
            translated(p, "title_en"),
            translated(p, "title_fr"),
            _stage_text(p),
            str(p.lead_member.name),
            LIST_SEPARATOR.join(sorted(str(m.name) for m in p.members.all())),
            LIST_SEPARATOR.join(sorted(str(t.name) for t in p.themes.all())),
            p.start_date,
            p.end_date,
            yes_no(p.dates_estimated),
            p.total_budget,
            p.currency,
        ]
        for p in rows
    ]


@dataclass(frozen=True)
class BoardColumn:
    stage: Stage
    count: int
    cards: list[Project]

    @property
    def hidden(self) -> int:
        """Projects at this stage beyond the cards shown."""
        return self.count - len(self.cards)


def board_columns(projects: QuerySet[Project], filters: ProjectFilters) -> list[BoardColumn]:
    """One column per stage in pipeline order (two queries); the longest-waiting projects first."""
    filtered = filter_projects(projects, filters)
    counts = {row["stage"]: row["n"] for row in filtered.order_by().values("stage").annotate(n=Count("pk"))}
    cards = (
        filtered.select_related("lead_member")
        .annotate(
            position=Window(RowNumber(), partition_by=[F("stage")], order_by=[F("stage_since").asc(), F("code").asc()])
        )
        .filter(position__lte=BOARD_CARDS_PER_STAGE)
        .order_by("stage_since", "code")
    )
    by_stage: dict[str, list[Project]] = {}
    for card in cards:
        by_stage.setdefault(card.stage, []).append(card)
    return [BoardColumn(stage=stage, count=counts.get(stage, 0), cards=by_stage.get(stage, [])) for stage in Stage]


def _of_member(member: Member) -> Q:
    """Projects the member leads or takes part in."""
    joined = _Membership.objects.filter(project_id=OuterRef("pk"), member_id=member.pk)
    return Q(lead_member_id=member.pk) | Q(Exists(joined))


def member_projects(projects: QuerySet[Project], member: Member) -> list[Project]:
    """Projects the member leads or takes part in, among those given (one query)."""
    return list(projects.filter(_of_member(member)).order_by("-stage_since", "code"))


def count_member_projects(projects: QuerySet[Project], member: Member) -> int:
    """How many of the given projects the member leads or takes part in (one COUNT query, none
    when ``projects`` is empty by construction)."""
    return projects.filter(_of_member(member)).count()
