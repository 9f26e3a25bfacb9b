"""Reading the shared calendar: the occurrences in a window, and the events each feed carries.

A calendar page asks a constant number of queries whatever the number of events:
one for single events and moved occurrences, one for repeating series, one for the
series' moved dates (prefetched), and one for events whose date is still to be fixed.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from reseau.accounts.models import User
from reseau.accounts.types import Viewer
from reseau.events.access import events_visible_to
from reseau.events.models import Event, Invitation, Registration
from reseau.events.recurrence import Occurrence, expand
from reseau.registry.models import Member, Network, Theme


def _theme_events(theme: Theme | str) -> QuerySet[Any]:
    through = Event.themes.through.objects
    if isinstance(theme, Theme):
        return through.filter(theme=theme).values("event_id")
    return through.filter(theme__code=theme).values("event_id")


def filter_events(
    events: QuerySet[Event],
    *,
    theme: Theme | str | None = None,
    member: Member | str | None = None,
    kind: str | None = None,
) -> QuerySet[Event]:
    """Events tagged with ``theme`` (a code or a Theme), hosted by ``member`` (a slug or a Member),
    of type ``kind``. A moved occurrence follows its series' themes: it has none of its own."""
    if theme:
        tagged = _theme_events(theme)
        events = events.filter(Q(pk__in=tagged) | Q(series_id__in=tagged))
    if member:
        events = (
            events.filter(host_member=member) if isinstance(member, Member) else events.filter(host_member__slug=member)
        )
    if kind:
        events = events.filter(kind=kind)
    return events


def occurrences_between(
    user: Viewer,
    start: datetime.datetime,
    end: datetime.datetime,
    *,
    theme: Theme | str | None = None,
    member: Member | str | None = None,
    kind: str | None = None,
    visible: QuerySet[Event] | None = None,
) -> list[Occurrence]:
    """Every occurrence overlapping [start, end) of the events ``user`` may see, soonest first.

    Single events and moved occurrences come from one query; repeating series from
    another, expanded in their own zone (their moved dates, prefetched, are left out
    of the expansion: they appear once, at their new time, as their own row).
    """
    events = filter_events(
        visible if visible is not None else events_visible_to(user), theme=theme, member=member, kind=kind
    )
    related = ("country", "host_member")
    singles = (
        events.filter(starts_at__isnull=False, starts_at__lt=end)
        .filter(Q(ends_at__gte=start) | Q(ends_at__isnull=True, starts_at__gte=start))
        .filter(Q(recurrence_rule="") | Q(series__isnull=False))
        .select_related(*related)
    )
    overrides = Event.objects.only("pk", "series_id", "recurrence_id").order_by()
    series = (
        events.filter(series__isnull=True, starts_at__isnull=False, starts_at__lt=end)
        .filter(Q(recurrence_ends_at__isnull=True) | Q(recurrence_ends_at__gte=start))
        .exclude(recurrence_rule="")
        .select_related(*related)
        .prefetch_related(Prefetch("overrides", queryset=overrides))
    )
    found = [Occurrence(event, event.starts_at, event.ends_at, event.recurrence_id) for event in singles]  # type: ignore[arg-type]
    for event in series:
        moved = [override.recurrence_id for override in event.overrides.all() if override.recurrence_id]
        found.extend(expand(event, start, end, overridden=moved))
    found.sort(key=lambda occurrence: (occurrence.starts_at, occurrence.event.pk))
    return found


def undated_events(
    user: Viewer,
    *,
    theme: Theme | str | None = None,
    member: Member | str | None = None,
    kind: str | None = None,
    visible: QuerySet[Event] | None = None,
    now: datetime.datetime | None = None,
) -> list[Event]:
    """Events whose date is still to be fixed (the 2024 annual meeting…), cancelled ones and those
    whose expected year has passed left out."""
    events = filter_events(
        visible if visible is not None else events_visible_to(user), theme=theme, member=member, kind=kind
    )
    return list(
        events.filter(Event.awaiting_its_date(now or timezone.now()))
        .exclude(status=Event.Status.CANCELLED)
        .select_related("country", "host_member")
        .order_by("pk")
    )


# --- What each feed carries -----------------------------------------------------------------


def _with_moved_dates(visible: QuerySet[Event], chosen: QuerySet[Event]) -> QuerySet[Event]:
    """The chosen events with their series' moved occurrences (a RECURRENCE-ID needs its
    series' UID in the same calendar), limited to what the reader may see; no date, no entry."""
    ids = chosen.values("pk")
    return visible.filter(Q(pk__in=ids) | Q(series_id__in=ids)).filter(starts_at__isnull=False)


def network_feed_events(visible: QuerySet[Event], network: Network) -> QuerySet[Event]:
    return visible.filter(network=network, starts_at__isnull=False)


def theme_feed_events(visible: QuerySet[Event], theme: Theme) -> QuerySet[Event]:
    return _with_moved_dates(visible, Event.objects.filter(pk__in=_theme_events(theme)))


def member_feed_events(visible: QuerySet[Event], member: Member) -> QuerySet[Event]:
    """Events the member hosts, is invited to, or has a delegation registered for."""
    chosen = Event.objects.filter(
        Q(host_member=member)
        | Q(pk__in=Invitation.objects.filter(member=member).values("event_id"))
        | Q(pk__in=Registration.objects.filter(member=member).values("event_id"))
    )
    return _with_moved_dates(visible, chosen)


def registered_events(visible: QuerySet[Event], user: User) -> QuerySet[Event]:
    """Events the user is registered for: registrations of the person with the account's e-mail
    (people and accounts are linked by their e-mail address only)."""
    email = (user.email or "").strip().lower()
    if not email:
        return visible.none()
    chosen = Event.objects.filter(pk__in=Registration.objects.filter(person__email=email).values("event_id"))
    return _with_moved_dates(visible, chosen)
