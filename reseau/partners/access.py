"""Who may see and change partners, contacts, relationships and interactions."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from reseau.accounts.models import Role, User
from reseau.accounts.types import Viewer
from reseau.partners.models import Interaction, Organisation, OrganisationContact, Relationship
from reseau.registry.access import is_network_staff, people_visible_to
from reseau.registry.models import Network


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
        return interactions_visible_to(user).select_related("organisation").get(pk=pk)
    except Interaction.DoesNotExist:
        raise Http404 from None
