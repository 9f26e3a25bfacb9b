"""Reads for invitations, registrations and attendance. Query counts do not grow with the number of rows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from reseau.events.models import Event, Invitation, Registration
from reseau.registry.models import Member, Person
from reseau.registry.selectors import members_with_status

WOMAN = Person.Gender.WOMAN.value
MAN = Person.Gender.MAN.value


def _gender_is(value: str) -> Q:
    """The gender recorded on the registration, or else the person's own."""
    return Q(gender=value) | Q(gender="", person__gender=value)


@dataclass(frozen=True)
class GenderCounts:
    registered: int = 0
    present: int = 0
    absent: int = 0
    women_registered: int = 0
    men_registered: int = 0
    women_present: int = 0
    men_present: int = 0

    @property
    def not_marked(self) -> int:
        return self.registered - self.present - self.absent

    @property
    def others_registered(self) -> int:
        """Other genders, those who prefer not to say and those not recorded."""
        return self.registered - self.women_registered - self.men_registered

    @property
    def others_present(self) -> int:
        return self.present - self.women_present - self.men_present


def gender_counts(registrations: QuerySet[Registration]) -> GenderCounts:
    """Registered, present and absent participants, and women and men among them (one query)."""
    present = Q(attended=True)
    woman, man = _gender_is(WOMAN), _gender_is(MAN)
    totals = registrations.order_by().aggregate(
        registered=Count("pk"),
        present=Count("pk", filter=present),
        absent=Count("pk", filter=Q(attended=False)),
        women_registered=Count("pk", filter=woman),
        men_registered=Count("pk", filter=man),
        women_present=Count("pk", filter=woman & present),
        men_present=Count("pk", filter=man & present),
    )
    return GenderCounts(**{name: value or 0 for name, value in totals.items()})


def participant_rows(registrations: QuerySet[Registration]) -> list[Registration]:
    """Registrations with their person and delegation, ordered by delegation then name."""
    return list(registrations.select_related("person", "member").order_by("member__slug", "person__name", "pk"))


def delegations(rows: list[Registration]) -> list[tuple[Member | None, list[Registration]]]:
    """Group rows (already ordered by delegation) by member; those without a member come last."""
    groups: dict[int | None, tuple[Member | None, list[Registration]]] = {}
    for row in rows:
        groups.setdefault(row.member_id, (row.member, []))[1].append(row)
    without = groups.pop(None, None)
    ordered = list(groups.values())
    if without is not None:
        ordered.append(without)
    return ordered


def invitation_rows(event: Event, *, today: datetime.date | None = None) -> QuerySet[Member]:
    """The members of the event's network, each annotated with ``invited`` and ``dues_outstanding``."""
    members = Member.objects.filter(network_id=event.network_id)
    return (
        members_with_status(members, today=today)
        .annotate(invited=Exists(Invitation.objects.filter(event=event, member=OuterRef("pk"))))
        .order_by("country__code", "search_text")
    )


def registrable_members(members: QuerySet[Member], *, today: datetime.date | None = None) -> QuerySet[Member]:
    """Members one may register a delegation for, annotated with ``dues_outstanding``."""
    return members_with_status(members, today=today).order_by("country__code", "search_text")


def people_not_registered(event: Event, members: QuerySet[Member], *, include_unattached: bool) -> QuerySet[Person]:
    """People of these members (and, for the staff, people of no member) not yet registered for the event."""
    belongs = Q(member__in=members)
    if include_unattached:
        belongs |= Q(member__isnull=True)
    return (
        Person.objects.filter(belongs)
        .exclude(registrations__event=event)
        .select_related("member")
        .order_by("member__country__code", "member__slug", "name", "pk")
    )


def places_left(event: Event) -> int | None:
    if event.capacity is None:
        return None
    return max(event.capacity - event.registrations.count(), 0)


def registration_context(event: Event) -> dict[str, Any]:
    """Capacity, places left and the deadline in the event's own zone, shown above the registration form."""
    deadline = event.registration_deadline.astimezone(event.zone) if event.registration_deadline else None
    return {
        "capacity": event.capacity,
        "places_left": places_left(event),
        "deadline": deadline,
        "deadline_passed": event.registration_closed,
    }
