"""Who is concerned by what: the people a rule or an event writes to, fetched in few queries."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q
from django.utils import timezone

from reseau.accounts.models import Role, User
from reseau.registry.models import FocalPointAppointment, Person


def focal_points_by_member(member_ids: Iterable[int]) -> dict[int, list[Person]]:
    """Each member's current focal point and deputy (one query)."""
    today = timezone.localdate()
    found: dict[int, list[Person]] = {}
    appointments = (
        FocalPointAppointment.objects.filter(member_id__in=list(member_ids))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .select_related("person")
        .order_by("member_id", "kind")
    )
    for appointment in appointments:
        found.setdefault(appointment.member_id, []).append(appointment.person)
    return found


def coordinators_of(network_ids: Iterable[int]) -> dict[int, list[User]]:
    found: dict[int, list[User]] = {}
    for user in User.objects.filter(role=Role.COORDINATOR, network_id__in=list(network_ids), is_active=True):
        assert user.network_id is not None
        found.setdefault(user.network_id, []).append(user)
    return found


def secretariat() -> list[User]:
    return list(User.objects.filter(role=Role.SECRETARIAT, is_active=True))


def key_address(email: str, person_id: int | None) -> str:
    """The part of an idempotency key that names the addressee (an address, else the person)."""
    return email or f"person-{person_id}"
