"""Who may see and change funding opportunities."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from reseau.funding.models import FundingOpportunity
from reseau.registry.access import is_network_staff


def can_edit_funding(user: Any) -> bool:
    return is_network_staff(user)


def opportunities_visible_to(user: Any) -> QuerySet[FundingOpportunity]:
    """Staff and focal points read their network's calls; partners only what is shared with them."""
    if not user.is_authenticated or not user.is_active:
        return FundingOpportunity.objects.none()
    calls = FundingOpportunity.objects.all()
    if user.is_partner:
        calls = calls.filter(shared_with_partners=True)
    if user.is_secretariat or (user.is_partner and user.network_id is None):
        return calls
    return calls.filter(network_id=user.network_id or 0)


def opportunity_for_user(user: Any, pk: int) -> FundingOpportunity:
    try:
        return opportunities_visible_to(user).get(pk=pk)
    except FundingOpportunity.DoesNotExist:
        raise Http404 from None


def opportunity_for_edit(user: Any, pk: int) -> FundingOpportunity:
    opportunity = opportunity_for_user(user, pk)
    if not can_edit_funding(user):
        raise PermissionDenied
    return opportunity
