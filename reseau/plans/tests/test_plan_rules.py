"""Rules the plan model holds once for every page, the model's check and the import."""

from __future__ import annotations

import datetime

import pytest

from reseau.core.choices import Tone
from reseau.plans.models import ActivityProgress, Plan, ReportingPeriod

D = datetime.date


def _plan() -> Plan:
    return Plan(starts_on=D(2024, 1, 1), ends_on=D(2024, 12, 31))


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "covered"),
    [
        (D(2024, 4, 1), D(2024, 6, 30), True),  # inside
        (D(2023, 10, 1), D(2024, 1, 1), True),  # ends on the plan's first day
        (D(2024, 12, 31), D(2025, 3, 31), True),  # starts on the plan's last day
        (D(2023, 10, 1), D(2023, 12, 31), False),  # the day before
        (D(2025, 1, 1), D(2025, 3, 31), False),  # the day after
    ],
)
def test_a_plan_covers_the_periods_its_dates_overlap(starts_on, ends_on, covered):
    assert _plan().covers(ReportingPeriod(starts_on=starts_on, ends_on=ends_on)) is covered


@pytest.mark.parametrize(
    ("status", "tone"),
    [
        (Plan.Status.DRAFT, Tone.WARN),
        (Plan.Status.VALIDATED, Tone.OK),
        (ActivityProgress.Status.NOT_STARTED, Tone.NEUTRAL),
        (ActivityProgress.Status.ONGOING, Tone.WARN),
        (ActivityProgress.Status.DONE, Tone.OK),
        (ActivityProgress.Status.DROPPED, Tone.BAD),
    ],
)
def test_each_status_has_its_tone(status, tone):
    assert status.tone == tone


def test_in_french_the_done_status_is_not_the_achieved_column() -> None:
    from django.utils import translation
    from django.utils.translation import gettext

    from reseau.plans.models import ActivityProgress

    with translation.override("fr"):
        assert str(ActivityProgress.Status.DONE.label) != gettext("Achieved")
