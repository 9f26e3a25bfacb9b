from __future__ import annotations

import pytest

from reseau.decisions.models import Decision, DecisionNote
from reseau.decisions.synthetic import generate_decisions
from reseau.plans.synthetic import generate_plans
from reseau.registry.models import Member, Network
from reseau.seeds.synthetic import generate_network

pytestmark = pytest.mark.django_db


def _network(code: str, members: int = 20, seed: int = 0) -> Network:
    return generate_network(members=members, network_code=code, seed=seed, projects=0, plans_activities=0)


def _rows(network: Network) -> list[object]:
    return list(
        Decision.objects.filter(network=network).order_by("pk").values_list("title_en", "kind", "status", "due_date")
    )


def test_a_register_linked_to_the_plan_s_activities():
    network = _network("decisions-test", seed=3)
    plan = generate_plans(network=network, activities=120, periods=8, seed=1)
    assert plan is not None
    generate_decisions(plan=plan, seed=1)
    member_ids = set(Member.objects.filter(network=network).values_list("pk", flat=True))

    decisions = list(Decision.objects.filter(network=network).prefetch_related("activities"))
    assert len(decisions) == 30
    for decision in decisions:
        assert decision.title_en
        assert decision.title_fr
        assert decision.activities.all()
        assert {a.plan_id for a in decision.activities.all()} == {plan.pk}
        assert decision.owner_member_id is None or decision.owner_member_id in member_ids
        decision.full_clean()
    assert any(d.is_overdue for d in decisions)
    assert any(d.status == Decision.Status.DONE for d in decisions)
    assert {d.kind for d in decisions} == set(Decision.Kind.values)
    assert DecisionNote.objects.filter(decision__network=network).exists()
    assert not DecisionNote.objects.filter(decision__network=network, decision__status=Decision.Status.OPEN).exists()


def test_deterministic():
    first = _network("decisions-a", seed=5)
    second = _network("decisions-b", seed=5)
    for network in (first, second):
        plan = generate_plans(network=network, activities=40, seed=7)
        assert plan is not None
        generate_decisions(plan=plan, seed=7)
    assert _rows(first)
    assert _rows(first) == _rows(second)


def test_the_network_generator_adds_a_register():
    network = generate_network(members=10, network_code="decisions-net", seed=2, projects=0, events=0)
    # 15 activities by default: at least three decisions.
    assert Decision.objects.filter(network=network).count() == 3
