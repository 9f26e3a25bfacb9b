"""Who may see and change what in the registry.

Every view asks these functions, never the user's role directly, so that the
rules live in one place and the route-by-role test exercises all of them.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from reseau.registry.models import Member, Network, Person


def is_network_staff(user: Any) -> bool:
    """The secretariat and coordinators: they keep the registry."""
    return user.is_authenticated and (user.is_secretariat or user.is_coordinator)


def networks_visible_to(user: Any) -> QuerySet[Network]:
    return Network.objects.all()


def members_visible_to(user: Any) -> QuerySet[Member]:
    """Members a signed-in person may read. Anonymous visitors see none."""
    if not user.is_authenticated or not user.is_active:
        return Member.objects.none()
    if user.is_secretariat:
        return Member.objects.all()
    if user.network_id is not None:
        return Member.objects.filter(network_id=user.network_id)
    if user.is_partner:
        return Member.objects.all()
    return Member.objects.none()


def can_manage_network(user: Any, network: Network) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_secretariat or (user.is_coordinator and user.network_id == network.pk)


def can_edit_member(user: Any, member: Member) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_focal_point:
        return user.member_id == member.pk
    return can_manage_network(user, member.network)


def can_see_private_details(user: Any, member: Member) -> bool:
    """Dues, contact details and history: for the member itself and network staff."""
    return can_edit_member(user, member)


def can_see_dues_status(user: Any) -> bool:
    """Whether a member is up to date with its dues decides who takes part in
    activities, so everyone working in the network sees it; partners do not."""
    return user.is_authenticated and not user.is_partner


def member_for_user(user: Any, slug: str) -> Member:
    try:
        return members_visible_to(user).select_related("network", "country").get(slug=slug)
    except Member.DoesNotExist:
        raise Http404 from None


def member_for_edit(user: Any, slug: str) -> Member:
    member = member_for_user(user, slug)
    if not can_edit_member(user, member):
        raise PermissionDenied
    return member


def member_for_dues(user: Any, slug: str) -> Member:
    """Dues are recorded by the coordinator and the secretariat, not by the member itself."""
    member = member_for_user(user, slug)
    if not can_manage_network(user, member.network):
        raise PermissionDenied
    return member


def person_for_edit(user: Any, person_id: int) -> Person:
    try:
        person = Person.objects.select_related("member__network").get(pk=person_id)
    except Person.DoesNotExist:
        raise Http404 from None
    if person.member is None:
        if not (user.is_authenticated and user.is_secretariat):
            raise PermissionDenied
    elif not can_edit_member(user, person.member):
        raise PermissionDenied
    return person


def network_for_manage(user: Any, code: str) -> Network:
    try:
        network = Network.objects.get(code=code)
    except Network.DoesNotExist:
        raise Http404 from None
    if not can_manage_network(user, network):
        raise PermissionDenied
    return network
