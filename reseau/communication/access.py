"""Who may see what of the platform's messages.

- Everyone signed in reads and opens their own notifications and sets their own preferences;
  a preference link in an e-mail (signed) opens that address's preferences without signing in.
- The outbox (every message, its state, why it failed) and its resend are the secretariat's
  and the coordinators': the coordinator sees the messages of the network's people only as
  the list of deliveries of their network's kinds (the outbox holds no network), so the whole
  outbox is kept to the secretariat, and the coordinator gets the list of people who cannot
  be written to (no or refused address) for their own network.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from reseau.accounts.models import User
from reseau.accounts.types import Viewer
from reseau.communication.models import Notification
from reseau.registry.access import is_network_staff


def can_read_outbox(user: Viewer) -> bool:
    return user.is_authenticated and user.is_active and user.is_secretariat


def can_see_unreachable_people(user: Viewer) -> bool:
    return is_network_staff(user)


def notification_for_user(user: User, pk: int) -> Notification:
    """A notification of the reader's own; someone else's answers "not found"."""
    return get_object_or_404(Notification, pk=pk, user=user)


def digest_scope(user: User) -> tuple[object, ...]:
    """Readers of one scope see the same things: the digest is composed once per scope."""
    if user.is_secretariat:
        return ("secretariat",)
    if user.is_focal_point:
        return ("focal_point", user.member_id, user.network_id)
    if user.is_partner:
        # A partner reads what its organisation and its network are shared.
        return ("partner", user.organisation_id, user.network_id)
    return (user.role, user.network_id, user.member_id)


def unreachable_network_id(user: User) -> int | None:
    """The network whose unreachable people the reader sees (``can_see_unreachable_people``):
    None for the secretariat, who sees every network's."""
    return None if user.is_secretariat else user.network_id
