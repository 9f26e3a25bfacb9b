"""The secretariat's exchange rates: read by the network, kept by the secretariat."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reseau.projects.models import ExchangeRate

pytestmark = pytest.mark.django_db

LIST = reverse("projects:rate_list")
CREATE = reverse("projects:rate_create")


def _rate(currency: str, day: str, value: str) -> ExchangeRate:
    return ExchangeRate.objects.create(
        currency=currency, valid_from=datetime.date.fromisoformat(day), euros_per_unit=Decimal(value)
    )


@pytest.mark.parametrize(
    ("role", "status"), [("partner", 403), ("focal_point", 200), ("coordinator", 200), ("secretariat", 200)]
)
def test_everyone_signed_in_but_partners_reads_the_rates(world, role, status):
    assert world.client_for(role).get(LIST).status_code == status


@pytest.mark.parametrize(
    ("role", "status"), [("partner", 403), ("focal_point", 403), ("coordinator", 403), ("secretariat", 200)]
)
def test_only_the_secretariat_records_rates(world, role, status):
    client = world.client_for(role)
    assert client.get(CREATE).status_code == status
    response = client.post(CREATE, {"currency": "USD", "valid_from": "2025-01-01", "euros_per_unit": "0.95"})
    assert response.status_code == (302 if status == 200 else status)
    assert ExchangeRate.objects.exists() == (status == 200)


@pytest.mark.parametrize("url", [LIST, CREATE])
def test_anonymous_visitors_are_sent_to_sign_in(world, url):
    response = world.client_for("anonymous").get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_table_has_a_column_per_currency_and_the_newest_dates_first(world):
    _rate("USD", "2024-01-01", "0.92")
    _rate("USD", "2025-01-01", "0.95")
    _rate("KHR", "2025-01-01", "0.000227")
    _rate("LAK", "2024-07-01", "0.0000421")
    page = world.client_for("coordinator").get(LIST).content.decode()
    head = page[page.index("<thead>") : page.index("</thead>")]
    assert re.findall(r">(USD|KHR|LAK|VND|EUR)</abbr>", head) == ["USD", "KHR", "LAK"]
    days = re.findall(r'<time datetime="([0-9-]+)">', page)
    assert days == ["2025-01-01", "2024-07-01", "2024-01-01"]
    assert "1 USD = 0.95 EUR" in page
    assert "1 USD = 0.92 EUR" in page
    assert "1 KHR = 0.000227 EUR" in page
    assert "1 LAK = 0.0000421 EUR" in page
    assert 'data-label="KHR"' in page
    # Coordinators read, they do not record.
    assert CREATE not in page


def test_the_secretariat_is_offered_to_record_a_rate(world):
    page = world.client_for("secretariat").get(LIST).content.decode()
    assert CREATE in page
    assert "No exchange rate recorded yet" in page


def test_the_list_reads_in_one_query_whatever_the_number_of_rates(world):
    client = world.client_for("focal_point")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        return len(queries)

    _rate("USD", "2024-01-01", "0.92")
    small = count()
    for month in range(1, 13):
        for currency in ("KHR", "LAK", "VND"):
            _rate(currency, f"2023-{month:02}-01", "0.00004")
    assert count() == small


def test_record_a_rate_with_a_decimal_comma(world):
    response = world.client_for("secretariat").post(
        CREATE, {"currency": "KHR", "valid_from": "2025-01-01", "euros_per_unit": "0,000227"}
    )
    assert response.status_code == 302
    assert response["Location"] == LIST
    rate = ExchangeRate.objects.get()
    assert (rate.currency, rate.valid_from) == ("KHR", datetime.date(2025, 1, 1))
    assert rate.euros_per_unit == Decimal("0.000227")
    assert isinstance(rate.euros_per_unit, Decimal)


def test_the_form_is_prefilled_from_a_missing_rate_link(world):
    page = world.client_for("secretariat").get(CREATE, {"currency": "KHR", "valid_from": "2024-06-01"}).content.decode()
    assert 'value="KHR" selected' in page
    assert 'value="2024-06-01"' in page
    assert 'value="EUR"' not in page  # rates are kept against the euro: it is not offered


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"currency": "EUR"}, "Rates are kept against the euro."),
        ({"currency": "XYZ"}, "Choose a currency from the list."),
        ({"euros_per_unit": "0"}, "A rate must be greater than zero."),
        ({"euros_per_unit": "-0.95"}, "A rate must be greater than zero."),
        ({"euros_per_unit": "abc"}, "Enter a number in figures"),
        ({"euros_per_unit": "0.000000000001"}, "Ensure that there are no more than 10 decimal places."),
        ({"valid_from": ""}, "This field is required."),
    ],
)
def test_bad_rates_are_refused_with_a_clear_message(world, data, message):
    typed = {"currency": "USD", "valid_from": "2025-01-01", "euros_per_unit": "0.95", **data}
    response = world.client_for("secretariat").post(CREATE, typed)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ExchangeRate.objects.exists()


def test_a_second_rate_for_the_same_currency_and_date_is_refused(world):
    _rate("USD", "2025-01-01", "0.95")
    client = world.client_for("secretariat")
    page = client.post(
        CREATE, {"currency": "USD", "valid_from": "2025-01-01", "euros_per_unit": "0.96"}
    ).content.decode()
    assert "A rate for USD from 1 January 2025 is already recorded." in page
    assert ExchangeRate.objects.get().euros_per_unit == Decimal("0.95")
    # Another day, or another currency the same day, is fine.
    assert (
        client.post(CREATE, {"currency": "USD", "valid_from": "2025-02-01", "euros_per_unit": "0.96"}).status_code
        == 302
    )
    assert (
        client.post(CREATE, {"currency": "LAK", "valid_from": "2025-01-01", "euros_per_unit": "0.00004"}).status_code
        == 302
    )


def test_html_typed_is_shown_back_escaped(world):
    data = {"currency": "USD", "valid_from": "2025-01-01", "euros_per_unit": '"><script>x</script>'}
    page = world.client_for("secretariat").post(CREATE, data).content.decode()
    assert "<script>x</script>" not in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page
