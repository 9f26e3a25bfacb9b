"""Reads of the logical framework: the results tree with its indicators, and an indicator's values.

The logframe page runs a fixed number of queries whatever the number of results,
indicators and values: one for the results, one for the indicators (the latest
approved value comes in through subqueries) and at most one per kind of computed
indicator.
"""

from __future__ import annotations

import datetime
import re
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from reseau.accounts.types import Viewer
from reseau.audit.models import AuditEvent
from reseau.audit.services import audit_subject_key
from reseau.logframe import access
from reseau.logframe.computed import computed_value
from reseau.logframe.models import Indicator, IndicatorValue, Result
from reseau.registry.models import Network

LEVEL_ORDER: dict[str, int] = {Result.Level.IMPACT: 0, Result.Level.OUTCOME: 1, Result.Level.OUTPUT: 2}
# The level a result contributes to: an outcome to an impact, an output to an outcome.
PARENT_LEVEL: dict[str, str] = {Result.Level.OUTCOME: Result.Level.IMPACT, Result.Level.OUTPUT: Result.Level.OUTCOME}

_DIGITS = re.compile(r"(\d+)")


def natural_key(code: str) -> tuple[Any, ...]:
    """Sort codes as people read them: OP1.2 before OP1.10."""
    return tuple(int(part) if part.isdigit() else part.casefold() for part in _DIGITS.split(code))


def network_today(network: Network) -> datetime.date:
    """Today's date where the network is: computed values and measured values are dated in its time zone."""
    try:
        return timezone.localdate(timezone=zoneinfo.ZoneInfo(network.time_zone))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return timezone.localdate()


def figure(value: Decimal | None) -> str:
    """A value the way the reader writes numbers: "12", "12.50", "12 500" (no decimals when whole)."""
    if value is None:
        return ""
    places = 0 if value == value.to_integral_value() else 2
    return formats.number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


def figure_in_year(value: Decimal | None, year: int | None) -> str:
    """A baseline or a target: "12 (2023)"; "" when neither is set."""
    if value is None and year is None:
        return ""
    if year is None:
        return figure(value)
    shown = figure(value) if value is not None else "—"
    return _("%(value)s (%(year)s)") % {"value": shown, "year": year}


def disaggregation_labels(codes: Any) -> list[str]:
    labels = dict(Indicator.Disaggregation.choices)
    return [str(labels[code]) for code in Indicator.Disaggregation.values if code in (codes or [])]


def breakdown_items(breakdown: Any) -> list[tuple[str, str]]:
    """(label, value) pairs of a value's breakdown, for display."""
    if not isinstance(breakdown, dict):
        return []
    items: list[tuple[str, str]] = []
    sexes = {"women": _("Women"), "men": _("Men")}
    for key, label in sexes.items():
        if key in breakdown:
            items.append((str(label), str(breakdown[key])))
    for key in (Indicator.Disaggregation.COUNTRY, Indicator.Disaggregation.MEMBER):
        entries = breakdown.get(key)
        if isinstance(entries, dict):
            items.extend((str(name), str(number)) for name, number in entries.items())
    return items


class ComputedValues:
    """The platform's computed values, each worked out once per computation, network and date."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, int, datetime.date], Decimal] = {}

    def get(self, computation: str, network: Network, on: datetime.date) -> Decimal:
        key = (computation, network.pk, on)
        if key not in self._cache:
            self._cache[key] = computed_value(computation, network, on)
        return self._cache[key]


@dataclass
class IndicatorRow:
    indicator: Indicator
    baseline: str
    target: str
    latest_value: str
    latest_date: datetime.date | None
    computed: str | None
    disaggregation: list[str]
    drafts: int


@dataclass
class ResultNode:
    result: Result
    depth: int
    parent: Result | None
    indicators: list[IndicatorRow] = field(default_factory=list)

    @property
    def heading_level(self) -> int:
        return min(self.depth, 2) + 2


@dataclass
class Logframe:
    network: Network
    nodes: list[ResultNode]
    today: datetime.date

    @property
    def indicator_count(self) -> int:
        return sum(len(node.indicators) for node in self.nodes)


def _with_latest_approved(indicators: QuerySet[Indicator], *, count_drafts: bool) -> QuerySet[Indicator]:
    approved = IndicatorValue.objects.filter(indicator=OuterRef("pk"), status=IndicatorValue.Status.APPROVED).order_by(
        "-date", "-pk"
    )
    indicators = indicators.annotate(
        latest_value=Subquery(approved.values("value")[:1]),
        latest_date=Subquery(approved.values("date")[:1]),
    )
    if count_drafts:
        drafts = (
            IndicatorValue.objects.filter(indicator=OuterRef("pk"), status=IndicatorValue.Status.DRAFT)
            .order_by()
            .values("indicator")
            .annotate(n=Count("pk"))
            .values("n")
        )
        indicators = indicators.annotate(
            draft_count=Coalesce(Subquery(drafts, output_field=IntegerField()), 0),
        )
    return indicators


def indicator_row(
    indicator: Indicator, network: Network, *, today: datetime.date, computed: ComputedValues
) -> IndicatorRow:
    latest = getattr(indicator, "latest_value", None)
    return IndicatorRow(
        indicator=indicator,
        baseline=figure_in_year(indicator.baseline_value, indicator.baseline_year),
        target=figure_in_year(indicator.target_value, indicator.target_year),
        latest_value=figure(latest),
        latest_date=getattr(indicator, "latest_date", None),
        computed=figure(computed.get(indicator.computation, network, today)) if indicator.computation else None,
        disaggregation=disaggregation_labels(indicator.disaggregation),
        drafts=getattr(indicator, "draft_count", 0) or 0,
    )


def logframe_for(user: Viewer, network: Network, *, today: datetime.date) -> Logframe:
    """The network's results as a tree (impact → outcomes → outputs), depth first, each with its indicators."""
    results = list(Result.objects.filter(network=network))
    indicators = _with_latest_approved(
        access.indicators_visible_to(user).filter(result__network=network),
        count_drafts=access.sees_drafts(user),
    )
    computed = ComputedValues()
    by_result: dict[int, list[IndicatorRow]] = {}
    for indicator in sorted(indicators, key=lambda i: natural_key(i.code)):
        by_result.setdefault(indicator.result_id, []).append(
            indicator_row(indicator, network, today=today, computed=computed)
        )

    def order(result: Result) -> tuple[Any, ...]:
        return (LEVEL_ORDER.get(result.level, 9), natural_key(result.code), result.pk)

    known = {result.pk: result for result in results}
    children: dict[int, list[Result]] = {}
    roots: list[Result] = []
    for result in results:
        if result.parent_id is not None and result.parent_id in known and result.parent_id != result.pk:
            children.setdefault(result.parent_id, []).append(result)
        else:
            roots.append(result)

    nodes: list[ResultNode] = []
    seen: set[int] = set()

    def visit(result: Result, depth: int) -> None:
        if result.pk in seen:
            return
        seen.add(result.pk)
        parent = known.get(result.parent_id) if result.parent_id is not None else None
        nodes.append(ResultNode(result, depth, parent, by_result.get(result.pk, [])))
        for child in sorted(children.get(result.pk, []), key=order):
            visit(child, depth + 1)

    for root in sorted(roots, key=order):
        visit(root, 0)
    # A loop of parents (only possible through the admin) would leave results unreached: list them anyway.
    for result in sorted(results, key=order):
        visit(result, 0)
    return Logframe(network=network, nodes=nodes, today=today)


@dataclass
class ValueRow:
    value: IndicatorValue
    figure: str
    breakdown: list[tuple[str, str]]

    @property
    def is_draft(self) -> bool:
        return self.value.status == IndicatorValue.Status.DRAFT


def value_rows(user: Viewer, indicator: Indicator) -> list[ValueRow]:
    """The values over time, newest first, as far as the user may see them (one query)."""
    values = access.values_visible_to(user, indicator).select_related("recorded_by", "approved_by")
    return [
        ValueRow(value, figure(value.value), breakdown_items(value.breakdown))
        for value in values.order_by("-date", "-pk")
    ]


def indicator_history(indicator: Indicator, value_ids: list[int], *, limit: int = 50) -> QuerySet[AuditEvent]:
    """The changes to the indicator and its values (one query)."""
    indicator_type = ContentType.objects.get_for_model(Indicator)
    value_type = ContentType.objects.get_for_model(IndicatorValue)
    return (
        AuditEvent.objects.filter(subject=audit_subject_key(indicator.result))
        .filter(
            Q(content_type=indicator_type, object_id=str(indicator.pk))
            | Q(content_type=value_type, object_id__in=[str(pk) for pk in value_ids])
        )
        .select_related("content_type", "actor")
        .order_by("-at", "-pk")[:limit]
    )
