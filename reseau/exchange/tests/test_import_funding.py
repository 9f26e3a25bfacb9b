from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from reseau.audit.models import AuditEvent
from reseau.exchange.models import ImportBatch
from reseau.exchange.tests.helpers import csv_bytes, review, upload, upload_and_apply, xlsx_bytes
from reseau.funding.models import FundingOpportunity
from reseau.registry.models import Network
from tests.factories import FundingOpportunityFactory, NetworkFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

HEADER = [
    "title_en",
    "title_fr",
    "donor",
    "url",
    "themes",
    "eligible_countries",
    "eligible_member_kinds",
    "amount_min",
    "amount_max",
    "currency",
    "opens_on",
    "closes_on",
    "status",
    "members",
    "notes",
    "shared_with_partners",
]


def _row(**values: object) -> list[object]:
    defaults: dict[str, object] = {
        "title_en": "Clean water for Huế",
        "donor": "Asian Development Bank",
        "amount_min": "15000",
        "amount_max": "250000.50",
        "currency": "USD",
        "opens_on": "2026-01-15",
        "closes_on": "2026-06-15",
        "status": "preparing",
        "members": "hue;vientiane",
        "eligible_member_kinds": "city;province",
        "eligible_countries": "VN;LA",
        "themes": "urban-sanitation",
        "shared_with_partners": "no",
    }
    defaults.update(values)
    return [defaults.get(column, "") for column in HEADER]


@pytest.fixture
def donor(catalogue):
    return OrganisationFactory(
        name_en="Asian Development Bank", name_fr="Banque asiatique de développement", acronym="ADB"
    )


def test_funding_calls_are_imported_into_the_coordinators_network(catalogue, donor):
    batch = upload_and_apply(catalogue.client_for("coordinator"), "funding", "calls.xlsx", xlsx_bytes([HEADER, _row()]))
    assert batch.new_count == 1
    assert batch.network == catalogue.hue.network
    call = FundingOpportunity.objects.get()
    assert call.network == catalogue.hue.network
    assert call.donor == donor
    assert call.title_en == "Clean water for Huế"
    assert (call.amount_min, call.amount_max, call.currency) == (Decimal("15000"), Decimal("250000.50"), "USD")
    assert (call.opens_on, call.closes_on) == (datetime.date(2026, 1, 15), datetime.date(2026, 6, 15))
    assert call.status == "preparing"
    assert call.eligible_member_kinds == ["city", "province"]
    assert sorted(call.members.values_list("slug", flat=True)) == ["hue", "vientiane"]
    assert sorted(call.eligible_countries.values_list("code", flat=True)) == ["LA", "VN"]
    assert AuditEvent.objects.filter(action="created").count() == 1


def test_dates_typed_as_spreadsheet_dates_and_amounts_as_numbers_are_accepted(catalogue, donor):
    # A spreadsheet cell holds a date and time without a time zone, as openpyxl writes it.
    closes_on = datetime.datetime(2026, 3, 1)  # noqa: DTZ001 — a cell has no time zone
    row = _row(opens_on=datetime.date(2026, 2, 1), closes_on=closes_on, amount_min=1500.5, amount_max=20000)
    upload_and_apply(catalogue.client_for("coordinator"), "funding", "calls.xlsx", xlsx_bytes([HEADER, row]))
    call = FundingOpportunity.objects.get()
    assert (call.opens_on, call.closes_on) == (datetime.date(2026, 2, 1), datetime.date(2026, 3, 1))
    assert (call.amount_min, call.amount_max) == (Decimal("1500.50"), Decimal("20000"))


def test_a_round_trip_of_the_funding_export_changes_nothing(catalogue, donor):
    call = FundingOpportunityFactory(
        network=catalogue.hue.network,
        donor=donor,
        title_en="ទឹកស្អាត — clean water",
        title_fr="Eau propre",
        amount_min=Decimal("1000.25"),
        closes_on=datetime.date(2026, 6, 15),
        eligible_member_kinds=["association"],
    )
    call.members.set([catalogue.vientiane])
    client = catalogue.client_for("coordinator")
    for fmt in ("xlsx", "csv"):
        exported = client.get(reverse("exchange:export", kwargs={"kind": "funding", "fmt": fmt})).content
        batch = upload_and_apply(client, "funding", f"calls.{fmt}", exported)
        assert (batch.unchanged_count, batch.new_count) == (1, 0)
    assert FundingOpportunity.objects.count() == 1
    assert not AuditEvent.objects.exists()


def test_a_call_is_matched_by_donor_and_title_and_updated(catalogue, donor):
    call = FundingOpportunityFactory(
        network=catalogue.hue.network, donor=donor, title_en="Clean water for Huế", status="watching"
    )
    batch = upload_and_apply(
        catalogue.client_for("coordinator"),
        "funding",
        "calls.csv",
        csv_bytes([["title_en", "donor", "status"], ["CLEAN WATER FOR HUẾ", "ADB", "submitted"]]),
    )
    assert batch.update_count == 1, (batch.report, batch.rows)
    call.refresh_from_db()
    assert call.status == "submitted"
    assert FundingOpportunity.objects.count() == 1


@pytest.mark.parametrize(
    ("values", "column", "message"),
    [
        ({"opens_on": "15/06/2026"}, "opens_on", "Enter the date as YYYY-MM-DD, for example 2026-06-15."),
        ({"closes_on": "2026-02-30"}, "closes_on", "Enter the date as YYYY-MM-DD, for example 2026-06-15."),
        ({"amount_min": "about 5000"}, "amount_min", "Enter the amount as a plain number, without currency or text"),
        ({"amount_max": "EUR 5000"}, "amount_max", "Enter the amount as a plain number, without currency or text"),
        ({"amount_max": "1,500"}, "amount_max", "Enter the amount as a plain number, without currency or text"),
        ({"amount_min": "-10"}, "amount_min", "The amount cannot be negative."),
        ({"amount_min": "1" * 13}, "amount_min", "This amount is too large."),
        ({"closes_on": "2026-01-01"}, "closes_on", "The closing date cannot be before the opening date (2026-01-15)."),
        ({"amount_max": "100"}, "amount_max", "The maximum amount cannot be below the minimum amount (15000.00)."),
        (
            {"currency": "GBP"},
            "currency",
            "“GBP” is not an accepted value. Use one of: euro (EUR), US dollar (USD), Cambodian riel (KHR),",
        ),
        ({"status": "open"}, "status", "“open” is not an accepted value. Use one of: Watching, Preparing,"),
        ({"members": "hue;atlantis"}, "members", "“atlantis” is not a member of this network."),
        ({"eligible_member_kinds": "village"}, "eligible_member_kinds", "“village” is not an accepted value."),
        ({"donor": "Nobody Foundation"}, "donor", "No organisation is named “Nobody Foundation”."),
        ({"title_en": ""}, "title_en", "This value is required."),
        ({"url": "javascript:alert(1)"}, "url", "Enter a full web address"),
    ],
)
def test_bad_values_are_reported_and_nothing_is_written(catalogue, donor, values, column, message):
    client = catalogue.client_for("coordinator")
    upload(client, "funding", "calls.csv", csv_bytes([HEADER, _row(**values)]))
    batch = ImportBatch.objects.get()
    assert (batch.valid_count, batch.invalid_count) == (0, 1)
    assert [(issue["row"], issue["column"]) for issue in batch.report] == [(2, column)]
    page = review(client, batch).content.decode()
    assert message in page
    assert "No row can be imported." in page
    assert "Import only" not in page
    assert not FundingOpportunity.objects.exists()


def test_amounts_written_the_french_way_are_accepted(catalogue, donor):
    row = _row(amount_min="1 500,5", amount_max="20\u00a0000")
    upload_and_apply(catalogue.client_for("coordinator"), "funding", "calls.csv", csv_bytes([HEADER, row]))
    call = FundingOpportunity.objects.get()
    assert (call.amount_min, call.amount_max) == (Decimal("1500.50"), Decimal("20000"))


def test_a_closing_date_before_the_stored_opening_date_is_caught_when_the_column_is_absent(catalogue, donor):
    FundingOpportunityFactory(
        network=catalogue.hue.network, donor=donor, title_en="Call", opens_on=datetime.date(2026, 5, 1)
    )
    client = catalogue.client_for("coordinator")
    upload(
        client, "funding", "calls.csv", csv_bytes([["title_en", "donor", "closes_on"], ["Call", "ADB", "2026-04-01"]])
    )
    batch = ImportBatch.objects.get()
    assert batch.report[0]["code"] == "closes_before_opens"


def test_the_secretariat_chooses_the_network_of_the_calls(catalogue, donor):
    other = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    client = catalogue.client_for("secretariat")
    page = client.get(reverse("exchange:import", kwargs={"kind": "funding"})).content.decode()
    assert 'name="network"' in page
    content = csv_bytes([["title_en", "donor"], ["Call for the Maghreb", "ADB"]])
    upload_and_apply(client, "funding", "calls.csv", content, network=other.pk)
    assert FundingOpportunity.objects.get().network == other
    assert Network.objects.count() == 2


def test_the_coordinator_is_not_asked_for_a_network(catalogue):
    page = catalogue.client_for("coordinator").get(reverse("exchange:import", kwargs={"kind": "funding"}))
    assert 'name="network"' not in page.content.decode()
