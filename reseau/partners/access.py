"""Who may see and change partners, contacts, relationships and interactions."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from reseau.accounts.models import Role, User
from reseau.accounts.types import Viewer
from reseau.partners.models import Interaction, Organisation, Relationship
from reseau.registry.access import is_network_staff
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


def next_step_owners() -> QuerySet[User]:
    """Who can be asked to do a next step: the network staff."""
    return User.objects.filter(is_active=True, role__in=[Role.COORDINATOR, Role.SECRETARIAT]).order_by(
        "full_name", "email"
    )


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
