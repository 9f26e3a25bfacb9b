"""Who may see and change plans."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from reseau.accounts.models import User
from reseau.accounts.types import Viewer
from reseau.plans.models import Plan
from reseau.registry.access import is_network_staff
from reseau.registry.models import Network


def can_edit_plans(user: Viewer) -> bool:
    """The coordinator and the secretariat keep plans, progress, the logframe and decisions."""
    return bool(is_network_staff(user))


def plan_network_for_staff(user: User) -> Network | None:
    """The network a coordinator keeps plans for; None for the secretariat, who chooses it.
    Anyone else, or a coordinator without a network, is refused."""
    if not can_edit_plans(user):
        raise PermissionDenied
    if user.is_secretariat:
        return None
    if user.network_id is None:
        raise PermissionDenied
    return user.network


def sees_every_network(user: Viewer) -> bool:
    """The secretariat reads every network's plans, so lists name the network."""
    return user.is_authenticated and user.is_secretariat


def can_see_periods(user: User) -> bool:
    """Reporting periods are the network's working detail, not shown to partners."""
    return not user.is_partner


def period_networks_for(user: User) -> list[Network]:
    """The networks whose reporting periods the user reads: every one for the secretariat,
    else its own (none for an account tied to no network)."""
    if user.is_secretariat:
        return list(Network.objects.all())
    network = user.network
    return [network] if network is not None else []


def network_scope(user: User) -> Q | None:
    """None: every network. A Q: this user's network only."""
    if user.is_secretariat:
        return None
    return Q(network_id=user.network_id or 0)


def plans_visible_to(user: Viewer) -> QuerySet[Plan]:
    """The network reads its plans; partners read the plans validated by the members."""
    if not user.is_authenticated or not user.is_active:
        return Plan.objects.none()
    plans = Plan.objects.all()
    if user.is_partner:
        plans = plans.filter(status=Plan.Status.VALIDATED)
    scope = network_scope(user)
    if scope is not None and not (user.is_partner and user.network_id is None):
        plans = plans.filter(scope)
    return plans


def plan_for_user(user: Viewer, code: str) -> Plan:
    try:
        return plans_visible_to(user).select_related("network").get(code=code)
    except Plan.DoesNotExist:
        raise Http404 from None


def plan_for_edit(user: Viewer, code: str) -> Plan:
    plan = plan_for_user(user, code)
    if not can_edit_plans(user):
        raise PermissionDenied
    return plan
