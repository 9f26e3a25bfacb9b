from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reseau.accounts.models import Role
from reseau.audit.models import AuditEvent
from reseau.partners.models import Interaction
from tests.factories import InteractionFactory, NetworkFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.date(2024, 1, 15)


def _done_url(interaction: Interaction) -> str:
    return reverse("partners:next_step_done", kwargs={"pk": interaction.pk})


@pytest.fixture
def overdue(world):
    owner = UserFactory(full_name="Chantal Dupont", role=Role.COORDINATOR, network=world.hue.network)
    return InteractionFactory(
        organisation=OrganisationFactory(name_en="French Development Agency", acronym="AFD"),
        network=world.hue.network,
        next_step="Send the concept note",
        next_step_owner=owner,
        next_step_due=LONG_AGO,
    )


def test_an_overdue_next_step_is_on_the_coordinators_home_until_marked_done(world, overdue):
    client = world.client_for("coordinator")
    page = client.get("/").content.decode()
    assert "Next steps overdue" in page
    assert "Send the concept note" in page
    assert "French Development Agency (AFD)" in page
    assert "Chantal Dupont" in page
    assert "Due 15/01/2024" in page
    assert overdue.organisation.get_absolute_url() in page
    assert "Mark done" in page

    response = client.post(_done_url(overdue), {"next": "/"}, follow=True)
    assert response.redirect_chain == [("/", 302)]
    assert "Next step marked as done: Send the concept note" in response.content.decode()
    overdue.refresh_from_db()
    assert overdue.next_step_done_on is not None
    page = client.get("/").content.decode()
    assert "Send the concept note" not in page
    assert "No next step is overdue." in page
    event = AuditEvent.objects.get()
    assert event.action == "updated"
    assert "next_step_done_on" in event.changes


def test_the_secretariat_sees_every_networks_overdue_steps(world, overdue):
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb")
    InteractionFactory(network=maghreb, next_step="Call the Tunis office", next_step_due=LONG_AGO)
    secretariat = world.client_for("secretariat").get("/").content.decode()
    assert "Send the concept note" in secretariat
    assert "Call the Tunis office" in secretariat
    coordinator = world.client_for("coordinator").get("/").content.decode()
    assert "Send the concept note" in coordinator
    assert "Call the Tunis office" not in coordinator


def test_steps_not_yet_due_done_or_without_a_date_are_not_overdue(world):
    today = timezone.localdate()
    network = world.hue.network
    InteractionFactory(network=network, next_step="Due later", next_step_due=today + datetime.timedelta(days=3))
    InteractionFactory(network=network, next_step="Already done", next_step_due=LONG_AGO, next_step_done_on=LONG_AGO)
    InteractionFactory(network=network, next_step="No date")
    page = world.client_for("coordinator").get("/").content.decode()
    assert "Due later" not in page
    assert "Already done" not in page
    assert "No date" not in page
    assert "No next step is overdue." in page


def test_the_ten_oldest_are_shown_with_the_total(world):
    for day in range(1, 13):
        InteractionFactory(
            network=world.hue.network, next_step=f"Step of day {day:02}", next_step_due=datetime.date(2024, 1, day)
        )
    page = world.client_for("coordinator").get("/").content.decode()
    assert "Step of day 01" in page
    assert "Step of day 10" in page
    assert "Step of day 11" not in page
    assert "The 10 oldest of 12 are shown." in page


@pytest.mark.parametrize("role", ["focal_point", "partner"])
def test_focal_points_and_partners_see_no_next_steps(world, overdue, role):
    client = world.client_for(role)
    page = client.get("/").content.decode()
    assert "Next steps overdue" not in page
    assert "Send the concept note" not in page
    assert client.post(_done_url(overdue)).status_code == 403
    overdue.refresh_from_db()
    assert overdue.next_step_done_on is None


def test_marking_done_takes_a_post(world, overdue):
    assert world.client_for("coordinator").get(_done_url(overdue)).status_code == 405
    assert world.client_for("anonymous").get(_done_url(overdue)).status_code == 405


def test_without_next_the_organisation_page_is_shown_and_foreign_addresses_are_ignored(world, overdue):
    client = world.client_for("coordinator")
    response = client.post(_done_url(overdue), {"next": "https://evil.example/"})
    assert response["Location"] == overdue.organisation.get_absolute_url()
    page = client.get(overdue.organisation.get_absolute_url()).content.decode()
    assert "Next step marked as done: Send the concept note" in page
    assert "Done on" in page


def test_marking_done_twice_keeps_the_first_date(world, overdue):
    client = world.client_for("coordinator")
    client.post(_done_url(overdue))
    Interaction.objects.filter(pk=overdue.pk).update(next_step_done_on=LONG_AGO)
    client.post(_done_url(overdue))
    overdue.refresh_from_db()
    assert overdue.next_step_done_on == LONG_AGO
