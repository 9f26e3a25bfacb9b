from __future__ import annotations

import pytest
from django.urls import reverse

from reseau.audit.models import AuditEvent
from reseau.partners.models import OrganisationContact
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _add_url(organisation) -> str:
    return reverse("partners:contact_add", kwargs={"pk": organisation.pk})


def _remove_url(contact: OrganisationContact) -> str:
    return reverse("partners:contact_remove", kwargs={"pk": contact.organisation_id, "contact_pk": contact.pk})


def test_the_person_list_is_ordered_by_name_with_titles(world):
    organisation = OrganisationFactory()
    PersonFactory(member=None, name="Zoé Martin", title_en="Programme officer")
    PersonFactory(member=world.hue, name="Anh Nguyễn")
    page = world.client_for("coordinator").get(_add_url(organisation)).content.decode()
    assert page.index("Anh Nguyễn") < page.index("Zoé Martin — Programme officer")


def test_coordinator_adds_a_contact_with_a_role_and_it_is_in_the_history(world):
    organisation = OrganisationFactory(name_en="French Embassy in Cambodia", kind="embassy")
    person = PersonFactory(member=None, name="Claire Dubois", title_en="Cooperation attaché")
    client = world.client_for("coordinator")
    response = client.post(
        _add_url(organisation), {"person": person.pk, "role": "Decentralised cooperation"}, follow=True
    )
    page = response.content.decode()
    assert "Contact added." in page
    assert "Claire Dubois" in page
    assert "Decentralised cooperation" in page
    contact = OrganisationContact.objects.get()
    assert contact.person == person
    assert contact.organisation == organisation
    event = AuditEvent.objects.get()
    assert event.subject == f"partners.organisation:{organisation.pk}"
    assert event.action == "created"


def test_the_same_person_cannot_be_added_twice(world):
    organisation = OrganisationFactory()
    person = PersonFactory(member=None)
    OrganisationContact.objects.create(organisation=organisation, person=person)
    response = world.client_for("coordinator").post(_add_url(organisation), {"person": person.pk, "role": ""})
    assert response.status_code == 200
    assert "already a contact of this organisation" in response.content.decode()
    assert OrganisationContact.objects.count() == 1


def test_an_unknown_person_is_refused(world):
    organisation = OrganisationFactory()
    response = world.client_for("coordinator").post(_add_url(organisation), {"person": 9999, "role": ""})
    assert "Select a valid choice" in response.content.decode()
    assert not OrganisationContact.objects.exists()


@pytest.mark.parametrize("role", ["focal_point", "partner"])
def test_only_staff_add_or_remove_contacts(world, role):
    organisation = OrganisationFactory(shared_with_partners=True)
    contact = OrganisationContact.objects.create(organisation=organisation, person=PersonFactory(member=None))
    client = world.client_for(role)
    assert client.get(_add_url(organisation)).status_code == 403
    assert client.post(_remove_url(contact)).status_code == 403
    assert OrganisationContact.objects.count() == 1


def test_removing_a_contact_takes_a_post_and_leaves_a_history_row(world):
    organisation = OrganisationFactory()
    person = PersonFactory(member=None, name="Claire Dubois")
    contact = OrganisationContact.objects.create(organisation=organisation, person=person, role="Attaché")
    client = world.client_for("secretariat")
    assert client.get(_remove_url(contact)).status_code == 405
    response = client.post(_remove_url(contact), follow=True)
    page = response.content.decode()
    assert "Claire Dubois is no longer listed as a contact." in page
    assert not OrganisationContact.objects.exists()
    event = AuditEvent.objects.get()
    assert event.action == "deleted"
    assert event.changes["role"] == ["Attaché", None]
    # The person stays in the registry.
    person.refresh_from_db()


def test_a_contact_of_another_organisation_is_404(world):
    mine, other = OrganisationFactory(), OrganisationFactory()
    contact = OrganisationContact.objects.create(organisation=other, person=PersonFactory(member=None))
    url = reverse("partners:contact_remove", kwargs={"pk": mine.pk, "contact_pk": contact.pk})
    assert world.client_for("coordinator").post(url).status_code == 404
    assert OrganisationContact.objects.count() == 1


def _maghreb_person():
    """A person of a member of another network, whose pages the RVASE coordinator cannot open."""
    from tests.factories import CountryFactory, MemberFactory, NetworkFactory

    maghreb = NetworkFactory(code="maghreb", acronym="", name_en="AIMF Maghreb Network")
    tunis = MemberFactory(network=maghreb, country=CountryFactory(code="TN", name_en="Tunisia"), slug="tunis")
    return PersonFactory(member=tunis, name="Leïla Ben Salah", email="leila@tunis.example")


def test_another_networks_people_are_not_offered_to_a_coordinator(world):
    _maghreb_person()
    page = world.client_for("coordinator").get(_add_url(OrganisationFactory())).content.decode()
    assert "Leïla Ben Salah" not in page


def test_the_secretariat_is_offered_every_networks_people(world):
    _maghreb_person()
    page = world.client_for("secretariat").get(_add_url(OrganisationFactory())).content.decode()
    assert "Leïla Ben Salah" in page


def test_a_coordinator_cannot_add_another_networks_person_by_forging_the_choice(world):
    person = _maghreb_person()
    response = world.client_for("coordinator").post(_add_url(OrganisationFactory()), {"person": person.pk})
    assert "Select a valid choice" in response.content.decode()
    assert not OrganisationContact.objects.exists()


def test_another_networks_contact_and_email_stay_hidden_from_a_coordinator(world):
    organisation = OrganisationFactory()
    OrganisationContact.objects.create(organisation=organisation, person=_maghreb_person())
    page = world.client_for("coordinator").get(organisation.get_absolute_url()).content.decode()
    assert "leila@tunis.example" not in page


def test_another_networks_contact_stays_out_of_a_coordinators_contacts_export(world):
    organisation = OrganisationFactory()
    OrganisationContact.objects.create(organisation=organisation, person=_maghreb_person())
    url = reverse("exchange:export", kwargs={"kind": "contacts", "fmt": "csv"})
    export = world.client_for("coordinator").get(url).content.decode()
    assert "leila@tunis.example" not in export
