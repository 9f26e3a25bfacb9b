"""Writes to plans, the logframe and the decisions register; each leaves a history row."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reseau.core.services import model_create, model_update
from reseau.plans.models import (
    Activity,
    ActivityProgress,
    Axis,
    Decision,
    DecisionNote,
    Indicator,
    IndicatorValue,
    Plan,
    ReportingPeriod,
    Result,
)
from reseau.registry.models import Network


def plan_create(*, actor: Any, network: Network, data: Mapping[str, Any]) -> Plan:
    return model_create(instance=Plan(network=network), data=data, actor=actor)


def plan_update(*, actor: Any, plan: Plan, data: Mapping[str, Any]) -> bool:
    return model_update(instance=plan, data=data, actor=actor)


def axis_create(*, actor: Any, plan: Plan, data: Mapping[str, Any]) -> Axis:
    return model_create(instance=Axis(plan=plan), data=data, actor=actor, subject=plan)


def activity_create(*, actor: Any, plan: Plan, data: Mapping[str, Any]) -> Activity:
    return model_create(instance=Activity(plan=plan), data=data, actor=actor, subject=plan)


def activity_update(*, actor: Any, activity: Activity, data: Mapping[str, Any]) -> bool:
    return model_update(instance=activity, data=data, actor=actor, subject=activity.plan)


def period_create(*, actor: Any, network: Network, data: Mapping[str, Any]) -> ReportingPeriod:
    return model_create(instance=ReportingPeriod(network=network), data=data, actor=actor)


@transaction.atomic
def progress_record(
    *, actor: Any, activity: Activity, period: ReportingPeriod, data: Mapping[str, Any]
) -> ActivityProgress:
    """Create or update an activity's progress for a period (one row per activity and period)."""
    existing = ActivityProgress.objects.filter(activity=activity, period=period).first()
    if existing is None:
        return model_create(
            instance=ActivityProgress(activity=activity, period=period), data=data, actor=actor, subject=activity.plan
        )
    model_update(instance=existing, data=data, actor=actor, subject=activity.plan)
    return existing


def result_create(*, actor: Any, network: Network, data: Mapping[str, Any]) -> Result:
    return model_create(instance=Result(network=network), data=data, actor=actor)


def indicator_create(*, actor: Any, result: Result, data: Mapping[str, Any]) -> Indicator:
    return model_create(instance=Indicator(result=result), data=data, actor=actor, subject=result)


def indicator_update(*, actor: Any, indicator: Indicator, data: Mapping[str, Any]) -> bool:
    return model_update(instance=indicator, data=data, actor=actor, subject=indicator.result)


def indicator_value_record(*, actor: Any, indicator: Indicator, data: Mapping[str, Any]) -> IndicatorValue:
    """A new value always starts as a draft: only the secretariat's approval makes it count."""
    recorder = actor if getattr(actor, "is_authenticated", False) else None
    return model_create(
        instance=IndicatorValue(indicator=indicator, recorded_by=recorder, status=IndicatorValue.Status.DRAFT),
        data=data,
        actor=actor,
        subject=indicator.result,
    )


def indicator_value_approve(*, actor: Any, value: IndicatorValue) -> bool:
    if not (getattr(actor, "is_authenticated", False) and actor.is_secretariat):
        raise ValidationError(_("Only the Permanent Secretariat approves indicator values."))
    if value.status == IndicatorValue.Status.APPROVED:
        return False
    return model_update(
        instance=value,
        data={"status": IndicatorValue.Status.APPROVED, "approved_by": actor, "approved_at": timezone.now()},
        actor=actor,
        subject=value.indicator.result,
    )


def decision_create(*, actor: Any, network: Network, data: Mapping[str, Any]) -> Decision:
    return model_create(instance=Decision(network=network), data=data, actor=actor)


def decision_update(*, actor: Any, decision: Decision, data: Mapping[str, Any]) -> bool:
    return model_update(instance=decision, data=data, actor=actor)


def decision_note_add(*, actor: Any, decision: Decision, data: Mapping[str, Any]) -> DecisionNote:
    author = actor if getattr(actor, "is_authenticated", False) else None
    return model_create(
        instance=DecisionNote(decision=decision, author=author), data=data, actor=actor, subject=decision
    )
