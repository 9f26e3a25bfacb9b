"""Reads of action plans for the list, the plan table and an activity's page.

Each runs a fixed number of queries, however many activities, periods and progress rows there are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from reseau.plans.models import Activity, ActivityProgress, Axis, Plan, ReportingPeriod
from reseau.registry.models import Network

# --- The list of plans --------------------------------------------------------------------


@dataclass(frozen=True)
class PlanFilters:
    q: str = ""
    kind: str = ""
    status: str = ""
    theme: str = ""

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> PlanFilters:
        """Keeps the known filters from a form's cleaned data (a filter whose value was refused is left out)."""
        return cls(**{name: data.get(name) or "" for name in cls.__dataclass_fields__})


@dataclass(frozen=True)
class PlanGroup:
    kind: Plan.Kind
    plans: list[Plan]


def filter_plans(plans: QuerySet[Plan], filters: PlanFilters) -> QuerySet[Plan]:
    # Each word of the search must appear in the code or in the title in either language.
    for word in filters.q.split():
        plans = plans.filter(Q(code__icontains=word) | Q(title_en__icontains=word) | Q(title_fr__icontains=word))
    if filters.kind:
        plans = plans.filter(kind=filters.kind)
    if filters.status:
        plans = plans.filter(status=filters.status)
    if filters.theme:
        plans = plans.filter(theme__code=filters.theme)
    return plans


def plans_by_kind(plans: QuerySet[Plan], filters: PlanFilters | None = None) -> list[PlanGroup]:
    """The plans grouped by kind (annual, thematic, road map), newest first in each (one query).

    Kinds without a plan are left out.
    """
    rows = filter_plans(plans, filters or PlanFilters()).select_related("theme", "network")
    by_kind: dict[str, list[Plan]] = {}
    for plan in rows.order_by("-starts_on", "code"):
        by_kind.setdefault(plan.kind, []).append(plan)
    return [PlanGroup(kind=kind, plans=by_kind[kind]) for kind in Plan.Kind if kind in by_kind]


# --- Reporting periods ---------------------------------------------------------------------


def periods_of(networks: QuerySet[Network] | list[Network]) -> QuerySet[ReportingPeriod]:
    return ReportingPeriod.objects.filter(network__in=networks).select_related("network")


def periods_overlapping(plan: Plan) -> list[ReportingPeriod]:
    """The network's periods that overlap the plan's period, oldest first (one query)."""
    return list(plan.covered_periods().order_by("starts_on", "ends_on", "label"))


def _latest(period: ReportingPeriod) -> tuple[Any, ...]:
    # The latest start; between two periods starting together, the longer (as the export chooses it).
    return (period.starts_on, period.ends_on, period.pk)


def default_period(plan: Plan, periods: list[ReportingPeriod]) -> ReportingPeriod | None:
    """The latest period with progress for this plan, else the latest of the periods given (one query)."""
    if not periods:
        return None
    with_progress = set(
        ActivityProgress.objects.filter(activity__plan=plan, period__in=[p.pk for p in periods])
        .order_by()
        .values_list("period_id", flat=True)
        .distinct()
    )
    candidates = [p for p in periods if p.pk in with_progress] or periods
    return max(candidates, key=_latest)


# --- The plan table ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodColumns:
    """A period shown in the table, with the names its columns go by on a phone (set by the view)."""

    period: ReportingPeriod
    achieved: str = ""
    planned: str = ""
    suggestions: str = ""
    status: str = ""


@dataclass
class ProgressCell:
    """An activity's progress in one period: None when nothing was recorded."""

    columns: PeriodColumns
    progress: ActivityProgress | None
    # For staff: the accessible name of the link to record it (set by the view).
    record_label: str = ""

    @property
    def period(self) -> ReportingPeriod:
        return self.columns.period


@dataclass
class ActivityRow:
    activity: Activity
    cells: list[ProgressCell] = field(default_factory=list)


@dataclass
class AxisRows:
    axis: Axis
    rows: list[ActivityRow] = field(default_factory=list)


def plan_table(plan: Plan, columns: Sequence[PeriodColumns]) -> list[AxisRows]:
    """The deck's table for one period (or two, side by side, to compare them): axes in order, each with
    its activities in number order and their progress in each period. Three queries, whatever the size."""
    axes = {axis.pk: AxisRows(axis=axis) for axis in Axis.objects.filter(plan=plan).order_by("number", "pk")}
    progress: dict[tuple[int, int], ActivityProgress] = {}
    if columns:
        rows = ActivityProgress.objects.filter(
            activity__plan=plan, period__in=[c.period.pk for c in columns]
        ).order_by()
        progress = {(row.activity_id, row.period_id): row for row in rows}
    for activity in Activity.objects.filter(plan=plan).order_by("number", "pk"):
        group = axes.get(activity.axis_id)
        if group is None:  # an axis of another plan: refused by the model, never shown
            continue
        cells = [ProgressCell(columns=c, progress=progress.get((activity.pk, c.period.pk))) for c in columns]
        group.rows.append(ActivityRow(activity=activity, cells=cells))
    return list(axes.values())


# --- An activity -------------------------------------------------------------------------------


def activity_progress(activity: Activity) -> list[ActivityProgress]:
    """The activity's progress in every period, newest period first (one query)."""
    return list(
        ActivityProgress.objects.filter(activity=activity)
        .select_related("period")
        .order_by("-period__ends_on", "-period__starts_on", "-pk")
    )
