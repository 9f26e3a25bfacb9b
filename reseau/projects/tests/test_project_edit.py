"""Editing a project: who may, while when, and what never changes here."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from reseau.accounts.models import Role
from reseau.audit.models import AuditEvent
from reseau.audit.services import audit_subject_key
from reseau.projects.models import Project, Stage
from tests.factories import MemberFactory, NetworkFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(world):
    return ProjectFactory(
        network=world.hue.network,
        code="rvase-2025-fsm-hue",
        title_en="FSM in Huế",
        lead_member=world.hue,
        stage=Stage.PROPOSED,
    )


def _url(project: Project) -> str:
    return reverse("projects:project_edit", kwargs={"code": project.code})


def _data(**overrides) -> dict:
    data = {"title_en": "FSM in Huế, phase 2", "title_fr": "GBV à Huế", "summary_en": "", "currency": "EUR"}
    data.update(overrides)
    return data


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_focal_point_edits_its_own_proposal(world, project):
    client = world.client_for("focal_point")
    page = client.get(_url(project)).content.decode()
    assert "<h1>Edit FSM in Huế</h1>" in page
    assert 'name="lead_member"' not in page
    assert 'name="stage"' not in page
    response = client.post(_url(project), _data())
    assert response.status_code == 302
    assert response["Location"] == project.get_absolute_url()
    project.refresh_from_db()
    assert project.title_en == "FSM in Huế, phase 2"
    assert project.title_fr == "GBV à Huế"
    assert project.lead_member == world.hue
    assert "Changes saved." in client.get(response["Location"]).content.decode()
    assert AuditEvent.objects.filter(subject=audit_subject_key(project), action="updated").count() == 1


def test_the_focal_point_edits_again_once_returned_but_not_in_between(world, project):
    client = world.client_for("focal_point")
    for stage, status in [(Stage.UNDER_DISCUSSION, 403), (Stage.SUBMITTED, 403), (Stage.RETURNED, 200)]:
        Project.objects.filter(pk=project.pk).update(stage=stage)
        assert client.get(_url(project)).status_code == status, stage
    Project.objects.filter(pk=project.pk).update(stage=Stage.DESIGN)
    assert client.post(_url(project), _data()).status_code == 403
    project.refresh_from_db()
    assert project.title_en == "FSM in Huế"


def test_the_focal_point_of_another_member_cannot_edit(world, project):
    vientiane_focal_point = UserFactory(
        email="focal.vientiane@reseau.test", role=Role.FOCAL_POINT, member=world.vientiane, network=world.hue.network
    )
    client = _client(vientiane_focal_point)
    assert client.get(project.get_absolute_url()).status_code == 200
    assert client.get(_url(project)).status_code == 403
    assert client.post(_url(project), _data()).status_code == 403
    assert "Edit</a>" not in client.get(project.get_absolute_url()).content.decode()


def test_partners_cannot_edit(world, project):
    assert world.client_for("partner").get(_url(project)).status_code == 403
    Project.objects.filter(pk=project.pk).update(shared_with_partners=True)
    assert world.client_for("partner").get(_url(project)).status_code == 403
    assert world.client_for("anonymous").get(_url(project)).status_code == 302


def test_a_coordinator_of_another_network_does_not_see_it(world, project):
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    coordinator = UserFactory(email="coordinator.maghreb@reseau.test", role=Role.COORDINATOR, network=maghreb)
    assert _client(coordinator).get(_url(project)).status_code == 404


def test_staff_edit_at_any_stage_but_never_the_stage_nor_the_code(world, project):
    Project.objects.filter(pk=project.pk).update(stage=Stage.SEEKING_FUNDING)
    client = world.client_for("coordinator")
    page = client.get(_url(project)).content.decode()
    assert 'name="code"' in page
    assert "disabled" in page
    response = client.post(
        _url(project),
        _data(
            code="another-code",
            stage=Stage.COMPLETED,
            stage_since="2020-01-01",
            lead_member=world.vientiane.pk,
            members=[world.hue.pk],
            shared_with_partners="on",
        ),
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.code == "rvase-2025-fsm-hue"
    assert project.stage == Stage.SEEKING_FUNDING
    assert project.lead_member == world.vientiane
    assert list(project.members.all()) == [world.hue]
    assert project.shared_with_partners


def test_the_lead_member_stays_in_the_projects_network(world, project):
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    tunis = MemberFactory(network=maghreb, country=world.hue.country, slug="tunis", name_en="Tunis")
    client = world.client_for("secretariat")
    assert "Tunis" not in client.get(_url(project)).content.decode()
    response = client.post(_url(project), _data(lead_member=tunis.pk))
    assert response.status_code == 200
    assert "lead_member" in response.context["form"].errors
    project.refresh_from_db()
    assert project.lead_member == world.hue


def test_bad_input_on_edit(world, project):
    client = world.client_for("coordinator")
    response = client.post(
        _url(project),
        _data(lead_member=world.hue.pk, start_date="2026-01-01", end_date="2025-01-01", total_budget="-1"),
    )
    errors = response.context["form"].errors
    assert errors["end_date"] == ["The end date cannot be before the start date."]
    assert errors["total_budget"] == ["An amount cannot be negative."]
    project.refresh_from_db()
    assert project.start_date is None


def test_saving_nothing_new_says_so(world, project):
    client = world.client_for("focal_point")
    client.post(_url(project), _data())
    response = client.post(_url(project), _data(), follow=True)
    assert "Nothing was changed." in response.content.decode()
