"""Which stage a project may move to, and who may move it: written once, here.

Views, the pipeline board and the services all ask ``allowed_transitions`` and
``check_transition``; tests walk every (role, from, to) triple through them. Whether a
user holds one of a rule's roles on a project is asked of ``access``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from reseau.accounts.models import Role
from reseau.accounts.types import Viewer
from reseau.projects import access
from reseau.projects.models import Project, Stage

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

STAFF = access.STAFF_ROLES
SECRETARIAT = frozenset({Role.SECRETARIAT})


@dataclass(frozen=True)
class Rule:
    roles: frozenset[Role]
    comment_required: bool = False


# (from, to) → who may make that move. Coordinators take a project as far as
# "submitted for validation"; only the secretariat validates or returns it.
RULES: dict[tuple[str, str], Rule] = {
    (Stage.PROPOSED, Stage.UNDER_DISCUSSION): Rule(STAFF),
    (Stage.UNDER_DISCUSSION, Stage.FEASIBILITY): Rule(STAFF),
    (Stage.FEASIBILITY, Stage.DESIGN): Rule(STAFF),
    (Stage.DESIGN, Stage.SUBMITTED): Rule(STAFF),
    (Stage.SUBMITTED, Stage.VALIDATED): Rule(SECRETARIAT),
    (Stage.SUBMITTED, Stage.RETURNED): Rule(SECRETARIAT, comment_required=True),
    (Stage.RETURNED, Stage.DESIGN): Rule(STAFF),
    (Stage.RETURNED, Stage.SUBMITTED): Rule(STAFF),
    (Stage.VALIDATED, Stage.SEEKING_FUNDING): Rule(STAFF),
    (Stage.SEEKING_FUNDING, Stage.FUNDED): Rule(STAFF),
    (Stage.FUNDED, Stage.IN_IMPLEMENTATION): Rule(STAFF),
    (Stage.IN_IMPLEMENTATION, Stage.COMPLETED): Rule(STAFF),
}
# Abandoning is possible from any stage still open, always with a reason. A focal
# point may withdraw its own member's proposal before the network takes it up.
for _stage in Stage.values:
    if _stage not in (Stage.COMPLETED, Stage.ABANDONED):
        RULES[(_stage, Stage.ABANDONED)] = Rule(STAFF, comment_required=True)
RULES[(Stage.PROPOSED, Stage.ABANDONED)] = Rule(STAFF | {Role.FOCAL_POINT}, comment_required=True)


class TransitionRefused(Exception):
    """A move the rules do not allow; ``reason`` says why, in the user's language."""

    def __init__(self, reason: StrOrPromise) -> None:
        super().__init__(str(reason))
        self.reason = reason


def allowed_transitions(user: Viewer, project: Project) -> list[str]:
    """The stages this user may move the project to now, in pipeline order."""
    return [
        to
        for (start, to), rule in RULES.items()
        if start == project.stage and access.may_act_as(user, project, rule.roles)
    ]


def _stage_label(value: str) -> str:
    # A stage stored by hand in the database may not be one of ours: name it as it is.
    return str(dict(Stage.choices).get(value, value))


def check_transition(user: Viewer | None, project: Project, to_stage: str, comment: str) -> None:
    """Raise TransitionRefused with the reason when the move is not allowed."""
    if to_stage not in Stage.values:
        raise TransitionRefused(_("“%(stage)s” is not a stage.") % {"stage": to_stage})
    rule = RULES.get((project.stage, to_stage))
    if rule is None:
        raise TransitionRefused(
            _("A project cannot go from “%(from)s” to “%(to)s”.")
            % {"from": _stage_label(project.stage), "to": _stage_label(to_stage)}
        )
    if not access.may_act_as(user, project, rule.roles):
        if rule.roles == SECRETARIAT:
            raise TransitionRefused(_("Only the Permanent Secretariat can make this decision."))
        raise TransitionRefused(_("Your role does not allow this change of stage."))
    if rule.comment_required and not comment.strip():
        raise TransitionRefused(_("Say why: a comment is required for this change."))
