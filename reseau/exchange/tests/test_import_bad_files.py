"""Files that cannot be imported at all: a clear message on the upload page, nothing stored."""

from __future__ import annotations

import base64
import os

import pytest

from reseau.exchange.models import ImportBatch
from reseau.exchange.tests.helpers import ORGANISATION_HEADER, csv_bytes, organisation_row, upload, xlsx_bytes
from reseau.partners.models import Organisation

pytestmark = pytest.mark.django_db

UNREADABLE = "This file could not be read as an XLSX or CSV spreadsheet."
# A 1×1 transparent PNG.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")


def _refused(response, message: str) -> None:
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page, page[page.find("<main") :][:3000]
    assert not ImportBatch.objects.exists()
    assert not Organisation.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("random.xlsx", os.urandom(2048)),
        ("image.xlsx", PNG),
        ("image.csv", PNG),
        ("truncated.xlsx", xlsx_bytes([ORGANISATION_HEADER, organisation_row(name_en="A")])[:700]),
        ("archive.xlsx", b"PK\x03\x04" + os.urandom(500)),
    ],
)
def test_a_file_that_is_no_spreadsheet_is_refused_with_a_clear_message(catalogue, name, content):
    _refused(upload(catalogue.client_for("coordinator"), "organisations", name, content), UNREADABLE)


def test_a_zip_that_is_not_a_workbook_is_refused(catalogue):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hello")
    _refused(upload(catalogue.client_for("coordinator"), "organisations", "fake.xlsx", buffer.getvalue()), UNREADABLE)


def test_an_empty_file_is_refused(catalogue):
    _refused(
        upload(catalogue.client_for("coordinator"), "organisations", "empty.csv", b""), "The submitted file is empty."
    )


def test_a_csv_with_only_blank_lines_is_refused(catalogue):
    _refused(
        upload(catalogue.client_for("coordinator"), "organisations", "blank.csv", b"\r\n\r\n"),
        "This file is empty: its first row should name the columns.",
    )


def test_a_header_without_rows_is_refused(catalogue):
    _refused(
        upload(catalogue.client_for("coordinator"), "organisations", "header.xlsx", xlsx_bytes([ORGANISATION_HEADER])),
        "This file has no rows to import below its header.",
    )


def test_a_wrong_column_is_refused_listing_the_expected_columns(catalogue):
    header = ["nmae_en", *ORGANISATION_HEADER[1:]]
    response = upload(
        catalogue.client_for("coordinator"),
        "organisations",
        "typo.csv",
        csv_bytes([header, organisation_row(name_en="A")]),
    )
    _refused(response, "This file has columns that this import does not know: nmae_en.")
    page = response.content.decode()
    assert "This file lacks the required columns: Name (English)." in page
    assert "The expected columns are: Name (English), Name (French), Acronym, Type, Countries, Region" in page


def test_a_repeated_column_is_refused(catalogue):
    _refused(
        upload(
            catalogue.client_for("coordinator"),
            "organisations",
            "twice.csv",
            csv_bytes([["name_en", "kind", "kind"], ["A", "donor", "donor"]]),
        ),
        "These columns appear more than once: Type.",
    )


def test_a_csv_not_in_utf8_is_refused_with_the_way_to_fix_it(catalogue):
    content = "name_en,kind\r\nAgence Française,donor\r\n".encode("cp1252")
    _refused(
        upload(catalogue.client_for("coordinator"), "organisations", "latin.csv", content),
        "In your spreadsheet program, save it as “CSV UTF-8” and upload it again.",
    )


@pytest.mark.parametrize("name", ["partners.xls", "partners.pdf", "partners"])
def test_other_file_types_are_refused(catalogue, name):
    _refused(
        upload(catalogue.client_for("coordinator"), "organisations", name, b"name_en,kind\r\nA,donor\r\n"),
        "Choose an XLSX or CSV file (a name ending in .xlsx or .csv).",
    )


def test_a_file_over_5_mb_is_refused(catalogue):
    content = b"name_en,kind\r\n" + b"A,donor\r\n" * (5 * 1024 * 1024 // 9)
    _refused(
        upload(catalogue.client_for("coordinator"), "organisations", "big.csv", content),
        "This file is larger than 5 MB.",
    )


def test_a_file_with_too_many_rows_is_refused(catalogue, monkeypatch):
    from reseau.core import spreadsheets

    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 3)
    rows = [ORGANISATION_HEADER] + [organisation_row(name_en=f"Org {n}") for n in range(5)]
    _refused(
        upload(catalogue.client_for("coordinator"), "organisations", "many.csv", csv_bytes(rows)),
        "This file has more than 3 rows. Split it into smaller files.",
    )


def test_a_csv_with_a_broken_quote_is_refused(catalogue):
    _refused(
        upload(catalogue.client_for("coordinator"), "organisations", "quote.csv", b'name_en,kind\r\n"A,donor\r\n'),
        UNREADABLE,
    )
