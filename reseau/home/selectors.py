"""What the home page reads: the reader's next events and the next steps that are late."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from reseau.accounts.types import Viewer
from reseau.events.access import events_visible_to
from reseau.events.models import Event
from reseau.events.presentation import when_text
from reseau.events.recurrence import expand
from reseau.home import access as home_access
from reseau.partners import access as partner_access
from reseau.partners.models import Interaction

OVERDUE_NEXT_STEPS_SHOWN = 10
UPCOMING_EVENTS_SHOWN = 5
# How far ahead a repeating event's next date is looked for: a month, then a few years.
SERIES_LOOKAHEAD = (datetime.timedelta(days=32), datetime.timedelta(days=3 * 366))


@dataclass(frozen=True)
class UpcomingEvent:
    event: Event
    url: str
    when: str
    starts_at: datetime.datetime | None
    repeating: bool = False
    registered: int | None = None  # the focal point's delegation

    @property
    def shows_status(self) -> bool:
        """The status is news unless confirmed, or already said by the date ("Date to be fixed")."""
        return not self.event.is_confirmed and self.starts_at is not None


def upcoming_events(user: Viewer, *, now: datetime.datetime | None = None) -> list[UpcomingEvent]:
    """The next events the user may see, soonest first, each repeating event once (its next
    date), dates still to be fixed last (those of a year gone by left out: they are not coming);
    three queries whatever the number of events."""
    now = now or timezone.now()
    base = events_visible_to(user).exclude(status=Event.Status.CANCELLED)
    visible = base
    focal_member = home_access.delegation_member_id(user)
    if focal_member is not None:
        visible = visible.annotate(
            delegation=Count("registrations", filter=Q(registrations__member_id=focal_member), distinct=True)
        )
    # Single events and moved dates of a series, including those under way.
    singles = list(
        visible.filter(recurrence_rule="")
        .filter(Q(starts_at__gte=now) | Q(ends_at__gte=now) | Event.awaiting_its_date(now))
        .select_related("series")
        .order_by(F("starts_at").asc(nulls_last=True), "pk")[:UPCOMING_EVENTS_SHOWN]
    )
    series = list(visible.filter(series__isnull=True).exclude(recurrence_rule="").order_by("pk"))
    # Dates of those series that were moved or cancelled: left out of the series' own dates.
    overridden: dict[int, list[datetime.datetime]] = {}
    for series_id, recurrence_id in Event.objects.filter(
        series__in=base.filter(series__isnull=True).exclude(recurrence_rule="").values("pk"),
        recurrence_id__isnull=False,
    ).values_list("series_id", "recurrence_id"):
        if recurrence_id is not None:
            overridden.setdefault(series_id, []).append(recurrence_id)

    def registered(event: Event) -> int | None:
        return getattr(event, "delegation", None) if focal_member is not None else None

    items = [
        UpcomingEvent(
            event=event,
            url=(event.series or event).get_absolute_url(),
            when=when_text(event, short=True),
            starts_at=event.starts_at,
            repeating=event.series_id is not None,
            registered=registered(event),
        )
        for event in singles
    ]
    for row in series:
        for ahead in SERIES_LOOKAHEAD:
            found = expand(row, now, now + ahead, overridden=overridden.get(row.pk, ()))
            if found:
                occurrence = found[0]
                items.append(
                    UpcomingEvent(
                        event=row,
                        url=row.get_absolute_url(),
                        when=when_text(row, occurrence.local_start, occurrence.local_end, short=True),
                        starts_at=occurrence.starts_at,
                        repeating=True,
                        registered=registered(row),
                    )
                )
                break
    far = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    items.sort(key=lambda item: (item.starts_at or far, item.event.pk))
    # A series shows once: its next date, whether moved or not.
    shown: list[UpcomingEvent] = []
    seen: set[int] = set()
    for item in items:
        key = item.event.series_id or item.event.pk
        if key not in seen:
            seen.add(key)
            shown.append(item)
    return shown[:UPCOMING_EVENTS_SHOWN]


def overdue_next_steps(user: Viewer) -> QuerySet[Interaction]:
    """Next steps of interactions the user may see, not done, whose due date has passed."""
    return (
        partner_access.interactions_visible_to(user)
        .exclude(next_step="")
        .filter(next_step_done_on__isnull=True, next_step_due__lt=timezone.localdate())
        .select_related("organisation", "member", "next_step_owner")
        .order_by("next_step_due", "pk")
    )
