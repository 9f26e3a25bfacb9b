"""A partner of several networks reads which network each item belongs to, gets every network's
calendar feed, and the deadlines page counts the open calls not shared with partners (issue 11)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reseau.partners.access import reads_several_networks
from reseau.partners.models import Relationship
from tests.factories import EventFactory, FundingOpportunityFactory, NetworkFactory, OrganisationFactory, PlanFactory

pytestmark = pytest.mark.django_db

MAGHREB = "Maghreb cities"


@pytest.fixture
def maghreb(world):
    """A second network the EU partner's organisation works with."""
    network = NetworkFactory(code="maghreb", acronym=MAGHREB, name_en="Maghreb cities network")
    delegation = OrganisationFactory(name_en="EU delegation")
    Relationship.objects.create(organisation=delegation, network=network)
    partner = world.users["partner"]
    partner.organisation = delegation
    partner.save(update_fields=["organisation"])
    return network


def _page(world, name: str, role: str = "partner") -> str:
    return world.client_for(role).get(reverse(name)).content.decode()


def _open_call(network, *, shared: bool, title: str):
    return FundingOpportunityFactory(
        network=network,
        title_en=title,
        status="watching",
        closes_on=timezone.localdate() + datetime.timedelta(days=20),
        shared_with_partners=shared,
    )


def test_a_partner_of_one_network_reads_one(world):
    assert not reads_several_networks(world.users["partner"])


def test_a_partner_of_two_networks_reads_several(world, maghreb):
    assert reads_several_networks(world.users["partner"])


def test_the_feeds_page_offers_each_network_a_partner_reads(world, maghreb):
    assert f"{MAGHREB} events" in _page(world, "events:feed_links")


def test_the_feeds_page_offers_a_partner_its_accounts_network(world, maghreb):
    assert "RVASE events" in _page(world, "events:feed_links")


def test_the_plan_list_names_each_plans_network_for_a_partner_of_two(world, maghreb):
    PlanFactory(network=maghreb, code="maghreb-plan", title_en="Maghreb plan", status="validated")
    assert f'<td data-label="Network">{MAGHREB}</td>' in _page(world, "plans:plan_list")


def test_the_plan_list_has_no_network_column_for_a_partner_of_one(world):
    PlanFactory(network=world.hue.network, code="rvase-plan", title_en="RVASE plan", status="validated")
    assert 'data-label="Network"' not in _page(world, "plans:plan_list")


def test_the_event_list_names_each_events_network_for_a_partner_of_two(world, maghreb):
    EventFactory(network=maghreb, title_en="Tunis forum", visibility="partners")
    assert f'<td data-label="Network">{MAGHREB}</td>' in _page(world, "events:event_list")


def test_the_funding_list_names_each_calls_network_for_a_partner_of_two(world, maghreb):
    _open_call(maghreb, shared=True, title="Maghreb call")
    assert f'<span class="help">{MAGHREB}</span>' in _page(world, "funding:opportunity_list")


def test_the_deadlines_page_names_each_calls_network_for_a_partner_of_two(world, maghreb):
    _open_call(maghreb, shared=True, title="Maghreb call")
    assert f'<span class="help">{MAGHREB}</span>' in _page(world, "funding:deadlines")


def test_the_deadlines_page_counts_the_open_calls_not_shared_with_partners(world):
    _open_call(world.hue.network, shared=False, title="Internal call")
    _open_call(world.hue.network, shared=False, title="Another internal call")
    assert "2 open calls for proposals are not shared with partners." in _page(world, "funding:deadlines")


def test_the_deadlines_page_does_not_say_none_is_open_when_calls_are_not_shared(world):
    _open_call(world.hue.network, shared=False, title="Internal call")
    assert "No call for proposals is open" not in _page(world, "funding:deadlines")


def test_the_deadlines_page_hides_the_unshared_call_from_a_partner(world):
    _open_call(world.hue.network, shared=False, title="Internal call")
    assert "Internal call" not in _page(world, "funding:deadlines")


def test_the_deadlines_page_counts_nothing_for_the_coordinator(world):
    _open_call(world.hue.network, shared=False, title="Internal call")
    assert "not shared with partners" not in _page(world, "funding:deadlines", role="coordinator")
