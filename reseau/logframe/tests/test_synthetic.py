from __future__ import annotations

import pytest
from django.utils import timezone

from reseau.logframe.models import Computation, Indicator, IndicatorValue, Result
from reseau.logframe.synthetic import generate_logframe
from reseau.plans.synthetic import generate_plans
from reseau.registry.models import Network
from reseau.seeds.synthetic import generate_network

pytestmark = pytest.mark.django_db


def _network(code: str, members: int = 20, seed: int = 0) -> Network:
    return generate_network(members=members, network_code=code, seed=seed, projects=0, plans_activities=0)


def _rows(network: Network) -> list[object]:
    """What a network's logframe holds, without primary keys."""
    return [
        list(Result.objects.filter(network=network).order_by("pk").values_list("code", "level", "title_en")),
        list(
            IndicatorValue.objects.filter(indicator__result__network=network)
            .order_by("pk")
            .values_list("indicator__code", "date", "value", "status")
        ),
    ]


def test_a_logframe_with_computed_and_counted_indicators():
    network = _network("logframe-test", seed=3)
    plan = generate_plans(network=network, activities=120, periods=8, seed=1)
    assert plan is not None
    generate_logframe(plan=plan, seed=1)
    today = timezone.localdate()
    axes = list(plan.axes.all())

    results = {r.code: r for r in Result.objects.filter(network=network)}
    assert len(results) == 1 + 3 * len(axes)
    assert results["IM1"].level == Result.Level.IMPACT
    indicators = list(Indicator.objects.filter(result__network=network))
    assert sorted(i.computation for i in indicators if i.computation) == sorted(Computation.values)
    counted = [i for i in indicators if not i.computation]
    assert len(counted) == 3 * len(axes)
    for indicator in indicators:
        indicator.full_clean()
    values = list(IndicatorValue.objects.filter(indicator__in=counted))
    assert len(values) == len(counted) * 8
    approved = [v for v in values if v.status == IndicatorValue.Status.APPROVED]
    assert approved
    assert len(approved) < len(values)
    for value in values:
        assert (value.approved_at is not None) == (value.status == IndicatorValue.Status.APPROVED)
        assert value.date < today
    assert not IndicatorValue.objects.filter(indicator__computation__gt="").exists()


def test_deterministic_and_a_second_logframe_does_not_clash():
    first = _network("logframe-a", seed=5)
    second = _network("logframe-b", seed=5)
    for network in (first, second):
        plan = generate_plans(network=network, activities=40, seed=7)
        assert plan is not None
        generate_logframe(plan=plan, seed=7)
    assert _rows(first) == _rows(second)

    again = generate_plans(network=first, activities=10, seed=7)
    assert again is not None
    generate_logframe(plan=again, seed=7)
    assert Result.objects.filter(network=first, code="IM1-1").exists()
    assert Result.objects.filter(network=first, code__endswith="-1").count() == 1 + 3 * again.axes.count()


def test_the_network_generator_adds_a_logframe():
    network = generate_network(members=10, network_code="logframe-net", seed=2, projects=0, events=0)
    assert Result.objects.filter(network=network, level=Result.Level.IMPACT).count() == 1
