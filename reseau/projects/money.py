"""Amounts in euros through the secretariat's dated exchange rates, and the funding gap."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from reseau.projects.models import ExchangeRate, FundingLine, Project

CENT = Decimal("0.01")


class RateBook:
    """Every rate for some currencies, loaded once; ``euros`` never guesses a missing rate."""

    def __init__(self, rates: Iterable[ExchangeRate]) -> None:
        self._by_currency: dict[str, list[tuple[datetime.date, Decimal]]] = {}
        for rate in rates:
            self._by_currency.setdefault(rate.currency, []).append((rate.valid_from, rate.euros_per_unit))
        for entries in self._by_currency.values():
            entries.sort(reverse=True)

    @classmethod
    def for_currencies(cls, currencies: Iterable[str]) -> RateBook:
        wanted = {c for c in currencies if c != "EUR"}
        return cls(ExchangeRate.objects.filter(currency__in=wanted) if wanted else [])

    def euros(self, amount: Decimal | None, currency: str, on: datetime.date) -> Decimal | None:
        """``amount`` in euros at the rate in force ``on``; None when there is no rate for that date."""
        if amount is None:
            return None
        if currency == "EUR":
            return amount
        for valid_from, euros_per_unit in self._by_currency.get(currency, []):
            if valid_from <= on:
                return (amount * euros_per_unit).quantize(CENT, rounding=ROUND_HALF_UP)
        return None


@dataclass(frozen=True)
class FundingPlan:
    """A project's budget and funding, in euros. A None total means a rate is missing."""

    budget_eur: Decimal | None
    requested_eur: Decimal | None
    secured_eur: Decimal | None
    gap_eur: Decimal | None
    missing_rates: list[tuple[str, datetime.date]]


def funding_plan(project: Project, lines: list[FundingLine], rates: RateBook, *, on: datetime.date) -> FundingPlan:
    """The budget is converted at ``on``; each funding line at its own ``as_of`` date."""
    missing: list[tuple[str, datetime.date]] = []

    def convert(amount: Decimal | None, currency: str, when: datetime.date) -> Decimal | None:
        euros = rates.euros(amount, currency, when)
        if amount is not None and euros is None:
            missing.append((currency, when))
        return euros

    budget = convert(project.total_budget, project.currency, on)
    requested: Decimal | None = Decimal("0")
    secured: Decimal | None = Decimal("0")
    for line in lines:
        line_requested = convert(line.amount_requested, line.currency, line.as_of)
        line_secured = convert(line.amount_secured, line.currency, line.as_of)
        requested = None if requested is None or line_requested is None else requested + line_requested
        secured = None if secured is None or line_secured is None else secured + line_secured
    gap = None if budget is None or secured is None else max(budget - secured, Decimal("0"))
    return FundingPlan(budget, requested, secured, gap, sorted(set(missing)))
