"""Who may see and change the logframe."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from reseau.logframe.models import Indicator, IndicatorValue
from reseau.plans.access import can_edit_plans, network_scope

__all__ = [
    "can_approve_values",
    "can_edit_plans",
    "indicator_for_user",
    "indicators_visible_to",
    "values_visible_to",
]


def can_approve_values(user: Any) -> bool:
    """Only the Permanent Secretariat approves indicator values: only approved values count."""
    return user.is_authenticated and user.is_secretariat


def indicators_visible_to(user: Any) -> QuerySet[Indicator]:
    if not user.is_authenticated or not user.is_active:
        return Indicator.objects.none()
    scope = network_scope(user)
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


def indicator_for_user(user: Any, pk: int) -> Indicator:
    try:
        return indicators_visible_to(user).select_related("result__network").get(pk=pk)
    except Indicator.DoesNotExist:
        raise Http404 from None
