from __future__ import annotations

import pytest
from django.urls import reverse

from reseau.audit.models import AuditEvent
from reseau.exchange.models import ImportBatch
from reseau.exchange.tests.helpers import csv_bytes, review, upload, upload_and_apply, xlsx_bytes
from reseau.partners.models import OrganisationContact
from reseau.registry.models import Person
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

HEADER = ["organisation", "acronym", "person_name", "person_email", "role"]


@pytest.fixture
def organisations(catalogue):
    return (
        OrganisationFactory(name_en="Agence Française de Développement", name_fr="AFD (fr)", acronym="AFD"),
        OrganisationFactory(name_en="ນະຄອນຫຼວງວຽງຈັນ", acronym=""),
    )


def test_contacts_are_added_creating_the_people_not_yet_known(catalogue, organisations):
    afd, vientiane = organisations
    known = PersonFactory(member=catalogue.hue, name="Nguyễn Văn A", email="a@hue.vn")
    rows = [
        HEADER,
        ["Agence Française de Développement", "AFD", "Marie Dupont", "Marie.Dupont@AFD.fr", "Country director"],
        ["ນະຄອນຫຼວງວຽງຈັນ", "", "ສົມພອນ ວົງສາ", "", "Mayor's office"],
        ["agence francaise de developpement", "", "Nguyễn Văn A", "a@hue.vn", "Liaison"],
    ]
    batch = upload_and_apply(catalogue.client_for("coordinator"), "contacts", "contacts.xlsx", xlsx_bytes(rows))
    assert (batch.new_count, batch.invalid_count) == (3, 0)
    marie = Person.objects.get(email="marie.dupont@afd.fr")
    assert marie.member is None
    assert marie.name == "Marie Dupont"
    assert marie.organisation_en == "Agence Française de Développement"
    lao = Person.objects.get(name="ສົມພອນ ວົງສາ")
    assert lao.email is None
    assert lao.member is None
    assert OrganisationContact.objects.get(organisation=afd, person=marie).role == "Country director"
    assert OrganisationContact.objects.get(organisation=vientiane, person=lao).role == "Mayor's office"
    # A person already known by email is reused, not copied.
    assert OrganisationContact.objects.get(organisation=afd, person=known).role == "Liaison"
    assert Person.objects.count() == 3
    assert AuditEvent.objects.filter(subject=f"partners.organisation:{afd.pk}").count() == 3


def test_importing_contacts_twice_and_the_export_round_trip_create_no_duplicates(catalogue, organisations):
    rows = [
        HEADER,
        ["Agence Française de Développement", "AFD", "Marie Dupont", "marie@afd.fr", "Director"],
        ["ນະຄອນຫຼວງວຽງຈັນ", "", "ສົມພອນ ວົງສາ", "", ""],
    ]
    client = catalogue.client_for("coordinator")
    upload_and_apply(client, "contacts", "contacts.csv", csv_bytes(rows))
    events = AuditEvent.objects.count()
    again = upload_and_apply(client, "contacts", "contacts.csv", csv_bytes(rows))
    assert (again.new_count, again.unchanged_count) == (0, 2)
    exported = client.get(reverse("exchange:export", kwargs={"kind": "contacts", "fmt": "xlsx"})).content
    round_trip = upload_and_apply(client, "contacts", "export.xlsx", exported)
    assert (round_trip.new_count, round_trip.unchanged_count) == (0, 2)
    assert OrganisationContact.objects.count() == 2
    assert Person.objects.count() == 2
    assert AuditEvent.objects.count() == events


def test_a_changed_role_updates_the_contact(catalogue, organisations):
    person = PersonFactory(member=None, name="Marie Dupont", email="marie@afd.fr")
    contact = OrganisationContact.objects.create(organisation=organisations[0], person=person, role="Officer")
    rows = [HEADER, ["AFD", "", "Marie Dupont", "marie@afd.fr", "Director"]]
    batch = upload_and_apply(catalogue.client_for("coordinator"), "contacts", "contacts.csv", csv_bytes(rows))
    assert batch.update_count == 1
    contact.refresh_from_db()
    assert contact.role == "Director"


def test_an_email_known_under_another_name_is_a_warning(catalogue, organisations):
    PersonFactory(member=None, name="Marie Dupont-Martin", email="marie@afd.fr")
    client = catalogue.client_for("coordinator")
    upload(client, "contacts", "contacts.csv", csv_bytes([HEADER, ["AFD", "", "Marie Dupont", "marie@afd.fr", ""]]))
    batch = ImportBatch.objects.get()
    assert (batch.valid_count, batch.warning_count) == (1, 1)
    assert "belongs to Marie Dupont-Martin in Reseau" in review(client, batch).content.decode()


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (["Nobody Foundation", "", "Jane", "", ""], "organisation", "No organisation is named “Nobody Foundation”."),
        (["AFD", "", "", "", ""], "person_name", "This value is required."),
        (["AFD", "", "Jane", "not-an-email", ""], "person_email", "Enter a valid email address"),
    ],
)
def test_bad_contact_rows_are_reported(catalogue, organisations, row, column, message):
    client = catalogue.client_for("coordinator")
    upload(client, "contacts", "contacts.csv", csv_bytes([HEADER, row]))
    batch = ImportBatch.objects.get()
    assert [(i["row"], i["column"]) for i in batch.report] == [(2, column)]
    assert message in review(client, batch).content.decode()
    assert not OrganisationContact.objects.exists()


def test_an_organisation_name_shared_by_several_is_ambiguous(catalogue):
    OrganisationFactory(name_en="Union of Cities", acronym="UC")
    OrganisationFactory(name_en="Union of Cities", acronym="UOC")
    client = catalogue.client_for("coordinator")
    upload(client, "contacts", "contacts.csv", csv_bytes([HEADER, ["Union of Cities", "", "Jane", "", ""]]))
    assert ImportBatch.objects.get().report[0]["code"] == "ambiguous_organisation"
    # The acronym tells them apart.
    upload(client, "contacts", "contacts.csv", csv_bytes([HEADER, ["Union of Cities", "UOC", "Jane", "", ""]]))
    assert ImportBatch.objects.latest("pk").invalid_count == 0
