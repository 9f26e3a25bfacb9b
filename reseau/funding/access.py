"""Who may see and change funding opportunities."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from reseau.accounts.models import User
from reseau.accounts.types import Viewer
from reseau.funding.models import FundingOpportunity
from reseau.partners.access import partner_scope
from reseau.partners.access import reads_several_networks as reads_several_networks
from reseau.registry.access import is_network_staff
from reseau.registry.models import Network


def _active(user: Viewer) -> User | None:
    """The signed-in, active account, or None for an anonymous visitor or a closed account."""
    return user if isinstance(user, User) and user.is_active else None


def can_edit_funding(user: Viewer) -> bool:
    return is_network_staff(user)


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
    """Staff and focal points read their network's calls; partners only those shared with
    partners, of the networks they are partners of (``partners.access.partner_networks``)."""
    account = _active(user)
    if account is None:
        return FundingOpportunity.objects.none()
    if account.is_partner:
        return FundingOpportunity.objects.filter(partner_scope(account), shared_with_partners=True)
    if account.is_secretariat:
        return FundingOpportunity.objects.all()
    return FundingOpportunity.objects.filter(network_id=account.network_id or 0)


def opportunities_not_shared_with(user: Viewer) -> QuerySet[FundingOpportunity]:
    """The calls a reader knows exist but may not read, counted on the list ("2 funding
    opportunities are not shared with partners"): a partner's networks' calls not shared. None for anyone else."""
    account = _active(user)
    if account is None or not account.is_partner:
        return FundingOpportunity.objects.none()
    return FundingOpportunity.objects.filter(partner_scope(account), shared_with_partners=False)


def shows_partner_view(user: Viewer) -> bool:
    """Lists speak to a partner of what is shared with partners, to the network of what exists."""
    account = _active(user)
    return account is not None and account.is_partner


def opportunity_for_user(
    user: Viewer, pk: int, visible: QuerySet[FundingOpportunity] | None = None
) -> FundingOpportunity:
    """A call the user reads (among ``visible``, by default all it may read). A call of a
    partner's network that is not shared is refused with its reason (403: the list counts it, so
    the partner knows it exists); any other call out of sight is a 404."""
    calls = opportunities_visible_to(user) if visible is None else visible
    try:
        return calls.get(pk=pk)
    except FundingOpportunity.DoesNotExist:
        if opportunities_not_shared_with(user).filter(pk=pk).exists():
            raise PermissionDenied(_("This funding opportunity is not shared with partners.")) from None
        raise Http404 from None


def opportunity_for_edit(user: Viewer, pk: int) -> FundingOpportunity:
    opportunity = opportunity_for_user(user, pk)
    if not can_edit_funding(user):
        raise PermissionDenied
    return opportunity
