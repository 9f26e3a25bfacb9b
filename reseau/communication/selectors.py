"""Reads of the communication app: notifications, deliveries, people who cannot be written to."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from reseau.accounts.models import User
from reseau.communication.models import Delivery, Notification
from reseau.registry.models import Person

NOTIFICATIONS_SHOWN = 50


def notifications_for(*, user: User) -> list[Notification]:
    return list(Notification.objects.filter(user=user).order_by("-created_at", "-pk")[:NOTIFICATIONS_SHOWN])


def skipped_deliveries(*, limit: int = 200) -> QuerySet[Delivery]:
    return Delivery.objects.filter(
        outcome__in=[
            Delivery.Outcome.SKIPPED_NO_EMAIL,
            Delivery.Outcome.SKIPPED_INVALID,
            Delivery.Outcome.SKIPPED_REFUSED,
        ]
    ).order_by("-created_at")[:limit]


def people_without_email(*, network_id: int | None) -> QuerySet[Person]:
    """The people of members (of one network, or all) whom no message can reach."""
    people = Person.objects.filter(member__isnull=False).filter(Q(email__isnull=True) | Q(email=""))
    if network_id is not None:
        people = people.filter(member__network_id=network_id)
    return people.select_related("member").order_by("member__name", "name")
