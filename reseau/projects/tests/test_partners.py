"""Adding a partner organisation to a project, with its role."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reseau.accounts.models import Role
from reseau.audit.models import AuditEvent
from reseau.projects.models import ProjectPartner
from tests.factories import NetworkFactory, OrganisationFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(world):
    return ProjectFactory(network=world.hue.network, lead_member=world.hue, stage="proposed")


def _url(project) -> str:
    return reverse("projects:partner_add", kwargs={"code": project.code})


@pytest.mark.parametrize(
    ("role", "status"),
    [("partner", 403), ("focal_point", 403), ("coordinator", 200), ("secretariat", 200)],
)
def test_only_the_networks_staff_add_partners(world, project, role, status):
    # Even at the "proposed" stage, when the focal point may still edit the project itself.
    assert world.client_for(role).get(_url(project)).status_code == status
    assert world.client_for(role).post(_url(project), {"role": "donor"}).status_code == status


def test_anonymous_visitors_are_sent_to_sign_in(world, project):
    response = world.client_for("anonymous").get(_url(project))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_partner_reading_a_shared_project_is_still_refused(world, project):
    project.shared_with_partners = True
    project.save()
    assert world.client_for("partner").get(_url(project)).status_code == 403


def test_a_coordinator_of_another_network_does_not_find_the_project(world, project):
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    theirs = UserFactory(email="coordinator.maghreb@reseau.test", role=Role.COORDINATOR, network=maghreb)
    client = world.client_for("anonymous")
    client.force_login(theirs)
    assert client.get(_url(project)).status_code == 404


def test_staff_add_a_partner_with_its_role(world, project):
    university = OrganisationFactory(name_en="Université de Huế", kind="university")
    client = world.client_for("coordinator")
    page = client.get(_url(project)).content.decode()
    assert "Université de Huế" in page
    assert "Technical partner" in page
    response = client.post(_url(project), {"organisation": university.pk, "role": "university"})
    assert response.status_code == 302
    assert response["Location"] == f"{project.get_absolute_url()}#partners"
    partner = ProjectPartner.objects.get(project=project)
    assert (partner.organisation, partner.role) == (university, "university")
    assert AuditEvent.objects.filter(action="created").exists()


def test_the_same_role_twice_is_refused_with_a_message(world, project):
    donor = OrganisationFactory()
    ProjectPartner.objects.create(project=project, organisation=donor, role="donor")
    client = world.client_for("secretariat")
    page = client.post(_url(project), {"organisation": donor.pk, "role": "donor"}).content.decode()
    assert "This organisation already has this role in the project." in page
    assert ProjectPartner.objects.count() == 1
    # Another role for the same organisation is fine.
    assert client.post(_url(project), {"organisation": donor.pk, "role": "co_financer"}).status_code == 302


def test_missing_or_unknown_choices_are_refused(world, project):
    client = world.client_for("coordinator")
    page = client.post(_url(project), {"organisation": 999999, "role": "sponsor"}).content.decode()
    assert "Choose an organisation from the list." in page
    assert "Select a valid choice." in page
    assert not ProjectPartner.objects.exists()
