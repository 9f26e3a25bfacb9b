"""The home page: what is next and what is late for the person signed in, or the public landing page."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from reseau.decisions import selectors as decision_selectors
from reseau.events.access import events_visible_to
from reseau.events.models import Event
from reseau.events.presentation import status_tone, when_text
from reseau.events.recurrence import expand
from reseau.partners import access as partner_access
from reseau.partners.models import Interaction
from reseau.registry import access, selectors
from reseau.registry.models import Network, Theme

OVERDUE_NEXT_STEPS_SHOWN = 10
UPCOMING_EVENTS_SHOWN = 5
# How far ahead a repeating event's next date is looked for: a month, then a few years.
SERIES_LOOKAHEAD = (datetime.timedelta(days=32), datetime.timedelta(days=3 * 366))


@dataclass(frozen=True)
class UpcomingEvent:
    event: Event
    url: str
    when: str
    tone: str
    starts_at: datetime.datetime | None
    repeating: bool = False
    registered: int | None = None  # the focal point's delegation


def upcoming_events(user: Any, *, now: datetime.datetime | None = None) -> list[UpcomingEvent]:
    """The next events the user may see, soonest first, each repeating event once (its next
    date), dates still to be fixed last; three queries whatever the number of events."""
    now = now or timezone.now()
    base = events_visible_to(user).exclude(status=Event.Status.CANCELLED)
    visible = base
    focal_member = user.member_id if user.is_authenticated and user.is_focal_point and user.member_id else None
    if focal_member is not None:
        visible = visible.annotate(
            delegation=Count("registrations", filter=Q(registrations__member_id=focal_member), distinct=True)
        )
    # Single events and moved dates of a series, including those under way.
    singles = list(
        visible.filter(recurrence_rule="")
        .filter(Q(starts_at__gte=now) | Q(ends_at__gte=now) | Q(starts_at__isnull=True))
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
            tone=status_tone(event.status),
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
                        tone=status_tone(row.status),
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


def overdue_next_steps(user: object) -> QuerySet[Interaction]:
    """Next steps of interactions the user may see, not done, whose due date has passed."""
    return (
        partner_access.interactions_visible_to(user)
        .exclude(next_step="")
        .filter(next_step_done_on__isnull=True, next_step_due__lt=timezone.localdate())
        .select_related("organisation", "next_step_owner")
        .order_by("next_step_due", "pk")
    )


def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        return render(
            request,
            "home/landing.html",
            {
                "networks": list(Network.objects.all()),
                "themes": list(Theme.objects.all()),
                "upcoming_events": upcoming_events(user),
            },
        )
    members = access.members_visible_to(user)
    context: dict[str, object] = {
        "show_dues": access.can_see_dues_status(user),
        "upcoming_events": upcoming_events(user),
        "show_delegations": bool(user.is_focal_point and user.member_id),
    }
    if user.is_focal_point:
        context["own_member"] = selectors.members_with_status(members.filter(pk=user.member_id or 0)).first()
    if access.is_network_staff(user):
        context.update(
            focal_points=selectors.focal_point_summary(members),
            late=selectors.late_focal_points(members),
            dues=selectors.outstanding_dues(members),
            dues_count=selectors.outstanding_dues_count(members),
        )
        overdue = overdue_next_steps(user)
        context.update(
            overdue_next_steps=list(overdue[:OVERDUE_NEXT_STEPS_SHOWN]),
            overdue_next_steps_count=overdue.count(),
        )
    # Overdue decisions and action items: the staff see the register's, a focal point those it owns.
    overdue_decisions = decision_selectors.overdue_for_home(user)
    if overdue_decisions is not None:
        decisions, only_mine = overdue_decisions
        context.update(
            show_overdue_decisions=True,
            overdue_decisions=list(decisions[: decision_selectors.HOME_OVERDUE_SHOWN]),
            overdue_decisions_count=decisions.count(),
            overdue_decisions_only_mine=only_mine,
        )
    if user.network_id is not None:
        context["network"] = user.network
    return render(request, "home/home.html", context)
