"""What the partners app adds to the pages of the apps it is built on: a member's contacts."""

from __future__ import annotations

from typing import Any

from reseau.accounts.types import Viewer
from reseau.partners import access, selectors
from reseau.registry.models import Member


def member_contacts(user: Viewer, member: Member) -> dict[str, Any] | None:
    """The member's interactions and needs, for its network's staff and its own focal point;
    left out for everyone else (another member's focal point, partners, anonymous visitors)."""
    if not access.can_see_member_contacts(user, member):
        return None
    return {
        "member": member,
        "member_interactions": list(selectors.member_interactions(member=member)),
        "member_needs": list(
            access.needs_visible_to(user).filter(member=member).select_related("owner", "expressed_by", "answered_by")
        ),
        "keeps_contacts": access.can_keep_member_contacts(user, member),
        "can_record_need": access.can_record_need(user, member),
    }
