"""Who may see and change the logframe."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from reseau.accounts.models import User
from reseau.accounts.types import Viewer
from reseau.logframe.models import Indicator, IndicatorValue, Result
from reseau.partners.access import partner_networks, partner_scope
from reseau.plans.access import can_edit_plans, network_scope, plan_network_for_staff
from reseau.registry.models import Network

__all__ = [
    "can_approve_values",
    "can_edit_plans",
    "indicator_for_edit",
    "indicator_for_user",
    "indicators_visible_to",
    "networks_for_logframe",
    "result_for_edit",
    "result_network_for_staff",
    "sees_drafts",
    "values_not_shared_with",
    "values_visible_to",
]


def can_approve_values(user: Viewer) -> bool:
    """Only the Permanent Secretariat approves indicator values: only approved values count."""
    return user.is_authenticated and user.is_secretariat


def sees_drafts(user: Viewer) -> bool:
    """The network sees the values still waiting for approval; partners see approved values only."""
    return user.is_authenticated and not user.is_partner


def networks_for_logframe(user: User) -> QuerySet[Network]:
    """The networks whose logframe the user reads: every network for the secretariat, a partner's
    networks (``partners.access.partner_networks``), else their own."""
    if user.is_secretariat:
        return Network.objects.all()
    if user.is_partner:
        return partner_networks(user)
    return Network.objects.filter(pk=user.network_id or 0)


def indicators_visible_to(user: Viewer) -> QuerySet[Indicator]:
    if not user.is_authenticated or not user.is_active:
        return Indicator.objects.none()
    if user.is_partner:
        return Indicator.objects.filter(partner_scope(user, "result__network"))
    scope = network_scope(user)
    indicators = Indicator.objects.all()
    if scope is not None:
        indicators = indicators.filter(result__network_id=user.network_id or 0)
    return indicators


def values_not_shared_with(user: Viewer, indicators: QuerySet[Indicator]) -> QuerySet[IndicatorValue]:
    """The values of these indicators a reader knows exist but does not see, counted on the page
    ("2 values awaiting the secretariat's approval are not shown to partners"): for a partner,
    those not approved yet. None for anyone else."""
    if not user.is_authenticated or sees_drafts(user):
        return IndicatorValue.objects.none()
    return IndicatorValue.objects.filter(indicator__in=indicators).exclude(status=IndicatorValue.Status.APPROVED)


def values_visible_to(user: Viewer, indicator: Indicator) -> QuerySet[IndicatorValue]:
    """Partners see approved values only; the network sees drafts too."""
    values = indicator.values.all()
    if not sees_drafts(user):
        return values.filter(status=IndicatorValue.Status.APPROVED)
    return values


def indicator_for_user(user: Viewer, pk: int) -> Indicator:
    try:
        return indicators_visible_to(user).select_related("result__network").get(pk=pk)
    except Indicator.DoesNotExist:
        raise Http404 from None


def indicator_for_edit(user: User, pk: int) -> Indicator:
    indicator = indicator_for_user(user, pk)
    if not can_edit_plans(user):
        raise PermissionDenied
    return indicator


def result_for_edit(user: User, pk: int) -> Result:
    """A result of the user's network (any network for the secretariat), for the network's staff."""
    results = Result.objects.select_related("network")
    if network_scope(user) is not None:
        results = results.filter(network_id=user.network_id or 0)
    try:
        result = results.get(pk=pk)
    except Result.DoesNotExist:
        raise Http404 from None
    if not can_edit_plans(user):
        raise PermissionDenied
    return result


def result_network_for_staff(user: User) -> Network | None:
    """The network a coordinator adds results to; None for the secretariat, who chooses it."""
    return plan_network_for_staff(user)
