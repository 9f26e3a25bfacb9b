"""How close a call's deadline is, and the amounts it offers: written once, on the model."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from reseau.core.choices import Tone
from reseau.funding.models import DeadlineUrgency, FundingOpportunity

TODAY = datetime.date(2026, 3, 1)


def _closing_in(days: int | None) -> FundingOpportunity:
    closes_on = None if days is None else TODAY + datetime.timedelta(days=days)
    return FundingOpportunity(title="Call", closes_on=closes_on)


@pytest.mark.parametrize(
    ("days", "urgency"),
    [
        (None, None),
        (-1, None),
        (0, DeadlineUrgency.SOON),
        (FundingOpportunity.DEADLINE_SOON_DAYS, DeadlineUrgency.SOON),
        (FundingOpportunity.DEADLINE_SOON_DAYS + 1, DeadlineUrgency.NEAR),
        (FundingOpportunity.DEADLINE_NEAR_DAYS, DeadlineUrgency.NEAR),
        (FundingOpportunity.DEADLINE_NEAR_DAYS + 1, None),
    ],
)
def test_the_urgency_follows_the_thresholds(days, urgency):
    assert _closing_in(days).deadline_urgency(TODAY) == urgency


def test_a_close_deadline_is_bad_and_a_coming_one_a_warning():
    assert (DeadlineUrgency.SOON.tone, DeadlineUrgency.NEAR.tone) == (Tone.BAD, Tone.WARN)


def test_the_labels_name_the_thresholds():
    with translation.override("en"):
        assert f"{FundingOpportunity.DEADLINE_SOON_DAYS} days" in str(DeadlineUrgency.SOON.label)
        assert f"{FundingOpportunity.DEADLINE_NEAR_DAYS} days" in str(DeadlineUrgency.NEAR.label)


@pytest.mark.parametrize(
    ("low", "high", "text"),
    [
        ("10000", "50000", "10,000.00 to 50,000.00 EUR"),
        (None, "50000", "Up to 50,000.00 EUR"),
        ("10000", None, "From 10,000.00 EUR"),
        ("10000", "10000", "10,000.00 EUR"),
        (None, None, "Not stated"),
    ],
)
def test_the_amount_range_reads_as_a_phrase(low, high, text):
    call = FundingOpportunity(
        amount_min=None if low is None else Decimal(low),
        amount_max=None if high is None else Decimal(high),
        currency="EUR",
    )
    with translation.override("en"):
        assert call.amount_range == text


def test_awarded_calls_are_ok_prepared_ones_warn_and_rejected_ones_bad():
    tones = [FundingOpportunity.Status(v).tone for v in FundingOpportunity.Status.values]
    assert dict(zip(FundingOpportunity.Status.values, tones, strict=True)) == {
        "watching": Tone.NEUTRAL,
        "preparing": Tone.WARN,
        "submitted": Tone.NEUTRAL,
        "awarded": Tone.OK,
        "rejected": Tone.BAD,
        "closed": Tone.NEUTRAL,
    }
