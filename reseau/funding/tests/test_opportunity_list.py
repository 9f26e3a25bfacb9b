from __future__ import annotations

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reseau.registry.models import Theme
from tests.factories import CountryFactory, FundingOpportunityFactory, MemberFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

URL = reverse("funding:opportunity_list")
QUERY_BUDGET = 15


def _in(days: int) -> datetime.date:
    """A date counted from today at the network's office, as its people see it."""
    return timezone.localdate(timezone=ZoneInfo("Asia/Phnom_Penh")) + datetime.timedelta(days=days)


def test_anonymous_visitors_are_sent_to_sign_in(world):
    FundingOpportunityFactory(network=world.hue.network)
    response = world.client_for("anonymous").get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_row_shows_the_call_at_a_glance(world):
    donor = OrganisationFactory(name_en="Asian Development Bank", acronym="ADB")
    sanitation = Theme.objects.create(code="sanitation", kind="work", name_en="Urban sanitation")
    call = FundingOpportunityFactory(
        network=world.hue.network,
        donor=donor,
        title_en="CWIS faecal sludge management",
        amount_min=Decimal("50000"),
        amount_max=Decimal("1250000.50"),
        currency="USD",
        opens_on=datetime.date(2025, 1, 6),
        closes_on=_in(20),
        status="preparing",
        is_example=True,
    )
    call.themes.set([sanitation])
    call.members.set([world.hue])
    call.eligible_countries.set([world.hue.country])

    page = world.client_for("focal_point").get(URL).content.decode()

    assert "CWIS faecal sludge management" in page
    assert call.get_absolute_url() in page
    assert reverse("partners:organisation_detail", kwargs={"pk": donor.pk}) in page
    assert "Asian Development Bank (ADB)" in page
    assert '<span class="badge warn">Preparing</span>' in page
    assert "50,000.00 to 1,250,000.50 USD" in page
    assert "06/01/2025" in page
    assert "20 days left" in page
    assert "Closes within 30 days" in page
    assert "Urban sanitation" in page
    assert f'<a href="{world.hue.get_absolute_url()}">Huế</a>' in page
    assert "Eligible countries: Vietnam" in page
    assert ">Example</span>" in page


def test_amounts_are_written_the_french_way_in_french(world):
    FundingOpportunityFactory(network=world.hue.network, amount_max=Decimal("200000"), currency="EUR")
    user = world.users["coordinator"]
    user.language = "fr"
    user.save()
    page = world.client_for("coordinator").get(URL).content.decode()
    assert "200\u202f000,00 EUR" in page or "200 000,00 EUR" in page or "200\xa0000,00 EUR" in page


def test_focal_points_read_their_networks_calls_but_cannot_add(world):
    FundingOpportunityFactory(network=world.hue.network, title_en="Ours")
    FundingOpportunityFactory(network__code="maghreb", network__name_en="Maghreb", title_en="Theirs")
    page = world.client_for("focal_point").get(URL).content.decode()
    assert "Ours" in page
    assert "Theirs" not in page
    assert "Add a funding opportunity" not in page
    assert reverse("funding:opportunity_create") not in page


def test_partners_see_only_calls_shared_with_them(world):
    FundingOpportunityFactory(network=world.hue.network, title_en="Shared call", shared_with_partners=True)
    FundingOpportunityFactory(network=world.hue.network, title_en="Internal call")
    page = world.client_for("partner").get(URL).content.decode()
    assert "Shared call" in page
    assert "Internal call" not in page
    assert "1 funding opportunity" in page


def test_secretariat_sees_every_network(world):
    FundingOpportunityFactory(network=world.hue.network, title_en="Ours")
    FundingOpportunityFactory(network__code="maghreb", network__name_en="Maghreb", title_en="Theirs")
    page = world.client_for("secretariat").get(URL).content.decode()
    assert "Ours" in page
    assert "Theirs" in page
    assert "Theirs" not in world.client_for("coordinator").get(URL).content.decode()


@pytest.mark.parametrize("role", ["coordinator", "secretariat"])
def test_staff_can_add_a_call(world, role):
    page = world.client_for(role).get(URL).content.decode()
    assert "Add a funding opportunity" in page
    assert reverse("funding:opportunity_create") in page


def test_staff_see_export_and_import_links(world):
    links = [
        reverse("exchange:export", kwargs={"kind": "funding", "fmt": "xlsx"}),
        reverse("exchange:export", kwargs={"kind": "funding", "fmt": "csv"}),
        reverse("exchange:import", kwargs={"kind": "funding"}),
    ]
    staff_page = world.client_for("coordinator").get(URL).content.decode()
    focal_page = world.client_for("focal_point").get(URL).content.decode()
    for link in links:
        assert link in staff_page
        assert link not in focal_page


def test_filters_by_status_theme_country_and_title(world):
    tourism = Theme.objects.create(code="tourism", kind="work", name_en="Smart and sustainable tourism")
    laos = CountryFactory(code="LA")
    a = FundingOpportunityFactory(network=world.hue.network, title_en="Heritage tourism fund", status="watching")
    a.themes.set([tourism])
    a.eligible_countries.set([laos])
    FundingOpportunityFactory(network=world.hue.network, title_en="Sanitation grant", status="submitted")
    client = world.client_for("coordinator")

    def titles(**params: str) -> set[str]:
        page = client.get(URL, params).content.decode()
        return {t for t in ("Heritage tourism fund", "Sanitation grant") if t in page}

    assert titles() == {"Heritage tourism fund", "Sanitation grant"}
    assert titles(status="submitted") == {"Sanitation grant"}
    assert titles(theme="tourism") == {"Heritage tourism fund"}
    assert titles(country="LA") == {"Heritage tourism fund"}
    assert titles(country="VN") == set()
    assert titles(q="sanitation") == {"Sanitation grant"}
    assert titles(q="HERITAGE fund") == {"Heritage tourism fund"}
    assert titles(q="tourism", status="submitted") == set()
    assert "No funding opportunity matches these filters." in client.get(URL, {"q": "nothing"}).content.decode()


def test_search_finds_the_french_title(world):
    FundingOpportunityFactory(network=world.hue.network, title_en="Decentralised cooperation", title_fr="Appel FICOL")
    page = world.client_for("coordinator").get(URL, {"q": "ficol"}).content.decode()
    assert "Decentralised cooperation" in page


def test_htmx_request_gets_only_the_results(world):
    FundingOpportunityFactory(network=world.hue.network, title_en="Sanitation grant")
    response = world.client_for("coordinator").get(URL, {"q": "sanitation"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "Sanitation grant" in page
    assert "<html" not in page
    assert "HX-Request" in response["Vary"]


def test_upcoming_deadlines_come_first_then_undated_then_past(world):
    network = world.hue.network
    FundingOpportunityFactory(network=network, title_en="Past call", closes_on=_in(-3))
    FundingOpportunityFactory(network=network, title_en="Undated call")
    FundingOpportunityFactory(network=network, title_en="Later call", closes_on=_in(40))
    FundingOpportunityFactory(network=network, title_en="Sooner call", closes_on=_in(2))
    page = world.client_for("coordinator").get(URL).content.decode()
    positions = [page.index(t) for t in ("Sooner call", "Later call", "Undated call", "Past call")]
    assert positions == sorted(positions)
    assert "Deadline passed" in page
    assert "No closing date" in page


def test_paginated_by_fifty(world):
    FundingOpportunityFactory.create_batch(51, network=world.hue.network)
    client = world.client_for("coordinator")
    first = client.get(URL).content.decode()
    assert "Page 1 of 2" in first
    assert "51 funding opportunities" in first
    assert first.count("<tr>") == 51  # the header row and 50 calls
    second = client.get(URL, {"page": 2}).content.decode()
    assert second.count("<tr>") == 2


def _count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def _add_calls(network, count: int, themes, members, countries) -> None:
    donors = OrganisationFactory.create_batch(3)
    for i in range(count):
        call = FundingOpportunityFactory(
            network=network, donor=donors[i % 3], closes_on=_in(i - 5), shared_with_partners=True
        )
        call.themes.set(themes)
        call.members.set(members)
        call.eligible_countries.set(countries)


@pytest.mark.heavy
@pytest.mark.parametrize("role", ["coordinator", "partner", "secretariat"])
def test_query_count_does_not_grow_with_the_number_of_calls(world, role):
    network = world.hue.network
    themes = [Theme.objects.create(code=f"t{i}", kind="work", name_en=f"Theme {i}") for i in range(3)]
    members = [world.hue, world.vientiane, *MemberFactory.create_batch(3, network=network)]
    countries = [world.hue.country, world.vientiane.country]
    client = world.client_for(role)

    _add_calls(network, 10, themes, members, countries)
    few = _count_queries(client, URL)
    _add_calls(network, 190, themes, members, countries)
    many = _count_queries(client, URL)

    assert few == many
    assert many <= QUERY_BUDGET
    assert _count_queries(client, f"{URL}?theme=t1&country=VN&q=call") <= QUERY_BUDGET
