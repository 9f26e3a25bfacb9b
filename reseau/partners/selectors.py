"""Reads of the partner registry and of members' contacts and needs."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When

from reseau.partners.models import Interaction, MemberNeed, NeedStatus, Organisation, organisation_match_keys
from reseau.registry.models import Member, Network, Person


def organisation_duplicates(*, names: list[str], exclude_pk: int | None = None) -> QuerySet[Organisation]:
    """Organisations whose name or acronym matches one of ``names``, ignoring case,
    accents, punctuation and a bracketed acronym: "AUF" finds "Agence universitaire
    de la Francophonie" when that is its acronym."""
    keys = organisation_match_keys(names)
    if not keys:
        return Organisation.objects.none()
    condition = Q()
    for key in keys:
        condition |= (
            Q(match_names=key)
            | Q(match_names__startswith=f"{key}\n")
            | Q(match_names__endswith=f"\n{key}")
            | Q(match_names__contains=f"\n{key}\n")
        )
    found = Organisation.objects.filter(condition)
    if exclude_pk is not None:
        found = found.exclude(pk=exclude_pk)
    return found.order_by("name")


def needs_open_for_network(*, network: Network) -> QuerySet[MemberNeed]:
    """The network's needs still to be answered (open or in progress), oldest first, with their
    member and owner: for reminders, digests and the coordinator's list. Not filtered by reader:
    a caller that shows them to a person filters through ``access.needs_visible_to``."""
    return (
        MemberNeed.objects.filter(member__network=network)
        .exclude(status__in=NeedStatus.closed())
        .select_related("member", "owner")
        .order_by("expressed_on", "pk")
    )


def member_interactions(*, member: Member) -> QuerySet[Interaction]:
    """The member's interaction log, newest first, with the next step's owner. Not filtered by
    reader: a caller that shows them to a person filters through
    ``access.member_interactions_visible_to``."""
    return (
        Interaction.objects.filter(member=member)
        .select_related("next_step_owner")
        .prefetch_related(
            Prefetch("our_people", queryset=Person.objects.order_by("name", "pk")),
            Prefetch("their_people", queryset=Person.objects.order_by("name", "pk")),
        )
        .order_by("-date", "-pk")
    )


def needs_listed(
    *, needs: QuerySet[MemberNeed], status: str = "", kind: str = "", member: Member | None = None
) -> QuerySet[MemberNeed]:
    """Needs for the network-wide list: filtered, open ones first (then in progress, then closed),
    the oldest expressed first within each; member, network and owner read in the same query."""
    if status:
        needs = needs.filter(status=status)
    if kind:
        needs = needs.filter(kind=kind)
    if member is not None:
        needs = needs.filter(member=member)
    order = Case(
        *(When(status=value, then=Value(rank)) for rank, value in enumerate(NeedStatus.values)),
        output_field=IntegerField(),
    )
    return needs.select_related("member__network", "owner").order_by(order, "expressed_on", "pk")
