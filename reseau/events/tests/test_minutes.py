"""The minutes of a meeting."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(world):
    return EventFactory(
        network=world.hue.network,
        slug="annual-meeting-2023",
        title_en="Annual meeting 2023",
        title_fr="Réunion annuelle 2023",
        status="held",
        starts_at=datetime.datetime(2023, 5, 18, 1, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2023, 5, 18, 5, 0, tzinfo=datetime.UTC),
    )


def _url(name: str, event) -> str:
    return reverse(f"events:{name}", kwargs={"slug": event.slug})


def test_the_coordinator_writes_the_minutes_in_both_languages(world, meeting):
    client = world.client_for("coordinator")
    assert client.get(_url("minutes_edit", meeting)).status_code == 200
    response = client.post(
        _url("minutes_edit", meeting),
        {
            "minutes_en": "The members adopted the 2025 road map.\nHuế offered to host in 2024.",
            "minutes_fr": "Les membres ont adopté la feuille de route 2025.",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Minutes saved." in page
    assert "The members adopted the 2025 road map.<br>Huế offered to host in 2024." in page
    meeting.refresh_from_db()
    assert meeting.minutes_fr == "Les membres ont adopté la feuille de route 2025."
    focal = world.users["focal_point"]
    focal.language = "fr"
    focal.save()
    page = world.client_for("focal_point").get(meeting.get_absolute_url()).content.decode()
    assert "Les membres ont adopté la feuille de route 2025." in page


def test_minutes_typed_as_html_are_shown_as_text(world, meeting):
    world.client_for("coordinator").post(
        _url("minutes_edit", meeting), {"minutes_en": "<script>alert(1)</script>", "minutes_fr": ""}
    )
    page = world.client_for("coordinator").get(meeting.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


@pytest.mark.parametrize("role", ["focal_point", "partner"])
def test_only_staff_write_minutes(world, meeting, role):
    meeting.visibility = "partners"
    meeting.save()
    client = world.client_for(role)
    assert client.get(_url("minutes_edit", meeting)).status_code == 403
    assert client.post(_url("minutes_edit", meeting), {"minutes_en": "Hijacked"}).status_code == 403
    meeting.refresh_from_db()
    assert not meeting.minutes_en
