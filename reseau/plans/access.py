"""Who may see and change plans."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from reseau.accounts.models import User
from reseau.accounts.types import Viewer
from reseau.partners.access import partner_scope
from reseau.partners.access import reads_several_networks as reads_several_networks
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
    """The network reads its plans; partners read the plans validated by the members, of the
    networks they are partners of (``partners.access.partner_networks``)."""
    if not user.is_authenticated or not user.is_active:
        return Plan.objects.none()
    if user.is_partner:
        return Plan.objects.filter(partner_scope(user), status=Plan.Status.VALIDATED)
    scope = network_scope(user)
    return Plan.objects.all() if scope is None else Plan.objects.filter(scope)


def plans_not_shared_with(user: Viewer) -> QuerySet[Plan]:
    """The plans a reader knows exist but may not read, counted on the list ("2 draft action
    plans are not shared with partners"): a partner's networks' drafts. None for anyone else."""
    if not user.is_authenticated or not user.is_active or not user.is_partner:
        return Plan.objects.none()
    return Plan.objects.filter(partner_scope(user)).exclude(status=Plan.Status.VALIDATED)


def shows_partner_view(user: Viewer) -> bool:
    """Lists speak to a partner of what is shared with partners ("No action plan is shared with
    partners yet."), to the network of what exists."""
    return user.is_authenticated and user.is_partner


def plan_for_user(user: Viewer, code: str) -> Plan:
    """A plan the user reads. A draft of a partner's network is refused with its reason (403: the
    list counts it, so the partner knows it exists); any other plan out of sight is a 404."""
    try:
        return plans_visible_to(user).select_related("network").get(code=code)
    except Plan.DoesNotExist:
        if plans_not_shared_with(user).filter(code=code).exists():
            raise PermissionDenied(
                _("This action plan is a draft: it is shared with partners once the members have validated it.")
            ) from None
        raise Http404 from None


def plan_for_edit(user: Viewer, code: str) -> Plan:
    plan = plan_for_user(user, code)
    if not can_edit_plans(user):
        raise PermissionDenied
    return plan
