"""What events say is true (issue 11, items 5 and 13): an undated event of a year gone by is
not upcoming; an undated event offers no calendar file; a held event cannot be cancelled."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from reseau.events import services
from reseau.events.models import Event
from reseau.events.selectors.calendar import undated_events
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year


def _undated(world, title: str, note: str = ""):
    return EventFactory(
        network=world.hue.network,
        visibility="public",
        status="to_be_fixed",
        starts_at=None,
        title_en=title,
        title_fr=title,
        date_note=note,
    )


@pytest.fixture
def undated(world):
    return {
        "stale": _undated(world, "Annual meeting of the network", str(THIS_YEAR - 2)),
        "stale_by_title": _undated(world, f"ASEAN Summit {THIS_YEAR - 1}, Vientiane"),
        "coming": _undated(world, "Next annual meeting", f"Second half of {THIS_YEAR + 1}"),
        "this_year": _undated(world, "Forum this year", str(THIS_YEAR)),
        "no_year": _undated(world, "Someday meeting"),
    }


def test_the_expected_year_is_read_from_the_date_note_then_the_title(undated):
    assert undated["stale"].expected_year == THIS_YEAR - 2
    assert undated["stale_by_title"].expected_year == THIS_YEAR - 1
    assert undated["coming"].expected_year == THIS_YEAR + 1
    assert undated["no_year"].expected_year is None


def test_a_dated_event_has_no_expected_year(world):
    assert EventFactory(network=world.hue.network, date_note="2024").expected_year is None


def test_the_upcoming_list_leaves_out_undated_events_of_past_years(world, undated):
    page = world.client_for("anonymous").get(reverse("events:event_list")).content.decode()
    assert "Annual meeting of the network" not in page
    assert "ASEAN Summit" not in page
    assert "Next annual meeting" in page
    assert "Forum this year" in page
    assert "Someday meeting" in page  # nobody wrote its year: it cannot be said to be over


def test_the_past_list_keeps_them(world, undated):
    page = world.client_for("anonymous").get(reverse("events:event_list"), {"when": "past"}).content.decode()
    assert "Annual meeting of the network" in page
    assert "Next annual meeting" not in page


def test_the_calendar_leaves_them_out(world, undated):
    titles = [event.title for event in undated_events(world.users["coordinator"])]
    assert titles == ["Next annual meeting", "Forum this year", "Someday meeting"]
    page = world.client_for("anonymous").get(reverse("events:calendar_list")).content.decode()
    assert "Annual meeting of the network" not in page


def test_an_undated_event_offers_no_calendar_file(world, undated):
    event = undated["coming"]
    client = world.client_for("anonymous")
    assert (
        reverse("events:event_ics", kwargs={"slug": event.slug})
        not in client.get(event.get_absolute_url()).content.decode()
    )
    response = client.get(reverse("events:event_ics", kwargs={"slug": event.slug}))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "has no date yet, so there is no calendar file to add" in page
    assert f'href="{event.get_absolute_url()}"' in page


def test_a_dated_event_still_offers_its_calendar_file(world):
    event = EventFactory(network=world.hue.network, visibility="public")
    page = world.client_for("anonymous").get(event.get_absolute_url()).content.decode()
    assert reverse("events:event_ics", kwargs={"slug": event.slug}) in page


# --- A held event ------------------------------------------------------------------------------


@pytest.fixture
def held(world):
    return EventFactory(network=world.hue.network, status="held", title_en="Annual meeting 2023")


def test_a_held_event_offers_no_cancelling(world, held):
    page = world.client_for("coordinator").get(held.get_absolute_url()).content.decode()
    assert "Cancel this event" not in page


def test_a_coming_event_still_offers_it(world):
    event = EventFactory(network=world.hue.network, status="confirmed")
    page = world.client_for("coordinator").get(event.get_absolute_url()).content.decode()
    assert "Cancel this event" in page


def test_the_service_refuses_to_cancel_a_held_event(world, held):
    with pytest.raises(ValidationError, match=r"This event was held: it cannot be cancelled\."):
        services.event_cancel(actor=world.users["coordinator"], event=held)
    held.refresh_from_db()
    assert held.status == Event.Status.HELD


def test_posting_the_cancel_of_a_held_event_says_why_and_changes_nothing(world, held):
    url = reverse("events:event_cancel", kwargs={"slug": held.slug})
    response = world.client_for("coordinator").post(url, follow=True)
    assert "This event was held: it cannot be cancelled." in response.content.decode()
    held.refresh_from_db()
    assert held.status == Event.Status.HELD


# --- The list's "Add to my calendar" (issue 11, item 11) ----------------------------------------


def test_a_visitor_is_sent_to_the_public_feeds_not_to_sign_in(world):
    client = world.client_for("anonymous")
    page = client.get(reverse("events:event_list")).content.decode()
    assert f'href="{reverse("events:calendar_month")}#calendar-subscribe">Add to my calendar' in page
    calendar = client.get(reverse("events:calendar_month")).content.decode()
    assert 'id="calendar-subscribe"' in calendar
    assert reverse("events:feed_network", kwargs={"code": world.hue.network.code}) in calendar


def test_a_signed_in_reader_gets_their_calendar_addresses(world):
    page = world.client_for("focal_point").get(reverse("events:event_list")).content.decode()
    assert f'href="{reverse("events:feed_links")}">Add to my calendar' in page


def test_a_visitor_reads_the_event_page_at_the_time_of_its_place(world):
    event = EventFactory(network=world.hue.network, visibility="public")
    page = world.client_for("anonymous").get(event.get_absolute_url()).content.decode()
    assert "18 May 2031, 8:00–12:00 (Phnom Penh time, UTC+7)" in page
