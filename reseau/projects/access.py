"""Who may see and change projects. The stage rules themselves live in workflow.py."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from reseau.projects.models import Project, Stage
from reseau.projects.workflow import role_on_project


def projects_visible_to(user: Any) -> QuerySet[Project]:
    if not user.is_authenticated or not user.is_active:
        return Project.objects.none()
    if user.is_secretariat:
        return Project.objects.all()
    if user.is_partner:
        shared = Project.objects.filter(shared_with_partners=True)
        return shared.filter(network_id=user.network_id) if user.network_id else shared
    if (user.is_coordinator or user.is_focal_point) and user.network_id:
        return Project.objects.filter(network_id=user.network_id)
    return Project.objects.none()


def can_propose(user: Any) -> bool:
    """Focal points propose for their own member; the network's staff for any member."""
    return user.is_authenticated and (user.is_focal_point or user.is_coordinator or user.is_secretariat)


def can_edit_project(user: Any, project: Project) -> bool:
    """Staff edit any project of their network; a focal point edits its member's
    proposal while it is still its own to shape (proposed, or returned for revision)."""
    role = role_on_project(user, project)
    if role in ("coordinator", "secretariat"):
        return True
    return role == "focal_point" and project.stage in (Stage.PROPOSED, Stage.RETURNED)


def can_follow_up(user: Any, project: Project) -> bool:
    """Progress notes and milestones: staff, and focal points of members that lead or join."""
    role = role_on_project(user, project)
    if role in ("coordinator", "secretariat", "focal_point"):
        return True
    if user.is_authenticated and user.is_focal_point and user.member_id:
        return project.members.filter(pk=user.member_id).exists()
    return False


def can_keep_rates(user: Any) -> bool:
    return user.is_authenticated and user.is_secretariat


def project_for_user(user: Any, code: str) -> Project:
    try:
        return projects_visible_to(user).select_related("network", "lead_member", "proposed_by").get(code=code)
    except Project.DoesNotExist:
        raise Http404 from None


def project_for_edit(user: Any, code: str) -> Project:
    project = project_for_user(user, code)
    if not can_edit_project(user, project):
        raise PermissionDenied
    return project


def project_for_follow_up(user: Any, code: str) -> Project:
    project = project_for_user(user, code)
    if not can_follow_up(user, project):
        raise PermissionDenied
    return project


def member_choices_for(user: Any) -> Q:
    """Which members a user may name as a project's lead."""
    if user.is_secretariat:
        return Q()
    if user.is_coordinator:
        return Q(network_id=user.network_id)
    return Q(pk=user.member_id or 0)
