"""Progress notes: dated accounts of where a project stands."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reseau.accounts.models import Role
from reseau.projects.models import ProgressNote
from tests.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(world):
    return ProjectFactory(network=world.hue.network, lead_member=world.hue, stage="in_implementation")


def _url(project) -> str:
    return reverse("projects:note_add", kwargs={"code": project.code})


NOTE = {"date": "2025-05-02", "achievements": "Study launched", "difficulties": "", "next_steps": "Meet the AFD"}


@pytest.mark.parametrize(
    ("role", "status"),
    [("partner", 403), ("focal_point", 200), ("coordinator", 200), ("secretariat", 200)],
)
def test_who_writes_progress_notes(world, project, role, status):
    assert world.client_for(role).get(_url(project)).status_code == status
    assert world.client_for(role).post(_url(project), NOTE).status_code == (302 if status == 200 else status)
    assert ProgressNote.objects.exists() == (status == 200)


def test_anonymous_visitors_are_sent_to_sign_in(world, project):
    response = world.client_for("anonymous").post(_url(project), NOTE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not ProgressNote.objects.exists()


def test_partners_are_refused_even_on_a_shared_project(world, project):
    project.shared_with_partners = True
    project.save()
    assert world.client_for("partner").post(_url(project), NOTE).status_code == 403


def test_focal_points_of_members_that_neither_lead_nor_join_are_refused(world, project):
    focal = UserFactory(
        email="focal.vientiane@reseau.test", role=Role.FOCAL_POINT, member=world.vientiane, network=project.network
    )
    client = world.client_for("anonymous")
    client.force_login(focal)
    assert client.get(_url(project)).status_code == 403
    project.members.add(world.vientiane)
    assert client.post(_url(project), NOTE).status_code == 302


def test_the_note_is_recorded_with_its_author(world, project):
    response = world.client_for("focal_point").post(_url(project), NOTE)
    assert response.status_code == 302
    assert response["Location"] == f"{project.get_absolute_url()}#progress-notes"
    note = ProgressNote.objects.get(project=project)
    assert note.author == world.users["focal_point"]
    assert note.date == datetime.date(2025, 5, 2)
    assert (note.achievements, note.difficulties, note.next_steps) == ("Study launched", "", "Meet the AFD")


@pytest.mark.parametrize(
    "blank",
    [
        {"achievements": "", "difficulties": "", "next_steps": ""},
        {"achievements": "   ", "difficulties": "\n", "next_steps": " \t "},
    ],
)
def test_an_empty_note_is_refused(world, project, blank):
    page = world.client_for("coordinator").post(_url(project), {**NOTE, **blank}).content.decode()
    assert "Write at least one of achievements, difficulties or next steps." in page
    assert not ProgressNote.objects.exists()


def test_one_part_is_enough(world, project):
    data = {"date": "2025-05-02", "achievements": "", "difficulties": "Rainy season", "next_steps": ""}
    assert world.client_for("coordinator").post(_url(project), data).status_code == 302
    assert ProgressNote.objects.get().difficulties == "Rainy season"


def test_a_note_dated_in_the_future_is_refused(world, project):
    later = timezone.localdate() + datetime.timedelta(days=2)
    page = world.client_for("coordinator").post(_url(project), {**NOTE, "date": later.isoformat()}).content.decode()
    assert "The date cannot be in the future." in page
    assert not ProgressNote.objects.exists()


def test_html_typed_is_shown_back_escaped(world, project):
    data = {**NOTE, "date": "not a date", "achievements": "<img src=x onerror=alert(1)>"}
    page = world.client_for("coordinator").post(_url(project), data).content.decode()
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
