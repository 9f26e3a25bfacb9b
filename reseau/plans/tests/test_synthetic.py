from __future__ import annotations

import datetime
import itertools

import pytest
from django.utils import timezone

from reseau.plans.models import Activity, ActivityProgress, Axis, Plan, ReportingPeriod
from reseau.plans.synthetic import generate_plans, quarters
from reseau.registry.models import Member, Network
from reseau.seeds.synthetic import generate_network

pytestmark = pytest.mark.django_db

PS = ActivityProgress.Status
# The order a row's status may take over the quarters.
RANK = {PS.NOT_STARTED: 0, PS.ONGOING: 1, PS.DONE: 2, PS.DROPPED: 2}


def _network(code: str, members: int = 20, seed: int = 0) -> Network:
    return generate_network(members=members, network_code=code, seed=seed, projects=0, plans_activities=0)


def _rows(plan: Plan) -> list[object]:
    """What a plan holds, without primary keys."""
    activities = [
        (a.number, a.axis.number, a.title_en, a.title_fr, a.planned_start, a.planned_end)
        for a in plan.activities.select_related("axis").order_by("number")
    ]
    progress = list(
        ActivityProgress.objects.filter(activity__plan=plan)
        .order_by("activity__number", "period__starts_on")
        .values_list("activity__number", "period__label", "status", "achieved", "planned", "suggestions")
    )
    return [plan.title_en, activities, progress]


def test_quarters_end_with_the_current_one():
    assert quarters(datetime.date(2025, 2, 10), 3) == [
        ("2024-Q3", datetime.date(2024, 7, 1), datetime.date(2024, 9, 30)),
        ("2024-Q4", datetime.date(2024, 10, 1), datetime.date(2024, 12, 31)),
        ("2025-Q1", datetime.date(2025, 1, 1), datetime.date(2025, 3, 31)),
    ]
    assert [label for label, _, _ in quarters(datetime.date(2024, 12, 31), 12)][::4] == [
        "2022-Q1",
        "2023-Q1",
        "2024-Q1",
    ]


def test_a_plan_with_axes_activities_and_progress():
    network = _network("plans-test", seed=3)
    plan = generate_plans(network=network, activities=120, periods=8, seed=1)
    assert plan is not None
    assert plan.network == network
    plan.full_clean()
    today = timezone.localdate()

    periods = list(ReportingPeriod.objects.filter(network=network).order_by("starts_on"))
    assert len(periods) == 8
    assert {p.kind for p in periods} == {ReportingPeriod.Kind.QUARTER}
    assert periods[-1].starts_on <= today <= periods[-1].ends_on
    assert (plan.starts_on, plan.ends_on) == (periods[0].starts_on, periods[-1].ends_on)

    axes = list(Axis.objects.filter(plan=plan))
    assert 3 <= len(axes) <= 5
    activities = list(Activity.objects.filter(plan=plan).select_related("axis").order_by("number"))
    assert [a.number for a in activities] == list(range(1, 121))
    # Each axis holds a block of consecutive numbers, as in the deck.
    assert [a.axis.number for a in activities] == sorted(a.axis.number for a in activities)
    assert {a.axis.number for a in activities} == {a.number for a in axes}
    member_ids = set(Member.objects.filter(network=network).values_list("pk", flat=True))
    for activity in activities:
        assert activity.title_en
        assert activity.title_fr
        assert activity.title_fr != activity.title_en
        assert activity.themes.exists()
        assert {m.pk for m in activity.members.all()} <= member_ids
        activity.full_clean()

    progress = list(ActivityProgress.objects.filter(activity__plan=plan).select_related("period", "activity"))
    assert len(progress) == 120 * 8
    assert {p.status for p in progress} >= {PS.NOT_STARTED, PS.ONGOING, PS.DONE}
    for _, rows in itertools.groupby(
        sorted(progress, key=lambda p: (p.activity.number, p.period.starts_on)), key=lambda p: p.activity.number
    ):
        statuses = [row.status for row in rows]
        assert len(statuses) == 8
        assert [RANK[s] for s in statuses] == sorted(RANK[s] for s in statuses)
    for row in progress[::37]:
        row.full_clean()
    assert all(p.achieved for p in progress if p.status == PS.ONGOING)


def test_deterministic_and_reruns_append_another_plan():
    first = _network("plans-a", seed=5)
    second = _network("plans-b", seed=5)
    a = generate_plans(network=first, activities=40, seed=7)
    b = generate_plans(network=second, activities=40, seed=7)
    assert a is not None
    assert b is not None
    assert (a.code, b.code) == ("plans-a-plan-000", "plans-b-plan-000")
    assert _rows(a) == _rows(b)
    other = generate_plans(network=_network("plans-c", seed=5), activities=40, seed=8)
    assert other is not None
    assert _rows(other) != _rows(a)

    again = generate_plans(network=first, activities=10, seed=7)
    assert again is not None
    assert again.code == "plans-a-plan-001"
    assert Plan.objects.filter(network=first).count() == 2
    # The quarters are the network's: the second plan reuses them.
    assert ReportingPeriod.objects.filter(network=first).count() == 12
    assert ActivityProgress.objects.filter(activity__plan=again).count() == 10 * 12


def test_nothing_on_request_and_bad_arguments():
    network = _network("plans-d")
    assert generate_plans(network=network, activities=0) is None
    assert not Plan.objects.filter(network=network).exists()
    with pytest.raises(ValueError, match="activities must not be negative"):
        generate_plans(network=network, activities=-1)
    with pytest.raises(ValueError, match="periods must be at least 1"):
        generate_plans(network=network, activities=5, periods=0)
    # A single activity, a single quarter.
    plan = generate_plans(network=network, activities=1, periods=1)
    assert plan is not None
    assert Axis.objects.filter(plan=plan).count() == 1
    assert ActivityProgress.objects.filter(activity__plan=plan).count() == 1


def test_five_hundred_activities_over_twelve_quarters_are_generated():
    # How long it takes is for the benchmarks (bench/); a timed unit test fails on a busy machine.
    network = _network("plans-big", members=50)
    plan = generate_plans(network=network, activities=500, periods=12, seed=0)
    assert plan is not None
    assert Activity.objects.filter(plan=plan).count() == 500
    assert ActivityProgress.objects.filter(activity__plan=plan).count() == 6000
