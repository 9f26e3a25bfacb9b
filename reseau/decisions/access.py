"""Who may see and change the decisions register."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from reseau.accounts.models import User
from reseau.accounts.types import Viewer
from reseau.decisions.models import Decision
from reseau.plans.access import can_edit_plans, network_scope, sees_every_network
from reseau.registry.models import Network

__all__ = [
    "can_add_note",
    "can_edit_plans",
    "can_read_register",
    "decision_for_edit",
    "decision_for_user",
    "decision_network_for_staff",
    "decisions_visible_to",
    "refuse_partners",
    "sees_every_network",
]


def can_read_register(user: Viewer) -> bool:
    """The register is the network's internal record: signed-in users other than partners read it."""
    return user.is_authenticated and not user.is_partner


def refuse_partners(user: User) -> None:
    """Partners are refused the register's pages with the reason (403), not shown an empty page;
    no page offers them a link to it (``can_read_register``)."""
    if user.is_partner:
        raise PermissionDenied(
            _("The decisions register is kept for the network's members and staff: it is not shared with partners.")
        )


def decisions_visible_to(user: Viewer) -> QuerySet[Decision]:
    """The decisions register is the network's own: partners do not see it."""
    if not user.is_authenticated or not user.is_active or user.is_partner:
        return Decision.objects.none()
    scope = network_scope(user)
    return Decision.objects.all() if scope is None else Decision.objects.filter(scope)


def decision_for_user(user: User, pk: int) -> Decision:
    refuse_partners(user)
    try:
        return decisions_visible_to(user).get(pk=pk)
    except Decision.DoesNotExist:
        raise Http404 from None


def decision_for_edit(user: User, pk: int) -> Decision:
    decision = decision_for_user(user, pk)
    if not can_edit_plans(user):
        raise PermissionDenied
    return decision


def can_add_note(user: Viewer, decision: Decision) -> bool:
    """The staff, and a focal point reporting on the items its member owns."""
    if can_edit_plans(user):
        return True
    return (
        user.is_authenticated
        and user.is_focal_point
        and decision.owner_member_id is not None
        and decision.owner_member_id == user.member_id
    )


def decision_network_for_staff(user: User) -> Network | None:
    """The network a new decision belongs to: the coordinator's own; None for the secretariat,
    who belongs to no network and chooses one on the form."""
    return None if sees_every_network(user) else user.network
