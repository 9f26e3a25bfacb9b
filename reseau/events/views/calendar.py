"""The shared calendar: a month grid, a week, and a list of the coming months.

Anyone can open it; each person sees the events ``access.events_visible_to`` allows
(anonymous visitors the public ones). On the month and week pages a signed-in reader reads
times in their own time zone (their network's; Paris for the secretariat), said once at the
top; a visitor, whose zone nobody knows, reads each event at the time of its place, the zone
named with it (a Phnom Penh meeting at 10:00 UTC+7, not at 05:00 Paris time). The list gives
each event's time in the zone of the place, with the zone named.
A wrong ``month``, ``week`` or ``from`` falls back to the current period with a message.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from reseau.core import zones
from reseau.events import presentation
from reseau.events.access import events_visible_to
from reseau.events.forms.calendar import CalendarFilterForm
from reseau.events.models import Event
from reseau.events.recurrence import Occurrence
from reseau.events.selectors import calendar as calendar_selectors
from reseau.registry.models import Network

# The list covers about three months from its first day, and shows at most this many dates.
AGENDA_DAYS = 92
AGENDA_LIMIT = 200
# A multi-day event is written on each of its days, up to this many.
LONGEST_SPAN_DAYS = 42

_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_WEEK = re.compile(r"(\d{4})-?W(\d{1,2})", re.IGNORECASE)


@dataclass
class Item:
    """An occurrence as one day of the calendar shows it."""

    occurrence: Occurrence
    time: str = ""  # the reader's local start time, on the first day of a timed event
    end_time: str = ""  # its end, when it ends the same day
    zone: str = ""  # "UTC+7" when times are each event's own, not the reader's
    moment: str = ""  # the start, ISO 8601 in the zone its time is shown in
    all_day: bool = False
    continued: bool = False  # a later day of an event that started before

    @property
    def event(self) -> Event:
        return self.occurrence.event

    @property
    def cancelled(self) -> bool:
        return self.occurrence.event.is_cancelled


@dataclass
class Day:
    date: datetime.date
    in_period: bool = True
    today: bool = False
    items: list[Item] = field(default_factory=list)


def _filters(request: HttpRequest) -> tuple[CalendarFilterForm, dict[str, str]]:
    form = CalendarFilterForm(request.GET or None, user=request.user)
    return form, form.values()


def _query(request: HttpRequest, **period: str) -> str:
    """The current filters with another period, for the previous/next links."""
    query = QueryDict(mutable=True)
    for name in ("theme", "member", "type"):
        value = request.GET.get(name)
        if value:
            query[name] = value
    for name, value in period.items():
        query[name] = value
    return query.urlencode()


# Far enough for any meeting's history and planning; beyond it the neighbouring periods
# (and time-zone conversions) would fall outside what Python's dates can hold.
FIRST_YEAR, LAST_YEAR = 1900, 2199


def _within_calendar(day: datetime.date) -> datetime.date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(day)
    return day


# Each event at the time of its place: a day there begins up to 14 hours before or 12 after UTC's.
_WIDEST_OFFSETS = (datetime.timedelta(hours=14), datetime.timedelta(hours=12))


def _midnight(day: datetime.date, zone: datetime.tzinfo | None, *, end: bool = False) -> datetime.datetime:
    """Midnight of ``day`` in the reader's zone; without one (each event in its own zone), the
    earliest (or, for the end of a window, latest) moment a day of that date begins anywhere."""
    if zone is not None:
        return datetime.datetime.combine(day, datetime.time.min).replace(tzinfo=zone)
    utc = datetime.datetime.combine(day, datetime.time.min).replace(tzinfo=datetime.UTC)
    return utc + _WIDEST_OFFSETS[1] if end else utc - _WIDEST_OFFSETS[0]


def _reader_zone(request: HttpRequest) -> datetime.tzinfo | None:
    """The signed-in reader's zone; None for a visitor: each event is then read in its own."""
    return timezone.get_current_timezone() if request.user.is_authenticated else None


def _days_of(item_occurrence: Occurrence, zone: datetime.tzinfo | None) -> tuple[datetime.date, datetime.date, bool]:
    """The first and last calendar day of an occurrence, and whether it is all day.

    A timed event falls on the reader's days (or its place's, without a reader's zone); an
    all-day event on the days of its place.
    """
    event = item_occurrence.event
    zone = zone or event.zone
    if event.all_day:
        local_start = item_occurrence.local_start
        last = event.last_day(item_occurrence.local_end) or local_start.date()
        return local_start.date(), max(last, local_start.date()), True
    first = timezone.localtime(item_occurrence.starts_at, zone).date()
    ends_at = item_occurrence.ends_at
    if ends_at is None or ends_at <= item_occurrence.starts_at:
        return first, first, False
    last = timezone.localtime(ends_at - datetime.timedelta(microseconds=1), zone).date()
    return first, max(first, last), False


def _place(occurrences: list[Occurrence], days: list[Day], reader_zone: datetime.tzinfo | None) -> None:
    """Write each occurrence on the days it covers (within ``days``)."""
    by_date = {day.date: day for day in days}
    for occurrence in occurrences:
        first, last, all_day = _days_of(occurrence, reader_zone)
        last = min(last, first + datetime.timedelta(days=LONGEST_SPAN_DAYS - 1))
        zone = reader_zone or occurrence.event.zone
        time = end_time = zone_text = ""
        moment = timezone.localtime(occurrence.starts_at, zone).isoformat()
        if not all_day:
            time = timezone.localtime(occurrence.starts_at, zone).strftime("%H:%M")
            if occurrence.ends_at is not None and occurrence.ends_at > occurrence.starts_at and first == last:
                end_time = timezone.localtime(occurrence.ends_at, zone).strftime("%H:%M")
            if reader_zone is None:
                zone_text = zones.zone_offset(occurrence.event.time_zone, occurrence.starts_at)
        day = first
        while day <= last:
            if day in by_date:
                by_date[day].items.append(
                    Item(
                        occurrence,
                        time=time if day == first else "",
                        end_time=end_time,
                        zone=zone_text if day == first else "",
                        moment=moment,
                        all_day=all_day,
                        continued=day != first,
                    )
                )
            day += datetime.timedelta(days=1)
    for listed in days:
        # All-day events first, then by time; an event continuing from the day before first of all.
        listed.items.sort(key=lambda item: (not item.continued, not item.all_day, item.occurrence.starts_at))


def _common(request: HttpRequest, form: CalendarFilterForm, view: str) -> dict[str, Any]:
    zone = _reader_zone(request)
    return {
        "form": form,
        "view": view,
        "zone_name": zones.zone_label(zone) if zone is not None else "",
        "networks": list(Network.objects.all()),
    }


def _zones_shown(days: list[Day]) -> list[str]:
    """The zones of the timed events on the page, as people name them ("Phnom Penh time (UTC+7)")."""
    found: dict[str, datetime.datetime] = {}
    for day in days:
        for item in day.items:
            if item.zone:
                found.setdefault(item.event.time_zone, item.occurrence.starts_at)
    return sorted({zones.zone_label(name, moment) for name, moment in found.items()})


@require_GET
def month(request: HttpRequest) -> HttpResponse:
    zone = _reader_zone(request)
    today = timezone.localdate()
    first = today.replace(day=1)
    wanted = request.GET.get("month", "")
    if wanted:
        match = _MONTH.fullmatch(wanted.strip())
        try:
            if match is None:
                raise ValueError(wanted)
            first = _within_calendar(datetime.date(int(match[1]), int(match[2]), 1))
        except ValueError:
            messages.warning(
                request,
                _("“%(value)s” is not a month (write it like 2023-05); here is the current month.")
                % {"value": wanted[:20]},
            )
            first = today.replace(day=1)
    next_first = (first + datetime.timedelta(days=32)).replace(day=1)
    previous_first = (first - datetime.timedelta(days=1)).replace(day=1)
    grid_start = first - datetime.timedelta(days=first.weekday())
    last = next_first - datetime.timedelta(days=1)
    grid_end = last + datetime.timedelta(days=6 - last.weekday())
    days = []
    day = grid_start
    while day <= grid_end:
        days.append(Day(day, in_period=day.month == first.month, today=day == today))
        day += datetime.timedelta(days=1)
    form, filters = _filters(request)
    occurrences = calendar_selectors.occurrences_between(
        request.user,
        _midnight(grid_start, zone),
        _midnight(grid_end + datetime.timedelta(days=1), zone, end=True),
        theme=filters["theme"],
        member=filters["member"],
        kind=filters["kind"],
    )
    _place(occurrences, days, zone)
    context = {
        **_common(request, form, "month"),
        "month_start": first,
        "weeks": [days[i : i + 7] for i in range(0, len(days), 7)],
        "weekdays": days[:7],
        "has_events": any(day.items for day in days if day.in_period),
        "zones_shown": _zones_shown(days),
        "period_value": f"{first:%Y-%m}",
        "previous_query": _query(request, month=f"{previous_first:%Y-%m}"),
        "next_query": _query(request, month=f"{next_first:%Y-%m}"),
        "month_query": _query(request, month=f"{first:%Y-%m}"),
        "week_query": _query(request, week=_week_value(first if first.month != today.month else today)),
        "list_query": _query(request, **{"from": first.isoformat()}),
    }
    return render(request, "events/calendar_month.html", context)


def _week_value(day: datetime.date) -> str:
    year, number, _weekday = day.isocalendar()
    return f"{year}-W{number:02d}"


@require_GET
def week(request: HttpRequest) -> HttpResponse:
    zone = _reader_zone(request)
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    wanted = request.GET.get("week", "")
    if wanted:
        match = _WEEK.fullmatch(wanted.strip())
        try:
            if match is None:
                raise ValueError(wanted)
            monday = _within_calendar(datetime.date.fromisocalendar(int(match[1]), int(match[2]), 1))
        except ValueError:
            messages.warning(
                request,
                _("“%(value)s” is not a week (write it like 2023-W20); here is the current week.")
                % {"value": wanted[:20]},
            )
            monday = today - datetime.timedelta(days=today.weekday())
    days = [Day(monday + datetime.timedelta(days=n)) for n in range(7)]
    for day in days:
        day.today = day.date == today
    form, filters = _filters(request)
    occurrences = calendar_selectors.occurrences_between(
        request.user,
        _midnight(monday, zone),
        _midnight(monday + datetime.timedelta(days=7), zone, end=True),
        theme=filters["theme"],
        member=filters["member"],
        kind=filters["kind"],
    )
    _place(occurrences, days, zone)
    year, number, _weekday = monday.isocalendar()
    context = {
        **_common(request, form, "week"),
        "days": days,
        "week_year": year,
        "week_number": number,
        "week_start": monday,
        "week_end": monday + datetime.timedelta(days=6),
        "has_events": any(day.items for day in days),
        "zones_shown": _zones_shown(days),
        "period_value": _week_value(monday),
        "previous_query": _query(request, week=_week_value(monday - datetime.timedelta(days=7))),
        "next_query": _query(request, week=_week_value(monday + datetime.timedelta(days=7))),
        "week_query": _query(request, week=_week_value(monday)),
        "month_query": _query(request, month=f"{monday:%Y-%m}"),
        "list_query": _query(request, **{"from": monday.isoformat()}),
    }
    return render(request, "events/calendar_week.html", context)


@dataclass
class AgendaRow:
    occurrence: Occurrence
    when: str
    place: str

    @property
    def event(self) -> Event:
        return self.occurrence.event


def _place_text(event: Event) -> str:
    return ", ".join(str(part) for part in (event.venue, event.city, event.country) if part)


@require_GET
def agenda(request: HttpRequest) -> HttpResponse:
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    start_day = today
    wanted = request.GET.get("from", "")
    if wanted:
        try:
            start_day = _within_calendar(datetime.date.fromisoformat(wanted.strip()))
        except ValueError:
            messages.warning(
                request,
                _("“%(value)s” is not a date (write it like 2023-05-18); here are the coming months.")
                % {"value": wanted[:20]},
            )
            start_day = today
    end_day = start_day + datetime.timedelta(days=AGENDA_DAYS)
    form, filters = _filters(request)
    visible = events_visible_to(request.user)
    occurrences = calendar_selectors.occurrences_between(
        request.user,
        _midnight(start_day, zone),
        _midnight(end_day, zone),
        theme=filters["theme"],
        member=filters["member"],
        kind=filters["kind"],
        visible=visible,
    )
    truncated = len(occurrences) > AGENDA_LIMIT
    more_from = end_day
    if truncated:
        later = timezone.localtime(occurrences[AGENDA_LIMIT].starts_at, zone).date()
        # Never the same first day again (a day with more dates than the limit still moves on).
        more_from = max(later, start_day + datetime.timedelta(days=1))
        occurrences = occurrences[:AGENDA_LIMIT]
    rows = [
        AgendaRow(
            occurrence,
            presentation.when_text(occurrence.event, occurrence.local_start, occurrence.local_end, short=True),
            _place_text(occurrence.event),
        )
        for occurrence in occurrences
    ]
    undated = calendar_selectors.undated_events(
        request.user, theme=filters["theme"], member=filters["member"], kind=filters["kind"], visible=visible
    )
    context = {
        **_common(request, form, "list"),
        "rows": rows,
        "undated": [(event, _place_text(event)) for event in undated],
        "start_day": start_day,
        "last_day": end_day - datetime.timedelta(days=1),
        "period_value": start_day.isoformat(),
        "previous_query": _query(request, **{"from": (start_day - datetime.timedelta(days=AGENDA_DAYS)).isoformat()}),
        "next_query": _query(request, **{"from": more_from.isoformat()}),
        "truncated": truncated,
        "more_from": more_from,
        "month_query": _query(request, month=f"{start_day:%Y-%m}"),
        "week_query": _query(request, week=_week_value(start_day)),
        "list_query": _query(request, **{"from": start_day.isoformat()}),
    }
    return render(request, "events/calendar_list.html", context)
