"""A decision's page: its facts, the plan activities it concerns, its follow-up notes and its history."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reseau.decisions import services
from reseau.decisions.models import Decision, DecisionNote
from tests.factories import ActivityFactory, DecisionFactory, NetworkFactory, PersonFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def activities(world):
    plan = PlanFactory(network=world.hue.network, code="annual-2025", title_en="Annual action plan 2025")
    return [
        ActivityFactory(axis__plan=plan, number=3, title_en="Study tour on faecal sludge management in Huế"),
        ActivityFactory(axis__plan=plan, number=7, title_en="Peer exchange on smart tourism"),
    ]


@pytest.fixture
def decision(world, activities):
    person = PersonFactory(
        member=world.hue, name="Trần Thị Bình", title="Head of the urban unit", email="binh@hue.example"
    )
    decision = services.decision_create(
        actor=world.users["coordinator"],
        network=world.hue.network,
        data={
            "kind": Decision.Kind.ACTION,
            "title_en": "Prepare the study tour programme",
            "title_fr": "Préparer le programme du voyage d'étude",
            "meeting": "Annual meeting 2024, Huế",
            "meeting_date": datetime.date(2024, 11, 20),
            "owner_person": person,
            "owner_member": world.hue,
            "due_date": datetime.date(2025, 2, 28),
            "status": Decision.Status.IN_PROGRESS,
            "activities": activities,
        },
    )
    DecisionNote.objects.create(decision=decision, date=datetime.date(2025, 1, 10), text="Draft programme shared")
    DecisionNote.objects.create(
        decision=decision, date=datetime.date(2025, 2, 3), text="Hotels booked", author=world.users["focal_point"]
    )
    return decision


def _url(decision: Decision) -> str:
    return reverse("decisions:decision_detail", kwargs={"pk": decision.pk})


def test_anonymous_visitors_are_sent_to_sign_in(world, decision):
    response = world.client_for("anonymous").get(_url(decision))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_partners_are_refused(world, decision):
    assert world.client_for("partner").get(_url(decision)).status_code == 403


@pytest.mark.parametrize(
    ("role", "can_edit", "can_add_note"),
    [("focal_point", False, True), ("coordinator", True, True), ("secretariat", True, True)],
)
def test_the_network_reads_a_decision(world, decision, role, can_edit, can_add_note):
    response = world.client_for(role).get(_url(decision))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Prepare the study tour programme" in page
    assert ("History of changes" in page) is can_edit
    assert (reverse("decisions:decision_edit", kwargs={"pk": decision.pk}) in page) is can_edit
    assert (reverse("decisions:decision_note_add", kwargs={"pk": decision.pk}) in page) is can_add_note


def test_a_focal_point_whose_member_does_not_own_it_reads_but_cannot_add_notes(world, decision):
    decision.owner_member = world.vientiane
    decision.save()
    page = world.client_for("focal_point").get(_url(decision)).content.decode()
    assert "Prepare the study tour programme" in page
    assert reverse("decisions:decision_note_add", kwargs={"pk": decision.pk}) not in page


def test_every_fact_is_shown(world, decision):
    page = world.client_for("coordinator").get(_url(decision)).content.decode()
    assert "Action item" in page
    assert "In progress" in page
    assert "Préparer le programme du voyage d&#x27;étude" in page
    assert "Annual meeting 2024, Huế" in page
    assert "20 November 2024" in page
    assert "Trần Thị Bình" in page
    assert "Head of the urban unit" in page
    assert world.hue.get_absolute_url() in page
    assert "28 February 2025" in page
    assert "Overdue" in page


def test_linked_plan_activities_link_to_their_pages_and_back(world, decision, activities):
    page = world.client_for("focal_point").get(_url(decision)).content.decode()
    for activity in activities:
        url = reverse("plans:activity_detail", kwargs={"code": "annual-2025", "number": activity.number})
        assert f'href="{url}"' in page
    assert ">3. <bdi>Study tour on faecal sludge management in Huế</bdi></a>" in page  # no plan code
    assert ">7. <bdi>Peer exchange on smart tourism</bdi></a>" in page
    # The other side of the link: the activity knows its decisions.
    assert list(activities[0].decisions.all()) == [decision]


def test_without_activities_the_page_says_so(world):
    decision = DecisionFactory(network=world.hue.network, kind="decision", title_en="Adopt the road map")
    page = world.client_for("coordinator").get(_url(decision)).content.decode()
    assert "No plan activity is linked to it." in page
    assert "No follow-up note recorded yet." in page


def test_follow_up_notes_newest_first_with_their_author(world, decision):
    page = world.client_for("coordinator").get(_url(decision)).content.decode()
    assert page.index("Hotels booked") < page.index("Draft programme shared")
    assert "3 February 2025" in page
    assert "10 January 2025" in page
    assert f"Written by {world.users['focal_point']}" in page


def test_the_history_shows_the_creation_to_staff(world, decision):
    page = world.client_for("secretariat").get(_url(decision)).content.decode()
    assert "History of changes" in page
    assert "— created: <bdi>Prepare the study tour programme</bdi>" in page


def test_decisions_of_another_network_are_not_found(world):
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    other = DecisionFactory(network=maghreb, title_en="Open an office in Tunis")
    assert world.client_for("coordinator").get(_url(other)).status_code == 404
    assert world.client_for("focal_point").get(_url(other)).status_code == 404
    assert world.client_for("secretariat").get(_url(other)).status_code == 200
    assert world.client_for("coordinator").get("/decisions/999999/").status_code == 404


def test_text_is_escaped_and_khmer_kept(world):
    decision = DecisionFactory(
        network=world.hue.network, title_en="<img src=x onerror=alert(1)> ផែនការសកម្មភាព", meeting="<i>Bureau</i>"
    )
    DecisionNote.objects.create(decision=decision, date=datetime.date(2025, 1, 1), text="<script>x()</script>")
    page = world.client_for("coordinator").get(_url(decision)).content.decode()
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt; ផែនការសកម្មភាព" in page
    assert "<i>Bureau</i>" not in page
    assert "<script>x()" not in page
    assert "&lt;script&gt;x()" in page


def test_query_count_does_not_grow_with_notes_and_activities(world, decision, activities):
    client = world.client_for("coordinator")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(decision)).status_code == 200
        return len(queries)

    small = count()
    plan = activities[0].plan
    decision.activities.add(*[ActivityFactory(axis__plan=plan, number=100 + n) for n in range(20)])
    for n in range(20):
        DecisionNote.objects.create(decision=decision, date=datetime.date(2025, 1, 1), text=f"Note {n}")
    assert count() == small <= 15
