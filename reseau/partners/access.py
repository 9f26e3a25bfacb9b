"""Who may see and change partners, contacts, relationships, interactions and members' needs."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from reseau.accounts.models import Role, User
from reseau.accounts.types import Viewer
from reseau.partners.models import Interaction, MemberNeed, Organisation, OrganisationContact, Relationship
from reseau.registry.access import can_manage_network, is_network_staff, people_visible_to
from reseau.registry.models import Member, Network, Person


def _active(user: Viewer) -> User | None:
    """The signed-in, active account, or None for an anonymous visitor or a closed account."""
    return user if isinstance(user, User) and user.is_active else None


def can_edit_partners(user: Viewer) -> bool:
    """The coordinator and the secretariat keep the partner list."""
    return is_network_staff(user)


def can_see_interactions(user: Viewer) -> bool:
    """The interaction log is the network staff's working record: never shown to partners."""
    return is_network_staff(user)


def can_see_stages(user: Viewer) -> bool:
    """Where each network stands with an organisation, and why it moved, is the
    network's own business: everyone working in the network sees it, partners do not."""
    return isinstance(user, User) and not user.is_partner


def sees_every_network(user: Viewer) -> bool:
    """The secretariat sees every network's relationships, so lists name the network."""
    account = _active(user)
    return account is not None and account.is_secretariat


def own_network(user: User) -> Network | None:
    """The network a coordinator works for; None for the secretariat, who chooses one."""
    return None if user.is_secretariat else user.network


def next_step_owners(network: Network | None) -> QuerySet[User]:
    """Who can be asked to do a next step: the staff of the interaction's network and the
    secretariat; every network's staff when the network is still to be chosen (the secretariat).
    Another network's coordinator is not offered to a coordinator: it is not theirs to see."""
    staff = User.objects.filter(is_active=True, role__in=[Role.COORDINATOR, Role.SECRETARIAT])
    if network is not None:
        staff = staff.filter(Q(role=Role.SECRETARIAT) | Q(network=network))
    return staff.order_by("full_name", "email")


def partner_networks(user: User) -> QuerySet[Network]:
    """The networks whose shared items a partner account reads: the rule, written once.

    A partner reads what a network shares with its partners (its validated action plans, the
    projects and funding calls shared with partners, the events open to partners, the logframe's
    approved values) for these networks, and no other:

    - the network its account belongs to (``User.network``): a coordinator who invites a partner
      gives it the coordinator's own network, and the secretariat may name one;
    - every network that has a relationship with the account's organisation
      (``User.organisation`` → ``partners.Relationship``), at whatever stage: the relationship is
      the network's own record that it works with, or seeks to work with, that organisation.

    An account tied to neither reads no network's shared items (public events only): being a
    partner of the platform is not being a partner of every network. The answer is a subquery,
    so filtering by it adds no query.
    """
    related = Relationship.objects.filter(organisation_id=user.organisation_id or 0).values("network_id")
    return Network.objects.filter(Q(pk=user.network_id or 0) | Q(pk__in=related))


def reads_several_networks(user: Viewer) -> bool:
    """Whether lists name each item's network: for the secretariat, and for a partner of more
    than one network (``partner_networks``); everyone else reads one network."""
    account = _active(user)
    if account is None:
        return False
    if account.is_secretariat:
        return True
    return account.is_partner and partner_networks(account)[:2].count() > 1


def partner_scope(user: User, field: str = "network") -> Q:
    """A filter on the networks a partner reads (``partner_networks``), through ``field``."""
    return Q(**{f"{field}__in": partner_networks(user).values("pk")})


def relationships_visible_to(user: Viewer) -> QuerySet[Relationship]:
    """The secretariat sees every network's relationships; the others where their own network stands."""
    if sees_every_network(user):
        return Relationship.objects.all()
    network_id = user.network_id if isinstance(user, User) else None
    return Relationship.objects.filter(network_id=network_id or 0)


def organisations_visible_to(user: Viewer) -> QuerySet[Organisation]:
    account = _active(user)
    if account is None:
        return Organisation.objects.none()
    if account.is_partner:
        return Organisation.objects.filter(Q(shared_with_partners=True) | Q(pk=account.organisation_id or 0))
    return Organisation.objects.all()


def contacts_visible_to(user: Viewer) -> QuerySet[OrganisationContact]:
    """Contacts of the organisations the reader sees, who are people the reader may see
    (``registry.access.people_visible_to``): a contact from another network's member stays hidden,
    with their e-mail, as on the registry's pages."""
    return OrganisationContact.objects.filter(
        organisation__in=organisations_visible_to(user), person__in=people_visible_to(user)
    )


def interactions_visible_to(user: Viewer) -> QuerySet[Interaction]:
    account = _active(user)
    if account is None or not can_see_interactions(account):
        return Interaction.objects.none()
    if account.is_secretariat:
        return Interaction.objects.all()
    return Interaction.objects.filter(network_id=account.network_id or 0)


def organisation_for_user(user: Viewer, pk: int) -> Organisation:
    try:
        return organisations_visible_to(user).get(pk=pk)
    except Organisation.DoesNotExist:
        raise Http404 from None


def organisation_for_edit(user: Viewer, pk: int) -> Organisation:
    organisation = organisation_for_user(user, pk)
    if not can_edit_partners(user):
        raise PermissionDenied
    return organisation


def interaction_for_edit(user: Viewer, pk: int) -> Interaction:
    if not can_see_interactions(user):
        raise PermissionDenied
    try:
        return interactions_visible_to(user).select_related("organisation", "member__network").get(pk=pk)
    except Interaction.DoesNotExist:
        raise Http404 from None


# Members' contacts and needs --------------------------------------------------------------
#
# The coordinator of the member's network and the secretariat keep a member's interaction log
# and follow its needs. A focal point reads its own member's interactions and needs, and may
# record a need for it; never another member's. Partners and anonymous visitors see none.


def _own_member_id(account: User) -> int | None:
    return account.member_id if account.is_focal_point else None


def can_keep_member_contacts(user: Viewer, member: Member) -> bool:
    """Log and edit interactions with the member, and edit, answer or decline its needs."""
    account = _active(user)
    return account is not None and can_manage_network(account, member.network)


def can_see_member_contacts(user: Viewer, member: Member) -> bool:
    """Read the member's interactions and needs: its network's staff, and its own focal point."""
    account = _active(user)
    if account is None:
        return False
    if account.is_focal_point:
        return account.member_id == member.pk
    return can_keep_member_contacts(account, member)


def can_record_need(user: Viewer, member: Member) -> bool:
    """Record a need the member expressed: its network's staff, and its own focal point."""
    return can_see_member_contacts(user, member)


def can_see_need_list(user: Viewer) -> bool:
    """The network-wide list of needs: the coordinator and the secretariat."""
    return _active(user) is not None and is_network_staff(user)


def _member_rows(user: Viewer, field: str) -> Q | None:
    """The members whose rows ``user`` reads, through ``field``; None when every member's."""
    account = _active(user)
    if account is None or account.is_partner:
        return Q(pk__in=[])
    if account.is_secretariat:
        return None
    if account.is_focal_point:
        return Q(**{field: account.member_id or 0})
    if account.is_coordinator:
        return Q(**{f"{field}__network_id": account.network_id or 0})
    return Q(pk__in=[])


def member_interactions_visible_to(user: Viewer) -> QuerySet[Interaction]:
    """Interactions with members the reader may read (never those with organisations)."""
    rows = Interaction.objects.filter(member__isnull=False)
    condition = _member_rows(user, "member")
    return rows if condition is None else rows.filter(condition)


def needs_visible_to(user: Viewer) -> QuerySet[MemberNeed]:
    condition = _member_rows(user, "member")
    return MemberNeed.objects.all() if condition is None else MemberNeed.objects.filter(condition)


def member_for_contacts(user: Viewer, member: Member) -> Member:
    """The member whose interaction log ``user`` keeps; refused otherwise."""
    if not can_keep_member_contacts(user, member):
        raise PermissionDenied
    return member


def member_for_need(user: Viewer, member: Member) -> Member:
    """The member for which ``user`` records a need; refused otherwise."""
    if not can_record_need(user, member):
        raise PermissionDenied
    return member


def need_for_edit(user: Viewer, pk: int) -> MemberNeed:
    """A need to edit, answer or decline: its network's staff. Others (a focal point, a partner)
    are refused; another network's need does not exist for a coordinator."""
    if not can_see_need_list(user):
        raise PermissionDenied
    try:
        need = needs_visible_to(user).select_related("member__network").get(pk=pk)
    except MemberNeed.DoesNotExist:
        raise Http404 from None
    if not can_keep_member_contacts(user, need.member):
        raise PermissionDenied
    return need


def member_people(member: Member) -> QuerySet[Person]:
    """The member's people: who may be named on its side of an interaction, or as having
    expressed a need."""
    return Person.objects.filter(member=member).order_by("name", "pk")
