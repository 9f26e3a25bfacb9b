from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from reseau.accounts.models import Role
from reseau.partners import services
from reseau.partners.models import OrganisationContact
from tests.factories import InteractionFactory, NetworkFactory, OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def adb(world):
    organisation = OrganisationFactory(
        name_en="Asian Development Bank",
        name_fr="Banque asiatique de développement",
        acronym="ADB",
        website="https://www.adb.org/",
        notes="Funds the CWIS programme.",
        shared_with_partners=True,
    )
    contact = PersonFactory(member=None, name="Sokha Chan", title_en="Urban specialist", email="sokha@adb.example")
    OrganisationContact.objects.create(organisation=organisation, person=contact, role="Programme officer")
    services.relationship_set_stage(
        actor=world.users["coordinator"],
        organisation=organisation,
        network=world.hue.network,
        stage="contacted",
        on=datetime.date(2024, 1, 10),
    )
    services.relationship_set_stage(
        actor=world.users["coordinator"],
        organisation=organisation,
        network=world.hue.network,
        stage="in_dialogue",
        on=datetime.date(2024, 3, 5),
        reason="Agreed to study a faecal sludge management project.",
    )
    InteractionFactory(
        organisation=organisation,
        network=world.hue.network,
        date=datetime.date(2024, 3, 1),
        summary="Confidential budget discussion",
        next_step="Send the concept note",
    )
    return organisation


def test_staff_see_names_contacts_stages_and_the_timeline_in_date_order(world, adb):
    page = world.client_for("coordinator").get(adb.get_absolute_url()).content.decode()
    assert "Asian Development Bank" in page
    assert "Banque asiatique de développement" in page
    assert "https://www.adb.org/" in page
    assert "Funds the CWIS programme." in page
    assert "Sokha Chan" in page
    assert "Urban specialist" in page
    assert "Programme officer" in page
    assert "sokha@adb.example" in page
    assert "Agreed to study a faecal sludge management project." in page
    assert f"recorded by {world.users['coordinator']}" in page
    # Newest first: the stage change of 5 March, the meeting of 1 March, the first contact of 10 January.
    timeline = page[page.index('id="timeline-title"') :]
    reason = timeline.index("Agreed to study")
    meeting = timeline.index("Confidential budget discussion")
    first = timeline.index("first stage recorded")
    assert reason < meeting < first
    assert "Record an interaction" in page
    assert "Change the stage" in page
    assert "History of changes" in page


def test_french_readers_get_the_french_name_first(world, adb):
    user = world.users["coordinator"]
    user.language = "fr"
    user.save()
    page = world.client_for("coordinator").get(adb.get_absolute_url()).content.decode()
    assert "<title>Banque asiatique de développement" in page


def test_focal_point_reads_stages_but_not_interactions_or_emails(world, adb):
    page = world.client_for("focal_point").get(adb.get_absolute_url()).content.decode()
    assert "Sokha Chan" in page
    assert "In dialogue" in page
    assert "Agreed to study" in page
    assert "Confidential budget discussion" not in page
    assert "Send the concept note" not in page
    assert "sokha@adb.example" not in page
    assert "Record an interaction" not in page
    assert "History of changes" not in page


def test_partner_reads_a_shared_organisation_without_interactions_stages_or_emails(world, adb):
    page = world.client_for("partner").get(adb.get_absolute_url()).content.decode()
    assert "Asian Development Bank" in page
    assert "Sokha Chan" in page
    assert "Confidential budget discussion" not in page
    assert "Send the concept note" not in page
    assert "Agreed to study" not in page
    assert "In dialogue" not in page
    assert "sokha@adb.example" not in page
    assert "Edit" not in page


def test_partner_gets_404_for_an_organisation_not_shared_and_not_its_own(world):
    private = OrganisationFactory(name_en="Private donor")
    own = OrganisationFactory(name_en="Partner's own organisation")
    partner = world.users["partner"]
    partner.organisation = own
    partner.save()
    client = world.client_for("partner")
    assert client.get(private.get_absolute_url()).status_code == 404
    assert client.get(own.get_absolute_url()).status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(world, adb):
    response = world.client_for("anonymous").get(adb.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_coordinator_sees_only_its_own_networks_interactions(world, adb):
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    InteractionFactory(organisation=adb, network=maghreb, summary="Maghreb meeting in Tunis")
    assert (
        "Maghreb meeting in Tunis" not in world.client_for("coordinator").get(adb.get_absolute_url()).content.decode()
    )
    assert "Maghreb meeting in Tunis" in world.client_for("secretariat").get(adb.get_absolute_url()).content.decode()


def test_the_next_step_shows_its_owner_and_whether_it_is_overdue(world, adb):
    owner = UserFactory(full_name="Chantal Dupont", role=Role.COORDINATOR, network=world.hue.network)
    InteractionFactory(
        organisation=adb,
        network=world.hue.network,
        date=datetime.date(2024, 4, 1),
        summary="Call",
        next_step="Share the feasibility study",
        next_step_owner=owner,
        next_step_due=datetime.date(2024, 4, 15),
    )
    page = world.client_for("coordinator").get(adb.get_absolute_url()).content.decode()
    assert "Share the feasibility study" in page
    assert "Chantal Dupont" in page
    assert "Overdue since" in page
    assert "Mark the next step done" in page


def test_unknown_organisation_is_404(world):
    assert (
        world.client_for("secretariat").get(reverse("partners:organisation_detail", kwargs={"pk": 999})).status_code
        == 404
    )
