"""Names for what is stored as a code: ``{{ event.at|zone_label:time_zone }}``, ``{{ step.by|who:step.by_label }}``."""

from __future__ import annotations

import datetime
import functools
import zoneinfo
from typing import Any

from django import template

from reseau.audit.models import actor_display
from reseau.core import zones

register = template.Library()


@register.filter
def zone_label(moment: datetime.datetime | datetime.date | None, zone: str | datetime.tzinfo | None) -> str:
    """ "Phnom Penh time (UTC+7)": the zone with its offset at ``moment``."""
    if not zone:
        return ""
    return zones.zone_label(zone, moment)


@register.filter
def who(actor: object | None, label: str = "") -> str:
    """The person who made a change by name; the platform's own changes as words, not codes."""
    return actor_display(actor or None, label or "")


@register.filter
def as_zone(zone: str | datetime.tzinfo | None) -> str:
    """ "Asia/Phnom_Penh" → "Phnom Penh time (UTC+7)", with today's offset."""
    if not zone:
        return ""
    return zones.zone_label(zone)


@functools.cache
def _zone_ids() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@register.filter
def history_value(value: Any, moment: datetime.datetime | None = None) -> Any:
    """A value in the history as people read it: a time zone id as its zone ("Paris time (UTC+1)")."""
    if isinstance(value, str) and "/" in value and value in _zone_ids():
        return zones.zone_label(value, moment)
    return value
