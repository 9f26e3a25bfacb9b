"""The plan table's exact SQL query count, on a small plan and on a large one.

test_plan_query_counts.py checks that the count stays under a budget and does not grow with
the plan; this pins it, so that one more query is a decision someone makes on purpose. The
networks are built as in tests/test_query_budgets.py: 10 members (a plan of 15 activities),
then 490 more (a second plan of 245 activities), each activity reported on over 12 quarters.
"""

from __future__ import annotations

import pytest
from django.test import Client

from reseau.accounts.models import Role
from reseau.plans.models import Plan
from reseau.registry.models import Member, Network
from reseau.seeds.synthetic import generate_network
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SMALL, LARGE = 10, 500
# The activities of the largest plan of each network.
ACTIVITIES = {SMALL: 15, LARGE: 245}


def _largest_plan(size: int) -> Plan:
    network: Network = generate_network(members=SMALL, network_code="tabled", seed=1)
    if size > SMALL:
        generate_network(members=size - SMALL, network_code="tabled", seed=1)
    plans = Plan.objects.filter(network=network)
    return max(plans, key=lambda plan: plan.activities.count())


def _client(role: str, plan: Plan) -> Client:
    client = Client()
    if role == "coordinator":
        client.force_login(UserFactory(role=Role.COORDINATOR, network=plan.network))
    else:
        member = Member.objects.filter(network=plan.network).order_by("pk").first()
        client.force_login(UserFactory(role=Role.FOCAL_POINT, network=plan.network, member=member))
    # Caches filled once per process (content types, translations) are filled before counting.
    client.get(plan.get_absolute_url())
    return client


# (role, network size, queries)
PLAN_TABLE_QUERIES = [
    # Session and user, the plan, its periods, the periods with progress, the axes, the
    # period's progress, the activities, their themes: the same whatever their number.
    ("coordinator", SMALL, 9),
    ("coordinator", LARGE, 9),
    ("focal_point", SMALL, 9),
    ("focal_point", LARGE, 9),
]


@pytest.mark.heavy
@pytest.mark.parametrize(("role", "size", "queries"), PLAN_TABLE_QUERIES)
def test_the_plan_table_makes_exactly_so_many_queries(role, size, queries, django_assert_num_queries):
    plan = _largest_plan(size)
    assert plan.activities.count() == ACTIVITIES[size]
    client = _client(role, plan)
    with django_assert_num_queries(queries):
        response = client.get(plan.get_absolute_url())
    assert response.status_code == 200
