"""A day and time that are an assumption say so (issue 11, data that says what it is): the seeded
monthly focal-point meeting is "to be confirmed" on its page, in lists and in calendar feeds."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from reseau.events.models import Event
from reseau.events.presentation import when_text
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def assumed(world):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)
    return EventFactory(
        network=world.hue.network,
        visibility="public",
        status="confirmed",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        title_en="Monthly meeting",
        title_fr="Réunion mensuelle",
        schedule_to_be_confirmed=True,
    )


def test_the_date_says_it_is_to_be_confirmed(assumed):
    assert when_text(assumed).endswith(", to be confirmed")


def test_in_french_the_date_says_a_confirmer(assumed):
    with translation.override("fr"):
        assert when_text(assumed).endswith(", à confirmer")


def test_a_confirmed_date_says_nothing_more(assumed):
    assumed.schedule_to_be_confirmed = False
    assert "confirmed" not in when_text(assumed)


def test_the_event_page_shows_it_to_be_confirmed(world, assumed):
    page = world.client_for("focal_point").get(assumed.get_absolute_url()).content.decode()
    assert "to be confirmed" in page


def test_the_events_list_shows_it_to_be_confirmed(world, assumed):
    page = world.client_for("focal_point").get(reverse("events:event_list")).content.decode()
    assert "to be confirmed" in page


def test_calendars_receive_it_as_tentative(world, assumed):
    feed = world.client_for("anonymous").get(reverse("events:event_ics", kwargs={"slug": assumed.slug}))
    assert "STATUS:TENTATIVE" in b"".join(feed.streaming_content).decode()


def test_the_seeded_monthly_meeting_is_to_be_confirmed(db):
    call_command("seed_rvase", stdout=StringIO())
    assert Event.objects.get(slug="rvase-focal-point-meetings").schedule_to_be_confirmed
