"""A small file that expands to a great deal of text is refused whole, before it is held in memory;
what a checked file leaves in the database stays small."""

from __future__ import annotations

import pytest

from reseau.exchange.models import ImportBatch
from reseau.exchange.tests.helpers import ORGANISATION_HEADER, csv_bytes, organisation_row, upload
from reseau.partners.models import Organisation
from tests.hostile_files import shared_strings_xlsx

pytestmark = pytest.mark.django_db


def _amplified(length: int, rows: int = 5000) -> bytes:
    """Every row's notes point to one shared string of ``length`` characters."""
    header: list[int | str] = ["name_en", "kind", "notes"]
    body: list[list[int | str]] = [[f"Organisation {n}", 1, 0] for n in range(rows)]
    return shared_strings_xlsx(["x" * length, "donor"], [header, *body])


def _refused(response, message: str) -> None:
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportBatch.objects.exists()
    assert not Organisation.objects.exists()


def test_a_file_repeating_a_cell_longer_than_a_spreadsheet_cell_is_refused(catalogue):
    content = _amplified(50_000)
    assert len(content) < 100_000  # small enough to pass the size limit
    _refused(
        upload(catalogue.client_for("coordinator"), "organisations", "amplified.xlsx", content),
        "A cell in row 2 holds more than 32,767 characters, more than a spreadsheet cell can hold.",
    )


def test_a_file_that_expands_to_more_text_than_any_list_is_refused(catalogue):
    _refused(
        upload(catalogue.client_for("coordinator"), "organisations", "amplified.xlsx", _amplified(20_000)),
        "This file holds more than 5,000,000 characters of text. Split it into smaller files.",
    )


def test_notes_longer_than_the_form_takes_are_an_error_of_their_row(catalogue):
    rows = [ORGANISATION_HEADER, organisation_row(name_en="Water agency", notes="n" * 10_001)]
    response = upload(catalogue.client_for("coordinator"), "organisations", "long.csv", csv_bytes(rows))
    batch = ImportBatch.objects.get()
    page = catalogue.client_for("coordinator").get(response["Location"]).content.decode()
    assert "This text is too long: at most 10000 characters, this one has 10001." in page
    assert batch.rows == []


def test_the_report_quotes_a_long_wrong_value_briefly(catalogue):
    rows = [ORGANISATION_HEADER, *(organisation_row(name_en=f"Org {n}", kind="k" * 30_000) for n in range(3))]
    upload(catalogue.client_for("coordinator"), "organisations", "kinds.csv", csv_bytes(rows))
    report = ImportBatch.objects.get().report
    assert max(len(issue["params"].get("value", "")) for issue in report) <= 200
