"""Reads of funding opportunities. Query counts here do not grow with the number of calls."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from reseau.funding.models import FundingOpportunity
from reseau.registry.models import Member


@dataclass(frozen=True)
class FundingFilters:
    q: str = ""
    status: str = ""
    theme: str = ""
    country: str = ""


def with_related(calls: QuerySet[FundingOpportunity]) -> QuerySet[FundingOpportunity]:
    """Everything a list row or a detail page shows, in a fixed number of queries."""
    return calls.select_related("donor", "network").prefetch_related(
        "themes",
        "eligible_countries",
        Prefetch("members", queryset=Member.objects.order_by("search_text")),
    )


def filter_opportunities(calls: QuerySet[FundingOpportunity], filters: FundingFilters) -> QuerySet[FundingOpportunity]:
    """The calls that pass the list's filters (no query of its own)."""
    if filters.q.strip():
        for word in filters.q.split():
            calls = calls.filter(Q(title_en__icontains=word) | Q(title_fr__icontains=word))
    if filters.status:
        calls = calls.filter(status=filters.status)
    if filters.theme:
        calls = calls.filter(themes__code=filters.theme)
    if filters.country:
        calls = calls.filter(eligible_countries__code=filters.country)
    return calls


def opportunity_list(
    calls: QuerySet[FundingOpportunity], filters: FundingFilters, *, today: datetime.date | None = None
) -> QuerySet[FundingOpportunity]:
    """Calls still to come first (soonest deadline first), then those without a date, then past ones."""
    today = today or timezone.localdate()
    calls = filter_opportunities(calls, filters)
    group = Case(
        When(closes_on__gte=today, then=Value(0)),
        When(closes_on__isnull=True, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    upcoming = Case(When(closes_on__gte=today, then=F("closes_on")))
    return with_related(calls).order_by(group, upcoming.asc(), F("closes_on").desc(), "title", "pk")


def open_deadlines(
    calls: QuerySet[FundingOpportunity], *, today: datetime.date | None = None
) -> QuerySet[FundingOpportunity]:
    """Calls still worth answering whose closing date has not passed, soonest first."""
    today = today or timezone.localdate()
    return (
        calls.filter(status__in=FundingOpportunity.OPEN_STATUSES, closes_on__gte=today)
        .select_related("donor", "network")
        .order_by("closes_on", "title", "pk")
    )
