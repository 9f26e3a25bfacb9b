from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from reseau.audit.models import AuditEvent
from reseau.exchange.messages import render_message
from reseau.exchange.models import ImportBatch
from reseau.exchange.tests.helpers import (
    ORGANISATION_HEADER,
    csv_bytes,
    organisation_row,
    review,
    upload,
    upload_and_apply,
    xlsx_bytes,
)
from reseau.partners.models import Organisation
from reseau.registry.models import Country, Theme
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

LOCAL_NAMES = ["ភ្នំពេញ", "ນະຄອນຫຼວງວຽງຈັນ", "Thành phố Hồ Chí Minh"]


def _valid_file(fmt: str = "xlsx") -> bytes:
    rows = [
        ORGANISATION_HEADER,
        organisation_row(
            name_en="Agence Française de Développement",
            name_fr="Agence française de développement",
            acronym="AFD",
            countries="KH;LA;VN",
            themes="urban-sanitation;gender-equality",
            website="www.afd.fr",
            shared_with_partners="yes",
        ),
        organisation_row(name_en="ນະຄອນຫຼວງວຽງຈັນ", name_fr="Vientiane", kind="lg_network", region_en="ASEAN"),
    ]
    return xlsx_bytes(rows) if fmt == "xlsx" else csv_bytes(rows)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_valid_file_is_checked_then_imported_only_on_confirmation(catalogue, fmt):
    client = catalogue.client_for("coordinator")
    response = upload(client, "organisations", f"partners.{fmt}", _valid_file(fmt))
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == batch.get_absolute_url()
    # Checked, not written.
    assert not Organisation.objects.exists()
    assert not AuditEvent.objects.exists()
    assert (batch.status, batch.valid_count, batch.invalid_count, batch.new_count) == ("pending", 2, 0, 2)

    page = review(client, batch).content.decode()
    assert "Every row is valid. Nothing has been written yet." in page
    assert "Import 2 rows" in page

    page = review(client, batch, "apply").content.decode()
    assert "Import done. New: 2. Updated: 0. Unchanged: 0." in page
    afd = Organisation.objects.get(acronym="AFD")
    assert afd.name_fr == "Agence française de développement"
    assert afd.website == "https://www.afd.fr"
    assert afd.shared_with_partners
    assert sorted(afd.countries.values_list("code", flat=True)) == ["KH", "LA", "VN"]
    assert sorted(afd.themes.values_list("code", flat=True)) == ["gender-equality", "urban-sanitation"]
    assert Organisation.objects.get(name_en="ນະຄອນຫຼວງວຽງຈັນ").region_en == "ASEAN"
    # Each row leaves its history row, by the person who imported it.
    events = AuditEvent.objects.filter(action="created")
    assert events.count() == 2
    assert {e.actor_label for e in events} == {str(catalogue.users["coordinator"])}
    batch.refresh_from_db()
    assert batch.status == "applied"
    assert batch.applied_at is not None


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_round_trip_export_import_creates_no_duplicates_and_changes_nothing(catalogue, fmt):
    for name in LOCAL_NAMES:
        organisation = OrganisationFactory(name_en=name, name_fr=f"{name} (fr)", acronym="", region_en=name)
        organisation.countries.set(Country.objects.filter(code="KH"))
        organisation.themes.set(Theme.objects.all())
    OrganisationFactory(name_en="Agence universitaire de la Francophonie", acronym="AUF", notes="Line 1\nLine 2")
    client = catalogue.client_for("secretariat")
    exported = client.get(reverse("exchange:export", kwargs={"kind": "organisations", "fmt": fmt})).content

    batch = upload_and_apply(client, "organisations", f"export.{fmt}", exported)

    assert (batch.valid_count, batch.new_count, batch.update_count, batch.unchanged_count) == (4, 0, 0, 4)
    assert Organisation.objects.count() == 4
    assert set(Organisation.objects.values_list("name_en", flat=True)) >= set(LOCAL_NAMES)
    assert not AuditEvent.objects.exists()
    assert Organisation.objects.get(acronym="AUF").notes == "Line 1\nLine 2"


def test_importing_the_same_file_twice_creates_no_duplicates(catalogue):
    client = catalogue.client_for("coordinator")
    upload_and_apply(client, "organisations", "partners.xlsx", _valid_file())
    second = upload_and_apply(client, "organisations", "partners.xlsx", _valid_file())
    assert (second.new_count, second.unchanged_count) == (0, 2)
    assert Organisation.objects.count() == 2
    assert AuditEvent.objects.count() == 2


def test_a_name_matching_an_existing_one_ignoring_case_and_accents_warns_and_updates_it(catalogue):
    existing = OrganisationFactory(name_en="Agence Française de Développement", name_fr="", acronym="AFD")
    content = csv_bytes(
        [ORGANISATION_HEADER, organisation_row(name_en="AGENCE FRANCAISE DE DEVELOPPEMENT", notes="New note")]
    )
    client = catalogue.client_for("coordinator")
    upload(client, "organisations", "partners.csv", content)
    batch = ImportBatch.objects.get()
    assert (batch.update_count, batch.warning_count, batch.invalid_count) == (1, 1, 0)

    page = review(client, batch).content.decode()
    assert "Matches the existing organisation “Agence Française de Développement”: this row will update it." in page
    assert reverse("partners:organisation_detail", kwargs={"pk": existing.pk}) in page

    review(client, batch, "apply")
    assert Organisation.objects.count() == 1
    existing.refresh_from_db()
    assert existing.notes == "New note"
    # The same name without its accents does not overwrite the stored spelling.
    assert existing.name_en == "Agence Française de Développement"


def test_a_name_differing_only_by_accents_is_unchanged_when_nothing_else_differs(catalogue):
    OrganisationFactory(name_en="Thành phố Huế", name_fr="Ville de Huế", acronym="", kind="other")
    content = csv_bytes([["name_en", "name_fr", "kind"], ["Thanh pho Hue", "VILLE DE HUE", "other"]])
    batch = upload_and_apply(catalogue.client_for("coordinator"), "organisations", "hue.csv", content)
    assert (batch.unchanged_count, batch.new_count) == (1, 0)
    assert Organisation.objects.get().name_en == "Thành phố Huế"
    assert not AuditEvent.objects.exists()


def test_a_name_with_the_acronym_in_brackets_matches_the_existing_organisation(catalogue):
    OrganisationFactory(name_en="Agence universitaire de la Francophonie", acronym="AUF")
    content = csv_bytes([["name_en", "kind"], ["Agence Universitaire de la Francophonie (AUF)", "donor"]])
    batch = upload_and_apply(catalogue.client_for("coordinator"), "organisations", "auf.csv", content)
    assert batch.new_count == 0
    assert Organisation.objects.count() == 1


def test_a_file_with_an_invalid_row_imports_nothing_until_the_valid_rows_are_chosen(catalogue):
    rows = [
        ORGANISATION_HEADER,
        organisation_row(name_en="Asian Development Bank", acronym="ADB"),
        organisation_row(name_en="Unknown land", countries="KH;XX"),
        organisation_row(name_en="World Bank"),
    ]
    client = catalogue.client_for("coordinator")
    upload(client, "organisations", "partners.xlsx", xlsx_bytes(rows))
    batch = ImportBatch.objects.get()
    assert (batch.valid_count, batch.invalid_count) == (2, 1)
    assert not Organisation.objects.exists()

    page = review(client, batch).content.decode()
    assert "1 row has errors: nothing has been imported." in page
    assert "Import only the 2 valid rows" in page
    # Row 3 of the spreadsheet (the header is row 1), column "countries".
    assert '<td data-label="Row">3</td>' in page
    assert '<td data-label="Column">Countries</td>' in page
    assert "“XX” is not a known country." in page
    assert not Organisation.objects.exists()

    page = review(client, batch, "apply").content.decode()
    assert "Import done. New: 2." in page
    assert sorted(Organisation.objects.values_list("name_en", flat=True)) == ["Asian Development Bank", "World Bank"]


def test_cancelling_a_file_with_errors_writes_nothing(catalogue):
    rows = [ORGANISATION_HEADER, organisation_row(name_en="A"), organisation_row(name_en="B", kind="bank")]
    client = catalogue.client_for("coordinator")
    upload(client, "organisations", "partners.csv", csv_bytes(rows))
    batch = ImportBatch.objects.get()
    page = review(client, batch, "cancel").content.decode()
    assert "Import cancelled: nothing was written." in page
    assert not Organisation.objects.exists()
    batch.refresh_from_db()
    assert batch.status == "cancelled"
    review(client, batch, "apply")
    assert not Organisation.objects.exists()


@pytest.mark.parametrize(
    ("values", "column", "message"),
    [
        ({"name_en": ""}, "name_en", "This value is required."),
        (
            {"kind": "bank"},
            "kind",
            "“bank” is not an accepted value. Use one of: Network of local governments, Donor",
        ),
        ({"themes": "water"}, "themes", "“water” is not a known theme."),
        ({"shared_with_partners": "maybe"}, "shared_with_partners", "Enter yes or no."),
        ({"website": "not a site"}, "website", "Enter a full web address, for example https://www.example.org."),
        ({"acronym": "A" * 41}, "acronym", "This text is too long: at most 40 characters, this one has 41."),
    ],
)
def test_bad_values_are_reported_by_row_and_column(catalogue, values, column, message):
    rows = [ORGANISATION_HEADER, organisation_row(name_en="Valid"), organisation_row(**{"name_en": "Other", **values})]
    client = catalogue.client_for("coordinator")
    upload(client, "organisations", "partners.csv", csv_bytes(rows))
    batch = ImportBatch.objects.get()
    assert batch.report == [
        {
            "row": 3,
            "column": column,
            "code": batch.report[0]["code"],
            "params": batch.report[0]["params"],
            "level": "error",
        }
    ]
    assert message in review(client, batch).content.decode()


def test_a_row_repeated_in_the_same_file_is_an_error(catalogue):
    rows = [
        ORGANISATION_HEADER,
        organisation_row(name_en="World Bank"),
        organisation_row(name_en="Asian Development Bank"),
        organisation_row(name_en="world bank"),
    ]
    client = catalogue.client_for("coordinator")
    upload(client, "organisations", "partners.csv", csv_bytes(rows))
    batch = ImportBatch.objects.get()
    assert (batch.valid_count, batch.invalid_count) == (2, 1)
    assert (
        "This row repeats row 2 of the file; only the first one is imported." in review(client, batch).content.decode()
    )


def test_a_csv_saved_by_excel_in_french_with_semicolons_is_read(catalogue):
    rows = [["name_en", "name_fr", "kind"], ["Ville de Paris", "Ville de Paris", "decentralised_cooperation"]]
    batch = upload_and_apply(
        catalogue.client_for("coordinator"), "organisations", "paris.csv", csv_bytes(rows, delimiter=";")
    )
    assert batch.new_count == 1
    assert Organisation.objects.get().kind == "decentralised_cooperation"


def test_a_file_without_some_optional_columns_leaves_them_unchanged(catalogue):
    existing = OrganisationFactory(name_en="World Bank", notes="Keep me", website="https://worldbank.org")
    content = csv_bytes([["name_en", "kind", "acronym"], ["World Bank", "donor", "WB"]])
    upload_and_apply(catalogue.client_for("coordinator"), "organisations", "wb.csv", content)
    existing.refresh_from_db()
    assert (existing.acronym, existing.notes, existing.website) == ("WB", "Keep me", "https://worldbank.org")


def test_the_report_is_rendered_in_the_readers_language(catalogue):
    rows = [ORGANISATION_HEADER, organisation_row(name_en="X", countries="ZZ")]
    client = catalogue.client_for("coordinator")
    upload(client, "organisations", "partners.csv", csv_bytes(rows))
    batch = ImportBatch.objects.get()
    # Stored as a code with parameters, never as text in the uploader's language.
    assert batch.report[0]["code"] == "unknown_country"
    assert batch.report[0]["params"] == {"value": "ZZ"}
    english = render_message("unknown_country", {"value": "ZZ"})
    assert english.startswith("“ZZ” is not a known country.")

    user = catalogue.users["coordinator"]
    user.language = "fr"
    user.save()
    page = review(client, batch).content.decode()
    with translation.override("fr"):
        french = render_message("unknown_country", {"value": "ZZ"})
        assert french == translation.gettext(
            "“%(value)s” is not a known country. Write the countries' names or two-letter ISO codes separated by “;”, "
            "for example Cambodia;Laos;Vietnam."
        ) % {"value": "ZZ"}
    assert '<html lang="fr">' in page
    assert escape(french) in page
