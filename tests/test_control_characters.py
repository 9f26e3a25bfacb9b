"""A control character pasted into a record (a vertical tab from Excel…) is cleaned on the way in,
and a record that already holds one still exports: one function, ``core.text.strip_control_characters``,
serves every form's text fields, the spreadsheet reader and the spreadsheet writer."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reseau.partners.models import Organisation, OrganisationContact
from tests.factories import FundingOpportunityFactory, OrganisationFactory, PersonFactory, ProjectFactory

pytestmark = pytest.mark.django_db

PASTED = "Agence\x0b de l'eau\x07\x7f\x85"
CLEANED = "Agence de l'eau"


def _first_sheet(content: bytes) -> list[list[object]]:
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_a_form_saves_pasted_text_without_its_control_characters(world):
    response = world.client_for("coordinator").post(
        reverse("partners:organisation_create"),
        {"name_en": PASTED, "name_fr": "", "kind": "donor", "notes": "Line one\r\nLine\x0b two\tend"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    organisation = Organisation.objects.get()
    assert organisation.name_en == CLEANED


def test_a_form_keeps_line_breaks_and_tabs(world):
    world.client_for("coordinator").post(
        reverse("partners:organisation_create"),
        {"name_en": "Water agency", "kind": "donor", "notes": "Line one\r\nLine\x0b two\tend"},
    )
    assert Organisation.objects.get().notes == "Line one\r\nLine two\tend"


@pytest.fixture
def stored_with_control_characters(world):
    """Records written before input was cleaned: straight into the database."""
    network = world.hue.network
    organisation = OrganisationFactory(name_en=PASTED, notes="a\x0bb")
    FundingOpportunityFactory(network=network, donor=organisation, title_en=f"Call {PASTED}")
    ProjectFactory(network=network, lead_member=world.hue, title_en=f"Project {PASTED}")
    OrganisationContact.objects.create(organisation=organisation, person=PersonFactory(name=f"Person {PASTED}"))
    return organisation


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (reverse("exchange:export", kwargs={"kind": "organisations", "fmt": "xlsx"}), CLEANED),
        (reverse("exchange:export", kwargs={"kind": "funding", "fmt": "xlsx"}), f"Call {CLEANED}"),
        (reverse("exchange:export", kwargs={"kind": "contacts", "fmt": "xlsx"}), f"Person {CLEANED}"),
        (reverse("projects:project_export", kwargs={"fmt": "xlsx"}), f"Project {CLEANED}"),
    ],
    ids=["organisations", "funding", "contacts", "projects"],
)
def test_a_stored_control_character_does_not_break_the_xlsx_export(
    world, stored_with_control_characters, url, expected
):
    response = world.client_for("secretariat").get(url)
    assert response.status_code == 200
    cells = {cell for row in _first_sheet(response.content) for cell in row}
    assert expected in cells


def test_an_imported_csv_is_saved_without_its_control_characters(world):
    from reseau.exchange.tests.helpers import ORGANISATION_HEADER, csv_bytes, organisation_row, upload_and_apply

    content = csv_bytes([ORGANISATION_HEADER, organisation_row(name_en=PASTED)])
    upload_and_apply(world.client_for("coordinator"), "organisations", "pasted.csv", content)
    assert Organisation.objects.get().name_en == CLEANED
