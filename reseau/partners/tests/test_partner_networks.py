"""The networks a partner account reads: its own, and those its organisation has a relationship with."""

from __future__ import annotations

import pytest

from reseau.accounts.models import Role
from reseau.partners.access import partner_networks
from reseau.partners.models import Relationship
from reseau.registry.access import members_visible_to
from tests.factories import MemberFactory, NetworkFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def networks(db):
    return NetworkFactory(), NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")


def test_a_partner_reads_the_network_of_its_account(networks):
    rvase, _maghreb = networks
    partner = UserFactory(role=Role.PARTNER, network=rvase)
    assert list(partner_networks(partner)) == [rvase]


def test_a_partner_reads_the_networks_its_organisation_has_a_relationship_with(networks):
    rvase, maghreb = networks
    delegation = OrganisationFactory(name_en="EU delegation")
    Relationship.objects.create(organisation=delegation, network=maghreb)
    partner = UserFactory(role=Role.PARTNER, network=rvase, organisation=delegation)
    assert set(partner_networks(partner)) == {rvase, maghreb}


def test_an_account_tied_to_no_network_nor_organisation_reads_no_network(networks):
    partner = UserFactory(role=Role.PARTNER)
    assert not partner_networks(partner).exists()


def test_an_organisation_without_relationship_gives_no_network(networks):
    partner = UserFactory(role=Role.PARTNER, organisation=OrganisationFactory())
    assert not partner_networks(partner).exists()


def test_the_registry_shows_a_partner_tied_to_no_network_no_member(networks):
    MemberFactory(network=networks[0])
    partner = UserFactory(role=Role.PARTNER)
    assert not members_visible_to(partner).exists()


def test_the_registry_shows_a_partner_the_members_of_a_network_its_organisation_works_with(networks):
    rvase, maghreb = networks
    MemberFactory(network=rvase, slug="hue")
    tunis = MemberFactory(network=maghreb, slug="tunis", name_en="Tunis")
    delegation = OrganisationFactory(name_en="EU delegation")
    Relationship.objects.create(organisation=delegation, network=maghreb)
    partner = UserFactory(role=Role.PARTNER, organisation=delegation)
    assert list(members_visible_to(partner)) == [tunis]
