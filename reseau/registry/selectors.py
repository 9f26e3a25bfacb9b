"""Reads of the registry. Query counts here do not grow with the number of members."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reseau.core.choices import Tone, TonedChoices
from reseau.core.text import fold_for_search
from reseau.registry.models import Country, DuesStanding, FocalPointAppointment, Member, MembershipDues, Person


class FocalPointStatus(TonedChoices):
    CONFIRMED = "confirmed", _("Focal point confirmed")
    LATE = "late", _("Focal point late")
    AWAITED = "awaited", _("Focal point awaited")

    @classmethod
    def tones(cls) -> Mapping[str, Tone]:
        return {cls.CONFIRMED: Tone.OK, cls.LATE: Tone.BAD}


def dues_owed(on: datetime.date) -> QuerySet[MembershipDues]:
    """The dues of the member in ``OuterRef("pk")`` for a year up to ``on``'s that were
    neither waived nor paid by then (a payment with no date counts as paid)."""
    paid = Q(status=MembershipDues.Status.PAID) & (Q(paid_on__isnull=True) | Q(paid_on__lte=on))
    return (
        MembershipDues.objects.filter(member=OuterRef("pk"), year__lte=on.year)
        .exclude(status=MembershipDues.Status.WAIVED)
        .exclude(paid)
    )


def dues_settled_this_year(on: datetime.date) -> QuerySet[MembershipDues]:
    """The dues of the member in ``OuterRef("pk")`` for ``on``'s year, paid by then or waived."""
    paid = Q(status=MembershipDues.Status.PAID) & (Q(paid_on__isnull=True) | Q(paid_on__lte=on))
    return MembershipDues.objects.filter(member=OuterRef("pk"), year=on.year).filter(
        paid | Q(status=MembershipDues.Status.WAIVED)
    )


def dues_standing(on: datetime.date) -> Case:
    """A DuesStanding value per member, for ``annotate``: outstanding, up to date, or not recorded."""
    return Case(
        When(Exists(dues_owed(on)), then=Value(DuesStanding.OUTSTANDING.value)),
        When(Exists(dues_settled_this_year(on)), then=Value(DuesStanding.UP_TO_DATE.value)),
        default=Value(DuesStanding.UNKNOWN.value),
        output_field=CharField(),
    )


def _current(qs: QuerySet[FocalPointAppointment], today: datetime.date) -> QuerySet[FocalPointAppointment]:
    return qs.filter(nominated_on__lte=today).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))


def members_with_status(members: QuerySet[Member], *, today: datetime.date | None = None) -> QuerySet[Member]:
    """Annotate each member with its focal-point status and dues standing.

    Adds ``focal_point_since`` (date), ``focal_point_name``, ``focal_point_status``
    (a FocalPointStatus value), ``dues_outstanding`` (bool) and ``dues_standing`` (a
    DuesStanding value: nothing recorded for this year is not "up to date").
    """
    today = today or timezone.localdate()
    official = _current(
        FocalPointAppointment.objects.filter(member=OuterRef("pk"), kind=FocalPointAppointment.Kind.OFFICIAL),
        today,
    ).order_by("-nominated_on")
    return members.select_related("network", "country").annotate(
        focal_point_since=Subquery(official.values("nominated_on")[:1]),
        focal_point_name=Subquery(official.values("person__name")[:1]),
        focal_point_status=Case(
            When(focal_point_since__isnull=False, then=Value(FocalPointStatus.CONFIRMED.value)),
            When(
                network__focal_point_deadline__lt=today,
                then=Value(FocalPointStatus.LATE.value),
            ),
            default=Value(FocalPointStatus.AWAITED.value),
            output_field=CharField(),
        ),
        dues_outstanding=Exists(dues_owed(today)),
        dues_standing=dues_standing(today),
    )


@dataclass(frozen=True)
class DirectoryFilters:
    q: str = ""
    country: str = ""
    kind: str = ""
    dues: str = ""
    focal_point: str = ""
    network: str = ""


def directory_countries(members: QuerySet[Member]) -> list[tuple[str, str]]:
    """(code, name) of the countries of ``members``, for the directory's filter (one query)."""
    return [(c.code, c.name) for c in Country.objects.filter(members__in=members).distinct()]


def member_directory(
    members: QuerySet[Member], filters: DirectoryFilters, *, today: datetime.date | None = None
) -> QuerySet[Member]:
    qs = members_with_status(members, today=today)
    if filters.q.strip():
        for word in fold_for_search(filters.q).split():
            qs = qs.filter(search_text__contains=word)
    if filters.country:
        qs = qs.filter(country__code=filters.country)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.network:
        qs = qs.filter(network__code=filters.network)
    if filters.dues in DuesStanding.values:
        qs = qs.filter(dues_standing=filters.dues)  # type: ignore[misc]  # annotated above; the plugin cannot see it
    if filters.focal_point in FocalPointStatus.values:
        qs = qs.filter(focal_point_status=filters.focal_point)  # type: ignore[misc]  # annotated above; the plugin cannot see it
    # search_text starts with the folded English name: "Cần Thơ" sorts with "Can…", not after "Z".
    return qs.order_by("country__code", "search_text")


def focal_point_summary(members: QuerySet[Member], *, today: datetime.date | None = None) -> dict[str, int]:
    """How many members are confirmed, late and awaited (one query)."""
    counts = (
        members_with_status(members, today=today)
        .order_by()
        .values("focal_point_status")  # type: ignore[misc]  # annotated in members_with_status
        .annotate(n=Count("pk"))
    )
    summary = dict.fromkeys(FocalPointStatus.values, 0)
    for row in counts:
        summary[row["focal_point_status"]] = row["n"]
    return summary


def late_focal_points(
    members: QuerySet[Member], *, limit: int = 10, today: datetime.date | None = None
) -> list[Member]:
    return list(
        members_with_status(members, today=today)
        .filter(focal_point_status=FocalPointStatus.LATE)  # type: ignore[misc]  # annotated above; the plugin cannot see it
        .order_by("network__focal_point_deadline", "search_text")[:limit]
    )


def outstanding_dues(
    members: QuerySet[Member], *, limit: int = 10, today: datetime.date | None = None
) -> list[MembershipDues]:
    today = today or timezone.localdate()
    return list(
        MembershipDues.objects.filter(member__in=members, status=MembershipDues.Status.DUE, year__lte=today.year)
        .select_related("member")
        .order_by("year", "member__name")[:limit]
    )


def outstanding_dues_count(members: QuerySet[Member], *, today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    return MembershipDues.objects.filter(
        member__in=members, status=MembershipDues.Status.DUE, year__lte=today.year
    ).count()


def member_page_data(member: Member, *, include_private: bool) -> dict[str, Any]:
    """Everything the member page shows, in a fixed number of queries."""
    mandates = list(member.mandates.select_related("person").order_by("end_date", "office"))
    appointments = list(member.focal_point_appointments.select_related("person").order_by("kind", "-nominated_on"))
    data: dict[str, Any] = {
        "current_mandates": [m for m in mandates if m.is_current],
        "past_mandates": [m for m in mandates if not m.is_current],
        "current_appointments": [a for a in appointments if a.is_current],
        "past_appointments": [a for a in appointments if not a.is_current],
        "people": list(member.people.order_by("name")),
        "dues": list(member.dues.order_by("-year")) if include_private else [],
    }
    return data


def account_is_said_of_a_woman(*, email: str) -> bool:
    """Whether the registry's record of the person holding this address says she is a woman:
    roles are then said in the feminine ("Chargée d'animation du réseau"). Accounts record no
    gender; the person's record, when there is one, does."""
    return Person.objects.filter(email__iexact=email, gender=Person.Gender.WOMAN).exists()
