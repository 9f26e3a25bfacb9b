"""What a partner reads of the funding watch: the calls shared with partners; the others are counted.
The network's staff share a call from its edit form, and the history records it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reseau.audit.models import AuditEvent
from reseau.funding.models import FundingOpportunity
from tests.factories import FundingOpportunityFactory, NetworkFactory

pytestmark = pytest.mark.django_db

LIST = reverse("funding:opportunity_list")


def _page(client, url: str = LIST) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def calls(world):
    network = world.hue.network
    shared = FundingOpportunityFactory(network=network, title_en="Gender equality call", shared_with_partners=True)
    FundingOpportunityFactory(network=network, title_en="Sanitation grants")
    FundingOpportunityFactory(network=network, title_en="Heritage tourism")
    return shared


def test_a_partner_reads_the_shared_calls(world, calls):
    assert "Gender equality call" in _page(world.client_for("partner"))


def test_a_partner_does_not_see_the_calls_not_shared(world, calls):
    assert "Sanitation grants" not in _page(world.client_for("partner"))


def test_the_list_counts_the_calls_not_shared(world, calls):
    assert "2 funding opportunities are not shared with partners." in _page(world.client_for("partner"))


def test_the_count_follows_the_filters(world, calls):
    page = _page(world.client_for("partner"), f"{LIST}?q=heritage")
    assert "1 funding opportunity is not shared with partners." in page


def test_with_nothing_shared_the_list_does_not_say_none_is_recorded(world, calls):
    FundingOpportunity.objects.update(shared_with_partners=False)
    page = _page(world.client_for("partner"))
    assert "No funding opportunity recorded yet." not in page
    assert "3 funding opportunities are not shared with partners." in page


def test_with_no_call_at_all_the_partner_reads_that_none_is_shared(world):
    assert "No funding opportunity is shared with partners yet." in _page(world.client_for("partner"))


def test_another_networks_calls_are_not_counted(world, calls):
    FundingOpportunityFactory(network=NetworkFactory(code="maghreb", name_en="Maghreb"))
    assert "2 funding opportunities are not shared with partners." in _page(world.client_for("partner"))


def test_a_direct_link_to_a_call_not_shared_says_so(world, calls):
    hidden = FundingOpportunity.objects.get(title_en="Sanitation grants")
    response = world.client_for("partner").get(hidden.get_absolute_url())
    assert response.status_code == 403
    assert "This funding opportunity is not shared with partners." in response.content.decode()


def test_counting_the_calls_not_shared_does_not_grow_with_them(world, calls):
    client = world.client_for("partner")
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for _ in range(20):
        FundingOpportunityFactory(network=world.hue.network)
    with CaptureQueriesContext(connection) as many:
        page = client.get(LIST).content.decode()
    assert "22 funding opportunities are not shared with partners." in page
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_coordinator_shares_a_call_and_the_history_records_it(world, calls):
    call = FundingOpportunity.objects.get(title_en="Sanitation grants")
    data = {"donor": call.donor_id, "title_en": call.title_en, "currency": call.currency, "status": call.status}
    response = world.client_for("coordinator").post(
        reverse("funding:opportunity_edit", kwargs={"pk": call.pk}), {**data, "shared_with_partners": "on"}
    )
    assert response.status_code == 302
    assert AuditEvent.objects.get().changes["shared_with_partners"] == [False, True]
    assert "Sanitation grants" in _page(world.client_for("partner"))
