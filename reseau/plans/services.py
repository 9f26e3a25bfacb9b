"""Writes to plans; each leaves a history row."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from reseau.accounts.types import Actor
from reseau.core.services import model_create, model_update
from reseau.plans.models import Activity, ActivityProgress, Axis, Plan, ReportingPeriod
from reseau.registry.models import Network


def plan_create(*, actor: Actor, network: Network, data: Mapping[str, Any]) -> Plan:
    return model_create(instance=Plan(network=network), data=data, actor=actor)


def plan_update(*, actor: Actor, plan: Plan, data: Mapping[str, Any]) -> bool:
    return model_update(instance=plan, data=data, actor=actor)


def axis_create(*, actor: Actor, plan: Plan, data: Mapping[str, Any]) -> Axis:
    return model_create(instance=Axis(plan=plan), data=data, actor=actor, subject=plan)


def activity_create(*, actor: Actor, plan: Plan, data: Mapping[str, Any]) -> Activity:
    return model_create(instance=Activity(plan=plan), data=data, actor=actor, subject=plan)


def activity_update(*, actor: Actor, activity: Activity, data: Mapping[str, Any]) -> bool:
    return model_update(instance=activity, data=data, actor=actor, subject=activity.plan)


def period_create(*, actor: Actor, network: Network, data: Mapping[str, Any]) -> ReportingPeriod:
    return model_create(instance=ReportingPeriod(network=network), data=data, actor=actor)


@transaction.atomic
def progress_record(
    *, actor: Actor, activity: Activity, period: ReportingPeriod, data: Mapping[str, Any]
) -> ActivityProgress:
    """Create or update an activity's progress for a period (one row per activity and period).

    A status someone records is no longer an estimate, unless the data says it still is (an
    import of a file whose status cell keeps its "(estimated)" mark).
    """
    if "status" in data:
        data = {**data, "status_estimated": bool(data.get("status_estimated", False))}
    existing = ActivityProgress.objects.filter(activity=activity, period=period).first()
    if existing is None:
        return model_create(
            instance=ActivityProgress(activity=activity, period=period), data=data, actor=actor, subject=activity.plan
        )
    model_update(instance=existing, data=data, actor=actor, subject=activity.plan)
    return existing
