"""What the projects app adds to the pages of the apps it is built on."""

from __future__ import annotations

from typing import Any

from reseau.funding.models import FundingOpportunity
from reseau.projects.access import projects_visible_to


def funding_call_projects(user: Any, opportunity: FundingOpportunity) -> dict[str, Any]:
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
