"""Dated follow-up notes on a decision: the staff write them, and the focal point of the member that owns it."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from reseau.accounts.models import Role
from reseau.audit.models import AuditEvent
from reseau.decisions.models import Decision, DecisionNote
from tests.factories import DecisionFactory, NetworkFactory, UserFactory

pytestmark = pytest.mark.django_db

NOTE = {"date": "2025-03-04", "text": "The programme was sent to the members."}


@pytest.fixture
def decision(world):
    return DecisionFactory(
        network=world.hue.network, kind="action", title_en="Send the study tour programme", owner_member=world.hue
    )


def _url(decision: Decision) -> str:
    return reverse("decisions:decision_note_add", kwargs={"pk": decision.pk})


@pytest.mark.parametrize(
    ("role", "status"),
    [("partner", 403), ("focal_point", 200), ("coordinator", 200), ("secretariat", 200)],
)
def test_who_writes_follow_up_notes(world, decision, role, status):
    client = world.client_for(role)
    assert client.get(_url(decision)).status_code == status
    assert client.post(_url(decision), NOTE).status_code == (302 if status == 200 else status)
    assert DecisionNote.objects.exists() == (status == 200)


def test_anonymous_visitors_are_sent_to_sign_in(world, decision):
    response = world.client_for("anonymous").post(_url(decision), NOTE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not DecisionNote.objects.exists()


def test_a_focal_point_reports_only_on_its_own_members_items(world, decision):
    client = world.client_for("focal_point")
    decision.owner_member = world.vientiane
    decision.save()
    assert client.get(_url(decision)).status_code == 403
    assert client.post(_url(decision), NOTE).status_code == 403
    decision.owner_member = None
    decision.save()
    assert client.post(_url(decision), NOTE).status_code == 403
    assert not DecisionNote.objects.exists()


def test_a_focal_point_of_another_member_is_refused(world, decision):
    focal = UserFactory(
        email="focal.vientiane@reseau.test", role=Role.FOCAL_POINT, member=world.vientiane, network=world.hue.network
    )
    client = world.client_for("anonymous")
    client.force_login(focal)
    assert client.post(_url(decision), NOTE).status_code == 403
    assert not DecisionNote.objects.exists()


def test_decisions_of_another_network_are_not_found(world):
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    other = DecisionFactory(network=maghreb, title_en="Open an office in Tunis")
    assert world.client_for("coordinator").post(_url(other), NOTE).status_code == 404
    assert world.client_for("secretariat").post(_url(other), NOTE).status_code == 302


def test_the_note_is_recorded_with_its_author_and_shown_newest_first(world, decision):
    client = world.client_for("focal_point")
    response = client.post(_url(decision), NOTE)
    assert response.status_code == 302
    assert response["Location"] == f"{decision.get_absolute_url()}#notes"
    client.post(_url(decision), {"date": "2025-01-15", "text": "Older news, recorded later"})
    client.post(_url(decision), {"date": "2025-04-01", "text": "Newest news"})
    note = DecisionNote.objects.get(date=datetime.date(2025, 3, 4))
    assert note.author == world.users["focal_point"]
    assert note.text == NOTE["text"]
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "Follow-up note added." in page
    assert page.index("Newest news") < page.index("The programme was sent") < page.index("Older news")
    # Each note leaves a line in the decision's history.
    assert AuditEvent.objects.filter(action="created").count() == 3


def test_the_form_suggests_today(world, decision):
    today = timezone.localdate(timezone=zoneinfo.ZoneInfo("Asia/Phnom_Penh"))
    page = world.client_for("coordinator").get(_url(decision)).content.decode()
    assert f'value="{today:%Y-%m-%d}"' in page
    assert "Send the study tour programme" in page
    assert "Add a follow-up note" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "", "text": "Something"}, "This field is required."),
        ({"date": "2025-03-04", "text": "   "}, "This field is required."),
        ({"date": "not a date", "text": "Something"}, "Enter a valid date."),
        ({"date": "2025-02-30", "text": "Something"}, "Enter a valid date."),
        ({"date": "2999-01-01", "text": "Something"}, "The date cannot be in the future."),
    ],
)
def test_bad_input_is_refused(world, decision, data, message):
    response = world.client_for("coordinator").post(_url(decision), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not DecisionNote.objects.exists()


def test_notes_are_escaped_and_khmer_kept(world, decision):
    client = world.client_for("coordinator")
    client.post(_url(decision), {"date": "2025-03-04", "text": "<b>Done</b> ការងារបានបញ្ចប់"})
    assert DecisionNote.objects.get().text == "<b>Done</b> ការងារបានបញ្ចប់"
    page = client.get(decision.get_absolute_url()).content.decode()
    assert "<b>Done</b>" not in page
    assert "&lt;b&gt;Done&lt;/b&gt; ការងារបានបញ្ចប់" in page
