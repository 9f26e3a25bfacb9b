"""Milestones: staff and the focal points of the members taking part keep them."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reseau.accounts.models import Role
from reseau.projects.models import Milestone
from tests.factories import MemberFactory, NetworkFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(world):
    # Past the stages where the focal point edits the project itself: follow-up is still theirs.
    return ProjectFactory(network=world.hue.network, lead_member=world.hue, stage="in_implementation")


@pytest.fixture
def milestone(project):
    return Milestone.objects.create(project=project, title_en="Feasibility study", due_date=datetime.date(2025, 3, 1))


def _add_url(project) -> str:
    return reverse("projects:milestone_add", kwargs={"code": project.code})


def _edit_url(milestone) -> str:
    return reverse("projects:milestone_edit", kwargs={"code": milestone.project.code, "pk": milestone.pk})


def _client_for(world, user):
    client = world.client_for("anonymous")
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("role", "status"),
    [("partner", 403), ("focal_point", 200), ("coordinator", 200), ("secretariat", 200)],
)
def test_who_keeps_the_milestones(world, milestone, role, status):
    client = world.client_for(role)
    assert client.get(_add_url(milestone.project)).status_code == status
    assert client.get(_edit_url(milestone)).status_code == status


def test_anonymous_visitors_are_sent_to_sign_in(world, milestone):
    response = world.client_for("anonymous").get(_add_url(milestone.project))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_partners_are_refused_even_on_a_shared_project(world, milestone):
    milestone.project.shared_with_partners = True
    milestone.project.save()
    assert world.client_for("partner").get(_add_url(milestone.project)).status_code == 403


def test_focal_points_of_joining_members_only(world, project, milestone):
    vientiane = UserFactory(
        email="focal.vientiane@reseau.test", role=Role.FOCAL_POINT, member=world.vientiane, network=project.network
    )
    client = _client_for(world, vientiane)
    assert client.get(_add_url(project)).status_code == 403
    assert client.get(_edit_url(milestone)).status_code == 403
    project.members.add(world.vientiane)
    assert client.get(_add_url(project)).status_code == 200
    assert client.get(_edit_url(milestone)).status_code == 200


def test_other_networks_do_not_find_the_project(world, project):
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    coordinator = UserFactory(email="coordinator.maghreb@reseau.test", role=Role.COORDINATOR, network=maghreb)
    tunis = MemberFactory(network=maghreb, slug="tunis", name_en="Tunis")
    focal = UserFactory(email="focal.tunis@reseau.test", role=Role.FOCAL_POINT, member=tunis, network=maghreb)
    for user in (coordinator, focal):
        assert _client_for(world, user).get(_add_url(project)).status_code == 404


def test_add_a_milestone(world, project):
    client = world.client_for("focal_point")
    response = client.post(
        _add_url(project),
        {"title_en": "", "title_fr": "Étude de faisabilité", "due_date": "2025-09-30", "status": "planned"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{project.get_absolute_url()}#milestones"
    milestone = Milestone.objects.get(project=project)
    assert milestone.title_fr == "Étude de faisabilité"
    assert milestone.due_date == datetime.date(2025, 9, 30)
    assert milestone.status == "planned"
    assert milestone.done_on is None


def test_mark_a_milestone_done_with_its_date(world, milestone):
    client = world.client_for("coordinator")
    data = {"title_en": "Feasibility study", "due_date": "2025-03-01", "status": "done", "done_on": "2025-03-04"}
    assert client.post(_edit_url(milestone), data).status_code == 302
    milestone.refresh_from_db()
    assert milestone.status == "done"
    assert milestone.done_on == datetime.date(2025, 3, 4)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"status": "done", "done_on": ""}, "done_on", "Give the date the milestone was done."),
        ({"status": "planned", "done_on": "2025-03-04"}, "done_on", "Remove this date, or set the status to “Done”."),
        ({"title_en": "  ", "title_fr": ""}, "title_en", "Enter the milestone in English, in French or in both."),
        ({"due_date": ""}, "due_date", "This field is required."),
        ({"due_date": "31/02/2025"}, "due_date", "Enter a valid date."),
        ({"status": "finished"}, "status", "Select a valid choice."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(world, milestone, data, field, message):
    before = Milestone.objects.values().get(pk=milestone.pk)
    typed = {"title_en": "Feasibility study", "due_date": "2025-03-01", "status": "planned", "done_on": "", **data}
    response = world.client_for("coordinator").post(_edit_url(milestone), typed)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert f'id="id_{field}_error"' in page
    assert Milestone.objects.values().get(pk=milestone.pk) == before


def test_done_in_the_future_is_refused(world, milestone):
    # Two days ahead: the reader's time zone may already be on tomorrow.
    tomorrow = timezone.localdate() + datetime.timedelta(days=2)
    data = {"title_en": "Study", "due_date": "2025-03-01", "status": "done", "done_on": tomorrow.isoformat()}
    page = world.client_for("coordinator").post(_edit_url(milestone), data).content.decode()
    assert "The date it was done cannot be in the future." in page


def test_a_milestone_of_another_project_is_not_found(world, milestone):
    other = ProjectFactory(network=world.hue.network, lead_member=world.hue)
    url = reverse("projects:milestone_edit", kwargs={"code": other.code, "pk": milestone.pk})
    assert world.client_for("coordinator").get(url).status_code == 404


def test_html_typed_is_shown_back_escaped(world, project):
    data = {"title_en": "<script>x</script>", "due_date": "", "status": "planned"}
    page = world.client_for("coordinator").post(_add_url(project), data).content.decode()
    assert "<script>x</script>" not in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page
