"""Reading events for their list and their page: filters, the coming dates of a series, the programme.

They return events, occurrences and sessions; how they read on a page (dates in the
event's zone, the zone named) is ``reseau.events.presentation``.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone

from reseau.events.models import Event, HostingOffer, Session, SessionSpeaker
from reseau.events.recurrence import Occurrence, expand
from reseau.registry.models import Member

UPCOMING = "upcoming"
PAST = "past"
# How far ahead a repeating event's next dates are listed on its page.
OCCURRENCES_AHEAD = datetime.timedelta(days=183)
OCCURRENCES_SHOWN = 12

# --- The list ---------------------------------------------------------------------------------


def _upcoming_q(now: datetime.datetime) -> Q:
    return (
        Q(ends_at__gte=now)
        | Q(ends_at__isnull=True, starts_at__gte=now)
        | Event.awaiting_its_date(now)
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


def hosts_of(events: QuerySet[Event]) -> QuerySet[Member]:
    """The members hosting one of these events: the list's member filter."""
    return Member.objects.filter(hosted_events__in=events.values("pk")).distinct().order_by("search_text", "pk")


# --- The event's page ------------------------------------------------------------------------


@dataclass(frozen=True)
class UpcomingDate:
    """A coming date of a repeating event; ``moved`` is the event that holds it when it was moved."""

    occurrence: Occurrence
    moved: Event | None = None


def next_occurrences(series: Event, *, now: datetime.datetime | None = None) -> list[UpcomingDate]:
    """The coming dates of a repeating event, moved ones at their new date."""
    now = now or timezone.now()
    end = now + OCCURRENCES_AHEAD
    overrides = list(series.overrides.all())
    dates = [
        UpcomingDate(o)
        for o in expand(series, now, end, overridden=[e.recurrence_id for e in overrides if e.recurrence_id])
    ]
    for moved in overrides:
        if moved.starts_at is None or moved.recurrence_id is None or not now <= moved.starts_at < end:
            continue
        occurrence = Occurrence(series, moved.starts_at, moved.ends_at, recurrence_id=moved.recurrence_id)
        dates.append(UpcomingDate(occurrence, moved))
    dates.sort(key=lambda date: date.occurrence.starts_at)
    return dates[:OCCURRENCES_SHOWN]


def hosting_offers(event: Event) -> list[HostingOffer]:
    return list(event.hosting_offers.select_related("member", "offered_by"))


# --- The programme ---------------------------------------------------------------------------


@dataclass
class ProgrammeItem:
    session: Session
    speakers: list[SessionSpeaker] = field(default_factory=list)
    moderators: list[SessionSpeaker] = field(default_factory=list)
    panellists: list[SessionSpeaker] = field(default_factory=list)

    @property
    def is_break(self) -> bool:
        return self.session.kind == Session.Kind.BREAK


def programme(event: Event) -> list[ProgrammeItem]:
    """The agenda in order, each item with its speakers by role (two queries)."""
    speakers = SessionSpeaker.objects.select_related("person").order_by("position", "pk")
    sessions = event.sessions.prefetch_related(Prefetch("speakers", queryset=speakers)).order_by(
        "starts_at", "position", "pk"
    )
    items = []
    for session in sessions:
        item = ProgrammeItem(session)
        for speaker in session.speakers.all():
            if speaker.role == SessionSpeaker.Role.MODERATOR:
                item.moderators.append(speaker)
            elif speaker.role == SessionSpeaker.Role.PANELLIST:
                item.panellists.append(speaker)
            else:
                item.speakers.append(speaker)
        items.append(item)
    return items
