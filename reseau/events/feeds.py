"""Calendar feeds (iCalendar, RFC 5545), written line by line so that 20,000 events stream in well under 2 s.

Each event is one VEVENT with its stable UID and its SEQUENCE, its times in the zone
of the place (DTSTART;TZID=Asia/Phnom_Penh:…) and one VTIMEZONE per zone used, built
once per process with the ``icalendar`` library. A repeating series carries its RRULE
and EXDATEs; a moved occurrence is a VEVENT of its own with the series' UID and a
RECURRENCE-ID. Events whose date is still to be fixed are left out.

Text values are escaped (backslash, semicolon, comma, newline) and every content line
is folded at 75 octets, never inside a UTF-8 character (Khmer, Lao and Vietnamese
titles) nor inside an escape.
"""

from __future__ import annotations

import datetime
import functools
import re
import zoneinfo
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import icalendar
from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation

from reseau.events.models import Event
from reseau.events.recurrence import rule_for, rule_parts

PRODID = "-//AIMF//Reseau//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"
# Rows read from the database at a time, and events written per chunk of the response.
CHUNK_SIZE = 2000
EVENTS_PER_WRITE = 250
# VTIMEZONE definitions cover the years events can fall in.
ZONE_FIRST_DATE = datetime.date(1970, 1, 1)
ZONE_LAST_DATE = datetime.date(2100, 1, 1)
# Calendar programs that honour it check subscribed feeds this often.
REFRESH_INTERVAL = "PT6H"
LINE_LIMIT = 75

STATUS: dict[str, str] = {
    Event.Status.TO_BE_FIXED: "TENTATIVE",
    Event.Status.PLANNED: "TENTATIVE",
    Event.Status.CONFIRMED: "CONFIRMED",
    Event.Status.HELD: "CONFIRMED",
    Event.Status.CANCELLED: "CANCELLED",
}

# RFC 5545 CONTROL characters (all but horizontal tab; line breaks are escaped as \n).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_SLUG_PLACEHOLDER = "reseau-slug-placeholder"


# --- Text -----------------------------------------------------------------------------------


def clean_text(value: str) -> str:
    """The text a TEXT value can carry: line breaks as \\n, no control characters."""
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped."""
    return clean_text(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> bytes:
    """One content line as UTF-8 with CRLF, folded at 75 octets (RFC 5545 §3.1).

    A fold never cuts a multi-byte character nor separates a backslash from the
    character it escapes (some calendar programs stumble on that).
    """
    data = line.encode()
    if len(data) <= LINE_LIMIT:
        return data + b"\r\n"
    parts = []
    start = 0
    limit = LINE_LIMIT  # continuation lines start with a space: 74 octets of content
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # inside a UTF-8 sequence: step back to its first byte
            cut -= 1
        backslashes = 0
        while cut - backslashes - 1 >= start and data[cut - backslashes - 1] == 0x5C:
            backslashes += 1
        if backslashes % 2:  # the last backslash escapes the character at the cut
            cut -= 1
        parts.append(data[start:cut])
        start = cut
        limit = LINE_LIMIT - 1
    parts.append(data[start:])
    return b"\r\n ".join(parts) + b"\r\n"


def unfold(text: str) -> list[str]:
    """Content lines of an iCalendar text (the inverse of :func:`fold`), for tests and tools."""
    return [line for line in re.sub(r"\r\n[ \t]", "", text).split("\r\n") if line]


def unescape_text(value: str) -> str:
    """The inverse of :func:`escape_text`."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


# --- Dates and zones ------------------------------------------------------------------------


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _local(moment: datetime.datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def _day(moment: datetime.date) -> str:
    return moment.strftime("%Y%m%d")


@functools.lru_cache(maxsize=256)
def _zone(name: str) -> zoneinfo.ZoneInfo | None:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


@functools.lru_cache(maxsize=64)
def vtimezone(name: str) -> bytes:
    """The VTIMEZONE of a zone, built once per process (its DST rules from 1970 to 2100)."""
    if _zone(name) is None:
        return b""
    component = icalendar.Timezone.from_tzid(name, first_date=ZONE_FIRST_DATE, last_date=ZONE_LAST_DATE)
    return bytes(component.to_ical())


def all_day_end(local_start: datetime.datetime, local_end: datetime.datetime | None) -> datetime.date:
    """The exclusive end date of an all-day event (its end is stored as midnight after its last day)."""
    if local_end is None or local_end <= local_start:
        return local_start.date() + datetime.timedelta(days=1)
    if local_end.time() == datetime.time(0, 0):
        return local_end.date()
    return local_end.date() + datetime.timedelta(days=1)


def rule_text(rule: str, zone: zoneinfo.ZoneInfo | None, local_start: datetime.datetime, *, all_day: bool) -> str:
    """The RRULE value; an UNTIL becomes what RFC 5545 asks beside DTSTART;TZID (UTC) or a DATE.

    The app reads UNTIL as a wall-clock time in the event's zone (recurrence.rule_for):
    the feed gives the same instant, so calendar programs stop on the same date.
    """
    try:
        parsed = rule_for(rule, local_start)
    except (ValueError, TypeError, KeyError):
        # Not one RRULE value the calendar reads (a rule stored before it was validated): the
        # event shows its first date only, as on the site, and no text of it reaches the feed.
        return ""
    parts = [f"{name}={value}" for name, value in rule_parts(rule).items()]
    if not any(part.startswith("UNTIL=") for part in parts):
        return ";".join(parts)
    until = getattr(parsed, "_until", None)
    kept = [part for part in parts if not part.startswith("UNTIL=")]
    if until is None:
        return ";".join(kept)
    if all_day:
        kept.append(f"UNTIL={_day(until)}")
    elif zone is None:
        kept.append(f"UNTIL={_local(until)}Z")
    else:
        kept.append(f"UNTIL={_utc(until.replace(tzinfo=zone))}")
    return ";".join(kept)


# --- Events ---------------------------------------------------------------------------------

# Translated columns (modeltranslation) and the other columns a VEVENT is written from. Feeds read
# plain rows (``values()``), not model instances: building 20,000 instances costs more than
# writing the whole feed.
TRANSLATED = ("title", "description")
COLUMNS = (
    "slug",
    "kind",
    "status",
    "starts_at",
    "ends_at",
    "all_day",
    "month_only",
    "schedule_to_be_confirmed",
    "time_zone",
    "venue",
    "city",
    "online_url",
    "recurrence_rule",
    "excluded_starts",
    "series_id",
    "recurrence_id",
    "uid",
    "sequence",
    "created_at",
    "updated_at",
)


def _languages() -> list[str]:
    return list(getattr(settings, "MODELTRANSLATION_LANGUAGES", ())) or [code for code, _name in settings.LANGUAGES]


def feed_columns() -> list[str]:
    translated = [f"{name}_{code}" for name in TRANSLATED for code in _languages()]
    countries = [f"country__name_{code}" for code in _languages()]
    return [*COLUMNS, *translated, *countries]


def _fallbacks(language: str) -> list[str]:
    """The languages a translated text is looked for in, as modeltranslation does."""
    configured: Any = getattr(settings, "MODELTRANSLATION_FALLBACK_LANGUAGES", {})
    extra: Any = configured.get(language, configured.get("default", ())) if isinstance(configured, dict) else configured
    ordered = [language, *list(extra), *_languages()]
    return [code for code in dict.fromkeys(ordered) if code in _languages()]


@dataclass
class FeedContext:
    """What every VEVENT of one feed shares: the language, the site's address, the type labels."""

    language: str
    base_url: str
    languages: list[str] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)
    url_template: str = ""

    def __post_init__(self) -> None:
        self.base_url = self.base_url.rstrip("/")
        self.languages = _fallbacks(self.language)
        with translation.override(self.language):
            self.kinds = {value: str(label) for value, label in Event.Kind.choices}
            self.url_template = self.base_url + reverse("events:event_detail", kwargs={"slug": _SLUG_PLACEHOLDER})

    def translated(self, row: Mapping[str, Any], name: str) -> str:
        """A translated column in the feed's language, with the site's fallbacks."""
        for code in self.languages:
            value = row.get(f"{name}_{code}")
            if value:
                return str(value)
        return ""

    def event_url(self, slug: str) -> str:
        return self.url_template.replace(_SLUG_PLACEHOLDER, slug)


def _when(
    name: str, moment: datetime.datetime, *, zone_name: str, zone: zoneinfo.ZoneInfo | None, all_day: bool
) -> str:
    if all_day:
        local = moment.astimezone(zone) if zone else moment
        return f"{name};VALUE=DATE:{_day(local)}"
    if zone is None:
        return f"{name}:{_utc(moment)}"
    return f"{name};TZID={zone_name}:{_local(moment.astimezone(zone))}"


def vevent(row: Mapping[str, Any], context: FeedContext) -> bytes:
    """One VEVENT from a row of :func:`feed_columns`, folded, ending with CRLF (``starts_at`` set)."""
    starts_at: datetime.datetime = row["starts_at"]
    ends_at: datetime.datetime | None = row["ends_at"]
    all_day: bool = row["all_day"]
    zone_name: str = row["time_zone"]
    zone = _zone(zone_name)
    local_start = starts_at.astimezone(zone) if zone else starts_at
    url = context.event_url(row["slug"])
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(row['uid'])}",
        f"SEQUENCE:{row['sequence']}",
        f"DTSTAMP:{_utc(row['updated_at'])}",
        f"LAST-MODIFIED:{_utc(row['updated_at'])}",
        f"CREATED:{_utc(row['created_at'])}",
    ]
    if all_day and row["month_only"]:
        # Known to the month only: an all-day event spanning the month, never its 1st alone.
        first = local_start.date().replace(day=1)
        following = (first + datetime.timedelta(days=32)).replace(day=1)
        lines.append(f"DTSTART;VALUE=DATE:{first:%Y%m%d}")
        lines.append(f"DTEND;VALUE=DATE:{following:%Y%m%d}")
    elif all_day:
        local_end = ends_at.astimezone(zone) if (zone and ends_at) else ends_at
        lines.append(f"DTSTART;VALUE=DATE:{_day(local_start)}")
        lines.append(f"DTEND;VALUE=DATE:{_day(all_day_end(local_start, local_end))}")
    else:
        lines.append(_when("DTSTART", starts_at, zone_name=zone_name, zone=zone, all_day=False))
        if ends_at is not None and ends_at > starts_at:
            lines.append(_when("DTEND", ends_at, zone_name=zone_name, zone=zone, all_day=False))
    if row["series_id"] is not None and row["recurrence_id"] is not None:
        lines.append(_when("RECURRENCE-ID", row["recurrence_id"], zone_name=zone_name, zone=zone, all_day=all_day))
    elif row["recurrence_rule"] and (
        recurrence := rule_text(row["recurrence_rule"], zone, local_start, all_day=all_day)
    ):
        lines.append(f"RRULE:{recurrence}")
        for key in sorted(row["excluded_starts"] or []):
            try:
                excluded = datetime.datetime.strptime(key, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.UTC)
            except (TypeError, ValueError):
                continue
            lines.append(_when("EXDATE", excluded, zone_name=zone_name, zone=zone, all_day=all_day))
    lines.append(f"SUMMARY:{escape_text(context.translated(row, 'title'))}")
    description = [context.translated(row, "description").strip(), row["online_url"], url]
    lines.append(f"DESCRIPTION:{escape_text(chr(10).join(part for part in description if part))}")
    place = [row["venue"], row["city"], context.translated(row, "country__name")]
    location = ", ".join(part for part in place if part) or row["online_url"]
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    lines.append(f"URL:{url}")
    # A day and time still to be confirmed is tentative, whatever the event's own status.
    status = STATUS.get(row["status"], "TENTATIVE")
    if row["schedule_to_be_confirmed"] and status == "CONFIRMED":
        status = "TENTATIVE"
    lines.append(f"STATUS:{status}")
    lines.append(f"CATEGORIES:{escape_text(context.kinds.get(row['kind'], row['kind']))}")
    lines.append("END:VEVENT")
    return b"".join(fold(line) for line in lines)


def calendar_header(name: str) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        f"PRODID:{PRODID}",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"NAME:{escape_text(name)}",
        f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH_INTERVAL}",
        f"X-PUBLISHED-TTL:{REFRESH_INTERVAL}",
    ]
    return b"".join(fold(line) for line in lines)


CALENDAR_FOOTER = b"END:VCALENDAR\r\n"


def feed_rows(events: QuerySet[Event], *, chunk_size: int = CHUNK_SIZE) -> Iterator[dict[str, Any]]:
    """The rows a feed reads, soonest first: dated events with their country's name, read in
    chunks from one cursor."""
    rows: QuerySet[Event, dict[str, Any]] = (
        events.filter(starts_at__isnull=False).order_by("starts_at", "pk").values(*feed_columns())
    )
    return rows.iterator(chunk_size=chunk_size)


def zones_used(events: QuerySet[Event]) -> list[str]:
    return sorted(set(events.filter(starts_at__isnull=False).order_by().values_list("time_zone", flat=True)))


def calendar_stream(
    events: QuerySet[Event], *, name: str, base_url: str, language: str, chunk_size: int = CHUNK_SIZE
) -> Iterator[bytes]:
    """The whole calendar, in pieces: header, one VTIMEZONE per zone used, the events, footer.

    Two queries whatever the number of events (the zones, then the events read in chunks
    from one cursor). Text comes from the translated columns directly: nothing depends
    on the language active while the response is being sent.
    """
    context = FeedContext(language=language, base_url=base_url)
    yield calendar_header(str(name))
    for zone_name in zones_used(events):
        yield vtimezone(zone_name)
    written: list[bytes] = []
    for row in feed_rows(events, chunk_size=chunk_size):
        written.append(vevent(row, context))
        if len(written) >= EVENTS_PER_WRITE:
            yield b"".join(written)
            written.clear()
    if written:
        yield b"".join(written)
    yield CALENDAR_FOOTER
