"""Moving or cancelling one date of a repeating event from its page."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from reseau.events.models import Event
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
SECOND = "2031-01-16T03:00:00Z"  # Thursday 16 January 2031, 10:00 in Phnom Penh


@pytest.fixture
def series(world):
    first = datetime.datetime(2031, 1, 9, 3, 0, tzinfo=UTC)
    return EventFactory(
        network=world.hue.network,
        slug="focal-points-call",
        title_en="Focal points call",
        kind="focal_point_meeting",
        starts_at=first,
        ends_at=first + datetime.timedelta(hours=1),
        recurrence_rule="FREQ=WEEKLY;BYDAY=TH",
    )


def _url(series: Event, original: str) -> str:
    return reverse("events:occurrence_edit", kwargs={"slug": series.slug, "original": original})


def test_the_form_shows_the_date_in_the_events_zone(world, series):
    response = world.client_for("coordinator").get(_url(series, SECOND))
    assert response.status_code == 200
    page = response.content.decode()
    assert "16 January 2031, 10:00–11:00 (Phnom Penh time, UTC+7)" in page
    assert 'value="2031-01-16"' in page
    assert 'value="10:00"' in page
    assert 'value="11:00"' in page


def test_the_coordinator_moves_one_date(world, series):
    client = world.client_for("coordinator")
    response = client.post(
        _url(series, SECOND), {"action": "move", "date": "2031-01-17", "start_time": "14:00", "end_time": "15:30"}
    )
    assert response.status_code == 302
    moved = series.overrides.get()
    assert moved.uid == series.uid
    assert moved.starts_at == datetime.datetime(2031, 1, 17, 7, 0, tzinfo=UTC)
    assert moved.ends_at == datetime.datetime(2031, 1, 17, 8, 30, tzinfo=UTC)
    assert moved.recurrence_id == datetime.datetime(2031, 1, 16, 3, 0, tzinfo=UTC)
    # The same address now edits the moved date, starting from its new time.
    page = client.get(_url(series, SECOND)).content.decode()
    assert 'value="14:00"' in page
    assert "Moved" in page


def test_the_coordinator_cancels_one_date(world, series):
    client = world.client_for("coordinator")
    response = client.post(_url(series, SECOND), {"action": "cancel"})
    assert response.status_code == 302
    series.refresh_from_db()
    assert series.excluded_starts == [SECOND]
    assert series.status == "confirmed"
    assert not series.overrides.exists()
    # That date is gone: there is nothing left to edit at that address.
    assert client.get(_url(series, SECOND)).status_code == 404


def test_a_move_needs_a_date_and_a_time_and_an_end_after_the_start(world, series):
    client = world.client_for("coordinator")
    response = client.post(_url(series, SECOND), {"action": "move", "date": "", "start_time": "10:00"})
    assert "Give the new date." in response.content.decode()
    response = client.post(
        _url(series, SECOND), {"action": "move", "date": "2031-01-17", "start_time": "10:00", "end_time": "09:00"}
    )
    assert "The end cannot be before the start." in response.content.decode()
    assert not series.overrides.exists()


@pytest.mark.parametrize("original", ["2031-01-17T03:00:00Z", "2031-01-16T04:00:00Z", "not-a-date", "20310116T030000Z"])
def test_a_date_that_is_not_one_of_the_series_is_not_found(world, series, original):
    assert world.client_for("coordinator").get(_url(series, original)).status_code == 404


def test_a_single_event_has_no_dates_to_move(world):
    event = EventFactory(network=world.hue.network, slug="single")
    assert world.client_for("coordinator").get(_url(event, "2031-05-18T01:00:00Z")).status_code == 404


@pytest.mark.parametrize("role", ["focal_point", "partner"])
def test_only_staff_move_dates(world, series, role):
    series.visibility = "partners"
    series.save()
    client = world.client_for(role)
    assert client.get(_url(series, SECOND)).status_code == 403
    assert client.post(_url(series, SECOND), {"action": "cancel"}).status_code == 403
    series.refresh_from_db()
    assert series.excluded_starts == []
