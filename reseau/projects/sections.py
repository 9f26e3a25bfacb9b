"""What the projects app adds to the pages of the apps it is built on."""

from __future__ import annotations

from typing import Any

from reseau.accounts.types import Viewer
from reseau.funding.models import FundingOpportunity
from reseau.projects import access, selectors
from reseau.projects.access import projects_visible_to
from reseau.registry.models import Member


def member_projects(user: Viewer, member: Member) -> dict[str, Any]:
    """The projects a member leads or takes part in, as far as the reader may see them (one query),
    and for a partner how many are not shared with partners (one COUNT query)."""
    return {
        "member": member,
        "projects": selectors.member_projects(access.projects_visible_to(user), member),
        "not_shared_count": selectors.count_member_projects(access.projects_not_shared_with(user), member),
        "partner_view": access.shows_partner_view(user),
        "can_propose": access.can_propose_for(user, member),
    }


def funding_call_projects(user: Viewer, opportunity: FundingOpportunity) -> dict[str, Any]:
    """Projects whose funding plan counts on this call, among those the reader may open."""
    return {
        "projects": list(
            projects_visible_to(user)
            .filter(funding_lines__opportunity=opportunity)
            .select_related("lead_member")
            .distinct()
            .order_by("code")
        )
    }
