"""Writes to the logframe; each leaves a history row."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from reseau.accounts.types import Actor
from reseau.core.services import model_create, model_update
from reseau.logframe.access import can_approve_values
from reseau.logframe.models import Indicator, IndicatorValue, Result
from reseau.registry.models import Network


def result_create(*, actor: Actor, network: Network, data: Mapping[str, Any]) -> Result:
    return model_create(instance=Result(network=network), data=data, actor=actor)


def indicator_create(*, actor: Actor, result: Result, data: Mapping[str, Any]) -> Indicator:
    return model_create(instance=Indicator(result=result), data=data, actor=actor, subject=result)


def indicator_update(*, actor: Actor, indicator: Indicator, data: Mapping[str, Any]) -> bool:
    return model_update(instance=indicator, data=data, actor=actor, subject=indicator.result)


def indicator_value_record(*, actor: Actor, indicator: Indicator, data: Mapping[str, Any]) -> IndicatorValue:
    """A new value always starts as a draft: only the secretariat's approval makes it count."""
    recorder = actor if actor is not None and actor.is_authenticated else None
    return model_create(
        instance=IndicatorValue(indicator=indicator, recorded_by=recorder, status=IndicatorValue.Status.DRAFT),
        data=data,
        actor=actor,
        subject=indicator.result,
    )


def indicator_value_approve(*, actor: Actor, value: IndicatorValue) -> bool:
    if actor is None or not can_approve_values(actor):
        raise ValidationError(_("Only the Permanent Secretariat approves indicator values."))
    if value.status == IndicatorValue.Status.APPROVED:
        return False
    return model_update(
        instance=value,
        data={"status": IndicatorValue.Status.APPROVED, "approved_by": actor, "approved_at": timezone.now()},
        actor=actor,
        subject=value.indicator.result,
    )
