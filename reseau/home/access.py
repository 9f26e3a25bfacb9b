"""What the home page and the site's header show to whom."""

from __future__ import annotations

from reseau.accounts.types import Viewer
from reseau.decisions.access import can_read_register
from reseau.registry.access import is_network_staff

__all__ = [
    "can_open_administration",
    "can_read_register",
    "delegation_member_id",
    "is_network_staff",
    "sees_every_network",
    "shows_own_member",
    "shows_partner_guide",
]


def can_open_administration(user: Viewer) -> bool:
    """The header links the administration for the secretariat only."""
    return user.is_authenticated and user.is_secretariat


def sees_every_network(user: Viewer) -> bool:
    """The secretariat reads every network, so the home page names each item's network."""
    return user.is_authenticated and user.is_secretariat


def shows_own_member(user: Viewer) -> bool:
    """A focal point's home page opens with its own member's status."""
    return user.is_authenticated and user.is_focal_point


def delegation_member_id(user: Viewer) -> int | None:
    """The member whose delegation the upcoming events count: a focal point's own, else none."""
    if user.is_authenticated and user.is_focal_point and user.member_id:
        return user.member_id
    return None


def shows_partner_guide(user: Viewer) -> bool:
    """Partners are told what they can read, with a link to the member directory."""
    return user.is_authenticated and user.is_partner
