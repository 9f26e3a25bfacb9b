"""Who may see and change projects, and who may take which change of stage.

The stages a project may move between, and with what comment, are written in
workflow.py; whether a user may take such a move is asked here.
"""

from __future__ import annotations

from collections.abc import Collection

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from reseau.accounts.models import Role, User
from reseau.accounts.types import Viewer
from reseau.partners.access import partner_scope
from reseau.projects.models import Project, Stage
from reseau.registry.models import Member

# The network's staff: they keep any project of their network.
STAFF_ROLES = frozenset({Role.COORDINATOR, Role.SECRETARIAT})


def _active(user: Viewer | None) -> User | None:
    """The signed-in, active account, or None for an anonymous visitor, a closed account or
    the platform itself (``Actor`` None, which holds no role on a project)."""
    return user if isinstance(user, User) and user.is_active else None


def role_on_project(user: Viewer | None, project: Project) -> Role | None:
    """The role a user acts in on this project, or None when they have none there."""
    account = _active(user)
    if account is None:
        return None
    if account.is_secretariat:
        return Role.SECRETARIAT
    if account.is_coordinator and account.network_id == project.network_id:
        return Role.COORDINATOR
    if account.is_focal_point and account.member_id == project.lead_member_id:
        return Role.FOCAL_POINT
    return None


def may_act_as(user: Viewer | None, project: Project, roles: Collection[str]) -> bool:
    """Whether the user's role on the project is one of ``roles`` (a transition's, for instance)."""
    role = role_on_project(user, project)
    return role is not None and role in roles


def is_project_staff(user: Viewer, project: Project) -> bool:
    """The project's network staff: its coordinator, and the secretariat."""
    return may_act_as(user, project, STAFF_ROLES)


def projects_visible_to(user: Viewer) -> QuerySet[Project]:
    account = _active(user)
    if account is None:
        return Project.objects.none()
    if account.is_secretariat:
        return Project.objects.all()
    if account.is_partner:
        # The networks a partner reads: partners.access.partner_networks.
        return Project.objects.filter(partner_scope(account), shared_with_partners=True)
    if (account.is_coordinator or account.is_focal_point) and account.network_id:
        return Project.objects.filter(network_id=account.network_id)
    return Project.objects.none()


def projects_not_shared_with(user: Viewer) -> QuerySet[Project]:
    """The projects a reader knows exist but may not read, counted on the lists ("3 projects are
    not shared with partners"): a partner's networks' projects not shared. None for anyone else."""
    account = _active(user)
    if account is None or not account.is_partner:
        return Project.objects.none()
    return Project.objects.filter(partner_scope(account), shared_with_partners=False)


def shows_partner_view(user: Viewer) -> bool:
    """Lists speak to a partner of what is shared with partners, to the network of what exists."""
    account = _active(user)
    return account is not None and account.is_partner


def can_propose(user: Viewer) -> bool:
    """Focal points propose for their own member; the network's staff for any member."""
    account = _active(user)
    return account is not None and (account.is_focal_point or account.is_coordinator or account.is_secretariat)


def can_propose_for(user: Viewer, member: Member) -> bool:
    """Whether the viewer may propose a project led by this member (worked out without a query)."""
    account = _active(user)
    if account is None or not can_propose(account):
        return False
    if account.is_secretariat:
        return True
    if account.is_coordinator:
        return account.network_id == member.network_id
    return account.member_id == member.pk


def is_staff_proposer(user: User) -> bool:
    """Staff choose the lead member of a project; a focal point proposes for its own member."""
    return user.is_coordinator or user.is_secretariat


def lead_offers_every_network(user: User, *, editing: bool) -> bool:
    """The secretariat chooses a new project's lead among every network's members: name the network."""
    return user.is_secretariat and not editing


def can_edit_project(user: Viewer, project: Project) -> bool:
    """Staff edit any project of their network; a focal point edits its member's
    proposal while it is still its own to shape (proposed, or returned for revision)."""
    role = role_on_project(user, project)
    if role in STAFF_ROLES:
        return True
    return role == Role.FOCAL_POINT and project.stage in (Stage.PROPOSED, Stage.RETURNED)


def can_see_project_history(user: Viewer, project: Project) -> bool:
    """The history of changes is the network staff's record."""
    return is_project_staff(user, project)


def can_follow_up(user: Viewer, project: Project) -> bool:
    """Progress notes and milestones: staff, and focal points of members that lead or join."""
    if may_act_as(user, project, {*STAFF_ROLES, Role.FOCAL_POINT}):
        return True
    account = _active(user)
    if account is not None and account.is_focal_point and account.member_id:
        return project.members.filter(pk=account.member_id).exists()
    return False


def can_manage_funding(user: Viewer, project: Project) -> bool:
    """Partners and funding lines are kept by the network's staff (not by the member's focal point)."""
    return can_edit_project(user, project) and is_project_staff(user, project)


def can_read_rates(user: Viewer) -> bool:
    """The exchange rates are the network's working figures: everyone signed in but partners reads them."""
    account = _active(user)
    return account is not None and not account.is_partner


def can_keep_rates(user: Viewer) -> bool:
    account = _active(user)
    return account is not None and account.is_secretariat


def project_for_user(user: Viewer, code: str) -> Project:
    """A project the user reads. A project of a partner's network that is not shared is refused
    with its reason (403: the lists count it, so the partner knows it exists); any other project
    out of sight is a 404."""
    try:
        return projects_visible_to(user).select_related("network", "lead_member", "proposed_by").get(code=code)
    except Project.DoesNotExist:
        if projects_not_shared_with(user).filter(code=code).exists():
            raise PermissionDenied(_("This project is not shared with partners.")) from None
        raise Http404 from None


def project_for_edit(user: Viewer, code: str) -> Project:
    project = project_for_user(user, code)
    if not can_edit_project(user, project):
        raise PermissionDenied
    return project


def project_for_follow_up(user: Viewer, code: str) -> Project:
    project = project_for_user(user, code)
    if not can_follow_up(user, project):
        raise PermissionDenied
    return project


def project_for_funding(user: Viewer, code: str) -> Project:
    """Partners and funding lines: the project's network staff only (404 when the project is out of sight)."""
    project = project_for_user(user, code)
    if not can_manage_funding(user, project):
        raise PermissionDenied
    return project


def member_choices_for(user: User) -> Q:
    """Which members a user may name as a project's lead."""
    if user.is_secretariat:
        return Q()
    if user.is_coordinator:
        return Q(network_id=user.network_id)
    return Q(pk=user.member_id or 0)
