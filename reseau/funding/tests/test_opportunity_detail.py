from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from reseau.registry.models import Theme
from tests.factories import CountryFactory, DuesFactory, FundingOpportunityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(world):
    donor = OrganisationFactory(name_en="Agence française de développement", acronym="AFD")
    call = FundingOpportunityFactory(
        network=world.hue.network,
        donor=donor,
        title_en="FICOL 2026",
        url="https://www.afd.fr/ficol",
        amount_min=Decimal("200000"),
        amount_max=Decimal("1500000"),
        currency="EUR",
        opens_on=datetime.date(2026, 1, 5),
        closes_on=datetime.date(2026, 3, 31),
        status="preparing",
        eligible_member_kinds=["city", "association"],
        notes="Co-financing of 20% required.\nAsk the AFD office.",
    )
    call.themes.set([Theme.objects.create(code="sanitation", kind="work", name_en="Urban sanitation")])
    call.eligible_countries.set([world.hue.country, CountryFactory(code="KH", name_en="Cambodia")])
    call.members.set([world.hue, world.vientiane])
    return call


def test_anonymous_visitors_are_sent_to_sign_in(world, call):
    response = world.client_for("anonymous").get(call.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_focal_point_reads_everything_about_its_networks_call(world, call):
    DuesFactory(member=world.vientiane, year=2024)
    page = world.client_for("focal_point").get(call.get_absolute_url()).content.decode()
    assert "FICOL 2026" in page
    assert reverse("partners:organisation_detail", kwargs={"pk": call.donor_id}) in page
    assert "Agence française de développement (AFD)" in page
    assert '<span class="badge warn">Preparing</span>' in page
    assert "200,000.00 to 1,500,000.00 EUR" in page
    assert "5 January 2026" in page
    assert "31 March 2026" in page
    assert 'href="https://www.afd.fr/ficol"' in page
    assert "Urban sanitation" in page
    assert "Cambodia, Vietnam" in page
    assert "City, Association of local governments" in page
    assert "Co-financing of 20% required.<br>Ask the AFD office." in page
    hue, vientiane = world.hue.get_absolute_url(), world.vientiane.get_absolute_url()
    assert f'<a href="{hue}">Huế</a> <span class="badge neutral">Dues not recorded</span>' in page
    assert f'<a href="{vientiane}">Vientiane Capital</a> <span class="badge warn">Dues outstanding</span>' in page
    assert reverse("funding:opportunity_ics", kwargs={"pk": call.pk}) in page
    # Staff only: no edit link, no history.
    assert reverse("funding:opportunity_edit", kwargs={"pk": call.pk}) not in page
    assert "History of changes" not in page


def test_staff_see_the_edit_link_and_the_history(world, call):
    page = world.client_for("coordinator").get(call.get_absolute_url()).content.decode()
    assert reverse("funding:opportunity_edit", kwargs={"pk": call.pk}) in page
    assert "History of changes" in page
    assert "No change recorded yet." in page
    assert "Not shared with partners" in page


def test_unrestricted_eligibility_is_said_plainly(world):
    call = FundingOpportunityFactory(network=world.hue.network)
    page = world.client_for("coordinator").get(call.get_absolute_url()).content.decode()
    assert page.count("Not restricted") == 2
    assert "No member named yet." in page
    assert "Not stated" in page
    # Without a closing date there is nothing to add to a calendar.
    assert reverse("funding:opportunity_ics", kwargs={"pk": call.pk}) not in page


def test_an_example_call_is_marked_as_such(world):
    call = FundingOpportunityFactory(network=world.hue.network, is_example=True)
    page = world.client_for("coordinator").get(call.get_absolute_url()).content.decode()
    assert ">Example</span>" in page
    assert "This is an invented call that shows how the feature works." in page


def test_partner_reads_a_shared_call_without_dues_or_internal_flags(world, call):
    client = world.client_for("partner")
    assert client.get(call.get_absolute_url()).status_code == 403  # its network's, not shared: told so
    call.shared_with_partners = True
    call.save()
    page = client.get(call.get_absolute_url()).content.decode()
    assert "FICOL 2026" in page
    assert "Up to date with dues" not in page
    assert "Dues outstanding" not in page
    assert "shared with partners" not in page.lower()
    assert "History of changes" not in page


@pytest.mark.parametrize("role", ["focal_point", "coordinator", "partner"])
def test_a_call_of_another_network_is_not_found(world, role):
    theirs = FundingOpportunityFactory(network__code="maghreb", network__name_en="Maghreb", shared_with_partners=True)
    assert world.client_for(role).get(theirs.get_absolute_url()).status_code == 404
    assert world.client_for("secretariat").get(theirs.get_absolute_url()).status_code == 200
