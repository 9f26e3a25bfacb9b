"""Repeating events (RFC 5545 RRULE) expanded in the event's own wall-clock time."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from reseau.events.models import Event
from reseau.events.recurrence import (
    MAX_OCCURRENCES_PER_WINDOW,
    Occurrence,
    expand,
    is_occurrence,
    normalise_rule,
    rule_for,
    start_key,
    validate_rule,
)

UTC = datetime.UTC
PHNOM_PENH = zoneinfo.ZoneInfo("Asia/Phnom_Penh")
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def _series(rule: str, start: datetime.datetime, *, hours: float = 1, zone: str = "Asia/Phnom_Penh", **fields) -> Event:
    return Event(
        title_en="Focal-point meeting",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=hours) if hours else None,
        time_zone=zone,
        recurrence_rule=rule,
        **fields,
    )


FIRST_THURSDAYS = _series("FREQ=MONTHLY;BYDAY=1TH", datetime.datetime(2031, 1, 2, 10, 0, tzinfo=PHNOM_PENH))


def test_first_thursday_of_each_month_in_phnom_penh():
    found = expand(
        FIRST_THURSDAYS, datetime.datetime(2031, 1, 1, tzinfo=UTC), datetime.datetime(2031, 5, 1, tzinfo=UTC)
    )
    assert [o.local_start.strftime("%a %d %b %H:%M") for o in found] == [
        "Thu 02 Jan 10:00",
        "Thu 06 Feb 10:00",
        "Thu 06 Mar 10:00",
        "Thu 03 Apr 10:00",
    ]
    assert all(o.starts_at.tzinfo == UTC for o in found)
    assert [o.ends_at - o.starts_at for o in found if o.ends_at] == [datetime.timedelta(hours=1)] * 4
    assert [o.recurrence_id for o in found] == [o.starts_at for o in found]


def test_the_wall_clock_time_holds_across_daylight_saving_in_paris():
    series = _series(
        "FREQ=MONTHLY;BYMONTHDAY=15", datetime.datetime(2031, 1, 15, 10, 0, tzinfo=PARIS), zone="Europe/Paris"
    )
    found = expand(series, datetime.datetime(2031, 1, 1, tzinfo=UTC), datetime.datetime(2032, 1, 1, tzinfo=UTC))
    assert {o.local_start.strftime("%H:%M") for o in found} == {"10:00"}
    utc_hours = {o.starts_at.month: o.starts_at.hour for o in found}
    assert utc_hours[3] == 9
    assert utc_hours[4] == 8
    assert utc_hours[10] == 8
    assert utc_hours[11] == 9


def test_removed_and_moved_dates_are_left_out():
    series = _series(
        "FREQ=MONTHLY;BYDAY=1TH",
        datetime.datetime(2031, 1, 2, 10, 0, tzinfo=PHNOM_PENH),
        excluded_starts=[start_key(datetime.datetime(2031, 3, 6, 10, 0, tzinfo=PHNOM_PENH))],
    )
    moved = datetime.datetime(2031, 2, 6, 3, 0, tzinfo=UTC)
    found = expand(
        series, datetime.datetime(2031, 1, 1, tzinfo=UTC), datetime.datetime(2031, 5, 1, tzinfo=UTC), overridden=[moved]
    )
    assert [o.local_start.date().isoformat() for o in found] == ["2031-01-02", "2031-04-03"]


def test_an_occurrence_still_running_at_the_window_start_is_included():
    congress = _series("FREQ=YEARLY", datetime.datetime(2031, 3, 31, 20, 0, tzinfo=PHNOM_PENH), hours=8)
    found = expand(
        congress, datetime.datetime(2031, 4, 1, tzinfo=PHNOM_PENH), datetime.datetime(2031, 5, 1, tzinfo=UTC)
    )
    assert [o.local_start.date().isoformat() for o in found] == ["2031-03-31"]
    ended = expand(
        congress, datetime.datetime(2031, 4, 1, 5, tzinfo=PHNOM_PENH), datetime.datetime(2031, 5, 1, tzinfo=UTC)
    )
    assert ended == []


def test_the_window_end_is_exclusive():
    found = expand(
        FIRST_THURSDAYS, datetime.datetime(2031, 1, 1, tzinfo=UTC), datetime.datetime(2031, 2, 6, 3, 0, tzinfo=UTC)
    )
    assert len(found) == 1


def test_a_series_without_end_time():
    series = _series("FREQ=WEEKLY", datetime.datetime(2031, 1, 6, 9, 0, tzinfo=PHNOM_PENH), hours=0)
    found = expand(series, datetime.datetime(2031, 1, 6, 2, 0, tzinfo=UTC), datetime.datetime(2031, 1, 21, tzinfo=UTC))
    assert [o.local_start.day for o in found] == [6, 13, 20]
    assert all(o.ends_at is None for o in found)


def test_count_and_until_end_the_series():
    counted = _series("FREQ=WEEKLY;COUNT=3", datetime.datetime(2031, 1, 6, 9, 0, tzinfo=PHNOM_PENH))
    until = _series("FREQ=WEEKLY;UNTIL=20310120T090000", datetime.datetime(2031, 1, 6, 9, 0, tzinfo=PHNOM_PENH))
    window = (datetime.datetime(2030, 1, 1, tzinfo=UTC), datetime.datetime(2032, 1, 1, tzinfo=UTC))
    assert len(expand(counted, *window)) == 3
    assert len(expand(until, *window)) == 3


def test_a_runaway_rule_stops_at_the_cap():
    daily = _series("FREQ=DAILY", datetime.datetime(2000, 1, 1, 9, 0, tzinfo=PHNOM_PENH))
    found = expand(daily, datetime.datetime(2000, 1, 1, tzinfo=UTC), datetime.datetime(2031, 1, 1, tzinfo=UTC))
    assert len(found) == MAX_OCCURRENCES_PER_WINDOW


def test_not_a_series():
    single = _series("", datetime.datetime(2031, 1, 2, 10, 0, tzinfo=PHNOM_PENH))
    undated = Event(title_en="Annual meeting 2024", starts_at=None, recurrence_rule="FREQ=YEARLY")
    window = (datetime.datetime(2031, 1, 1, tzinfo=UTC), datetime.datetime(2032, 1, 1, tzinfo=UTC))
    assert expand(single, *window) == []
    assert expand(undated, *window) == []


def test_a_broken_stored_rule_shows_the_first_date_only():
    broken = _series("FREQ=SECONDLY", datetime.datetime(2031, 1, 2, 10, 0, tzinfo=PHNOM_PENH))
    found = expand(broken, datetime.datetime(2031, 1, 1, tzinfo=UTC), datetime.datetime(2032, 1, 1, tzinfo=UTC))
    assert [o.starts_at for o in found] == [broken.starts_at]


def _wall_clock(*parts: int) -> datetime.datetime:
    """A local time without its zone, as dateutil's rules read and give them."""
    return datetime.datetime(*parts, tzinfo=PHNOM_PENH).replace(tzinfo=None)


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=SECONDLY",
        "FREQ=MINUTELY;COUNT=2",
        "BYDAY=MO",
        "FREQ=MONTHLY;BYDAY=XX",
        "nonsense",
        # dateutil would repeat the first date for ever (and saving would never end with an UNTIL).
        "FREQ=DAILY;INTERVAL=0",
        "FREQ=DAILY;INTERVAL=0;UNTIL=20320101",
    ],
)
def test_rules_the_calendar_does_not_understand(rule):
    with pytest.raises(ValidationError) as error:
        validate_rule(rule, _wall_clock(2031, 1, 2, 10, 0))
    assert "Example: FREQ=MONTHLY;BYDAY=1TH" in error.value.messages[0]


def test_rule_parsing():
    assert normalise_rule(" rrule:freq=monthly;byday=1th ") == "FREQ=MONTHLY;BYDAY=1TH"
    rule = rule_for("RRULE:FREQ=MONTHLY;BYDAY=1TH", datetime.datetime(2031, 1, 2, 10, 0, tzinfo=PHNOM_PENH))
    assert rule.after(_wall_clock(2031, 1, 2, 10, 0)) == _wall_clock(2031, 2, 6, 10, 0)


def test_start_key_is_utc():
    assert start_key(datetime.datetime(2031, 1, 2, 10, 0, tzinfo=PHNOM_PENH)) == "2031-01-02T03:00:00Z"


def test_is_occurrence():
    assert is_occurrence(FIRST_THURSDAYS, datetime.datetime(2031, 2, 6, 3, 0, tzinfo=UTC))
    assert not is_occurrence(FIRST_THURSDAYS, datetime.datetime(2031, 2, 6, 4, 0, tzinfo=UTC))
    assert not is_occurrence(FIRST_THURSDAYS, datetime.datetime(2031, 2, 7, 3, 0, tzinfo=UTC))


def test_occurrence_key_is_its_original_start():
    moved = Occurrence(
        FIRST_THURSDAYS,
        datetime.datetime(2031, 2, 7, 7, 0, tzinfo=UTC),
        None,
        recurrence_id=datetime.datetime(2031, 2, 6, 3, 0, tzinfo=UTC),
    )
    assert moved.key == "2031-02-06T03:00:00Z"
    assert moved.local_start.strftime("%H:%M") == "14:00"
    assert moved.local_end is None


def test_a_rule_with_an_end_knows_when_its_last_occurrence_ends():
    from reseau.events.recurrence import series_end

    start = datetime.datetime(2023, 7, 6, 3, 0, tzinfo=UTC)  # 10:00 in Phnom Penh
    end = start + datetime.timedelta(hours=1)
    # Three first Thursdays: 6 July, 3 August, 7 September 2023, 10:00–11:00.
    assert series_end("FREQ=MONTHLY;BYDAY=1TH;COUNT=3", start, end, PHNOM_PENH) == datetime.datetime(
        2023, 9, 7, 4, 0, tzinfo=UTC
    )
    assert series_end("FREQ=MONTHLY;BYDAY=1TH;UNTIL=20231031", start, end, PHNOM_PENH) == datetime.datetime(
        2023, 10, 5, 4, 0, tzinfo=UTC
    )
    assert series_end("FREQ=MONTHLY;BYDAY=1TH", start, end, PHNOM_PENH) is None


@pytest.mark.django_db
def test_saving_a_series_keeps_the_end_of_its_last_occurrence(world):
    from tests.factories import EventFactory

    start = datetime.datetime(2023, 7, 6, 3, 0, tzinfo=UTC)
    series = EventFactory(
        network=world.hue.network, starts_at=start, ends_at=start + datetime.timedelta(hours=1), recurrence_rule=""
    )
    assert series.recurrence_ends_at is None
    series.recurrence_rule = "FREQ=WEEKLY;COUNT=2"
    series.save(update_fields=["recurrence_rule"])
    series.refresh_from_db()
    assert series.recurrence_ends_at == datetime.datetime(2023, 7, 13, 4, 0, tzinfo=UTC)


def test_a_rule_running_for_centuries_is_read_as_endless_rather_than_walked_to_its_end():
    from reseau.events.recurrence import series_end

    start = datetime.datetime(2031, 1, 1, 3, 0, tzinfo=UTC)
    assert series_end("FREQ=DAILY;UNTIL=99991231", start, start, PHNOM_PENH) is None


# --- One RRULE value, nothing more (issue 12: a line break gave the feed a second DTSTART) ----

SMUGGLED_START = "FREQ=WEEKLY;BYDAY=TH\nDTSTART:20300101T000000"


@pytest.mark.parametrize(
    "rule",
    [
        SMUGGLED_START,
        "FREQ=WEEKLY;BYDAY=TH\r\nSUMMARY:Something else",
        "FREQ=WEEKLY;BYDAY=TH\rX",
        "FREQ=WEEKLY;\x0bBYDAY=TH",
        "FREQ=WEEKLY;BYDAY=TH\u2028X",
    ],
)
def test_a_rule_with_a_line_break_is_refused_with_a_message_saying_so(rule):
    with pytest.raises(ValidationError) as error:
        validate_rule(rule, _wall_clock(2031, 1, 2, 10, 0))
    assert error.value.messages == [
        "A repeat rule is a single line: remove its line breaks and other invisible characters."
    ]


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=WEEKLY;X-EVIL=1",
        "FREQ=WEEKLY;BYDAY=TH;BYDAY=FR",
        "FREQ=WEEKLY;COUNT=2;UNTIL=20320101",
        "FREQ=WEEKLY;BYDAY=TH:DTSTART",
        "FREQ=WEEKLY;;BYDAY=TH",
    ],
)
def test_a_rule_with_unknown_or_repeated_parts_is_refused(rule):
    with pytest.raises(ValidationError) as error:
        validate_rule(rule, _wall_clock(2031, 1, 2, 10, 0))
    assert "Example: FREQ=MONTHLY;BYDAY=1TH" in error.value.messages[0]


@pytest.mark.django_db
def test_saving_a_rule_with_a_line_break_is_refused_whatever_writes_it(world):
    """The field's own validator: the form, the admin and the services all run it."""
    from reseau.events import services

    with pytest.raises(ValidationError) as error:
        services.event_create(
            actor=world.users["coordinator"],
            network=world.hue.network,
            data={
                "slug": "weekly-call",
                "title_en": "Weekly call",
                "status": "confirmed",
                "starts_at": datetime.datetime(2031, 1, 2, 10, 0, tzinfo=PHNOM_PENH),
                "recurrence_rule": SMUGGLED_START,
            },
        )
    assert error.value.message_dict == {
        "recurrence_rule": ["A repeat rule is a single line: remove its line breaks and other invisible characters."]
    }
    assert not Event.objects.filter(slug="weekly-call").exists()


def test_a_stored_rule_with_a_line_break_shows_the_first_date_only():
    stored = _series(SMUGGLED_START, datetime.datetime(2031, 1, 2, 10, 0, tzinfo=PHNOM_PENH))
    found = expand(stored, datetime.datetime(2030, 1, 1, tzinfo=UTC), datetime.datetime(2032, 1, 1, tzinfo=UTC))
    assert [o.starts_at for o in found] == [stored.starts_at]
