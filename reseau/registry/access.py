"""Who may see and change what in the registry.

Every view asks these functions, never the user's role directly, so that the
rules live in one place and the route-by-role test exercises all of them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from reseau.accounts.models import User
from reseau.accounts.types import Viewer
from reseau.registry.models import Member, Network, Person


def _account(user: Viewer) -> User | None:
    """The signed-in account, or None for an anonymous visitor."""
    return user if isinstance(user, User) and user.is_authenticated else None


def is_network_staff(user: Viewer) -> bool:
    """The secretariat and coordinators: they keep the registry."""
    account = _account(user)
    return account is not None and (account.is_secretariat or account.is_coordinator)


def can_add_members(user: Viewer) -> bool:
    """The directory offers "Add a member" to those who keep the registry."""
    return is_network_staff(user)


def can_invite_any_role(user: Viewer) -> bool:
    """The secretariat invites anyone anywhere; a coordinator, focal points and partners of its network."""
    account = _account(user)
    return account is not None and account.is_secretariat


PartnerNetworks = Callable[[User], QuerySet[Network]]

# Which networks a partner account follows is the partners app's rule (its relationships live
# there, above the registry). It hands the rule down at start-up, so the registry's pages read
# a partner's members by the same rule as every other page; until then, the account's network.
_partner_networks: list[PartnerNetworks] = []


def partner_networks_rule_register(rule: PartnerNetworks) -> None:
    _partner_networks[:] = [rule]


def _networks_of_partner(account: User) -> QuerySet[Network]:
    if _partner_networks:
        return _partner_networks[0](account)
    return Network.objects.filter(pk=account.network_id or 0)


def networks_visible_to(user: Viewer) -> QuerySet[Network]:
    return Network.objects.all()


def members_visible_to(user: Viewer) -> QuerySet[Member]:
    """Members a signed-in person may read. Anonymous visitors see none."""
    account = _account(user)
    if account is None or not account.is_active:
        return Member.objects.none()
    if account.is_secretariat:
        return Member.objects.all()
    if account.is_partner:
        return Member.objects.filter(network__in=_networks_of_partner(account).values("pk"))
    if account.network_id is not None:
        return Member.objects.filter(network_id=account.network_id)
    return Member.objects.none()


def people_visible_to(user: Viewer) -> QuerySet[Person]:
    """People a signed-in person may read or choose: those of the members they see
    (``members_visible_to``), and those who work for no member (the AIMF's staff,
    organisations' contacts). A list of people offered on a form is this, never every person:
    another network's people are hidden on its pages and must not be found through a choice."""
    if _account(user) is None:
        return Person.objects.none()
    return Person.objects.filter(Q(member__in=members_visible_to(user)) | Q(member__isnull=True))


def can_manage_network(user: Viewer, network: Network) -> bool:
    account = _account(user)
    if account is None:
        return False
    return account.is_secretariat or (account.is_coordinator and account.network_id == network.pk)


def can_edit_member(user: Viewer, member: Member) -> bool:
    account = _account(user)
    if account is None:
        return False
    if account.is_focal_point:
        return account.member_id == member.pk
    return can_manage_network(user, member.network)


def can_see_private_details(user: Viewer, member: Member) -> bool:
    """Dues, contact details and history: for the member itself and network staff."""
    return can_edit_member(user, member)


def can_see_dues_status(user: Viewer) -> bool:
    """Whether a member is up to date with its dues decides who takes part in
    activities, so everyone working in the network sees it; partners do not."""
    account = _account(user)
    return account is not None and not account.is_partner


def member_for_user(user: Viewer, slug: str) -> Member:
    try:
        return members_visible_to(user).select_related("network", "country").get(slug=slug)
    except Member.DoesNotExist:
        raise Http404 from None


def member_for_edit(user: Viewer, slug: str) -> Member:
    member = member_for_user(user, slug)
    if not can_edit_member(user, member):
        raise PermissionDenied
    return member


def member_for_dues(user: Viewer, slug: str) -> Member:
    """Dues are recorded by the coordinator and the secretariat, not by the member itself."""
    member = member_for_user(user, slug)
    if not can_manage_network(user, member.network):
        raise PermissionDenied
    return member


def person_for_edit(user: Viewer, person_id: int) -> Person:
    try:
        person = Person.objects.select_related("member__network").get(pk=person_id)
    except Person.DoesNotExist:
        raise Http404 from None
    if person.member is None:
        account = _account(user)
        if account is None or not account.is_secretariat:
            raise PermissionDenied
    elif not can_edit_member(user, person.member):
        raise PermissionDenied
    return person


def network_for_manage(user: Viewer, code: str) -> Network:
    try:
        network = Network.objects.get(code=code)
    except Network.DoesNotExist:
        raise Http404 from None
    if not can_manage_network(user, network):
        raise PermissionDenied
    return network
