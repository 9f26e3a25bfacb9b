"""The calendar pages and feeds ask a constant number of SQL queries: the same with 10 events as with
20,000 (rows made with bulk_create: single events over eight years, repeating series with moved dates,
themes). Both sizes hold a repeating series with dates in the window: when nothing matches, Django
skips the query of the series' moved dates, one query fewer, which is not growth with size."""

from __future__ import annotations

import datetime
import random
import zoneinfo

import pytest
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext

from reseau.events.models import Event, FeedToken
from reseau.registry.models import Theme
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

PAGE_QUERY_BUDGET = 15
BIG = 20_000
UTC = datetime.UTC
MAY = datetime.datetime(2031, 5, 1, tzinfo=UTC)


def _add_events(network, count: int, *, start: int, theme: Theme) -> None:
    """``count`` events around May 2031 (singles, series and their moved dates), all visibilities."""
    rng = random.Random(start)
    zones = ["Asia/Phnom_Penh", "Asia/Ho_Chi_Minh", "Asia/Vientiane", "Europe/Paris"]
    rows = []
    for n in range(start, start + count):
        starts_at = MAY + datetime.timedelta(days=rng.randint(-1500, 1500), hours=rng.randint(0, 23))
        repeating = n % 100 == 0
        if repeating:  # a series started before May 2031: it has dates in every window
            starts_at = MAY - datetime.timedelta(days=rng.randint(30, 1500), hours=rng.randint(0, 23))
        rows.append(
            Event(
                network=network,
                slug=f"bulk-{n}",
                uid=f"bulk-{n}@reseau",
                kind=rng.choice(Event.Kind.values),
                status=rng.choice(["planned", "confirmed", "held", "cancelled"]),
                visibility=rng.choice(Event.Visibility.values),
                title_en=f"Event {n}",
                title_fr=f"Événement {n}",
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(hours=rng.randint(1, 30)),
                time_zone=rng.choice(zones),
                recurrence_rule="FREQ=MONTHLY;BYDAY=1TH" if repeating else "",
            )
        )
    created = Event.objects.bulk_create(rows)
    series = [event for event in created if event.recurrence_rule]
    overrides = []
    for event in series:
        local = event.starts_at.astimezone(zoneinfo.ZoneInfo(event.time_zone))
        for month in range(1, 4):
            original = local.replace(day=1) + datetime.timedelta(days=32 * month)
            original = original.replace(day=1)
            while original.weekday() != 3:
                original += datetime.timedelta(days=1)
            original = original.replace(hour=local.hour, minute=local.minute)
            overrides.append(
                Event(
                    network=network,
                    slug=f"{event.slug}-moved-{month}",
                    uid=event.uid,
                    series=event,
                    recurrence_id=original.astimezone(UTC),
                    kind=event.kind,
                    status=event.status,
                    visibility=event.visibility,
                    title_en=event.title_en,
                    starts_at=original + datetime.timedelta(days=1),
                    ends_at=original + datetime.timedelta(days=1, hours=1),
                    time_zone=event.time_zone,
                )
            )
    Event.objects.bulk_create(overrides)
    Event.themes.through.objects.bulk_create(
        [Event.themes.through(event_id=event.pk, theme_id=theme.pk) for event in created[::3]]
    )


def _count(client, url: str) -> int:
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return len(queries.captured_queries)


def _urls(world) -> dict[str, str]:
    token = FeedToken.objects.get_or_create(user=world.users["secretariat"])[0].token
    return {
        "month": "/calendar/?month=2031-05",
        "month filtered": "/calendar/?month=2031-05&theme=urban-sanitation",
        "week": "/calendar/week/?week=2031-W20",
        "list": "/calendar/list/?from=2031-05-01",
        "network feed": f"/calendar/private/{token}/network/rvase.ics",
        "theme feed": f"/calendar/private/{token}/themes/urban-sanitation.ics",
        "member feed": f"/calendar/private/{token}/members/hue.ics",
        "my feed": f"/calendar/private/{token}/mine.ics",
        "public feed": "/calendar/feeds/network/rvase.ics",
    }


@pytest.mark.parametrize("role", ["anonymous", "partner", "focal_point", "coordinator", "secretariat"])
def test_calendar_pages_stay_within_budget(world, role, django_assert_max_num_queries):
    theme = Theme.objects.create(code="urban-sanitation", kind="work", name_en="Urban sanitation")
    _add_events(world.hue.network, 300, start=0, theme=theme)
    EventFactory(network=world.hue.network, starts_at=None, status="to_be_fixed", title_en="Annual meeting 2024")
    client = world.client_for(role)
    for url in ("/calendar/?month=2031-05", "/calendar/week/?week=2031-W20", "/calendar/list/?from=2031-05-01"):
        with django_assert_max_num_queries(PAGE_QUERY_BUDGET):
            assert client.get(url).status_code == 200


@pytest.mark.heavy
def test_the_same_number_of_queries_with_10_and_with_20000_events(world):
    theme = Theme.objects.create(code="urban-sanitation", kind="work", name_en="Urban sanitation")
    client = world.client_for("secretariat")
    urls = _urls(world)
    _add_events(world.hue.network, 10, start=0, theme=theme)
    small = {name: _count(client, url) for name, url in urls.items()}
    _add_events(world.hue.network, BIG, start=10, theme=theme)
    assert Event.objects.count() > BIG
    big = {name: _count(client, url) for name, url in urls.items()}
    assert big == small
    for name in ("month", "month filtered", "week", "list"):
        assert big[name] <= PAGE_QUERY_BUDGET, name
