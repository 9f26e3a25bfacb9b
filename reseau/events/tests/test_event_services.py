"""The event services as calendars see them: the SEQUENCE rises when a change must reach
calendar programs, and a moved date keeps its series' identity (UID)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from reseau.events import services
from reseau.events.models import Event
from reseau.events.recurrence import start_key
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def _form_data(event: Event, **changes) -> dict[str, object]:
    local_start, local_end = event.local_start, event.local_end
    data: dict[str, object] = {
        "kind": event.kind,
        "status": event.status,
        "visibility": event.visibility,
        "title_en": event.title_en,
        "title_fr": event.title_fr,
        "start_date": local_start.date().isoformat(),
        "start_time": local_start.strftime("%H:%M"),
        "end_date": "",
        "end_time": local_end.strftime("%H:%M"),
        "time_zone": event.time_zone,
        "venue": event.venue,
        "city": event.city,
        "capacity": event.capacity or "",
        "recurrence_rule": event.recurrence_rule,
        "description_en": event.description_en or "",
        "description_fr": event.description_fr or "",
    }
    data.update(changes)
    return data


@pytest.fixture
def meeting(world):
    return EventFactory(
        network=world.hue.network,
        slug="annual-meeting",
        title_en="Annual meeting",
        title_fr="Réunion annuelle",
        description_en="",
        description_fr="",
        venue="Fairfield Hotel",
    )


@pytest.fixture
def series(world):
    first = datetime.datetime(2031, 1, 9, 3, 0, tzinfo=UTC)  # Thursday 10:00 in Phnom Penh
    return EventFactory(
        network=world.hue.network,
        slug="focal-points-call",
        title_en="Focal points call",
        description_en="",
        description_fr="",
        kind="focal_point_meeting",
        starts_at=first,
        ends_at=first + datetime.timedelta(hours=1),
        recurrence_rule="FREQ=WEEKLY;BYDAY=TH",
    )


def _edit(client, event: Event, **changes):
    return client.post(reverse("events:event_edit", kwargs={"slug": event.slug}), _form_data(event, **changes))


def test_moving_the_time_raises_the_sequence(world, meeting):
    response = _edit(world.client_for("coordinator"), meeting, start_time="09:00", end_time="13:00")
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    assert meeting.starts_at == datetime.datetime(2031, 5, 18, 2, 0, tzinfo=UTC)


def test_an_unrelated_change_leaves_the_sequence(world, meeting):
    _edit(world.client_for("coordinator"), meeting, capacity="60")
    meeting.refresh_from_db()
    assert meeting.capacity == 60
    assert meeting.sequence == 0


def test_a_new_place_or_title_raises_the_sequence(world, meeting):
    client = world.client_for("coordinator")
    _edit(client, meeting, venue="Phnom Penh City Hall")
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    _edit(client, meeting, title_fr="Réunion annuelle du réseau")
    meeting.refresh_from_db()
    assert meeting.sequence == 2


def test_cancelling_raises_the_sequence(world, meeting):
    world.client_for("coordinator").post(reverse("events:event_cancel", kwargs={"slug": meeting.slug}))
    meeting.refresh_from_db()
    assert meeting.status == "cancelled"
    assert meeting.sequence == 1


def test_a_moved_occurrence_keeps_the_series_uid(world, series):
    coordinator = world.users["coordinator"]
    original = datetime.datetime(2031, 1, 16, 3, 0, tzinfo=UTC)
    moved = services.occurrence_move(
        actor=coordinator,
        series=series,
        original_start=original,
        starts_at=datetime.datetime(2031, 1, 17, 3, 0, tzinfo=UTC),
        ends_at=datetime.datetime(2031, 1, 17, 4, 0, tzinfo=UTC),
    )
    assert moved.uid == series.uid
    assert moved.series == series
    assert moved.recurrence_id == original
    assert moved.sequence == series.sequence + 1
    # Moving it again raises its own sequence, and keeps the same row.
    services.occurrence_move(
        actor=coordinator,
        series=series,
        original_start=original,
        starts_at=datetime.datetime(2031, 1, 17, 7, 0, tzinfo=UTC),
        ends_at=datetime.datetime(2031, 1, 17, 8, 0, tzinfo=UTC),
    )
    moved.refresh_from_db()
    assert moved.sequence == 2
    assert series.overrides.count() == 1


def test_cancelling_one_date_raises_the_series_sequence(world, series):
    original = datetime.datetime(2031, 1, 23, 3, 0, tzinfo=UTC)
    services.occurrence_remove(actor=world.users["coordinator"], series=series, original_start=original)
    series.refresh_from_db()
    assert series.excluded_starts == [start_key(original)]
    assert series.sequence == 1
    assert series.status == "confirmed"


def test_hosting_offer_accepted_sets_the_host(world, meeting):
    offer = services.hosting_offer_make(actor=world.users["focal_point"], event=meeting, member=world.hue)
    services.hosting_offer_accept(actor=world.users["coordinator"], offer=offer)
    meeting.refresh_from_db()
    assert meeting.host_member == world.hue
