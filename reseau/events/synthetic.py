"""Invented events, for tests and benchmarks.

``generate_events(network=…, events=1000)`` adds 1000 event rows to a network: single events
of every kind over the last three years and the next one (held, cancelled, planned, confirmed,
a few with their date to be fixed), in the zone of the member hosting them; a few repeating
series (monthly focal-point meetings, fortnightly working groups…) with a date removed, a date
moved and a date cancelled each; a programme for the annual meetings; offers to host the
meetings still to be fixed; and registrations of the members' people (with their gender;
present or absent at the events held). Everything is made up.

The number of rows is exact: series and their moved or cancelled dates count in ``events``.
Slugs carry a running index (``<network>-ev-00042``), and calendar UIDs follow the slug; a new
batch continues the index and seeds its random generator with it, so reruns append other
events. The output depends only on ``seed``, that index, the network's members, people, plan
activities and projects, and today's date.

Rows are written with ``bulk_create``: a thousand events with their registrations take about
a second.
"""

from __future__ import annotations

import datetime
import random
import re
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from reseau.events.models import Event, HostingOffer, Registration, Session
from reseau.events.recurrence import rule_for, start_key
from reseau.plans.models import Activity
from reseau.projects.models import Project
from reseau.registry.models import Member, Network, Person, Theme
from reseau.registry.synthetic import ensure_themes

EK = Event.Kind
ES = Event.Status
EV = Event.Visibility

ZONES = {"KH": "Asia/Phnom_Penh", "LA": "Asia/Vientiane", "VN": "Asia/Ho_Chi_Minh"}
SECRETARIAT_ZONE = "Europe/Paris"

# Kind, weight, all day, English title, French title ({theme}/{theme_fr}, {member}/{member_fr}, {year}).
KINDS: list[tuple[str, int, bool, str, str]] = [
    (EK.WORKING_GROUP, 20, False, "Working group: {theme}", "Groupe de travail : {theme_fr}"),
    (EK.TRAINING, 18, False, "Workshop hosted by {member}: {theme}", "Atelier accueilli par {member_fr} : {theme_fr}"),
    (
        EK.WEBINAR,
        15,
        False,
        "Distance learning (tutoring): {theme}",
        "Formation à distance (tutorat) : {theme_fr}",
    ),
    (EK.PARTNER_EVENT, 14, False, "Partner forum on {theme}", "Forum de partenaires : {theme_fr}"),
    (EK.STUDY_TOUR, 8, True, "Study tour in {member}: {theme}", "Voyage d'étude à {member_fr} : {theme_fr}"),
    (EK.CONFERENCE, 8, True, "Thematic conference: {theme}", "Conférence thématique : {theme_fr}"),
    (
        EK.FOCAL_POINT_MEETING,
        8,
        False,
        "Meeting with the focal points ({theme})",
        "Réunion avec les points focaux ({theme_fr})",
    ),
    (
        EK.ANNUAL_MEETING,
        5,
        False,
        "Annual meeting {year}, hosted by {member}",
        "Réunion annuelle {year}, accueillie par {member_fr}",
    ),
    (EK.CONGRESS, 4, True, "General Assembly {year}", "Assemblée générale {year}"),
    (EK.MEETING, 6, False, "Meeting in {member}: {theme}", "Réunion à {member_fr} : {theme_fr}"),
]
ORGANISERS = [
    "Asian Development Bank (ADB)",
    "UCLG-ASPAC",
    "ASEAN",
    "UN-ESCAP",
    "Agence française de développement (AFD)",
    "Delegation of the European Union",
    "Agence universitaire de la Francophonie (AUF)",
]
VENUES = ["City hall", "Provincial hall", "Conference centre", "Hotel conference room", "Municipal library"]
SERIES: list[tuple[str, str, str, str]] = [
    (
        EK.FOCAL_POINT_MEETING,
        "FREQ=MONTHLY;BYDAY=1TH",
        "Monthly meeting with the focal points",
        "Réunion mensuelle avec les points focaux",
    ),
    (EK.WORKING_GROUP, "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", "Working group: {theme}", "Groupe de travail : {theme_fr}"),
    (EK.WEBINAR, "FREQ=MONTHLY;BYDAY=-1FR", "Webinar series: {theme}", "Cycle de webinaires : {theme_fr}"),
    (EK.TRAINING, "FREQ=MONTHLY;BYMONTHDAY=15;COUNT=18", "Training cycle: {theme}", "Cycle de formation : {theme_fr}"),
]
PROGRAMME: list[tuple[str, str, str, int]] = [
    (Session.Kind.OPENING, "Opening", "Ouverture", 30),
    (Session.Kind.SESSION, "Session 1: the network's work themes", "Session 1 : les thèmes de travail du réseau", 90),
    (Session.Kind.BREAK, "Break", "Pause", 15),
    (
        Session.Kind.ROUND_TABLE,
        "Session 2: round table of the members",
        "Session 2 : table ronde des membres",
        75,
    ),
    (Session.Kind.CLOSING, "Conclusions", "Conclusions", 30),
]
MINUTES = (
    "Invented minutes (synthetic data): the participants reviewed the action plan, agreed on the next steps and "
    "asked the regional office to share the documents on the AIMF platform."
)
MINUTES_FR = (
    "Compte rendu inventé (données synthétiques) : les participants ont passé en revue le plan d'action, se sont "
    "accordés sur les prochaines étapes et ont demandé au bureau régional de partager les documents sur la "
    "plateforme de l'AIMF."
)
DESCRIPTION = "Invented event (synthetic data), made up for tests and benchmarks."
DESCRIPTION_FR = "Événement inventé (données synthétiques) pour les tests et les mesures de performance."


def _next_index(prefix: str) -> int:
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+)$")
    highest = -1
    for slug in Event.objects.filter(slug__startswith=prefix).values_list("slug", flat=True):
        match = pattern.match(slug)
        if match:
            highest = max(highest, int(match.group(1)))
    return highest + 1


def _local(day: datetime.date, hour: int, minute: int, zone: str) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zoneinfo.ZoneInfo(zone)).astimezone(
        datetime.UTC
    )


Host = tuple[int, str, str, str, int | None]  # pk, English name, French name, country code, country pk


@dataclass
class _Network:
    """What the generator reads once about the network, and the running index of the slugs."""

    network: Network
    rng: random.Random
    now: datetime.datetime
    today: datetime.date
    prefix: str
    index: int
    theme_pool: list[tuple[int, str, str]]
    names: tuple[str, str]
    members: list[Host]
    people: dict[int, list[tuple[int, str]]]
    default_zone: str

    def slug(self) -> str:
        value = f"{self.prefix}{self.index:05d}"
        self.index += 1
        return value


def _read_network(network: Network, seed: int) -> _Network:
    prefix = f"{network.code}-ev-"
    start = _next_index(prefix)
    themes = ensure_themes()
    theme_pool: list[tuple[int, str, str]] = sorted(
        Theme.objects.filter(pk__in=[t.pk for t in themes.values()]).values_list("pk", "name_en", "name_fr")
    )
    names = Network.objects.filter(pk=network.pk).values_list("name_en", "name_fr").get()
    members: list[Host] = [
        (pk, name_en, name_fr, code or "", country_id)
        for pk, name_en, name_fr, code, country_id in Member.objects.filter(network=network)
        .order_by("pk")
        .values_list("pk", "name_en", "name_fr", "country__code", "country_id")
    ]
    people: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pk, member_id, gender in (
        Person.objects.filter(member__network=network).order_by("pk").values_list("pk", "member_id", "gender")
    ):
        people[member_id].append((pk, gender))
    return _Network(
        network=network,
        rng=random.Random(f"events:{seed}:{start}"),  # noqa: S311 — test data, not secrets
        now=timezone.now(),
        today=timezone.localdate(),
        prefix=prefix,
        index=start,
        theme_pool=theme_pool,
        names=names,
        members=members,
        people=people,
        default_zone=network.time_zone or "Asia/Phnom_Penh",
    )


def _status(rng: random.Random, *, to_be_fixed: bool, past: bool) -> str:
    if to_be_fixed:
        return ES.TO_BE_FIXED
    if past:
        return rng.choices([ES.HELD, ES.CANCELLED, ES.PLANNED], [88, 7, 5])[0]
    return rng.choices([ES.CONFIRMED, ES.PLANNED, ES.CANCELLED], [50, 45, 5])[0]


def _times(
    rng: random.Random, day: datetime.date, zone: str, *, all_day: bool
) -> tuple[datetime.datetime, datetime.datetime]:
    if all_day:
        return _local(day, 0, 0, zone), _local(day + datetime.timedelta(days=rng.randint(1, 3)), 0, 0, zone)
    starts_at = _local(day, rng.choice([8, 9, 10, 14, 15]), rng.choice([0, 30]), zone)
    return starts_at, starts_at + datetime.timedelta(minutes=rng.choice([60, 90, 120, 180, 240]))


def _zone(ctx: _Network, kind: str, host: Host | None) -> str:
    zone = ZONES.get(host[3], ctx.default_zone) if host else ctx.default_zone
    if kind == EK.WEBINAR and ctx.rng.random() < 0.3:
        return SECRETARIAT_ZONE
    return zone


def _place(ctx: _Network, kind: str, host: Host | None, event_slug: str, *, online: bool) -> dict[str, object]:
    """Where the event happens: online or at a venue of the host; who organises a partner's event."""
    return {
        "venue": "Online" if online else ctx.rng.choice(VENUES),
        "city": "" if online or not host else host[1],
        "country_id": None if online or not host else host[4],
        "online_url": f"https://meet.example.org/{event_slug}" if online else "",
        "organiser": ctx.rng.choice(ORGANISERS) if kind == EK.PARTNER_EVENT else "",
        "host_member_id": host[0] if host and not online else None,
    }


def _single_event(ctx: _Network, first_day: datetime.date) -> tuple[Event, list[int]]:
    """One invented event and the pks of its themes."""
    rng = ctx.rng
    kind = rng.choices([k for k, *_ in KINDS], [w for _, w, *_ in KINDS])[0]
    _, _, all_day, title_en, title_fr = next(k for k in KINDS if k[0] == kind)
    host = rng.choice(ctx.members) if ctx.members else None
    theme = rng.choice(ctx.theme_pool)
    day = first_day + datetime.timedelta(days=rng.randrange(4 * 365))
    zone = _zone(ctx, kind, host)
    to_be_fixed = day > ctx.today and rng.random() < 0.05
    starts_at, ends_at = _times(rng, day, zone, all_day=all_day)
    past = ends_at < ctx.now
    status = _status(rng, to_be_fixed=to_be_fixed, past=past)
    text = {
        "theme": theme[1],
        "theme_fr": theme[2],
        "member": host[1] if host else ctx.names[0],
        "member_fr": host[2] if host else ctx.names[1],
        "year": str(day.year),
    }
    # Webinars and most focal-point meetings are held online.
    online = kind == EK.WEBINAR or (kind == EK.FOCAL_POINT_MEETING and rng.random() < 0.7)
    event_slug = ctx.slug()
    visibility = rng.choices([EV.PUBLIC, EV.PARTNERS, EV.NETWORK], [40, 25, 35])[0]
    place = _place(ctx, kind, host, event_slug, online=online)
    event = Event(
        network=ctx.network,
        slug=event_slug,
        uid=f"{event_slug}@reseau",
        kind=kind,
        status=status,
        visibility=visibility,
        title_en=title_en.format(**text),
        title_fr=title_fr.format(**text),
        description_en=DESCRIPTION,
        description_fr=DESCRIPTION_FR,
        starts_at=None if to_be_fixed else starts_at,
        ends_at=None if to_be_fixed else ends_at,
        all_day=all_day and not to_be_fixed,
        time_zone=zone,
        date_note=str(day.year) if to_be_fixed else "",
        **place,
        capacity=rng.choice([None, None, None, 30, 50, 120]),
        registration_deadline=(starts_at - datetime.timedelta(days=7))
        if not past and not to_be_fixed and rng.random() < 0.5
        else None,
        minutes_en=MINUTES if status == ES.HELD and rng.random() < 0.4 else "",
        minutes_fr=MINUTES_FR if status == ES.HELD and rng.random() < 0.4 else "",
    )
    chosen = [theme[0]]
    if rng.random() < 0.3:
        other = rng.choice(ctx.theme_pool)[0]
        if other != theme[0]:
            chosen.append(other)
    return event, chosen


def _series(ctx: _Network, number: int) -> tuple[Event, int]:
    """A repeating series whose first date is the rule's first one from about two years ago
    (10:00 in the network's zone), and the pk of its theme."""
    kind, rule, title_en, title_fr = SERIES[number % len(SERIES)]
    theme = ctx.rng.choice(ctx.theme_pool)
    text = {"theme": theme[1], "theme_fr": theme[2]}
    wanted = datetime.datetime.combine(
        ctx.today - datetime.timedelta(days=ctx.rng.randint(500, 800)), datetime.time(10)
    )
    first = next(iter(rule_for(rule, wanted)))
    starts_at = first.replace(tzinfo=zoneinfo.ZoneInfo(ctx.default_zone)).astimezone(datetime.UTC)
    event_slug = ctx.slug()
    series = Event(
        network=ctx.network,
        slug=event_slug,
        uid=f"{event_slug}@reseau",
        kind=kind,
        status=ES.CONFIRMED,
        visibility=EV.NETWORK,
        title_en=title_en.format(**text),
        title_fr=title_fr.format(**text),
        description_en=DESCRIPTION,
        description_fr=DESCRIPTION_FR,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=1),
        time_zone=ctx.default_zone,
        venue="Online",
        online_url=f"https://meet.example.org/{event_slug}",
        recurrence_rule=rule,
    )
    return series, theme[0]


def _overrides(ctx: _Network, series_rows: list[Event]) -> list[Event]:
    """Each series loses one date, and has one moved by a day and one cancelled (rows of their own)."""
    overrides: list[Event] = []
    for series in series_rows:
        assert series.starts_at is not None
        assert series.ends_at is not None
        local_start = series.starts_at.astimezone(series.zone)
        dates = list(rule_for(series.recurrence_rule, local_start).xafter(local_start.replace(tzinfo=None), count=12))
        removed, moved, cancelled = ctx.rng.sample(dates[1:], 3)
        series.excluded_starts = [start_key(removed.replace(tzinfo=series.zone))]
        for original, status, shift in ((moved, ES.CONFIRMED, 1), (cancelled, ES.CANCELLED, 0)):
            original_start = original.replace(tzinfo=series.zone).astimezone(datetime.UTC)
            new_start = original_start + datetime.timedelta(days=shift)
            overrides.append(
                Event(
                    network=ctx.network,
                    series=series,
                    recurrence_id=original_start,
                    slug=ctx.slug(),
                    uid=series.uid,
                    kind=series.kind,
                    status=ES.HELD if status == ES.CONFIRMED and new_start < ctx.now else status,
                    visibility=series.visibility,
                    title_en=getattr(series, "title_en", series.title),
                    title_fr=getattr(series, "title_fr", series.title),
                    description_en=DESCRIPTION,
                    description_fr=DESCRIPTION_FR,
                    starts_at=new_start,
                    ends_at=series.end_from(new_start),
                    time_zone=series.time_zone,
                    venue=series.venue,
                    online_url=series.online_url,
                )
            )
    return overrides


def _link(ctx: _Network, themes: list[tuple[Event, list[int]]]) -> None:
    """Themes of every event and series; plan activities and projects of some single events."""
    through = Event.themes.through
    through.objects.bulk_create(
        through(event_id=event.pk, theme_id=theme_id) for event, chosen in themes for theme_id in chosen
    )
    singles = [event for event, _chosen in themes if not event.recurrence_rule]
    activity_ids = list(Activity.objects.filter(plan__network=ctx.network).order_by("pk").values_list("pk", flat=True))
    project_ids = list(Project.objects.filter(network=ctx.network).order_by("pk").values_list("pk", flat=True))
    if activity_ids:
        activity_through = Event.activities.through
        activity_through.objects.bulk_create(
            activity_through(event_id=event.pk, activity_id=ctx.rng.choice(activity_ids))
            for event in singles
            if ctx.rng.random() < 0.3
        )
    if project_ids:
        project_through = Event.projects.through
        project_through.objects.bulk_create(
            project_through(event_id=event.pk, project_id=ctx.rng.choice(project_ids))
            for event in singles
            if ctx.rng.random() < 0.2
        )


def _programmes(rows: list[Event]) -> None:
    """The programme of the annual meetings."""
    sessions: list[Session] = []
    for event in rows:
        if event.kind != EK.ANNUAL_MEETING or event.starts_at is None:
            continue
        moment = event.starts_at
        for position, (kind, title_en, title_fr, minutes) in enumerate(PROGRAMME, start=1):
            end = moment + datetime.timedelta(minutes=minutes)
            sessions.append(
                Session(
                    event=event,
                    kind=kind,
                    position=position,
                    starts_at=moment,
                    ends_at=end,
                    title_en=title_en,
                    title_fr=title_fr,
                )
            )
            moment = end
    Session.objects.bulk_create(sessions)


def _hosting_offers(ctx: _Network, rows: list[Event]) -> None:
    """Offers to host the meetings whose date is still to be fixed."""
    offers: list[HostingOffer] = []
    for event in rows:
        if event.status == ES.TO_BE_FIXED and event.kind in (EK.ANNUAL_MEETING, EK.CONFERENCE) and ctx.members:
            offers.extend(
                HostingOffer(event=event, member_id=member[0], message="Invented offer (synthetic data).")
                for member in ctx.rng.sample(ctx.members, min(len(ctx.members), ctx.rng.randint(1, 2)))
            )
    HostingOffer.objects.bulk_create(offers)


def _delegation(ctx: _Network, event: Event, member: Host) -> list[Registration]:
    held = event.status == ES.HELD
    staff = ctx.people[member[0]]
    return [
        Registration(
            event=event,
            person_id=person_id,
            member_id=member[0],
            role=Registration.Role.HEAD_OF_DELEGATION if position == 0 else Registration.Role.DELEGATE,
            gender=gender,
            attended=(ctx.rng.random() < 0.85) if held else None,
            registered_at=(event.starts_at - datetime.timedelta(days=ctx.rng.randint(1, 40)))
            if event.starts_at
            else ctx.now,
        )
        for position, (person_id, gender) in enumerate(ctx.rng.sample(staff, min(len(staff), ctx.rng.randint(1, 3))))
    ]


def _registrations(ctx: _Network, events: list[Event]) -> None:
    """A few members' delegations per event; who came, at the events held."""
    with_people = [m for m in ctx.members if ctx.people[m[0]]]
    registrations: list[Registration] = []
    for event in events:
        if event.status == ES.CANCELLED or not with_people:
            continue
        for member in ctx.rng.sample(with_people, min(len(with_people), ctx.rng.randint(1, 6))):
            registrations.extend(_delegation(ctx, event, member))
    Registration.objects.bulk_create(registrations, batch_size=2000)


@transaction.atomic
def generate_events(*, network: Network, events: int, seed: int = 0) -> int:
    """Add ``events`` invented event rows (single events, series and their moved dates) to
    ``network``, with programmes, hosting offers and registrations; returns how many events."""
    if events < 0:
        raise ValueError("events must not be negative.")
    if events == 0:
        return 0
    ctx = _read_network(network, seed)
    series_count = min(max(events // 250, 1), len(SERIES) * 3) if events >= 10 else 0
    singles = events - series_count * 3  # each series has a moved and a cancelled date
    first_day = ctx.today - datetime.timedelta(days=3 * 365)
    themes: list[tuple[Event, list[int]]] = []
    rows: list[Event] = []
    for _ in range(singles):
        event, chosen = _single_event(ctx, first_day)
        rows.append(event)
        themes.append((event, chosen))
    series_rows: list[Event] = []
    for number in range(series_count):
        series, theme_id = _series(ctx, number)
        series_rows.append(series)
        themes.append((series, [theme_id]))
    Event.objects.bulk_create(rows + series_rows)
    overrides = _overrides(ctx, series_rows)
    Event.objects.bulk_update(series_rows, ["excluded_starts"])
    Event.objects.bulk_create(overrides)
    _link(ctx, themes)
    _programmes(rows)
    _hosting_offers(ctx, rows)
    _registrations(ctx, [*rows, *series_rows])
    return len(rows) + len(series_rows) + len(overrides)
