"""The decisions taken at a meeting, written from its page: they go into the decisions register."""

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
    return reverse(name, kwargs={"slug": event.slug})


def test_a_decision_of_the_meeting_goes_into_the_register(world, meeting):
    plan = PlanFactory(network=world.hue.network, code="annual-2023", title_en="Annual action plan 2023")
    activity = ActivityFactory(axis__plan=plan, number=4, title_en="Annual network meeting")
    person = PersonFactory(member=world.vientiane, name="Khamphout Phandanouvong")
    client = world.client_for("coordinator")
    form = client.get(_url("decisions:event_decision_create", meeting)).content.decode()
    assert "Khamphout Phandanouvong" in form
    assert ">4. Annual network meeting</option>" in form
    response = client.post(
        _url("decisions:event_decision_create", meeting),
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
    assert response.status_code == 302
    assert response["Location"].endswith("#decisions")
    decision = Decision.objects.get()
    assert decision.event == meeting
    assert decision.network == world.hue.network
    assert decision.meeting == "Annual meeting 2023"
    assert decision.meeting_date == datetime.date(2023, 5, 18)
    assert list(decision.activities.all()) == [activity]

    event_page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Host the 2024 annual meeting in Vientiane" in event_page
    assert decision.get_absolute_url() in event_page
    register = client.get(reverse("decisions:decision_list")).content.decode()
    assert "Host the 2024 annual meeting in Vientiane" in register
    assert "Annual meeting 2023" in register
    assert "18/05/2023" in register
    focal_register = world.client_for("focal_point").get(reverse("decisions:decision_list")).content.decode()
    assert "Host the 2024 annual meeting in Vientiane" in focal_register


def test_an_action_item_without_an_owner_is_refused(world, meeting):
    response = world.client_for("coordinator").post(
        _url("decisions:event_decision_create", meeting), {"kind": "action", "title_en": "Send the photos"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Give the action item an owner: a person or a member." in page
    assert "Send the photos" in page
    assert not Decision.objects.exists()


@pytest.mark.parametrize("role", ["focal_point", "partner"])
def test_only_staff_write_decisions(world, meeting, role):
    meeting.visibility = "partners"
    meeting.save()
    client = world.client_for(role)
    url = _url("decisions:event_decision_create", meeting)
    assert client.get(url).status_code == 403
    assert client.post(url, {"kind": "decision", "title_en": "X"}).status_code == 403
    assert not Decision.objects.exists()


def test_staff_see_the_link_to_record_a_decision_focal_points_do_not(world, meeting):
    link = _url("decisions:event_decision_create", meeting)
    assert link in world.client_for("coordinator").get(meeting.get_absolute_url()).content.decode()
    focal_page = world.client_for("focal_point").get(meeting.get_absolute_url()).content.decode()
    assert "Decisions and action items" in focal_page
    assert link not in focal_page


def test_partners_do_not_see_the_meeting_s_decisions(world, meeting):
    meeting.visibility = "partners"
    meeting.save()
    page = world.client_for("partner").get(meeting.get_absolute_url()).content.decode()
    assert "Decisions and action items" not in page
