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


@transaction.atomic
def generate_events(*, network: Network, events: int, seed: int = 0) -> int:
    """Add ``events`` invented event rows (single events, series and their moved dates) to
    ``network``, with programmes, hosting offers and registrations; returns how many events."""
    if events < 0:
        raise ValueError("events must not be negative.")
    if events == 0:
        return 0
    now = timezone.now()
    today = timezone.localdate()
    prefix = f"{network.code}-ev-"
    start = _next_index(prefix)
    rng = random.Random(f"events:{seed}:{start}")  # noqa: S311 — test data, not secrets
    themes = ensure_themes()
    theme_pool: list[tuple[int, str, str]] = sorted(
        Theme.objects.filter(pk__in=[t.pk for t in themes.values()]).values_list("pk", "name_en", "name_fr")
    )
    network_en, network_fr = Network.objects.filter(pk=network.pk).values_list("name_en", "name_fr").get()
    # (pk, English name, French name, country code, country pk)
    members: list[tuple[int, str, str, str, int | None]] = [
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
    with_people = [m for m in members if people[m[0]]]
    activity_ids = list(Activity.objects.filter(plan__network=network).order_by("pk").values_list("pk", flat=True))
    project_ids = list(Project.objects.filter(network=network).order_by("pk").values_list("pk", flat=True))
    default_zone = network.time_zone or "Asia/Phnom_Penh"

    series_count = min(max(events // 250, 1), len(SERIES) * 3) if events >= 10 else 0
    singles = events - series_count * 3  # each series has a moved and a cancelled date
    index = start

    def slug() -> str:
        nonlocal index
        value = f"{prefix}{index:05d}"
        index += 1
        return value

    rows: list[Event] = []
    row_themes: list[list[int]] = []
    kinds = [k for k, *_ in KINDS]
    weights = [w for _, w, *_ in KINDS]
    first_day = today - datetime.timedelta(days=3 * 365)
    span = 4 * 365
    for _ in range(singles):
        kind = rng.choices(kinds, weights)[0]
        _, _, all_day, title_en, title_fr = next(k for k in KINDS if k[0] == kind)
        host = rng.choice(members) if members else None
        theme = rng.choice(theme_pool)
        day = first_day + datetime.timedelta(days=rng.randrange(span))
        zone = ZONES.get(host[3], default_zone) if host else default_zone
        if kind == EK.WEBINAR and rng.random() < 0.3:
            zone = SECRETARIAT_ZONE
        to_be_fixed = day > today and rng.random() < 0.05
        if all_day:
            starts_at = _local(day, 0, 0, zone)
            ends_at = _local(day + datetime.timedelta(days=rng.randint(1, 3)), 0, 0, zone)
        else:
            starts_at = _local(day, rng.choice([8, 9, 10, 14, 15]), rng.choice([0, 30]), zone)
            ends_at = starts_at + datetime.timedelta(minutes=rng.choice([60, 90, 120, 180, 240]))
        past = ends_at < now
        if to_be_fixed:
            status = ES.TO_BE_FIXED
        elif past:
            status = rng.choices([ES.HELD, ES.CANCELLED, ES.PLANNED], [88, 7, 5])[0]
        else:
            status = rng.choices([ES.CONFIRMED, ES.PLANNED, ES.CANCELLED], [50, 45, 5])[0]
        text = {
            "theme": theme[1],
            "theme_fr": theme[2],
            "member": host[1] if host else network_en,
            "member_fr": host[2] if host else network_fr,
            "year": str(day.year),
        }
        online = kind == EK.WEBINAR or (kind == EK.FOCAL_POINT_MEETING and rng.random() < 0.7)
        event_slug = slug()
        rows.append(
            Event(
                network=network,
                slug=event_slug,
                uid=f"{event_slug}@reseau",
                kind=kind,
                status=status,
                visibility=rng.choices([EV.PUBLIC, EV.PARTNERS, EV.NETWORK], [40, 25, 35])[0],
                title_en=title_en.format(**text),
                title_fr=title_fr.format(**text),
                description_en=DESCRIPTION,
                description_fr=DESCRIPTION_FR,
                starts_at=None if to_be_fixed else starts_at,
                ends_at=None if to_be_fixed else ends_at,
                all_day=all_day and not to_be_fixed,
                time_zone=zone,
                date_note=str(day.year) if to_be_fixed else "",
                venue="Online" if online else rng.choice(VENUES),
                city="" if online or not host else host[1],
                country_id=None if online or not host else host[4],
                online_url=f"https://meet.example.org/{event_slug}" if online else "",
                organiser=rng.choice(ORGANISERS) if kind == EK.PARTNER_EVENT else "",
                host_member_id=host[0] if host and not online else None,
                capacity=rng.choice([None, None, None, 30, 50, 120]),
                registration_deadline=(starts_at - datetime.timedelta(days=7))
                if not past and not to_be_fixed and rng.random() < 0.5
                else None,
                minutes_en=MINUTES if status == ES.HELD and rng.random() < 0.4 else "",
                minutes_fr=MINUTES_FR if status == ES.HELD and rng.random() < 0.4 else "",
            )
        )
        chosen = [theme[0]]
        if rng.random() < 0.3:
            other = rng.choice(theme_pool)[0]
            if other != theme[0]:
                chosen.append(other)
        row_themes.append(chosen)

    # Repeating series: the first date about two years ago, in the network's zone.
    series_rows: list[Event] = []
    series_themes: list[int] = []
    for number in range(series_count):
        kind, rule, title_en, title_fr = SERIES[number % len(SERIES)]
        theme = rng.choice(theme_pool)
        text = {"theme": theme[1], "theme_fr": theme[2]}
        series_themes.append(theme[0])
        # The first date is the rule's first one from about two years ago (10:00 in the network's zone).
        wanted = datetime.datetime.combine(today - datetime.timedelta(days=rng.randint(500, 800)), datetime.time(10))
        first = next(iter(rule_for(rule, wanted)))
        starts_at = first.replace(tzinfo=zoneinfo.ZoneInfo(default_zone)).astimezone(datetime.UTC)
        event_slug = slug()
        series_rows.append(
            Event(
                network=network,
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
                time_zone=default_zone,
                venue="Online",
                online_url=f"https://meet.example.org/{event_slug}",
                recurrence_rule=rule,
            )
        )
    Event.objects.bulk_create(rows + series_rows)

    # Each series loses one date, and has one moved by a day and one cancelled (rows of their own).
    overrides: list[Event] = []
    for series in series_rows:
        assert series.starts_at is not None
        assert series.ends_at is not None
        local_start = series.starts_at.astimezone(series.zone)
        dates = list(rule_for(series.recurrence_rule, local_start).xafter(local_start.replace(tzinfo=None), count=12))
        removed, moved, cancelled = rng.sample(dates[1:], 3)
        series.excluded_starts = [start_key(removed.replace(tzinfo=series.zone))]
        for original, status, shift in ((moved, ES.CONFIRMED, 1), (cancelled, ES.CANCELLED, 0)):
            original_start = original.replace(tzinfo=series.zone).astimezone(datetime.UTC)
            new_start = original_start + datetime.timedelta(days=shift)
            override_slug = slug()
            overrides.append(
                Event(
                    network=network,
                    series=series,
                    recurrence_id=original_start,
                    slug=override_slug,
                    uid=series.uid,
                    kind=series.kind,
                    status=ES.HELD if status == ES.CONFIRMED and new_start < now else status,
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
    Event.objects.bulk_update(series_rows, ["excluded_starts"])
    Event.objects.bulk_create(overrides)

    # Themes, plan activities and projects.
    through = Event.themes.through
    links = [
        through(event_id=event.pk, theme_id=theme_id)
        for event, chosen in zip(rows, row_themes, strict=True)
        for theme_id in chosen
    ]
    links += [
        through(event_id=series.pk, theme_id=theme_id)
        for series, theme_id in zip(series_rows, series_themes, strict=True)
    ]
    through.objects.bulk_create(links)
    if activity_ids:
        activity_through = Event.activities.through
        activity_through.objects.bulk_create(
            activity_through(event_id=event.pk, activity_id=rng.choice(activity_ids))
            for event in rows
            if rng.random() < 0.3
        )
    if project_ids:
        project_through = Event.projects.through
        project_through.objects.bulk_create(
            project_through(event_id=event.pk, project_id=rng.choice(project_ids))
            for event in rows
            if rng.random() < 0.2
        )

    # The programme of the annual meetings.
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

    # Offers to host the meetings whose date is still to be fixed.
    offers: list[HostingOffer] = []
    for event in rows:
        if event.status == ES.TO_BE_FIXED and event.kind in (EK.ANNUAL_MEETING, EK.CONFERENCE) and members:
            for member in rng.sample(members, min(len(members), rng.randint(1, 2))):
                offers.append(
                    HostingOffer(
                        event=event,
                        member_id=member[0],
                        message="Invented offer (synthetic data).",
                    )
                )
    HostingOffer.objects.bulk_create(offers)

    # Registrations: a few members' delegations per event; who came, at the events held.
    registrations: list[Registration] = []
    for event in [*rows, *series_rows]:
        if event.status == ES.CANCELLED or not with_people:
            continue
        held = event.status == ES.HELD
        delegations = rng.sample(with_people, min(len(with_people), rng.randint(1, 6)))
        for member in delegations:
            staff = people[member[0]]
            for position, (person_id, gender) in enumerate(rng.sample(staff, min(len(staff), rng.randint(1, 3)))):
                registrations.append(
                    Registration(
                        event=event,
                        person_id=person_id,
                        member_id=member[0],
                        role=Registration.Role.HEAD_OF_DELEGATION if position == 0 else Registration.Role.DELEGATE,
                        gender=gender,
                        attended=(rng.random() < 0.85) if held else None,
                        registered_at=(event.starts_at - datetime.timedelta(days=rng.randint(1, 40)))
                        if event.starts_at
                        else now,
                    )
                )
    Registration.objects.bulk_create(registrations, batch_size=2000)
    return len(rows) + len(series_rows) + len(overrides)
