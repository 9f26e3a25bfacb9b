"""Repeating events (RFC 5545 RRULE) expanded in the event's own wall-clock time.

A monthly meeting at 10:00 in Paris stays at 10:00 across daylight-saving
changes, so rules are expanded on naive local times and only then given their
zone, exactly as calendar programs do with DTSTART;TZID=….
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import icalendar
from dateutil import rrule
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from reseau.events.models import Event

# A calendar page never needs more; a runaway rule (FREQ=SECONDLY…) stops here.
MAX_OCCURRENCES_PER_WINDOW = 1000
ALLOWED_FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
# Saving a series walks its dates to find the last one; a longer rule is read as endless.
MAX_OCCURRENCES_TO_END = 10_000


# The parts of one RFC 5545 RRULE value (§3.3.10), each at most once.
RULE_PARTS = frozenset(
    {
        "FREQ",
        "UNTIL",
        "COUNT",
        "INTERVAL",
        "BYSECOND",
        "BYMINUTE",
        "BYHOUR",
        "BYDAY",
        "BYMONTHDAY",
        "BYYEARDAY",
        "BYWEEKNO",
        "BYMONTH",
        "BYSETPOS",
        "WKST",
    }
)
# What a part's value is written with: digits, signs, weekday letters, commas, and UNTIL's "T…Z".
_PART_VALUE = re.compile(r"[A-Z0-9+,-]+")


def rule_parts(text: str) -> dict[str, str]:
    """The parts of one RRULE value, upper-cased; ValueError unless it is exactly one value.

    A line break would end the feed's content line and let the rest (another DTSTART, another
    property) through, and dateutil reads several lines as several properties: refused here.
    """
    value = text.strip().upper().removeprefix("RRULE:")
    parts: dict[str, str] = {}
    for part in value.split(";"):
        name, equals, part_value = part.partition("=")
        if not equals or name not in RULE_PARTS or name in parts or not _PART_VALUE.fullmatch(part_value):
            raise ValueError("part")
        parts[name] = part_value
    if "COUNT" in parts and "UNTIL" in parts:
        raise ValueError("count and until")
    try:
        icalendar.vRecur.from_ical(value)
    except (TypeError, KeyError, IndexError) as error:  # icalendar's other errors on malformed values
        raise ValueError("recur") from error
    return parts


def rule_for(text: str, local_start: datetime.datetime) -> rrule.rrule:
    """Parse an RRULE value against a naive local start; ValueError when malformed."""
    parts = rule_parts(text)
    value = ";".join(f"{name}={part}" for name, part in parts.items())
    if parts.get("FREQ") not in ALLOWED_FREQUENCIES:
        raise ValueError("frequency")
    # dateutil accepts INTERVAL=0 and then repeats the first date for ever.
    if "INTERVAL" in parts and not (parts["INTERVAL"].isdigit() and int(parts["INTERVAL"]) >= 1):
        raise ValueError("interval")
    parsed = rrule.rrulestr(value, dtstart=local_start.replace(tzinfo=None), ignoretz=True)
    if not isinstance(parsed, rrule.rrule):
        raise ValueError("set")
    return parsed


_LINE_BREAK_OR_CONTROL = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")


def validate_rule_text(text: str) -> None:
    """The stored rule is one RRULE value (whatever the event's start): the field's validator,
    so that the admin, the forms and the services all refuse a rule that would break a feed."""
    if not text:
        return
    if _LINE_BREAK_OR_CONTROL.search(text):
        raise ValidationError(
            _("A repeat rule is a single line: remove its line breaks and other invisible characters."),
            code="invalid_rule",
        )
    try:
        rule_parts(text)
    except ValueError:
        raise ValidationError(
            _("“%(rule)s” is not a repeat rule this calendar understands. Example: FREQ=MONTHLY;BYDAY=1TH."),
            code="invalid_rule",
            params={"rule": text},
        ) from None


def is_one_rule_value(text: str) -> bool:
    """Whether :func:`validate_rule_text` accepts the text (the model then checks it against its start)."""
    try:
        validate_rule_text(text)
    except ValidationError:
        return False
    return True


def validate_rule(text: str, local_start: datetime.datetime) -> None:
    validate_rule_text(text)
    try:
        rule_for(text, local_start)
    except (ValueError, TypeError, KeyError):
        raise ValidationError(
            _("“%(rule)s” is not a repeat rule this calendar understands. Example: FREQ=MONTHLY;BYDAY=1TH."),
            code="invalid_rule",
            params={"rule": text},
        ) from None


def normalise_rule(text: str) -> str:
    value = text.strip()
    if value.upper().startswith("RRULE:"):
        value = value[len("RRULE:") :]
    return value.upper()


def start_key(moment: datetime.datetime) -> str:
    """How an occurrence's original start is stored in ``excluded_starts`` (UTC, ISO 8601)."""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Occurrence:
    """One appearance of an event in a calendar: a single event, or one date of a series."""

    event: Event
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None
    recurrence_id: datetime.datetime | None = None

    @property
    def local_start(self) -> datetime.datetime:
        return self.starts_at.astimezone(self.event.zone)

    @property
    def local_end(self) -> datetime.datetime | None:
        return self.ends_at.astimezone(self.event.zone) if self.ends_at else None

    @property
    def key(self) -> str:
        """Identifies the occurrence in URLs (its original start, UTC)."""
        return start_key(self.recurrence_id or self.starts_at)


def expand(
    series: Event,
    window_start: datetime.datetime,
    window_end: datetime.datetime,
    *,
    overridden: Iterable[datetime.datetime] = (),
) -> list[Occurrence]:
    """The occurrences of ``series`` that overlap [window_start, window_end).

    Removed dates and dates that have a moved occurrence of their own are left out.
    """
    if series.starts_at is None or not series.recurrence_rule:
        return []
    zone = series.zone
    local_start = series.starts_at.astimezone(zone)
    duration = series.duration or datetime.timedelta(0)
    try:
        rule = rule_for(series.recurrence_rule, local_start)
    except (ValueError, TypeError, KeyError):
        return [Occurrence(series, series.starts_at, series.ends_at)]
    skipped = set(series.excluded_starts or []) | {start_key(moment) for moment in overridden}
    lower = (window_start - duration).astimezone(zone).replace(tzinfo=None)
    upper = window_end.astimezone(zone).replace(tzinfo=None)
    found: list[Occurrence] = []
    for naive in rule.xafter(lower, inc=True):
        if naive >= upper or len(found) >= MAX_OCCURRENCES_PER_WINDOW:
            break
        starts_at = naive.replace(tzinfo=zone)
        ends_at = starts_at + duration if series.ends_at else None
        if start_key(starts_at) in skipped:
            continue
        if (ends_at or starts_at) < window_start and ends_at != starts_at:
            continue
        found.append(
            Occurrence(
                series,
                starts_at.astimezone(datetime.UTC),
                ends_at and ends_at.astimezone(datetime.UTC),
                recurrence_id=starts_at.astimezone(datetime.UTC),
            )
        )
    return found


def series_end(
    text: str, starts_at: datetime.datetime, ends_at: datetime.datetime | None, zone: datetime.tzinfo
) -> datetime.datetime | None:
    """When the last occurrence of a rule with COUNT or UNTIL ends (UTC); None for a rule without end."""
    parts = {part.split("=", 1)[0] for part in normalise_rule(text).split(";") if "=" in part}
    if not parts & {"COUNT", "UNTIL"}:
        return None
    local_start = starts_at.astimezone(zone)
    try:
        rule = rule_for(text, local_start)
    except (ValueError, TypeError, KeyError):
        return None
    last: datetime.datetime | None = None  # dateutil is untyped: its dates are naive datetimes
    for count, last in enumerate(rule, start=1):  # noqa: B007  (only the last one matters)
        if count > MAX_OCCURRENCES_TO_END:
            return None  # daily until the year 9999: as good as never ending
    if last is None:
        return starts_at
    duration = (ends_at - starts_at) if ends_at else datetime.timedelta(0)
    return (last.replace(tzinfo=zone) + duration).astimezone(datetime.UTC)


def is_occurrence(series: Event, moment: datetime.datetime) -> bool:
    """Whether ``moment`` is one of the series' original starts."""
    if series.starts_at is None or not series.recurrence_rule:
        return False
    local_start = series.starts_at.astimezone(series.zone)
    try:
        rule = rule_for(series.recurrence_rule, local_start)
    except (ValueError, TypeError, KeyError):
        return False
    naive = moment.astimezone(series.zone).replace(tzinfo=None)
    return naive in rule.between(naive - datetime.timedelta(seconds=1), naive + datetime.timedelta(seconds=1), inc=True)


# --- The "Repeats" chooser: the few rules people ask for, read from and written to RRULE ------

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # datetime.date.weekday() order
WEEKS_OF_MONTH = (1, 2, 3, 4, -1)  # first … fourth, last
_NTH_WEEKDAY = re.compile(r"([+-]?\d)(MO|TU|WE|TH|FR|SA|SU)")


class Repeat:
    """What the "Repeats" chooser offers; CUSTOM keeps a rule it cannot express."""

    NONE = ""
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY_WEEKDAY = "monthly_weekday"
    MONTHLY_DAY = "monthly_day"
    YEARLY = "yearly"
    CUSTOM = "custom"


@dataclass(frozen=True)
class RepeatChoice:
    """A rule as the chooser shows it: how often, on which weekday (0 = Monday), which week of
    the month (1 to 4, -1 for the last) and which day of the month; None where it does not apply."""

    repeat: str
    weekday: int | None = None
    week: int | None = None
    day: int | None = None


def repeat_of(text: str) -> RepeatChoice:
    """The chooser's reading of a stored rule; CUSTOM when the chooser cannot say it."""
    if not text.strip():
        return RepeatChoice(Repeat.NONE)
    parts = dict(part.split("=", 1) for part in normalise_rule(text).split(";") if "=" in part)
    frequency, interval = parts.pop("FREQ", ""), parts.pop("INTERVAL", "1")
    by_day, by_month_day = parts.pop("BYDAY", None), parts.pop("BYMONTHDAY", None)
    custom = RepeatChoice(Repeat.CUSTOM)
    parts.pop("WKST", None)
    if parts:  # COUNT, UNTIL, BYMONTH, BYSETPOS…
        return custom
    if frequency == "WEEKLY" and interval in ("1", "2") and by_month_day is None:
        if by_day is not None and by_day not in WEEKDAY_CODES:
            return custom
        weekday = WEEKDAY_CODES.index(by_day) if by_day else None
        return RepeatChoice(Repeat.WEEKLY if interval == "1" else Repeat.FORTNIGHTLY, weekday=weekday)
    if frequency == "MONTHLY" and interval == "1":
        if by_day is not None and by_month_day is None:
            found = _NTH_WEEKDAY.fullmatch(by_day)
            if found and int(found[1]) in WEEKS_OF_MONTH:
                return RepeatChoice(Repeat.MONTHLY_WEEKDAY, weekday=WEEKDAY_CODES.index(found[2]), week=int(found[1]))
            return custom
        if by_day is None and (by_month_day is None or (by_month_day.isdigit() and 1 <= int(by_month_day) <= 31)):
            return RepeatChoice(Repeat.MONTHLY_DAY, day=int(by_month_day) if by_month_day else None)
        return custom
    if frequency == "YEARLY" and interval == "1" and by_day is None and by_month_day is None:
        return RepeatChoice(Repeat.YEARLY)
    return custom


def rule_of(choice: RepeatChoice, start: datetime.date) -> str:
    """The RRULE the chooser stands for, its missing parts taken from the first date (CUSTOM: "")."""
    weekday = WEEKDAY_CODES[choice.weekday if choice.weekday is not None else start.weekday()]
    if choice.repeat == Repeat.WEEKLY:
        return f"FREQ=WEEKLY;BYDAY={weekday}"
    if choice.repeat == Repeat.FORTNIGHTLY:
        return f"FREQ=WEEKLY;INTERVAL=2;BYDAY={weekday}"
    if choice.repeat == Repeat.MONTHLY_WEEKDAY:
        return f"FREQ=MONTHLY;BYDAY={choice.week if choice.week is not None else week_of_month(start)}{weekday}"
    if choice.repeat == Repeat.MONTHLY_DAY:
        return f"FREQ=MONTHLY;BYMONTHDAY={choice.day if choice.day is not None else start.day}"
    if choice.repeat == Repeat.YEARLY:
        return "FREQ=YEARLY"
    return ""


def week_of_month(day: datetime.date) -> int:
    """1 for the first Thursday of the month… 4 for the fourth; -1 for a fifth (the last)."""
    week = (day.day - 1) // 7 + 1
    return week if week <= 4 else -1


def first_date_fits(choice: RepeatChoice, start: datetime.date) -> bool:
    """Whether the first date is one of the dates the chooser describes (calendars start there)."""
    weekly = (Repeat.WEEKLY, Repeat.FORTNIGHTLY, Repeat.MONTHLY_WEEKDAY)
    if choice.repeat in weekly and choice.weekday is not None and start.weekday() != choice.weekday:
        return False
    if choice.repeat == Repeat.MONTHLY_WEEKDAY and choice.week is not None:
        if choice.week == -1:
            return (start + datetime.timedelta(days=7)).month != start.month
        return (start.day - 1) // 7 + 1 == choice.week
    if choice.repeat == Repeat.MONTHLY_DAY and choice.day is not None:
        return start.day == choice.day
    return True
