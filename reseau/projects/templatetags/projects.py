from __future__ import annotations

from typing import Any

from django import template

from reseau.projects import access, selectors
from reseau.registry.models import Member

register = template.Library()


@register.inclusion_tag("projects/_member_projects.html")
def member_projects(member: Member, user: Any) -> dict[str, Any]:
    """The projects a member leads or takes part in, as far as the viewer may see them (one query)."""
    projects = selectors.member_projects(access.projects_visible_to(user), member)
    return {"member": member, "projects": projects, "can_propose": _may_propose_for(user, member)}


def _may_propose_for(user: Any, member: Member) -> bool:
    """Whether the viewer may propose a project led by this member (worked out without a query)."""
    if not access.can_propose(user):
        return False
    if user.is_secretariat:
        return True
    if user.is_coordinator:
        return user.network_id == member.network_id
    return user.member_id == member.pk
