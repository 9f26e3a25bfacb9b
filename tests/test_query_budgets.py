"""A page's SQL query count stays within budget and does not grow with the network.

Each page is measured on a network of 10 members, then again after 490 more are
added: the two counts must be equal and at most PAGE_QUERY_BUDGET.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from reseau.accounts.models import Role
from reseau.registry.models import Member, Network
from reseau.seeds.synthetic import generate_network
from tests.factories import UserFactory

PAGE_QUERY_BUDGET = 15

# (role, path builder) — path builders receive the first member of the network.
PAGES: list[tuple[str, Callable[[Member], str]]] = [
    ("anonymous", lambda m: "/"),
    ("anonymous", lambda m: f"/networks/{m.network.code}/"),
    ("anonymous", lambda m: "/themes/"),
    ("coordinator", lambda m: "/"),
    ("coordinator", lambda m: "/members/"),
    ("coordinator", lambda m: "/members/?q=thanh&kind=city"),
    ("coordinator", lambda m: "/members/?focal_point=late&dues=outstanding"),
    ("coordinator", lambda m: "/members/?page=2"),
    ("coordinator", lambda m: m.get_absolute_url()),
    ("coordinator", lambda m: f"/members/{m.slug}/edit/"),
    ("coordinator", lambda m: f"/members/{m.slug}/focal-points/new/"),
    ("coordinator", lambda m: f"/networks/{m.network.code}/"),
    ("coordinator", lambda m: "/accounts/invite/"),
    ("focal_point", lambda m: "/"),
    ("focal_point", lambda m: m.get_absolute_url()),
    ("partner", lambda m: "/members/"),
    ("secretariat", lambda m: "/"),
    ("secretariat", lambda m: "/members/"),
    ("anonymous", lambda m: "/news/public/"),
    ("coordinator", lambda m: "/news/"),
    ("coordinator", lambda m: f"/news/?member={m.slug}"),
    ("focal_point", lambda m: "/news/"),
    ("partner", lambda m: "/news/"),
]


def _count_queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, f"{path}: {response.status_code}"
    return len(queries)


@pytest.mark.heavy
@pytest.mark.django_db
def test_page_query_counts_do_not_grow_with_the_number_of_members():
    network: Network = generate_network(members=10, network_code="budget", seed=1)
    first = Member.objects.filter(network=network).order_by("pk").first()
    assert first is not None
    users = {
        "coordinator": UserFactory(role=Role.COORDINATOR, network=network),
        "focal_point": UserFactory(role=Role.FOCAL_POINT, network=network, member=first),
        "partner": UserFactory(role=Role.PARTNER, network=network),
        "secretariat": UserFactory(role=Role.SECRETARIAT, is_staff=True, is_superuser=True),
    }
    clients = {"anonymous": Client()}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)

    def measure() -> dict[str, int]:
        return {f"{role} {build(first)}": _count_queries(clients[role], build(first)) for role, build in PAGES}

    small = measure()
    generate_network(members=490, network_code="budget", seed=1)
    assert Member.objects.filter(network=network).count() == 500
    large = measure()

    over_budget = {page: n for page, n in large.items() if n > PAGE_QUERY_BUDGET}
    assert not over_budget, f"pages over {PAGE_QUERY_BUDGET} queries: {over_budget}"
    grew = {page: (small[page], large[page]) for page in small if small[page] != large[page]}
    assert not grew, f"query counts that grew from 10 to 500 members: {grew}"


PARTNER_PAGES: list[tuple[str, Callable[[Network], str]]] = [
    ("coordinator", lambda n: "/"),
    ("coordinator", lambda n: "/partners/"),
    ("coordinator", lambda n: "/partners/?q=bank&stage=identified"),
    ("coordinator", lambda n: _first_organisation_url(n)),
    ("coordinator", lambda n: "/funding/"),
    ("coordinator", lambda n: "/funding/deadlines/"),
    ("coordinator", lambda n: _first_call_url(n)),
    ("coordinator", lambda n: "/exchange/organisations/import/"),
    ("focal_point", lambda n: "/partners/"),
    ("focal_point", lambda n: "/funding/"),
    ("partner", lambda n: "/partners/"),
    ("secretariat", lambda n: "/partners/"),
    ("secretariat", lambda n: "/funding/"),
]


def _first_organisation_url(network: Network) -> str:
    from reseau.partners.models import Organisation

    first = Organisation.objects.filter(relationships__network=network).order_by("pk").first()
    assert first is not None
    return first.get_absolute_url()


def _first_call_url(network: Network) -> str:
    from reseau.funding.models import FundingOpportunity

    first = FundingOpportunity.objects.filter(network=network).order_by("pk").first()
    assert first is not None
    return first.get_absolute_url()


@pytest.mark.heavy
@pytest.mark.django_db
def test_partner_and_funding_pages_do_not_grow_with_the_number_of_organisations():
    from reseau.funding.synthetic import generate_calls
    from reseau.partners.models import Organisation
    from reseau.partners.synthetic import generate_partners

    network: Network = generate_network(members=10, network_code="donors", seed=2, organisations=10)
    # A partner's list is never empty in the small fixture: an empty page makes fewer queries.
    Organisation.objects.filter(pk=Organisation.objects.order_by("pk").values("pk")[:1]).update(
        shared_with_partners=True
    )
    first_member = Member.objects.filter(network=network).order_by("pk").first()
    users = {
        "coordinator": UserFactory(role=Role.COORDINATOR, network=network),
        "focal_point": UserFactory(role=Role.FOCAL_POINT, network=network, member=first_member),
        "partner": UserFactory(role=Role.PARTNER, network=network),
        "secretariat": UserFactory(role=Role.SECRETARIAT, is_staff=True, is_superuser=True),
    }
    clients = {}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)

    def measure() -> dict[str, int]:
        return {
            f"{role} {build(network)}": _count_queries(clients[role], build(network)) for role, build in PARTNER_PAGES
        }

    small = measure()
    generate_calls(network=network, organisations=generate_partners(network=network, organisations=990, seed=2), seed=2)
    assert Organisation.objects.filter(relationships__network=network).count() == 1000
    large = measure()

    over_budget = {page: n for page, n in large.items() if n > PAGE_QUERY_BUDGET}
    assert not over_budget, f"pages over {PAGE_QUERY_BUDGET} queries: {over_budget}"
    grew = {page: (small[page], large[page]) for page in small if small[page] != large[page]}
    assert not grew, f"query counts that grew from 10 to 1,000 organisations: {grew}"
