"""How events read on a page: dates and times in the event's own zone, with the zone named.

Times are always shown in the event's own time zone, with the zone named, so that
"8:00-12:00 (Phnom Penh time (UTC+7))" reads the same in Paris and in Huế. The selectors
return events, occurrences and sessions; these functions turn them into the words a
page shows, without a query.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from reseau.core import zones
from reseau.events.models import Event, Session
from reseau.events.recurrence import Occurrence, expand
from reseau.events.selectors.event import OCCURRENCES_AHEAD, ProgrammeItem, UpcomingDate

# The zones of the network's countries all read "+07" in the tz database; people say ICT.
_ABBREVIATIONS = {
    "Asia/Phnom_Penh": "ICT",
    "Asia/Vientiane": "ICT",
    "Asia/Ho_Chi_Minh": "ICT",
    "Asia/Saigon": "ICT",
    "Asia/Bangkok": "ICT",
}
TIME = "G:i"


def zone_abbreviation(moment: datetime.datetime, zone_name: str) -> str:
    """ "ICT", "CEST", or "UTC+7" when the tz database has no letters for the zone."""
    if zone_name in _ABBREVIATIONS:
        return _ABBREVIATIONS[zone_name]
    letters = moment.strftime("%Z")
    if letters and letters[0] not in "+-":
        return letters
    offset = moment.utcoffset() or datetime.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def _date(moment: datetime.datetime | datetime.date) -> str:
    return formats.date_format(moment, "DATE_FORMAT")


def _time(moment: datetime.datetime) -> str:
    return formats.date_format(moment, TIME)


def when_text(
    event: Event,
    local_start: datetime.datetime | None = None,
    local_end: datetime.datetime | None = None,
    *,
    short: bool = False,
) -> str:
    """When the event (or one date of its series) happens, in its own zone.

    "18 May 2023, 8:00-12:00 (Phnom Penh time, UTC+7)"; short: "18 May 2023, 8:00-12:00 ICT";
    "…, to be confirmed" while its day and time are an assumption.
    """
    text = _dated_text(event, local_start, local_end, short=short)
    if event.schedule_to_be_confirmed and (local_start or event.local_start) is not None:
        return _("%(when)s, to be confirmed") % {"when": text}
    return text


def _dated_text(
    event: Event,
    local_start: datetime.datetime | None,
    local_end: datetime.datetime | None,
    *,
    short: bool,
) -> str:
    start = local_start or event.local_start
    end = local_end if local_start is not None else event.local_end
    if start is None:
        return _("Date to be fixed")
    if event.month_only and local_start is None:
        return formats.date_format(start, "YEAR_MONTH_FORMAT")
    if event.all_day:
        final = event.last_day(end)
        if final is None or final <= start.date():
            return _date(start)
        return _("%(start)s – %(end)s") % {"start": _date(start), "end": _date(final)}
    if end is None or end == start:
        text = _("%(date)s, %(time)s") % {"date": _date(start), "time": _time(start)}
    elif end.date() == start.date():
        text = _("%(date)s, %(start)s–%(end)s") % {"date": _date(start), "start": _time(start), "end": _time(end)}
    else:
        text = _("%(start_date)s, %(start)s – %(end_date)s, %(end)s") % {
            "start_date": _date(start),
            "start": _time(start),
            "end_date": _date(end),
            "end": _time(end),
        }
    if short:
        text = f"{text} {zone_abbreviation(start, event.time_zone)}"
    else:
        text = _("%(when)s (%(place)s time, %(offset)s)") % {
            "when": text,
            "place": zones.zone_place(event.time_zone),
            "offset": zones.zone_offset(event.time_zone, start),
        }
    return text


# --- The list ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventRow:
    event: Event
    when: str
    next_date: str = ""


def event_rows(events: list[Event], *, now: datetime.datetime | None = None) -> list[EventRow]:
    """What a line of the list shows; no query."""
    now = now or timezone.now()
    rows = []
    for event in events:
        next_date = ""
        if event.is_recurring:
            upcoming = expand(event, now, now + OCCURRENCES_AHEAD)
            if upcoming:
                occurrence = upcoming[0]
                next_date = when_text(event, occurrence.local_start, occurrence.local_end, short=True)
        when = when_text(event, short=True)
        rows.append(EventRow(event, when, "" if next_date == when else next_date))
    return rows


# --- The event's page ------------------------------------------------------------------------


@dataclass(frozen=True)
class OccurrenceRow:
    occurrence: Occurrence
    when: str
    moved: Event | None = None


def occurrence_rows(series: Event, dates: list[UpcomingDate]) -> list[OccurrenceRow]:
    """The coming dates of a repeating event as its page lists them; a moved one at its new date."""
    return [
        OccurrenceRow(
            date.occurrence,
            when_text(date.moved)
            if date.moved is not None
            else when_text(series, date.occurrence.local_start, date.occurrence.local_end),
            date.moved,
        )
        for date in dates
    ]


# --- The programme ---------------------------------------------------------------------------


def session_time(event: Event, session: Session) -> str:
    """ "8:00-9:30" in the event's zone ("" without a time)."""
    if session.starts_at is None:
        return ""
    start = session.starts_at.astimezone(event.zone)
    if session.ends_at is None or session.ends_at == session.starts_at:
        return _time(start)
    end = session.ends_at.astimezone(event.zone)
    return f"{_time(start)}–{_time(end)}"


def programme_days(event: Event, items: list[ProgrammeItem]) -> list[tuple[str, list[ProgrammeItem]]]:
    """The agenda by day (a heading per day when it runs over several)."""
    days: dict[datetime.date | None, list[ProgrammeItem]] = {}
    for item in items:
        start = item.session.starts_at
        days.setdefault(start.astimezone(event.zone).date() if start else None, []).append(item)
    return [(_date(day) if day else "", day_items) for day, day_items in days.items()]
