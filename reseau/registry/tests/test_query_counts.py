"""The member directory's exact query count, on a small and a large network.

tests/test_query_budgets.py checks that the count stays within budget and does not
grow; this pins the number itself, so that one more query per page is a decision.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from reseau.accounts.models import Role
from reseau.registry.models import Network
from reseau.seeds.synthetic import generate_network
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("registry:member_directory")

# The session, the account, the countries of the filter, the members counted for the
# pager, the page of members with their status (run with -vv to list them).
DIRECTORY_QUERIES = 5


def _coordinator_of(network: Network) -> Client:
    client = Client()
    client.force_login(UserFactory(role=Role.COORDINATOR, network=network))
    return client


@pytest.mark.heavy
@pytest.mark.parametrize("members", [10, 500], ids=["small network", "large network"])
def test_the_member_directory_takes_a_fixed_number_of_queries(members, django_assert_num_queries):
    network = generate_network(members=members, network_code="directory", seed=1)
    client = _coordinator_of(network)
    with django_assert_num_queries(DIRECTORY_QUERIES):
        response = client.get(URL)
    assert response.status_code == 200
