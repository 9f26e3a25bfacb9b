"""Who may see and change the decisions register."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from reseau.decisions.models import Decision
from reseau.plans.access import can_edit_plans, network_scope

__all__ = ["can_edit_plans", "decision_for_edit", "decision_for_user", "decisions_visible_to"]


def decisions_visible_to(user: Any) -> QuerySet[Decision]:
    """The decisions register is the network's own: partners do not see it."""
    if not user.is_authenticated or not user.is_active or user.is_partner:
        return Decision.objects.none()
    scope = network_scope(user)
    return Decision.objects.all() if scope is None else Decision.objects.filter(scope)


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
