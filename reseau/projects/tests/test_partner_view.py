"""What a partner reads of the projects: those shared with partners; the others are counted, not shown.
The network's staff share a project from its edit form, and the history records it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reseau.audit.models import AuditEvent
from reseau.audit.services import audit_subject_key
from reseau.projects.models import Project, Stage
from tests.factories import MemberFactory, NetworkFactory, ProjectFactory

pytestmark = pytest.mark.django_db

LIST = reverse("projects:project_list")


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def projects(world):
    network = world.hue.network
    shared = ProjectFactory(
        network=network, code="fsm-vientiane", title_en="FSM in Vientiane", lead_member=world.vientiane
    )
    Project.objects.filter(pk=shared.pk).update(shared_with_partners=True)
    for code, lead in (("fsm-hue", world.hue), ("water-hue", world.hue), ("hub-vientiane", world.vientiane)):
        ProjectFactory(network=network, code=code, title_en=f"Project {code}", lead_member=lead)
    return shared


def test_a_partner_reads_the_shared_projects(world, projects):
    assert "FSM in Vientiane" in _page(world.client_for("partner"), LIST)


def test_a_partner_does_not_see_the_projects_not_shared(world, projects):
    assert "Project fsm-hue" not in _page(world.client_for("partner"), LIST)


def test_the_list_counts_the_projects_not_shared(world, projects):
    assert "3 projects are not shared with partners." in _page(world.client_for("partner"), LIST)


def test_the_count_follows_the_filters(world, projects):
    page = _page(world.client_for("partner"), f"{LIST}?member=hue")
    assert "2 projects are not shared with partners." in page


def test_with_nothing_shared_the_list_does_not_say_there_is_no_project(world, projects):
    Project.objects.update(shared_with_partners=False)
    page = _page(world.client_for("partner"), LIST)
    assert "No project" not in page
    assert "4 projects are not shared with partners." in page


def test_with_no_project_at_all_the_partner_reads_that_none_is_shared(world):
    assert "No project is shared with partners yet." in _page(world.client_for("partner"), LIST)


def test_the_board_counts_the_projects_not_shared(world, projects):
    page = _page(world.client_for("partner"), reverse("projects:board"))
    assert "3 projects are not shared with partners." in page


def test_the_network_reads_every_project_and_no_such_count(world, projects):
    assert "not shared with partners" not in _page(world.client_for("coordinator"), LIST)


def test_another_networks_projects_are_not_counted(world, projects):
    maghreb = NetworkFactory(code="maghreb", name_en="Maghreb")
    ProjectFactory(network=maghreb, code="tunis-water", lead_member=MemberFactory(network=maghreb, slug="tunis"))
    assert "3 projects are not shared with partners." in _page(world.client_for("partner"), LIST)


def test_the_member_page_shows_the_shared_project(world, projects):
    assert "FSM in Vientiane" in _page(world.client_for("partner"), world.vientiane.get_absolute_url())


def test_the_member_page_counts_its_projects_not_shared(world, projects):
    page = _page(world.client_for("partner"), world.vientiane.get_absolute_url())
    assert "1 project is not shared with partners." in page


def test_the_member_page_does_not_say_no_project_when_some_are_not_shared(world, projects):
    page = _page(world.client_for("partner"), world.hue.get_absolute_url())
    assert "No project yet." not in page
    assert "2 projects are not shared with partners." in page


def test_a_direct_link_to_a_project_not_shared_says_so(world, projects):
    response = world.client_for("partner").get(reverse("projects:project_detail", kwargs={"code": "fsm-hue"}))
    assert response.status_code == 403
    assert "This project is not shared with partners." in response.content.decode()


def test_another_networks_project_is_not_found(world, projects):
    maghreb = NetworkFactory(code="maghreb", name_en="Maghreb")
    ProjectFactory(network=maghreb, code="tunis-water", lead_member=MemberFactory(network=maghreb, slug="tunis"))
    response = world.client_for("partner").get(reverse("projects:project_detail", kwargs={"code": "tunis-water"}))
    assert response.status_code == 404


# --- Sharing ---------------------------------------------------------------------------------


def _edit(client, project: Project, **data):
    fields = {
        "title_en": project.title_en,
        "title_fr": "",
        "summary_en": "",
        "currency": "EUR",
        "lead_member": project.lead_member_id,
    }
    fields.update(data)
    return client.post(reverse("projects:project_edit", kwargs={"code": project.code}), fields)


def test_the_coordinator_shares_a_project_with_partners(world, projects):
    hub = Project.objects.get(code="hub-vientiane")
    Project.objects.filter(pk=hub.pk).update(stage=Stage.DESIGN)
    response = _edit(world.client_for("coordinator"), hub, shared_with_partners="on")
    assert response.status_code == 302
    assert "Project hub-vientiane" in _page(world.client_for("partner"), LIST)


def test_sharing_is_recorded_in_the_history(world, projects):
    hub = Project.objects.get(code="hub-vientiane")
    _edit(world.client_for("coordinator"), hub, shared_with_partners="on")
    event = AuditEvent.objects.get(subject=audit_subject_key(hub), action=AuditEvent.Action.UPDATED)
    assert event.changes["shared_with_partners"] == [False, True]


def test_the_project_page_history_shows_the_sharing(world, projects):
    hub = Project.objects.get(code="hub-vientiane")
    _edit(world.client_for("coordinator"), hub, shared_with_partners="on")
    page = _page(world.client_for("coordinator"), hub.get_absolute_url())
    history = page[page.index("History of changes") :]
    assert "Shared with partners" in history


def test_the_secretariat_stops_sharing_a_project(world, projects):
    _edit(world.client_for("secretariat"), projects)
    projects.refresh_from_db()
    assert not projects.shared_with_partners


def test_the_edit_form_offers_the_sharing_control_to_staff(world, projects):
    page = _page(world.client_for("coordinator"), reverse("projects:project_edit", kwargs={"code": "fsm-hue"}))
    assert 'name="shared_with_partners"' in page
