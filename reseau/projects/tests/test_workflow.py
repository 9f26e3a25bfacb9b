"""Every allowed and forbidden change of stage, for every role.

The table below is written from the issue, independently of ``workflow.RULES``:
a careless edit of RULES makes ``test_rules_are_the_issue_s_table`` fail, and the
per-role walks then check that ``services.project_transition`` obeys the table
(not RULES) for every (from, to) pair, same-stage and unknown stages included.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from reseau.accounts.models import Role
from reseau.audit.models import AuditEvent
from reseau.audit.services import audit_subject_key
from reseau.projects import services, workflow
from reseau.projects.models import Project, Stage, Transition
from tests.factories import MemberFactory, NetworkFactory, ProjectFactory, UserFactory

S = Stage
STAFF = frozenset({"coordinator", "secretariat"})
SECRETARIAT_ONLY = frozenset({"secretariat"})
OPEN_STAGES = [s for s in Stage.values if s not in (S.COMPLETED, S.ABANDONED)]

# The issue, as a literal table: (from, to) → (workflow roles allowed, comment required).
#  - focal points propose (create) and may only withdraw (abandon, with a reason) their
#    own member's proposal while it is proposed;
#  - coordinators move projects up to "submitted for validation", make the funding,
#    implementation and completion steps, and abandon with a reason;
#  - only the secretariat validates or returns (returning needs comments);
#  - a returned project goes back to design, or straight back to submitted, by staff.
EXPECTED: dict[tuple[str, str], tuple[frozenset[str], bool]] = {
    (S.PROPOSED, S.UNDER_DISCUSSION): (STAFF, False),
    (S.UNDER_DISCUSSION, S.FEASIBILITY): (STAFF, False),
    (S.FEASIBILITY, S.DESIGN): (STAFF, False),
    (S.DESIGN, S.SUBMITTED): (STAFF, False),
    (S.SUBMITTED, S.VALIDATED): (SECRETARIAT_ONLY, False),
    (S.SUBMITTED, S.RETURNED): (SECRETARIAT_ONLY, True),
    (S.RETURNED, S.DESIGN): (STAFF, False),
    (S.RETURNED, S.SUBMITTED): (STAFF, False),
    (S.VALIDATED, S.SEEKING_FUNDING): (STAFF, False),
    (S.SEEKING_FUNDING, S.FUNDED): (STAFF, False),
    (S.FUNDED, S.IN_IMPLEMENTATION): (STAFF, False),
    (S.IN_IMPLEMENTATION, S.COMPLETED): (STAFF, False),
    # Abandoning, always with a reason, from every stage still open…
    (S.PROPOSED, S.ABANDONED): (STAFF | {"focal_point"}, True),  # … the focal point's withdrawal
    (S.UNDER_DISCUSSION, S.ABANDONED): (STAFF, True),
    (S.FEASIBILITY, S.ABANDONED): (STAFF, True),
    (S.DESIGN, S.ABANDONED): (STAFF, True),
    (S.SUBMITTED, S.ABANDONED): (STAFF, True),
    (S.VALIDATED, S.ABANDONED): (STAFF, True),
    (S.RETURNED, S.ABANDONED): (STAFF, True),
    (S.SEEKING_FUNDING, S.ABANDONED): (STAFF, True),
    (S.FUNDED, S.ABANDONED): (STAFF, True),
    (S.IN_IMPLEMENTATION, S.ABANDONED): (STAFF, True),
}

# The people who try. Only three of them have a role on the project at all: the
# focal point of its lead member, a coordinator of its network, the secretariat.
ACTS_AS: dict[str, str | None] = {
    "anonymous": None,
    "partner": None,
    "focal_point_of_lead_member": "focal_point",
    "focal_point_of_another_member": None,
    "coordinator_of_the_network": "coordinator",
    "coordinator_of_another_network": None,
    "inactive_coordinator_of_the_network": None,
    "secretariat": "secretariat",
}
UNKNOWN_STAGES = ["", "not-a-stage", "Validated"]
TARGETS = [*Stage.values, *UNKNOWN_STAGES]
LONG_AGO = datetime.date(2020, 1, 1)


@dataclass
class Scene:
    project: Project
    user: Any


def _scene(who: str) -> Scene:
    network = NetworkFactory()
    other_network = NetworkFactory(code="other-net", acronym="", name_en="Other network", name_fr="Autre réseau")
    lead = MemberFactory(network=network, slug="lead-city")
    other = MemberFactory(network=network, slug="other-city")
    project = ProjectFactory(network=network, lead_member=lead, stage_since=LONG_AGO)
    project.members.add(other)  # a participant's focal point is still not the lead's
    users: dict[str, Any] = {
        "anonymous": AnonymousUser(),
        "partner": UserFactory(role=Role.PARTNER, network=network),
        "focal_point_of_lead_member": UserFactory(role=Role.FOCAL_POINT, member=lead, network=network),
        "focal_point_of_another_member": UserFactory(role=Role.FOCAL_POINT, member=other, network=network),
        "coordinator_of_the_network": UserFactory(role=Role.COORDINATOR, network=network),
        "coordinator_of_another_network": UserFactory(role=Role.COORDINATOR, network=other_network),
        "inactive_coordinator_of_the_network": UserFactory(role=Role.COORDINATOR, network=network, is_active=False),
        "secretariat": UserFactory(role=Role.SECRETARIAT, is_staff=True),
    }
    return Scene(project=project, user=users[who])


def _expected(who: str, start: str, to: str, comment: str) -> bool:
    entry = EXPECTED.get((start, to))
    if entry is None:
        return False
    roles, comment_required = entry
    role = ACTS_AS[who]
    return role is not None and role in roles and not (comment_required and not comment.strip())


def _comments(start: str, to: str) -> list[str]:
    entry = EXPECTED.get((start, to))
    if entry is not None and entry[1]:
        return ["", "   \n", "  The network decided so.  "]
    return ["", "The network decided so."]


def test_rules_are_the_issue_s_table():
    actual = {
        (start, to): (frozenset(rule.roles), rule.comment_required) for (start, to), rule in workflow.RULES.items()
    }
    assert actual == EXPECTED


def test_the_table_covers_every_stage():
    # Every stage but the first can be reached, every open stage can be left.
    assert {to for _, to in EXPECTED} == set(Stage.values) - {S.PROPOSED}
    assert {start for start, _ in EXPECTED} == set(OPEN_STAGES)
    # Only the secretariat validates and returns; the focal point only withdraws a proposal.
    assert [pair for pair, (roles, _) in EXPECTED.items() if "coordinator" not in roles] == [
        (S.SUBMITTED, S.VALIDATED),
        (S.SUBMITTED, S.RETURNED),
    ]
    assert [pair for pair, (roles, _) in EXPECTED.items() if "focal_point" in roles] == [(S.PROPOSED, S.ABANDONED)]


@dataclass(frozen=True)
class _Before:
    """What a move is checked against: the project and its counts before the attempt."""

    label: str
    start: str
    to: str
    comment: str
    subject: str
    transitions: int
    audits: int


def _attempt(scene: Scene, who: str, start: str, to: str, comment: str) -> list[str]:
    """Try one move inside a savepoint that is rolled back; returns what went wrong."""
    label = f"{who}: {start or '∅'} → {to or '∅'} with comment {comment!r}"
    allowed = _expected(who, start, to, comment)
    project = scene.project
    subject = audit_subject_key(project)
    with transaction.atomic():
        Project.objects.filter(pk=project.pk).update(stage=start, stage_since=LONG_AGO)
        before = _Before(
            label=label,
            start=start,
            to=to,
            comment=comment,
            subject=subject,
            transitions=Transition.objects.filter(project=project).count(),
            audits=AuditEvent.objects.filter(subject=subject).count(),
        )
        try:
            step = services.project_transition(actor=scene.user, project=project, to_stage=to, comment=comment)
        except workflow.TransitionRefused as refused:
            problems = _problems_when_refused(project, before, refused, allowed=allowed)
        else:
            problems = _problems_when_moved(scene, before, step, allowed=allowed)
        transaction.set_rollback(True)
    return problems


def _problems_when_refused(
    project: Project, before: _Before, refused: workflow.TransitionRefused, *, allowed: bool
) -> list[str]:
    label = before.label
    problems: list[str] = []
    if allowed:
        problems.append(f"{label}: refused ({refused.reason}) but the issue allows it")
    if not str(refused.reason).strip():
        problems.append(f"{label}: refused without a reason")
    fresh = Project.objects.get(pk=project.pk)
    if (fresh.stage, fresh.stage_since) != (before.start, LONG_AGO):
        problems.append(f"{label}: refused, yet the project changed")
    if Transition.objects.filter(project=project).count() != before.transitions:
        problems.append(f"{label}: refused, yet a stage change was written")
    if AuditEvent.objects.filter(subject=before.subject).count() != before.audits:
        problems.append(f"{label}: refused, yet an audit row was written")
    return problems


def _problems_when_moved(scene: Scene, before: _Before, step: Transition, *, allowed: bool) -> list[str]:
    label, project = before.label, scene.project
    problems: list[str] = []
    if not allowed:
        problems.append(f"{label}: allowed but the issue forbids it")
    fresh = Project.objects.get(pk=project.pk)
    if (fresh.stage, fresh.stage_since) != (before.to, timezone.localdate()):
        problems.append(f"{label}: project left at {fresh.stage} since {fresh.stage_since}")
    written = Transition.objects.filter(project=project)
    if written.count() != before.transitions + 1:
        problems.append(f"{label}: {written.count() - before.transitions} stage changes written")
    row = Transition.objects.get(pk=step.pk)
    expected_row = (before.start, before.to, scene.user.pk, before.comment.strip())
    if (row.from_stage, row.to_stage, row.by_id, row.comment) != expected_row:
        problems.append(f"{label}: wrong stage change {row.from_stage, row.to_stage, row.by_id, row.comment}")
    if row.by_label != str(scene.user):
        problems.append(f"{label}: stage change labelled {row.by_label!r}")
    problems += _audit_problems(scene, before)
    return problems


def _audit_problems(scene: Scene, before: _Before) -> list[str]:
    if AuditEvent.objects.filter(subject=before.subject).count() != before.audits + 1:
        return [f"{before.label}: no audit row"]
    last = AuditEvent.objects.filter(subject=before.subject, action=AuditEvent.Action.UPDATED).order_by("-pk")[0]
    if "stage" not in last.changes or last.actor_id != scene.user.pk:
        return [f"{before.label}: the audit row does not record the stage change by this user"]
    return []


@pytest.mark.heavy
@pytest.mark.django_db
@pytest.mark.parametrize("who", list(ACTS_AS))
def test_every_move_for_every_role(who):
    scene = _scene(who)
    problems: list[str] = []
    successes = 0
    for start in Stage.values:
        for to in TARGETS:
            for comment in _comments(start, to):
                found = _attempt(scene, who, start, to, comment)
                problems.extend(found)
                successes += _expected(who, start, to, comment)
    assert not problems, "\n".join(problems)
    # The walk did try moves that succeed, for every role that has one.
    assert (successes > 0) == (ACTS_AS[who] is not None)


@pytest.mark.django_db
@pytest.mark.parametrize("who", list(ACTS_AS))
def test_allowed_transitions_lists_exactly_the_allowed_targets_in_pipeline_order(who):
    scene = _scene(who)
    project = scene.project
    for start in Stage.values:
        project.stage = start
        role = ACTS_AS[who]
        expected = [
            to
            for to in Stage.values  # the pipeline order
            if (start, to) in EXPECTED and role is not None and role in EXPECTED[(start, to)][0]
        ]
        assert workflow.allowed_transitions(scene.user, project) == expected, (who, start)


@pytest.mark.django_db
def test_the_secretariat_s_decisions_say_so_when_refused():
    scene = _scene("coordinator_of_the_network")
    Project.objects.filter(pk=scene.project.pk).update(stage=S.SUBMITTED)
    with pytest.raises(workflow.TransitionRefused) as refused:
        services.project_transition(actor=scene.user, project=scene.project, to_stage=S.VALIDATED)
    assert "Secretariat" in str(refused.value.reason)


@pytest.mark.django_db
def test_a_withdrawal_without_a_reason_asks_for_one():
    scene = _scene("focal_point_of_lead_member")
    with pytest.raises(workflow.TransitionRefused) as refused:
        services.project_transition(actor=scene.user, project=scene.project, to_stage=S.ABANDONED, comment=" ")
    assert "comment" in str(refused.value.reason)
    step = services.project_transition(
        actor=scene.user, project=scene.project, to_stage=S.ABANDONED, comment="The city withdraws it."
    )
    assert step.comment == "The city withdraws it."
    assert Project.objects.get(pk=scene.project.pk).stage == S.ABANDONED


@pytest.mark.django_db
def test_a_project_at_an_unknown_stage_is_refused_with_a_reason():
    scene = _scene("secretariat")
    Project.objects.filter(pk=scene.project.pk).update(stage="not-a-stage")
    with pytest.raises(workflow.TransitionRefused):
        services.project_transition(actor=scene.user, project=scene.project, to_stage=S.ABANDONED, comment="Old.")
