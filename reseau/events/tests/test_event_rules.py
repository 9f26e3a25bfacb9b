"""The rules the event model and its statuses hold, asked by the pages, the forms and the services alike."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from reseau.core.choices import Tone
from reseau.events.models import Event, HostingOffer
from tests.factories import EventFactory

UTC = datetime.UTC
START = datetime.datetime(2031, 5, 18, 1, 0, tzinfo=UTC)


def _event(**fields) -> Event:
    values = {"status": Event.Status.PLANNED, "time_zone": "Asia/Phnom_Penh", "starts_at": START}
    values.update(fields)
    return Event(**values)


@pytest.mark.parametrize(
    ("status", "tone"),
    [
        (Event.Status.CONFIRMED, Tone.OK),
        (Event.Status.TO_BE_FIXED, Tone.WARN),
        (Event.Status.CANCELLED, Tone.BAD),
        (Event.Status.PLANNED, Tone.NEUTRAL),
        (Event.Status.HELD, Tone.NEUTRAL),
    ],
)
def test_each_event_status_has_its_tone(status, tone):
    assert status.tone == tone


@pytest.mark.parametrize(
    ("status", "tone"),
    [
        (HostingOffer.Status.ACCEPTED, Tone.OK),
        (HostingOffer.Status.OFFERED, Tone.WARN),
        (HostingOffer.Status.DECLINED, Tone.NEUTRAL),
    ],
)
def test_each_offer_status_has_its_tone(status, tone):
    assert status.tone == tone


@pytest.mark.parametrize(
    ("status", "open_"),
    [
        (Event.Status.TO_BE_FIXED, True),
        (Event.Status.PLANNED, True),
        (Event.Status.CONFIRMED, True),
        (Event.Status.HELD, False),
        (Event.Status.CANCELLED, False),
    ],
)
def test_only_meetings_still_to_come_accept_offers_and_registrations(status, open_):
    event = _event(status=status)
    assert event.accepts_hosting_offers is open_
    assert event.accepts_registrations is open_


@pytest.mark.parametrize(
    ("status", "needs"),
    [
        (Event.Status.TO_BE_FIXED, False),
        (Event.Status.CANCELLED, False),
        (Event.Status.PLANNED, True),
        (Event.Status.CONFIRMED, True),
        (Event.Status.HELD, True),
    ],
)
def test_a_date_may_be_missing_only_when_to_be_fixed_or_cancelled(status, needs):
    assert Event.Status.needs_a_date(status) is needs


def test_the_duration_is_from_start_to_end():
    event = _event(ends_at=START + datetime.timedelta(hours=4))
    assert event.duration == datetime.timedelta(hours=4)


def test_without_an_end_there_is_no_duration():
    assert _event(ends_at=None).duration is None


def test_another_date_of_a_series_lasts_as_long_as_the_first():
    event = _event(ends_at=START + datetime.timedelta(hours=2))
    later = START + datetime.timedelta(days=28)
    assert event.end_from(later) == later + datetime.timedelta(hours=2)


def test_another_date_of_a_series_without_an_end_has_none():
    assert _event(ends_at=None).end_from(START) is None


def test_an_all_day_event_ends_the_day_before_the_stored_midnight():
    event = _event(all_day=True)
    midnight = datetime.datetime(2031, 5, 21, 0, 0, tzinfo=event.zone)
    assert event.last_day(midnight) == datetime.date(2031, 5, 20)


def test_a_timed_event_ends_on_the_day_of_its_end():
    event = _event(all_day=False)
    midnight = datetime.datetime(2031, 5, 21, 0, 0, tzinfo=event.zone)
    assert event.last_day(midnight) == datetime.date(2031, 5, 21)


def test_an_offer_of_a_cancelled_event_cannot_be_accepted():
    offer = HostingOffer(event=_event(status=Event.Status.CANCELLED), status=HostingOffer.Status.OFFERED)
    assert offer.can_be_accepted is False


def test_the_accepted_offer_cannot_be_accepted_again():
    offer = HostingOffer(event=_event(), status=HostingOffer.Status.ACCEPTED)
    assert offer.can_be_accepted is False


def test_a_declined_offer_of_a_coming_event_can_still_be_accepted():
    offer = HostingOffer(event=_event(), status=HostingOffer.Status.DECLINED)
    assert offer.can_be_accepted is True


def _month_only_event(**fields):
    from reseau.events.seed import whole_days

    start, end = whole_days(datetime.date(2022, 12, 1), datetime.date(2022, 12, 1))
    return EventFactory(starts_at=start, ends_at=end, all_day=True, month_only=True, **fields)


@pytest.mark.django_db
def test_an_event_known_to_the_month_only_reads_as_its_month():
    from reseau.events.presentation import when_text

    assert when_text(_month_only_event()) == "December 2022"


@pytest.mark.django_db
def test_an_event_known_to_the_month_only_spans_its_month():
    assert _month_only_event().month_span() == (datetime.date(2022, 12, 1), datetime.date(2023, 1, 1))


@pytest.mark.django_db
def test_an_event_known_to_the_month_only_must_be_all_day():
    event = _month_only_event()
    event.all_day = False
    with pytest.raises(ValidationError, match="month only"):
        event.full_clean()
