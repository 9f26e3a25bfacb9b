"""Indicators the platform computes from its own data, at any date."""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Callable
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, Subquery

from reseau.events.models import Event, Registration
from reseau.logframe.models import Computation
from reseau.partners.models import Stage as RelationshipStage
from reseau.partners.models import StageChange
from reseau.projects.models import Stage as ProjectStage
from reseau.projects.models import Transition
from reseau.registry.models import FocalPointAppointment, Member, Network, Person
from reseau.registry.selectors import dues_owed, dues_settled_this_year


def focal_points_confirmed(network: Network, on: datetime.date) -> int:
    current = FocalPointAppointment.objects.filter(
        member=OuterRef("pk"), kind=FocalPointAppointment.Kind.OFFICIAL, nominated_on__lte=on
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))
    return Member.objects.filter(network=network).filter(Exists(current)).count()


def members_up_to_date(network: Network, on: datetime.date) -> int:
    """Members known to be up to date on that date: that year's dues paid by then or waived,
    and nothing owed for an earlier year. A member with nothing recorded does not count."""
    return (
        Member.objects.filter(network=network)
        .filter(Exists(dues_settled_this_year(on)))
        .exclude(Exists(dues_owed(on)))
        .count()
    )


def partners_in_dialogue(network: Network, on: datetime.date) -> int:
    """Relationships whose latest stage on that date is "in dialogue" or "cooperating"."""
    latest = (
        StageChange.objects.filter(relationship=OuterRef("relationship"), on__lte=on)
        .order_by("-on", "-pk")
        .values("pk")[:1]
    )
    return (
        StageChange.objects.filter(relationship__network=network, pk=Subquery(latest))
        .filter(to_stage__in=[RelationshipStage.IN_DIALOGUE, RelationshipStage.COOPERATING])
        .values("relationship")
        .distinct()
        .count()
    )


def _projects_reaching(stage: str) -> Callable[[Network, datetime.date], int]:
    def count(network: Network, on: datetime.date) -> int:
        return (
            Transition.objects.filter(project__network=network, to_stage=stage, at__date__lte=on)
            .values("project")
            .distinct()
            .count()
        )

    return count


def _end_of_day(network: Network, on: datetime.date) -> datetime.datetime:
    """Midnight after ``on`` where the network is: an event started that day counts on that day."""
    try:
        zone = zoneinfo.ZoneInfo(network.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    return datetime.datetime.combine(on + datetime.timedelta(days=1), datetime.time(0), tzinfo=zone)


def events_held(network: Network, on: datetime.date) -> int:
    """The network's events marked held that started on or before that date."""
    return Event.objects.filter(
        network=network, status=Event.Status.HELD, starts_at__lt=_end_of_day(network, on)
    ).count()


def _participants_present(gender: str) -> Callable[[Network, datetime.date], int]:
    def count(network: Network, on: datetime.date) -> int:
        """Participants recorded as present, of that gender, at the network's events held up to that date."""
        return Registration.objects.filter(
            event__network=network,
            event__status=Event.Status.HELD,
            event__starts_at__lt=_end_of_day(network, on),
            attended=True,
            gender=gender,
        ).count()

    return count


COMPUTATIONS: dict[str, Callable[[Network, datetime.date], int]] = {
    Computation.FOCAL_POINTS_CONFIRMED: focal_points_confirmed,
    Computation.MEMBERS_UP_TO_DATE: members_up_to_date,
    Computation.PARTNERS_IN_DIALOGUE: partners_in_dialogue,
    Computation.PROJECTS_VALIDATED: _projects_reaching(ProjectStage.VALIDATED),
    Computation.PROJECTS_FUNDED: _projects_reaching(ProjectStage.FUNDED),
    Computation.EVENTS_HELD: events_held,
    Computation.PARTICIPANTS_WOMEN: _participants_present(Person.Gender.WOMAN),
    Computation.PARTICIPANTS_MEN: _participants_present(Person.Gender.MAN),
}


def computed_value(computation: str, network: Network, on: datetime.date) -> Decimal:
    """The value of a computed indicator for a network on a date."""
    return Decimal(COMPUTATIONS[computation](network, on))
