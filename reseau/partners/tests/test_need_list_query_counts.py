"""The list of members' needs takes a fixed number of queries, on a small and a large network.

This pins the number itself (as reseau/registry/tests/test_query_counts.py does for the
directory), so that one more query per page is a decision, not an accident.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reseau.accounts.models import Role
from reseau.partners.models import MemberNeed, NeedKind, NeedStatus
from reseau.registry.models import Member, Network
from reseau.seeds.synthetic import generate_network
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("partners:need_list")

# The session, the account, the members of the filter, the needs counted for the pager, the
# page of needs with their member, network and owner (run with -vv to list them).
NEED_LIST_QUERIES = 5


def _add_needs(network: Network, *, per_member: int, owner) -> None:
    statuses = list(NeedStatus)
    kinds = list(NeedKind)
    needs = []
    for n, member in enumerate(Member.objects.filter(network=network).order_by("pk")):
        for k in range(per_member):
            status = statuses[(n + k) % len(statuses)]
            closed = status in NeedStatus.closed()
            needs.append(
                MemberNeed(
                    member=member,
                    kind=kinds[(n + k) % len(kinds)],
                    title=f"Need {n}-{k}",
                    expressed_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=k),
                    status=status,
                    owner=owner if k % 2 else None,
                    due=datetime.date(2024, 6, 1) if k % 3 == 0 else None,
                    answer="Answered." if closed else "",
                    answered_on=datetime.date(2024, 7, 1) if closed else None,
                )
            )
    MemberNeed.objects.bulk_create(needs)


@pytest.mark.heavy
@pytest.mark.parametrize(("members", "per_member"), [(10, 2), (300, 4)], ids=["small network", "large network"])
@pytest.mark.parametrize("query", ["", "?status=open", "?kind=training&member=", "?page=2"])
def test_the_need_list_takes_a_fixed_number_of_queries(members, per_member, query, django_assert_num_queries):
    network = generate_network(members=members, network_code="needs", seed=1)
    coordinator = UserFactory(role=Role.COORDINATOR, network=network)
    _add_needs(network, per_member=per_member, owner=coordinator)
    client = Client()
    client.force_login(coordinator)
    with django_assert_num_queries(NEED_LIST_QUERIES):
        response = client.get(f"{URL}{query}")
    assert response.status_code == 200


@pytest.mark.heavy
def test_the_secretariat_reads_the_list_in_as_many_queries():
    network = generate_network(members=50, network_code="needs", seed=1)
    _add_needs(network, per_member=3, owner=None)
    client = Client()
    client.force_login(UserFactory(role=Role.SECRETARIAT))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    assert len(queries) == NEED_LIST_QUERIES
