"""Amounts in euros and the funding gap, on figures worked out by hand."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from reseau.projects.models import ExchangeRate, FundingLine
from reseau.projects.money import RateBook, funding_plan
from tests.factories import OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db

JUNE_2025 = datetime.date(2025, 6, 1)


@pytest.fixture
def usd_rates():
    # 1 USD = 0.92 EUR through 2024, 0.95 EUR from 2025.
    ExchangeRate.objects.create(currency="USD", valid_from=datetime.date(2024, 1, 1), euros_per_unit=Decimal("0.92"))
    ExchangeRate.objects.create(currency="USD", valid_from=datetime.date(2025, 1, 1), euros_per_unit=Decimal("0.95"))


@pytest.fixture
def project(world):
    return ProjectFactory(
        network=world.hue.network, lead_member=world.hue, total_budget=Decimal("100000"), currency="USD"
    )


def _line(project, **fields) -> FundingLine:
    values = {
        "source": OrganisationFactory(),
        "amount_requested": Decimal("40000"),
        "amount_secured": Decimal("20000"),
        "currency": "USD",
        "as_of": datetime.date(2024, 6, 1),
        **fields,
    }
    return FundingLine.objects.create(project=project, **values)


def _book(*currencies: str) -> RateBook:
    return RateBook.for_currencies(currencies)


def test_an_amount_is_converted_at_the_rate_in_force_on_its_date(usd_rates):
    book = _book("USD")
    in_2025 = book.euros(Decimal("100000"), "USD", JUNE_2025)
    assert in_2025 == Decimal("95000.00")
    assert isinstance(in_2025, Decimal)
    assert book.euros(Decimal("40000"), "USD", datetime.date(2024, 6, 1)) == Decimal("36800.00")
    # The day a new rate starts, it applies; the day before, the old one does.
    assert book.euros(Decimal("100"), "USD", datetime.date(2025, 1, 1)) == Decimal("95.00")
    assert book.euros(Decimal("100"), "USD", datetime.date(2024, 12, 31)) == Decimal("92.00")


def test_no_rate_gives_none_never_a_guess(usd_rates):
    book = _book("USD", "KHR")
    assert book.euros(Decimal("100"), "USD", datetime.date(2023, 12, 31)) is None  # before the first USD rate
    assert book.euros(Decimal("4000000"), "KHR", JUNE_2025) is None
    assert book.euros(None, "USD", JUNE_2025) is None


def test_euros_are_euros_and_cents_are_rounded_half_up(usd_rates):
    book = _book("EUR", "USD")
    assert book.euros(Decimal("1234.56"), "EUR", JUNE_2025) == Decimal("1234.56")
    ExchangeRate.objects.create(currency="LAK", valid_from=datetime.date(2025, 1, 1), euros_per_unit=Decimal("0.125"))
    assert _book("LAK").euros(Decimal("1.00"), "LAK", JUNE_2025) == Decimal("0.13")
    assert _book("LAK").euros(Decimal("3.00"), "LAK", JUNE_2025) == Decimal("0.38")


def test_rates_are_read_in_one_query_and_none_for_euros(usd_rates, django_assert_num_queries):
    with django_assert_num_queries(1):
        book = _book("USD", "KHR", "EUR")
    with django_assert_num_queries(0):
        book.euros(Decimal("1"), "USD", JUNE_2025)
        _book("EUR")


def test_funding_plan_on_known_figures(project, usd_rates):
    line = _line(project)
    plan = funding_plan(project, [line], _book("USD"), on=JUNE_2025)
    assert plan.budget_eur == Decimal("95000.00")  # 100,000 USD × 0.95
    assert plan.requested_eur == Decimal("36800.00")  # 40,000 USD × 0.92 (as of June 2024)
    assert plan.secured_eur == Decimal("18400.00")  # 20,000 USD × 0.92
    assert plan.gap_eur == Decimal("76600.00")  # 95,000 − 18,400
    assert plan.missing_rates == []
    for figure in (plan.budget_eur, plan.requested_eur, plan.secured_eur, plan.gap_eur):
        assert isinstance(figure, Decimal)
    # Stored amounts come back as Decimal too.
    line.refresh_from_db()
    assert isinstance(line.amount_requested, Decimal)
    assert isinstance(line.amount_secured, Decimal)


def test_lines_in_several_currencies_add_up_in_euros(project, usd_rates):
    lines = [
        _line(project),
        _line(project, currency="EUR", amount_requested=Decimal("10000.50"), amount_secured=Decimal("0")),
    ]
    plan = funding_plan(project, lines, _book("USD", "EUR"), on=JUNE_2025)
    assert plan.requested_eur == Decimal("46800.50")
    assert plan.secured_eur == Decimal("18400.00")
    assert plan.gap_eur == Decimal("76600.00")


def test_a_missing_rate_leaves_the_totals_and_the_gap_unknown(project, usd_rates):
    lines = [_line(project), _line(project, currency="KHR", amount_requested=Decimal("4000000"))]
    plan = funding_plan(project, lines, _book("USD", "KHR"), on=JUNE_2025)
    assert plan.budget_eur == Decimal("95000.00")
    assert plan.requested_eur is None
    assert plan.secured_eur is None
    assert plan.gap_eur is None
    assert plan.missing_rates == [("KHR", datetime.date(2024, 6, 1))]


def test_a_budget_without_a_rate_leaves_the_gap_unknown(project, usd_rates):
    plan = funding_plan(project, [_line(project)], _book("USD"), on=datetime.date(2023, 6, 1))
    assert plan.budget_eur is None
    assert plan.gap_eur is None
    assert plan.secured_eur == Decimal("18400.00")
    assert plan.missing_rates == [("USD", datetime.date(2023, 6, 1))]


def test_without_a_budget_there_is_no_gap_and_no_missing_rate(world, usd_rates):
    project = ProjectFactory(network=world.hue.network, lead_member=world.hue, total_budget=None, currency="USD")
    plan = funding_plan(project, [_line(project)], _book("USD"), on=JUNE_2025)
    assert plan.budget_eur is None
    assert plan.gap_eur is None
    assert plan.missing_rates == []


def test_nothing_secured_leaves_the_whole_budget_to_find(project, usd_rates):
    plan = funding_plan(project, [], _book("USD"), on=JUNE_2025)
    assert plan.requested_eur == Decimal("0")
    assert plan.secured_eur == Decimal("0")
    assert plan.gap_eur == Decimal("95000.00")
