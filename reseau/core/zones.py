"""Time zones as people say them: "Phnom Penh time (UTC+7)", never "Asia/Phnom_Penh".

The offset is the one in force on the date concerned (Paris is UTC+1 in winter and
UTC+2 in summer); the place is the city the zone is named after, in the reader's
language for the zones the network uses.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The cities whose name a French reader writes differently, or that the network uses.
_PLACES = {
    "Asia/Phnom_Penh": gettext_lazy("Phnom Penh"),
    "Asia/Vientiane": gettext_lazy("Vientiane"),
    "Asia/Ho_Chi_Minh": gettext_lazy("Ho Chi Minh City"),
    "Asia/Saigon": gettext_lazy("Ho Chi Minh City"),
    "Asia/Bangkok": gettext_lazy("Bangkok"),
    "Europe/Paris": gettext_lazy("Paris"),
    "Europe/Brussels": gettext_lazy("Brussels"),
}
_UNIVERSAL = {"UTC", "Etc/UTC", "Etc/GMT", "GMT", "Z"}


def zone_place(zone: str | datetime.tzinfo) -> str:
    """ "Asia/Phnom_Penh" → "Phnom Penh"."""
    name = _zone_name(zone)
    if name in _PLACES:
        return str(_PLACES[name])
    return name.rsplit("/", 1)[-1].replace("_", " ")


def zone_offset(zone: str | datetime.tzinfo, at: datetime.datetime | datetime.date | None = None) -> str:
    """ "UTC+7", "UTC+5:30", "UTC-3", "UTC" — the offset in force at ``at`` (default: now)."""
    info = _zone_info(zone)
    moment = _moment(at, info)
    offset = moment.utcoffset() or datetime.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def zone_label(zone: str | datetime.tzinfo, at: datetime.datetime | datetime.date | None = None) -> str:
    """ "Phnom Penh time (UTC+7)", "Heure de Paris (UTC+1)"; the offset is the one at ``at``."""
    if _zone_name(zone) in _UNIVERSAL:
        return _("Universal time (UTC)")
    return _("%(place)s time (%(offset)s)") % {"place": zone_place(zone), "offset": zone_offset(zone, at)}


def _zone_name(zone: str | datetime.tzinfo) -> str:
    if isinstance(zone, str):
        return zone
    return getattr(zone, "key", None) or str(zone)


def _zone_info(zone: str | datetime.tzinfo) -> datetime.tzinfo:
    if not isinstance(zone, str):
        return zone
    try:
        return ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return datetime.UTC


def _moment(at: datetime.datetime | datetime.date | None, info: datetime.tzinfo) -> datetime.datetime:
    if at is None:
        return timezone.now().astimezone(info)
    if isinstance(at, datetime.datetime):
        if timezone.is_naive(at):
            return at.replace(tzinfo=info)
        return at.astimezone(info)
    # A date: its noon, away from the night a clock changes.
    return datetime.datetime.combine(at, datetime.time(12), tzinfo=info)
