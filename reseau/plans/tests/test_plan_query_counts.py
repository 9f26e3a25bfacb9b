"""The plan pages' SQL query counts stay within budget and do not grow with the size of the plan."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from reseau.plans.models import Activity, ActivityProgress, Plan, ReportingPeriod
from tests.factories import AxisFactory, PlanFactory

pytestmark = pytest.mark.django_db

PAGE_QUERY_BUDGET = 15
STATUSES = list(ActivityProgress.Status.values)


def _quarters(network) -> list[ReportingPeriod]:
    """Twelve quarters: 2023-Q1 to 2025-Q4."""
    periods = []
    for year in (2023, 2024, 2025):
        for quarter in range(4):
            starts_on = datetime.date(year, 3 * quarter + 1, 1)
            ends_on = (
                datetime.date(year, 12, 31)
                if quarter == 3
                else datetime.date(year, 3 * quarter + 4, 1) - datetime.timedelta(days=1)
            )
            periods.append(
                ReportingPeriod(
                    network=network,
                    kind="quarter",
                    label=f"{year}-Q{quarter + 1}",
                    starts_on=starts_on,
                    ends_on=ends_on,
                )
            )
    return ReportingPeriod.objects.bulk_create(periods)


def _add_activities(plan: Plan, count: int, *, start: int, periods: list[ReportingPeriod]) -> None:
    """Activities spread over the plan's axes, with progress in every period."""
    axes = list(plan.axes.all())
    Activity.objects.bulk_create(
        Activity(
            plan=plan,
            axis=axes[n % len(axes)],
            number=n,
            title_en=f"Activity {n}",
            title_fr=f"Activité {n}",
        )
        for n in range(start, start + count)
    )
    added = Activity.objects.filter(plan=plan, number__gte=start, number__lt=start + count)
    ActivityProgress.objects.bulk_create(
        ActivityProgress(
            activity=activity,
            period=period,
            achieved=f"Achieved {activity.number} in {period.label}",
            planned=f"Planned {activity.number}",
            suggestions=f"Suggestion {activity.number}",
            status=STATUSES[(activity.number + index) % len(STATUSES)],
        )
        for activity in added
        for index, period in enumerate(periods)
    )


def _count(client: Client, path: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, f"{path}: {response.status_code}"
    return len(queries), response.content.decode()


@pytest.mark.heavy
def test_the_plan_table_query_count_does_not_grow_with_the_plan(world):
    network = world.hue.network
    plan = PlanFactory(
        network=network,
        code="rvase-2023-2025",
        status="validated",
        starts_on=datetime.date(2023, 1, 1),
        ends_on=datetime.date(2025, 12, 31),
    )
    for number in (1, 2, 3):
        AxisFactory(plan=plan, number=number, title_en=f"Axis {number}")
    periods = _quarters(network)
    assert len(periods) == 12
    _add_activities(plan, 15, start=1, periods=periods)

    table = plan.get_absolute_url()
    pages = [
        ("coordinator", table),
        ("coordinator", f"{table}?period=2024-Q2"),
        ("coordinator", f"{table}?period=2025-Q4&compare=2023-Q1"),
        ("secretariat", f"{table}?period=2024-Q3&compare=2024-Q2"),
        ("focal_point", table),
        ("focal_point", f"{table}?period=2023-Q1&compare=2025-Q4"),
        ("partner", table),
        ("coordinator", "/plans/"),
        ("partner", "/plans/"),
        ("coordinator", "/plans/periods/"),
        ("coordinator", f"/plans/{plan.code}/activities/3/"),
        ("focal_point", f"/plans/{plan.code}/activities/3/"),
        ("coordinator", f"/plans/{plan.code}/activities/3/progress/2024-Q1/"),
    ]
    clients = {role: world.client_for(role) for role, _path in pages}

    def measure() -> dict[str, int]:
        return {f"{role} {path}": _count(clients[role], path)[0] for role, path in pages}

    small = measure()
    _add_activities(plan, 485, start=16, periods=periods)
    assert Activity.objects.filter(plan=plan).count() == 500
    assert ActivityProgress.objects.count() == 500 * 12
    large = measure()

    # The pages measured are the full tables: every activity, with both periods' texts.
    _queries, page = _count(clients["coordinator"], f"{table}?period=2025-Q4&compare=2023-Q1")
    assert page.count('<tr id="activity-') == 500
    assert "Achieved 500 in 2025-Q4" in page
    assert "Achieved 500 in 2023-Q1" in page

    over_budget = {page: n for page, n in large.items() if n > PAGE_QUERY_BUDGET}
    assert not over_budget, f"pages over {PAGE_QUERY_BUDGET} queries: {over_budget}"
    grew = {page: (small[page], large[page]) for page in small if small[page] != large[page]}
    assert not grew, f"query counts that grew with the data: {grew}"
