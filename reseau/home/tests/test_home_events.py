"""The home page's "Upcoming events": the next events each person may see, in the event's own time,
each repeating event once at its next date, with a constant number of queries."""

from __future__ import annotations

import datetime
import re
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reseau.events.models import Event
from reseau.events.recurrence import start_key
from reseau.events.synthetic import generate_events
from reseau.home.selectors import upcoming_events
from tests.factories import EventFactory, NetworkFactory, PersonFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

PHNOM_PENH = zoneinfo.ZoneInfo("Asia/Phnom_Penh")
ROLES = ["anonymous", "partner", "focal_point", "coordinator", "secretariat"]


def _local(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    """``hour`` o'clock in Phnom Penh, ``days`` days from today there (as UTC)."""
    day = timezone.now().astimezone(PHNOM_PENH).date() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=PHNOM_PENH).astimezone(datetime.UTC)


def _block(response) -> str:
    page = response.content.decode()
    start = page.index('id="upcoming-events-title"')
    return page[start : page.index("</section>", start)]


def _titles(block: str) -> list[str]:
    return re.findall(r'<a href="/events/[^"]+/">([^<]+)</a>', block)


@pytest.fixture
def calendar(world):
    network = world.hue.network
    now = timezone.now()
    events = {
        "ongoing": EventFactory(
            network=network,
            title_en="Working group under way",
            visibility="network",
            starts_at=now - datetime.timedelta(hours=1),
            ends_at=now + datetime.timedelta(hours=2),
        ),
        "public": EventFactory(
            network=network,
            slug="public-forum",
            title_en="Public forum on sanitation",
            visibility="public",
            starts_at=_local(3, 9),
            ends_at=_local(3, 12),
        ),
        "partners": EventFactory(
            network=network, title_en="Partners briefing", visibility="partners", starts_at=_local(4, 14)
        ),
        "network": EventFactory(
            network=network, title_en="Network workshop", visibility="network", starts_at=_local(5, 9)
        ),
        "cancelled": EventFactory(
            network=network, title_en="Cancelled visit", visibility="public", status="cancelled", starts_at=_local(1, 9)
        ),
        "past": EventFactory(
            network=network,
            title_en="Last month's meeting",
            visibility="public",
            status="held",
            starts_at=_local(-30, 9),
        ),
    }
    # A weekly focal-point meeting: its next date (in 6 days) is removed, so the one after shows.
    first = _local(-64, 10)
    series = EventFactory(
        network=network,
        slug="weekly-focal-points",
        kind="focal_point_meeting",
        title_en="Weekly focal-point meeting",
        visibility="network",
        starts_at=first,
        ends_at=first + datetime.timedelta(hours=1),
        recurrence_rule="FREQ=WEEKLY",
        excluded_starts=[start_key(_local(6, 10))],
    )
    events["series"] = series
    # Another network's own meeting: only the secretariat sees it.
    maghreb = NetworkFactory(code="maghreb", acronym="", name_en="Maghreb network", time_zone="Africa/Tunis")
    EventFactory(network=maghreb, title_en="Maghreb steering committee", visibility="network", starts_at=_local(2, 9))
    # Huế's delegation to the public forum: two people; one from Vientiane.
    for member in (world.hue, world.hue, world.vientiane):
        RegistrationFactory(event=events["public"], person=PersonFactory(member=member, gender="woman"))
    return events


def test_each_role_sees_the_next_events_it_may_see(world, calendar):
    expected = {
        "anonymous": ["Public forum on sanitation"],
        "partner": ["Public forum on sanitation", "Partners briefing"],
        "focal_point": [
            "Working group under way",
            "Public forum on sanitation",
            "Partners briefing",
            "Network workshop",
            "Weekly focal-point meeting",
        ],
        "secretariat": [
            "Working group under way",
            "Maghreb steering committee",
            "Public forum on sanitation",
            "Partners briefing",
            "Network workshop",
        ],
    }
    expected["coordinator"] = expected["focal_point"]
    for role in ROLES:
        response = world.client_for(role).get("/")
        assert response.status_code == 200, role
        block = _block(response)
        assert _titles(block) == expected[role], role
        assert "Cancelled visit" not in block
        assert "Last month" not in block
        assert 'href="/calendar/"' in block
        assert 'href="/events/"' in block


def test_times_are_the_event_s_own_with_its_zone_and_link_to_its_page(world, calendar):
    block = _block(world.client_for("anonymous").get("/"))
    assert 'href="/events/public-forum/"' in block
    day = calendar["public"].local_start.date()
    assert f"{day.day} " in block
    assert "9:00–12:00 ICT" in block


def test_a_repeating_event_shows_once_at_its_next_date(world, calendar):
    block = _block(world.client_for("coordinator").get("/"))
    assert _titles(block).count("Weekly focal-point meeting") == 1
    next_date = _local(13, 10).astimezone(PHNOM_PENH)
    assert f"{next_date.day} " in block.split("Weekly focal-point meeting")[1]
    assert "10:00–11:00 ICT" in block
    assert "Repeats" in block
    assert 'href="/events/weekly-focal-points/"' in block


def test_a_moved_date_shows_instead_of_the_series_next_date(world, calendar):
    series = calendar["series"]
    original = _local(13, 10)
    EventFactory(
        network=series.network,
        slug="weekly-focal-points-moved",
        series=series,
        recurrence_id=original,
        uid=series.uid,
        title_en="Weekly focal-point meeting",
        visibility="network",
        starts_at=_local(2, 15),
        ends_at=_local(2, 16),
    )
    items = upcoming_events(world.users["coordinator"])
    moved = [item for item in items if item.event.series_id == series.pk or item.event.pk == series.pk]
    assert len(moved) == 1
    assert moved[0].starts_at == _local(2, 15)
    assert moved[0].url == "/events/weekly-focal-points/"


def test_a_focal_point_sees_how_many_of_its_delegation_registered(world, calendar):
    block = _block(world.client_for("focal_point").get("/"))
    forum = block.split("Public forum on sanitation")[1].split("</li>")[0]
    assert "Your delegation: 2 registered" in forum
    assert "Your delegation" not in _block(world.client_for("coordinator").get("/"))


def test_dates_to_be_fixed_come_last_and_say_what_is_known(world):
    network = world.hue.network
    EventFactory(
        network=network,
        title_en="Annual meeting 2027",
        status="to_be_fixed",
        starts_at=None,
        ends_at=None,
        date_note="2027",
        visibility="public",
    )
    EventFactory(network=network, title_en="Study tour", visibility="public", starts_at=_local(40, 9))
    block = _block(world.client_for("anonymous").get("/"))
    assert _titles(block) == ["Study tour", "Annual meeting 2027"]
    assert "Date to be fixed · 2027" in block


def test_nothing_coming(world):
    block = _block(world.client_for("focal_point").get("/"))
    assert "No upcoming event." in block


def test_at_most_five_events(world):
    network = world.hue.network
    for day in range(1, 9):
        EventFactory(network=network, title_en=f"Meeting on day {day}", visibility="public", starts_at=_local(day, 9))
    assert _titles(_block(world.client_for("partner").get("/"))) == [f"Meeting on day {day}" for day in range(1, 6)]


def _home_queries(world) -> dict[str, int]:
    counts = {}
    for role in ROLES:
        client = world.client_for(role)
        client.get("/")  # warm the session and caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        counts[role] = len(queries)
    return counts


def test_the_home_page_runs_as_many_queries_with_many_events(world, calendar, django_assert_num_queries):
    with django_assert_num_queries(3):
        upcoming_events(world.users["focal_point"])
    small = _home_queries(world)
    for member in (world.hue, world.vientiane):
        for _ in range(4):
            PersonFactory(member=member, gender="man")
    generate_events(network=world.hue.network, events=600, seed=2)
    assert Event.objects.exclude(recurrence_rule="").count() >= 3
    large = _home_queries(world)
    assert large == small
    with django_assert_num_queries(3):
        items = upcoming_events(world.users["secretariat"])
    assert len(items) == 5
