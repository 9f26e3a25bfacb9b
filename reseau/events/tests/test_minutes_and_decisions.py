"""The minutes of a meeting and the decisions taken at it, which go into the decisions register."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from reseau.decisions.models import Decision
from tests.factories import ActivityFactory, EventFactory, PersonFactory, PlanFactory

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
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_a_decision_of_the_meeting_goes_into_the_register(world, meeting):
    plan = PlanFactory(network=world.hue.network, code="annual-2023", title_en="Annual action plan 2023")
    activity = ActivityFactory(axis__plan=plan, number=4, title_en="Annual network meeting")
    person = PersonFactory(member=world.vientiane, name="Khamphout Phandanouvong")
    client = world.client_for("coordinator")
    form = client.get(_url("event_decision_create", meeting)).content.decode()
    assert "Khamphout Phandanouvong" in form and "annual-2023 — 4. Annual network meeting" in form
    response = client.post(
        _url("event_decision_create", meeting),
        {
            "kind": "action",
            "title_en": "Host the 2024 annual meeting in Vientiane",
            "title_fr": "Accueillir la réunion annuelle 2024 à Vientiane",
            "owner_person": person.pk,
            "owner_member": world.vientiane.pk,
            "due_date": "2024-03-31",
            "activities": [activity.pk],
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("#decisions")
    decision = Decision.objects.get()
    assert decision.event == meeting and decision.network == world.hue.network
    assert decision.meeting == "Annual meeting 2023" and decision.meeting_date == datetime.date(2023, 5, 18)
    assert list(decision.activities.all()) == [activity]

    event_page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Host the 2024 annual meeting in Vientiane" in event_page
    assert decision.get_absolute_url() in event_page
    register = client.get(reverse("decisions:decision_list")).content.decode()
    assert "Host the 2024 annual meeting in Vientiane" in register
    assert "Annual meeting 2023" in register and "18/05/2023" in register
    focal_register = world.client_for("focal_point").get(reverse("decisions:decision_list")).content.decode()
    assert "Host the 2024 annual meeting in Vientiane" in focal_register


def test_an_action_item_without_an_owner_is_refused(world, meeting):
    response = world.client_for("coordinator").post(
        _url("event_decision_create", meeting), {"kind": "action", "title_en": "Send the photos"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Give the action item an owner: a person or a member." in page and "Send the photos" in page
    assert not Decision.objects.exists()


@pytest.mark.parametrize("role", ["focal_point", "partner"])
def test_only_staff_write_minutes_and_decisions(world, meeting, role):
    meeting.visibility = "partners"
    meeting.save()
    client = world.client_for(role)
    for name in ("minutes_edit", "event_decision_create"):
        assert client.get(_url(name, meeting)).status_code == 403
    assert client.post(_url("minutes_edit", meeting), {"minutes_en": "Hijacked"}).status_code == 403
    assert client.post(_url("event_decision_create", meeting), {"kind": "decision", "title_en": "X"}).status_code == 403
    meeting.refresh_from_db()
    assert not meeting.minutes_en and not Decision.objects.exists()
