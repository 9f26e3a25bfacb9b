"""Writes to projects. Stage changes go through ``project_transition`` only."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from reseau.accounts.types import Actor
from reseau.audit.models import PLATFORM_LABEL, AuditEvent
from reseau.audit.services import audit_record, audit_snapshot
from reseau.core.services import model_create, model_update
from reseau.projects.models import (
    ExchangeRate,
    FundingLine,
    Milestone,
    ProgressNote,
    Project,
    ProjectPartner,
    Stage,
    Transition,
)
from reseau.projects.workflow import check_transition
from reseau.registry.models import Network


@transaction.atomic
def project_propose(*, actor: Actor, network: Network, data: Mapping[str, Any]) -> Project:
    """Create a project at the "proposed" stage, with the first line of its timeline."""
    proposer = actor if getattr(actor, "is_authenticated", False) else None
    project = model_create(
        instance=Project(network=network, stage=Stage.PROPOSED, proposed_by_user=proposer), data=data, actor=actor
    )
    Transition.objects.create(
        project=project, from_stage="", to_stage=Stage.PROPOSED, by=proposer, by_label=_label(actor)
    )
    return project


def project_update(*, actor: Actor, project: Project, data: Mapping[str, Any]) -> bool:
    return model_update(instance=project, data=data, actor=actor)


@transaction.atomic
def project_transition(*, actor: Actor, project: Project, to_stage: str, comment: str = "") -> Transition:
    """Move the project if the rules allow it (raises workflow.TransitionRefused otherwise)."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    check_transition(actor, project, to_stage, comment)
    before = audit_snapshot(project)
    step = Transition.objects.create(
        project=project,
        from_stage=project.stage,
        to_stage=to_stage,
        by=actor,
        by_label=_label(actor),
        comment=comment.strip(),
    )
    project.stage, project.stage_since = to_stage, timezone.localdate()
    project.stage_estimated = False  # a stage someone chose is recorded, not deduced
    project.save(update_fields=["stage", "stage_since", "stage_estimated"])
    audit_record(actor=actor, instance=project, subject=project, action=AuditEvent.Action.UPDATED, before=before)
    return step


def _label(actor: Actor) -> str:
    # The name (an account reads as its full name, else its e-mail), kept if the account goes.
    return str(actor)[:254] if actor is not None and actor.is_authenticated else PLATFORM_LABEL


def partner_add(*, actor: Actor, project: Project, data: Mapping[str, Any]) -> ProjectPartner:
    return model_create(instance=ProjectPartner(project=project), data=data, actor=actor, subject=project)


def funding_line_add(*, actor: Actor, project: Project, data: Mapping[str, Any]) -> FundingLine:
    return model_create(instance=FundingLine(project=project), data=data, actor=actor, subject=project)


def funding_line_update(*, actor: Actor, line: FundingLine, data: Mapping[str, Any]) -> bool:
    return model_update(instance=line, data=data, actor=actor, subject=line.project)


def milestone_add(*, actor: Actor, project: Project, data: Mapping[str, Any]) -> Milestone:
    return model_create(instance=Milestone(project=project), data=data, actor=actor, subject=project)


def milestone_update(*, actor: Actor, milestone: Milestone, data: Mapping[str, Any]) -> bool:
    return model_update(instance=milestone, data=data, actor=actor, subject=milestone.project)


def progress_note_add(*, actor: Actor, project: Project, data: Mapping[str, Any]) -> ProgressNote:
    author = actor if getattr(actor, "is_authenticated", False) else None
    return model_create(instance=ProgressNote(project=project, author=author), data=data, actor=actor, subject=project)


def exchange_rate_add(*, actor: Actor, data: Mapping[str, Any]) -> ExchangeRate:
    return model_create(instance=ExchangeRate(), data=data, actor=actor)
