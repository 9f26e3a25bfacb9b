"""What the calendar shows in a window: single events, repeating series, moved dates, per reader."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from reseau.events import services
from reseau.events.access import events_visible_to
from reseau.events.selectors import calendar as calendar_selectors
from reseau.events.selectors.calendar import occurrences_between, undated_events
from reseau.registry.models import Theme
from tests.factories import EventFactory, NetworkFactory, PersonFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
PHNOM_PENH = zoneinfo.ZoneInfo("Asia/Phnom_Penh")
NEXT_YEAR = str(timezone.localdate().year + 1)  # an undated event of a year gone by is not listed
MAY = (datetime.datetime(2031, 5, 1, tzinfo=UTC), datetime.datetime(2031, 6, 1, tzinfo=UTC))


def _titles(user, start=MAY[0], end=MAY[1], **filters) -> list[str]:
    return [o.event.title for o in occurrences_between(user, start, end, **filters)]


def test_single_events_overlapping_the_window(world):
    network = world.hue.network
    day = datetime.timedelta(days=1)
    EventFactory(network=network, title_en="Inside", starts_at=datetime.datetime(2031, 5, 18, 1, tzinfo=UTC))
    EventFactory(
        network=network,
        title_en="Running into May",
        starts_at=datetime.datetime(2031, 4, 29, tzinfo=UTC),
        ends_at=datetime.datetime(2031, 5, 2, tzinfo=UTC),
    )
    EventFactory(
        network=network,
        title_en="Over before May",
        starts_at=datetime.datetime(2031, 4, 20, tzinfo=UTC),
        ends_at=datetime.datetime(2031, 4, 21, tzinfo=UTC),
    )
    EventFactory(network=network, title_en="June", starts_at=MAY[1], ends_at=MAY[1] + day)
    EventFactory(network=network, title_en="No end", starts_at=datetime.datetime(2031, 5, 3, tzinfo=UTC), ends_at=None)
    EventFactory(network=network, title_en="To be fixed", starts_at=None, status="to_be_fixed")
    assert _titles(world.users["coordinator"]) == ["Running into May", "No end", "Inside"]


def test_series_are_expanded_and_a_moved_date_appears_once_at_its_new_time(world):
    series = EventFactory(
        network=world.hue.network,
        title_en="Focal-point meeting",
        starts_at=datetime.datetime(2031, 1, 2, 10, tzinfo=PHNOM_PENH),
        ends_at=datetime.datetime(2031, 1, 2, 11, tzinfo=PHNOM_PENH),
        recurrence_rule="FREQ=MONTHLY;BYDAY=1TH",
    )
    actor = world.users["coordinator"]
    services.occurrence_move(
        actor=actor,
        series=series,
        original_start=datetime.datetime(2031, 2, 6, 10, tzinfo=PHNOM_PENH),
        starts_at=datetime.datetime(2031, 2, 7, 14, tzinfo=PHNOM_PENH),
        ends_at=datetime.datetime(2031, 2, 7, 15, tzinfo=PHNOM_PENH),
    )
    services.occurrence_remove(
        actor=actor, series=series, original_start=datetime.datetime(2031, 3, 6, 10, tzinfo=PHNOM_PENH)
    )
    found = occurrences_between(
        actor, datetime.datetime(2031, 1, 1, tzinfo=UTC), datetime.datetime(2031, 5, 1, tzinfo=UTC)
    )
    assert [o.local_start.strftime("%Y-%m-%d %H:%M") for o in found] == [
        "2031-01-02 10:00",
        "2031-02-07 14:00",
        "2031-04-03 10:00",
    ]
    assert found[1].event.series_id == series.pk
    assert found[1].recurrence_id == datetime.datetime(2031, 2, 6, 3, tzinfo=UTC)
    assert {o.event.uid for o in found} == {series.uid}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", ["Public"]),
        ("partner", ["Public", "Partners"]),
        ("focal_point", ["Public", "Partners", "Network"]),
        ("coordinator", ["Public", "Partners", "Network"]),
        ("secretariat", ["Public", "Partners", "Network", "Other network"]),
    ],
)
def test_each_reader_sees_what_access_allows(world, role, expected):
    network = world.hue.network
    for hour, (title, visibility) in enumerate(
        [("Public", "public"), ("Partners", "partners"), ("Network", "network")]
    ):
        EventFactory(
            network=network,
            title_en=title,
            visibility=visibility,
            starts_at=datetime.datetime(2031, 5, 18, hour, tzinfo=UTC),
        )
    other = NetworkFactory(code="maghreb", acronym="Maghreb")
    EventFactory(network=other, title_en="Other network", starts_at=datetime.datetime(2031, 5, 18, 5, tzinfo=UTC))
    user = world.users[role] or AnonymousUser()
    assert _titles(user) == expected


def test_filters(world):
    network = world.hue.network
    theme = Theme.objects.create(code="urban-sanitation", kind="work", name_en="Urban sanitation")
    sanitation = EventFactory(network=network, title_en="Sanitation", kind="training", host_member=world.hue)
    sanitation.themes.add(theme)
    EventFactory(network=network, title_en="Hosted in Vientiane", kind="training", host_member=world.vientiane)
    EventFactory(network=network, title_en="Webinar", kind="webinar")
    user = world.users["coordinator"]
    assert _titles(user, theme="urban-sanitation") == ["Sanitation"]
    assert _titles(user, theme=theme) == ["Sanitation"]
    assert _titles(user, member="vientiane") == ["Hosted in Vientiane"]
    assert _titles(user, member=world.hue) == ["Sanitation"]
    assert _titles(user, kind="webinar") == ["Webinar"]
    assert _titles(user, kind="training", member="hue") == ["Sanitation"]
    assert _titles(user, theme="nowhere") == []


def test_a_moved_date_follows_its_series_theme(world):
    theme = Theme.objects.create(code="urban-sanitation", kind="work", name_en="Urban sanitation")
    series = EventFactory(
        network=world.hue.network,
        starts_at=datetime.datetime(2031, 1, 2, 10, tzinfo=PHNOM_PENH),
        ends_at=datetime.datetime(2031, 1, 2, 11, tzinfo=PHNOM_PENH),
        recurrence_rule="FREQ=MONTHLY;BYDAY=1TH",
    )
    series.themes.add(theme)
    moved = services.occurrence_move(
        actor=world.users["coordinator"],
        series=series,
        original_start=datetime.datetime(2031, 5, 1, 10, tzinfo=PHNOM_PENH),
        starts_at=datetime.datetime(2031, 5, 2, 10, tzinfo=PHNOM_PENH),
        ends_at=datetime.datetime(2031, 5, 2, 11, tzinfo=PHNOM_PENH),
    )
    found = occurrences_between(world.users["coordinator"], *MAY, theme="urban-sanitation")
    assert [o.event.pk for o in found] == [moved.pk]


def test_undated_events(world):
    network = world.hue.network
    EventFactory(network=network, title_en="Annual meeting", starts_at=None, status="to_be_fixed", date_note=NEXT_YEAR)
    EventFactory(network=network, title_en="Dropped idea", starts_at=None, status="cancelled")
    EventFactory(network=network, title_en="Dated")
    assert [e.title for e in undated_events(world.users["coordinator"])] == ["Annual meeting"]
    assert undated_events(world.users["partner"]) == []


def test_registered_events_follow_the_account_email(world):
    mine = EventFactory(network=world.hue.network, title_en="Mine")
    EventFactory(network=world.hue.network, title_en="Not mine")
    RegistrationFactory(event=mine, person=PersonFactory(member=world.hue, email="focal.hue@reseau.test"))
    user = world.users["focal_point"]
    assert [e.title for e in calendar_selectors.registered_events(events_visible_to(user), user)] == ["Mine"]
