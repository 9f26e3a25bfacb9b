from __future__ import annotations

from typing import Any

from django import template

from reseau.accounts.types import Viewer
from reseau.projects import access, selectors
from reseau.registry.models import Member

register = template.Library()


@register.inclusion_tag("projects/_member_projects.html")
def member_projects(member: Member, user: Viewer) -> dict[str, Any]:
    """The projects a member leads or takes part in, as far as the viewer may see them (one query)."""
    projects = selectors.member_projects(access.projects_visible_to(user), member)
    return {"member": member, "projects": projects, "can_propose": access.can_propose_for(user, member)}
