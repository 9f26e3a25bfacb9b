"""Reading events for their list and their page: filters, dates as people read them, the programme.

Times are always shown in the event's own time zone, with the zone named, so that
"8:00-12:00 (Phnom Penh time / ICT)" reads the same in Paris and in Huế.
All-day events are stored from midnight of their first day to midnight after their
last day, in the event's zone (as iCalendar's DTEND for dates).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from reseau.events.models import Event, HostingOffer, Session, SessionSpeaker
from reseau.events.recurrence import Occurrence, expand
from reseau.registry.models import Member

UPCOMING = "upcoming"
PAST = "past"
# How far ahead a repeating event's next dates are listed on its page.
OCCURRENCES_AHEAD = datetime.timedelta(days=183)
OCCURRENCES_SHOWN = 12

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


def zone_place(zone_name: str) -> str:
    """ "Asia/Phnom_Penh" → "Phnom Penh"."""
    return zone_name.rsplit("/", 1)[-1].replace("_", " ")


def zone_label(moment: datetime.datetime, zone_name: str) -> str:
    """ "Phnom Penh time / ICT"."""
    return _("%(place)s time / %(abbreviation)s") % {
        "place": zone_place(zone_name),
        "abbreviation": zone_abbreviation(moment, zone_name),
    }


def _date(moment: datetime.datetime | datetime.date) -> str:
    return formats.date_format(moment, "DATE_FORMAT")


def _time(moment: datetime.datetime) -> str:
    return formats.date_format(moment, TIME)


def last_day(event: Event, local_end: datetime.datetime | None) -> datetime.date | None:
    """The last day of an all-day event (its end is midnight after that day)."""
    if local_end is None:
        return None
    if event.all_day and local_end.time() == datetime.time(0, 0):
        return (local_end - datetime.timedelta(days=1)).date()
    return local_end.date()


def when_text(
    event: Event,
    local_start: datetime.datetime | None = None,
    local_end: datetime.datetime | None = None,
    *,
    short: bool = False,
) -> str:
    """When the event (or one date of its series) happens, in its own zone.

    "18 May 2023, 8:00-12:00 (Phnom Penh time / ICT)"; short: "18 May 2023, 8:00-12:00 ICT".
    """
    start = local_start or event.local_start
    end = local_end if local_start is not None else event.local_end
    if start is None:
        return _("Date to be fixed")
    if event.all_day:
        final = last_day(event, end)
        if final is None or final <= start.date():
            return _date(start)
        return _("%(start)s – %(end)s") % {"start": _date(start), "end": _date(final)}
    zone = zone_abbreviation(start, event.time_zone) if short else zone_label(start, event.time_zone)
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
        return f"{text} {zone}"
    return _("%(when)s (%(zone)s)") % {"when": text, "zone": zone}


def status_tone(status: str) -> str:
    """The badge colour of a status."""
    tones: dict[str, str] = {
        Event.Status.CONFIRMED: "ok",
        Event.Status.TO_BE_FIXED: "warn",
        Event.Status.CANCELLED: "bad",
    }
    return tones.get(status, "neutral")


# --- The list ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventRow:
    event: Event
    when: str
    tone: str
    next_date: str = ""


def _upcoming_q(now: datetime.datetime) -> Q:
    return (
        Q(ends_at__gte=now)
        | Q(ends_at__isnull=True, starts_at__gte=now)
        | Q(starts_at__isnull=True)
        # A series still running: its first date may be long past.
        | (
            ~Q(recurrence_rule="")
            & Q(series__isnull=True)
            & (Q(recurrence_ends_at__isnull=True) | Q(recurrence_ends_at__gte=now))
        )
    )


def event_list(
    events: QuerySet[Event], filters: Mapping[str, Any], *, when: str, now: datetime.datetime | None = None
) -> QuerySet[Event]:
    """Upcoming: soonest first, dates to be fixed last. Past: latest first."""
    now = now or timezone.now()
    if filters.get("kind"):
        events = events.filter(kind=filters["kind"])
    if filters.get("status"):
        events = events.filter(status=filters["status"])
    if filters.get("theme"):
        events = events.filter(themes__code=filters["theme"])
    if filters.get("member"):
        events = events.filter(host_member__slug=filters["member"])
    events = events.select_related("host_member", "country", "network")
    if when == PAST:
        return events.exclude(_upcoming_q(now)).order_by(F("starts_at").desc(nulls_last=True), "-pk")
    return events.filter(_upcoming_q(now)).order_by(F("starts_at").asc(nulls_last=True), "pk")


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
        rows.append(EventRow(event, when, status_tone(event.status), "" if next_date == when else next_date))
    return rows


def hosts_of(events: QuerySet[Event]) -> QuerySet[Member]:
    """The members hosting one of these events: the list's member filter."""
    return Member.objects.filter(hosted_events__in=events.values("pk")).distinct().order_by("search_text", "pk")


# --- The event's page ------------------------------------------------------------------------


@dataclass(frozen=True)
class OccurrenceRow:
    occurrence: Occurrence
    when: str
    moved: Event | None = None


def next_occurrences(series: Event, *, now: datetime.datetime | None = None) -> list[OccurrenceRow]:
    """The coming dates of a repeating event, moved ones at their new date."""
    now = now or timezone.now()
    end = now + OCCURRENCES_AHEAD
    overrides = list(series.overrides.all())
    rows = [
        OccurrenceRow(o, when_text(series, o.local_start, o.local_end))
        for o in expand(series, now, end, overridden=[e.recurrence_id for e in overrides if e.recurrence_id])
    ]
    for moved in overrides:
        if moved.starts_at is None or moved.recurrence_id is None or not now <= moved.starts_at < end:
            continue
        occurrence = Occurrence(series, moved.starts_at, moved.ends_at, recurrence_id=moved.recurrence_id)
        rows.append(OccurrenceRow(occurrence, when_text(moved), moved))
    rows.sort(key=lambda row: row.occurrence.starts_at)
    return rows[:OCCURRENCES_SHOWN]


def can_read_minutes(user: Any, event: Event) -> bool:
    """Minutes are the network's internal record: its members' people and the secretariat, not
    anonymous visitors nor partners, even for a public event."""
    if not user.is_authenticated or not user.is_active or user.is_partner:
        return False
    return bool(user.is_secretariat or user.network_id == event.network_id)


def hosting_offers(event: Event) -> list[HostingOffer]:
    return list(event.hosting_offers.select_related("member", "offered_by"))


# --- The programme ---------------------------------------------------------------------------


@dataclass
class ProgrammeItem:
    session: Session
    when: str
    speakers: list[SessionSpeaker] = field(default_factory=list)
    moderators: list[SessionSpeaker] = field(default_factory=list)
    panellists: list[SessionSpeaker] = field(default_factory=list)

    @property
    def is_break(self) -> bool:
        return self.session.kind == Session.Kind.BREAK


def session_time(event: Event, session: Session) -> str:
    """ "8:00-9:30" in the event's zone ("" without a time)."""
    if session.starts_at is None:
        return ""
    start = session.starts_at.astimezone(event.zone)
    if session.ends_at is None or session.ends_at == session.starts_at:
        return _time(start)
    end = session.ends_at.astimezone(event.zone)
    return f"{_time(start)}–{_time(end)}"


def programme(event: Event) -> list[ProgrammeItem]:
    """The agenda in order, each item with its speakers by role (two queries)."""
    speakers = SessionSpeaker.objects.select_related("person").order_by("position", "pk")
    sessions = event.sessions.prefetch_related(Prefetch("speakers", queryset=speakers)).order_by(
        "starts_at", "position", "pk"
    )
    items = []
    for session in sessions:
        item = ProgrammeItem(session, session_time(event, session))
        for speaker in session.speakers.all():
            if speaker.role == SessionSpeaker.Role.MODERATOR:
                item.moderators.append(speaker)
            elif speaker.role == SessionSpeaker.Role.PANELLIST:
                item.panellists.append(speaker)
            else:
                item.speakers.append(speaker)
        items.append(item)
    return items


def programme_days(event: Event, items: list[ProgrammeItem]) -> list[tuple[str, list[ProgrammeItem]]]:
    """The agenda by day (a heading per day when it runs over several)."""
    days: dict[Any, list[ProgrammeItem]] = {}
    for item in items:
        start = item.session.starts_at
        days.setdefault(start.astimezone(event.zone).date() if start else None, []).append(item)
    return [(_date(day) if day else "", day_items) for day, day_items in days.items()]
