"""The change-of-stage page: only allowed moves are offered, refusals say why, never a 500."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from reseau.accounts.models import Role
from reseau.audit.models import AuditEvent
from reseau.audit.services import audit_subject_key
from reseau.projects.models import Project, Stage, Transition
from tests.factories import ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(world):
    return ProjectFactory(
        network=world.hue.network, code="rvase-2025-fsm-hue", title_en="FSM in Huế", lead_member=world.hue
    )


def _url(project: Project) -> str:
    return reverse("projects:project_transition", kwargs={"code": project.code})


def _offered(page: str) -> list[str]:
    return re.findall(r'type="radio" name="to_stage" value="([a-z_]+)"', page)


def _set_stage(project: Project, stage: str) -> None:
    Project.objects.filter(pk=project.pk).update(stage=stage)


def test_the_coordinator_is_offered_the_next_stage_and_abandoning(world, project):
    page = world.client_for("coordinator").get(_url(project)).content.decode()
    assert _offered(page) == ["under_discussion", "abandoned"]
    assert "Abandoned (say why in the comment)" in page
    assert "<h1>Change the stage of FSM in Huế</h1>" in page


def test_only_the_secretariat_is_offered_validation(world, project):
    _set_stage(project, Stage.SUBMITTED)
    assert _offered(world.client_for("coordinator").get(_url(project)).content.decode()) == ["abandoned"]
    secretariat = world.client_for("secretariat").get(_url(project)).content.decode()
    assert _offered(secretariat) == ["validated", "returned", "abandoned"]


def test_a_move_is_recorded_with_its_comment(world, project):
    client = world.client_for("coordinator")
    response = client.post(_url(project), {"to_stage": "under_discussion", "comment": "  Discussed in Phnom Penh. "})
    assert response.status_code == 302
    assert response["Location"] == project.get_absolute_url()
    project.refresh_from_db()
    assert project.stage == Stage.UNDER_DISCUSSION
    step = Transition.objects.get(project=project)
    assert (step.from_stage, step.to_stage, step.by, step.comment) == (
        "proposed",
        "under_discussion",
        world.users["coordinator"],
        "Discussed in Phnom Penh.",
    )
    assert AuditEvent.objects.filter(subject=audit_subject_key(project), action="updated").exists()
    page = client.get(response["Location"]).content.decode()
    assert "FSM in Huế moved from “Proposed” to “Under discussion”." in page


def test_an_illegal_move_is_refused_with_its_reason(world, project):
    response = world.client_for("coordinator").post(
        _url(project), {"to_stage": "validated", "comment": "Looks good to me"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "A project cannot go from “Proposed” to “Validated”." in page
    assert 'role="alert"' in page
    # The comment is kept, to try again.
    assert "Looks good to me</textarea>" in page
    project.refresh_from_db()
    assert project.stage == Stage.PROPOSED


def test_the_secretariats_decision_is_refused_to_the_coordinator(world, project):
    _set_stage(project, Stage.SUBMITTED)
    response = world.client_for("coordinator").post(_url(project), {"to_stage": "validated"})
    assert "Only the Permanent Secretariat can make this decision." in response.content.decode()
    assert Project.objects.get(pk=project.pk).stage == Stage.SUBMITTED


def test_returning_a_project_needs_the_secretariats_comments(world, project):
    _set_stage(project, Stage.SUBMITTED)
    client = world.client_for("secretariat")
    refused = client.post(_url(project), {"to_stage": "returned", "comment": "   "})
    assert refused.status_code == 200
    assert "Say why: a comment is required for this change." in refused.content.decode()
    assert Project.objects.get(pk=project.pk).stage == Stage.SUBMITTED

    client.post(_url(project), {"to_stage": "returned", "comment": "Add a budget per activity."})
    assert Project.objects.get(pk=project.pk).stage == Stage.RETURNED


def test_unknown_or_missing_stage(world, project):
    client = world.client_for("coordinator")
    page = client.post(_url(project), {"to_stage": "flying"}).content.decode()
    assert "“flying” is not a stage." in page
    page = client.post(_url(project), {"comment": "no stage"}).content.decode()
    assert "Choose the new stage." in page
    assert Project.objects.get(pk=project.pk).stage == Stage.PROPOSED


def test_a_stale_page_is_refused_not_crashed(world, project):
    """Someone else moved the project meanwhile: the second click is refused with the reason."""
    client = world.client_for("coordinator")
    client.post(_url(project), {"to_stage": "under_discussion"})
    page = client.post(_url(project), {"to_stage": "under_discussion"}).content.decode()
    assert "A project cannot go from “Under discussion” to “Under discussion”." in page


def test_the_focal_point_may_only_withdraw_its_own_proposal_with_a_reason(world, project):
    client = world.client_for("focal_point")
    page = client.get(_url(project)).content.decode()
    assert _offered(page) == ["abandoned"]

    refused = client.post(_url(project), {"to_stage": "under_discussion"}).content.decode()
    assert "Your role does not allow this change of stage." in refused
    no_reason = client.post(_url(project), {"to_stage": "abandoned"}).content.decode()
    assert "Say why: a comment is required for this change." in no_reason
    assert Project.objects.get(pk=project.pk).stage == Stage.PROPOSED

    client.post(_url(project), {"to_stage": "abandoned", "comment": "Merged with the Can Tho project."})
    project.refresh_from_db()
    assert project.stage == Stage.ABANDONED
    assert Transition.objects.get(project=project).comment == "Merged with the Can Tho project."


def test_the_focal_point_cannot_move_once_the_network_took_it_up(world, project):
    _set_stage(project, Stage.UNDER_DISCUSSION)
    client = world.client_for("focal_point")
    assert client.get(_url(project)).status_code == 403
    assert client.post(_url(project), {"to_stage": "abandoned", "comment": "No"}).status_code == 403
    assert "Change the stage" not in client.get(project.get_absolute_url()).content.decode()


def test_the_focal_point_of_another_member_cannot_move_it(world, project):
    other = UserFactory(
        email="focal.vientiane@reseau.test", role=Role.FOCAL_POINT, member=world.vientiane, network=world.hue.network
    )
    client = Client()
    client.force_login(other)
    assert client.get(_url(project)).status_code == 403
    assert client.post(_url(project), {"to_stage": "abandoned", "comment": "Not ours"}).status_code == 403


def test_partners_cannot_move_projects(world, project):
    assert world.client_for("partner").get(_url(project)).status_code == 403
    Project.objects.filter(pk=project.pk).update(shared_with_partners=True)
    assert world.client_for("partner").get(_url(project)).status_code == 403
    assert world.client_for("partner").post(_url(project), {"to_stage": "under_discussion"}).status_code == 403
    assert world.client_for("anonymous").post(_url(project), {"to_stage": "under_discussion"}).status_code == 302
    assert Project.objects.get(pk=project.pk).stage == Stage.PROPOSED


def test_back_to_the_board_after_moving_a_card(world, project):
    client = world.client_for("coordinator")
    board = reverse("projects:board") + "?theme=urban-sanitation"
    page = client.get(_url(project), {"next": board}).content.decode()
    assert 'name="next" value="/projects/board/?theme=urban-sanitation"' in page
    response = client.post(_url(project), {"to_stage": "under_discussion", "next": board})
    assert response["Location"] == board


def test_a_next_address_elsewhere_is_ignored(world, project):
    response = world.client_for("coordinator").post(
        _url(project), {"to_stage": "under_discussion", "next": "https://evil.example/"}
    )
    assert response["Location"] == project.get_absolute_url()
