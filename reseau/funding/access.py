"""Who may see and change funding opportunities."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from reseau.accounts.models import User
from reseau.accounts.types import Viewer
from reseau.funding.models import FundingOpportunity
from reseau.registry.access import is_network_staff
from reseau.registry.models import Network


def _active(user: Viewer) -> User | None:
    """The signed-in, active account, or None for an anonymous visitor or a closed account."""
    return user if isinstance(user, User) and user.is_active else None


def can_edit_funding(user: Viewer) -> bool:
    return is_network_staff(user)


def sees_every_network(user: Viewer) -> bool:
    """The secretariat reads every network's calls, so lists name the network."""
    account = _active(user)
    return account is not None and account.is_secretariat


def network_for_new_opportunity(user: Viewer) -> Network | None:
    """The network a new call is added to: the coordinator's own; None for the secretariat,
    who chooses it on the form. Anyone else, or a coordinator without a network, is refused."""
    account = _active(user)
    if account is None or not can_edit_funding(account):
        raise PermissionDenied
    if account.is_secretariat:
        return None
    network = account.network
    if network is None:
        raise PermissionDenied
    return network


def opportunities_visible_to(user: Viewer) -> QuerySet[FundingOpportunity]:
    """Staff and focal points read their network's calls; partners only what is shared with them."""
    account = _active(user)
    if account is None:
        return FundingOpportunity.objects.none()
    calls = FundingOpportunity.objects.all()
    if account.is_partner:
        calls = calls.filter(shared_with_partners=True)
    if account.is_secretariat or (account.is_partner and account.network_id is None):
        return calls
    return calls.filter(network_id=account.network_id or 0)


def opportunity_for_user(user: Viewer, pk: int) -> FundingOpportunity:
    try:
        return opportunities_visible_to(user).get(pk=pk)
    except FundingOpportunity.DoesNotExist:
        raise Http404 from None


def opportunity_for_edit(user: Viewer, pk: int) -> FundingOpportunity:
    opportunity = opportunity_for_user(user, pk)
    if not can_edit_funding(user):
        raise PermissionDenied
    return opportunity
