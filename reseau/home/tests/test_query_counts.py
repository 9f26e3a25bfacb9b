"""The home page's exact SQL query count for each reader, on a small and on a large network.

tests/test_query_budgets.py checks that counts stay under a budget and do not grow; this pins
them, so that one more query on the busiest page is a decision someone makes on purpose.
The small network has 10 members, the large one 500 (the same network after 490 more are
generated), as in tests/test_query_budgets.py.
"""

from __future__ import annotations

import pytest
from django.test import Client

from reseau.accounts.models import Role
from reseau.registry.models import Member, Network
from reseau.seeds.synthetic import generate_network
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SMALL, LARGE = 10, 500


def _network(size: int) -> Network:
    network = generate_network(members=SMALL, network_code="counted", seed=1)
    if size > SMALL:
        generate_network(members=size - SMALL, network_code="counted", seed=1)
    return network


def _client(role: str, network: Network) -> Client:
    client = Client()
    if role == "coordinator":
        client.force_login(UserFactory(role=Role.COORDINATOR, network=network))
    elif role == "focal_point":
        member = Member.objects.filter(network=network).order_by("pk").first()
        client.force_login(UserFactory(role=Role.FOCAL_POINT, network=network, member=member))
    # Caches filled once per process (content types, translations) are filled before counting.
    client.get("/")
    return client


# (role, network size, queries)
HOME_QUERIES = [
    # No session: the networks, the themes, the upcoming events (singles, series, moved dates).
    ("anonymous", SMALL, 5),
    ("anonymous", LARGE, 5),
    # Session and user, whether the registry says the reader is a woman (the role's form), the
    # events (3), focal points and late ones, dues and their count, overdue next steps and their
    # count, overdue decisions and their count.
    ("coordinator", SMALL, 14),
    ("coordinator", LARGE, 14),
    # Session and user, the role's form, the events with its delegation (3), its own member, its
    # overdue decisions and their count.
    ("focal_point", SMALL, 9),
    ("focal_point", LARGE, 9),
]


@pytest.mark.heavy
@pytest.mark.parametrize(("role", "size", "queries"), HOME_QUERIES)
def test_the_home_page_makes_exactly_so_many_queries(role, size, queries, django_assert_num_queries):
    client = _client(role, _network(size))
    with django_assert_num_queries(queries):
        response = client.get("/")
    assert response.status_code == 200
