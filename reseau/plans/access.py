"""Who may see and change plans, the logframe and decisions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from reseau.plans.models import Decision, Indicator, IndicatorValue, Plan
from reseau.registry.access import is_network_staff


def can_edit_plans(user: Any) -> bool:
    """The coordinator and the secretariat keep plans, progress, the logframe and decisions."""
    return is_network_staff(user)


def can_approve_values(user: Any) -> bool:
    """Only the Permanent Secretariat approves indicator values: only approved values count."""
    return user.is_authenticated and user.is_secretariat


def _network_scope(user: Any) -> Q | None:
    """None: every network. A Q: this user's network only."""
    if user.is_secretariat:
        return None
    return Q(network_id=user.network_id or 0)


def plans_visible_to(user: Any) -> QuerySet[Plan]:
    """The network reads its plans; partners read the plans validated by the members."""
    if not user.is_authenticated or not user.is_active:
        return Plan.objects.none()
    plans = Plan.objects.all()
    if user.is_partner:
        plans = plans.filter(status=Plan.Status.VALIDATED)
    scope = _network_scope(user)
    if scope is not None and not (user.is_partner and user.network_id is None):
        plans = plans.filter(scope)
    return plans


def indicators_visible_to(user: Any) -> QuerySet[Indicator]:
    if not user.is_authenticated or not user.is_active:
        return Indicator.objects.none()
    scope = _network_scope(user)
    indicators = Indicator.objects.all()
    if scope is not None and not (user.is_partner and user.network_id is None):
        indicators = indicators.filter(result__network_id=user.network_id or 0)
    return indicators


def values_visible_to(user: Any, indicator: Indicator) -> QuerySet[IndicatorValue]:
    """Partners see approved values only; the network sees drafts too."""
    values = indicator.values.all()
    if not user.is_authenticated or user.is_partner:
        return values.filter(status=IndicatorValue.Status.APPROVED)
    return values


def decisions_visible_to(user: Any) -> QuerySet[Decision]:
    """The decisions register is the network's own: partners do not see it."""
    if not user.is_authenticated or not user.is_active or user.is_partner:
        return Decision.objects.none()
    scope = _network_scope(user)
    return Decision.objects.all() if scope is None else Decision.objects.filter(scope)


def plan_for_user(user: Any, code: str) -> Plan:
    try:
        return plans_visible_to(user).select_related("network").get(code=code)
    except Plan.DoesNotExist:
        raise Http404 from None


def plan_for_edit(user: Any, code: str) -> Plan:
    plan = plan_for_user(user, code)
    if not can_edit_plans(user):
        raise PermissionDenied
    return plan


def decision_for_user(user: Any, pk: int) -> Decision:
    try:
        return decisions_visible_to(user).get(pk=pk)
    except Decision.DoesNotExist:
        raise Http404 from None


def decision_for_edit(user: Any, pk: int) -> Decision:
    decision = decision_for_user(user, pk)
    if not can_edit_plans(user):
        raise PermissionDenied
    return decision


def indicator_for_user(user: Any, pk: int) -> Indicator:
    try:
        return indicators_visible_to(user).select_related("result__network").get(pk=pk)
    except Indicator.DoesNotExist:
        raise Http404 from None
