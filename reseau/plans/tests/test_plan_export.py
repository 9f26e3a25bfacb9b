"""The plan table of one period as XLSX and DOCX, in the deck's layout."""

from __future__ import annotations

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document
from openpyxl import load_workbook

from reseau.plans.models import ActivityProgress, Plan
from reseau.plans.tests.test_plan_round_trip import KHMER, LAO, VIETNAMESE, build_plan, export
from tests.factories import ActivityFactory, AxisFactory, PlanFactory, ReportingPeriodFactory

pytestmark = pytest.mark.django_db

HEADER = ["#", "Activities", "Achieved", "Planned", "Suggestions", "Status"]


def xlsx_rows(content: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def docx_table(content: bytes) -> list[list[str]]:
    document = Document(io.BytesIO(content))
    assert len(document.tables) == 1
    return [[cell.text for cell in row.cells] for row in document.tables[0].rows]


def test_xlsx_has_the_decks_layout_with_labels_in_the_readers_language(world):
    plan, _period = build_plan(axes=3, per_axis=5)
    response = export(world.client_for("coordinator"), plan)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="plan-2023-2023.xlsx"' in response["Content-Disposition"]
    assert "attachment" in response["Content-Disposition"]
    rows = xlsx_rows(response.content)
    assert rows[0][0] == "2023 Action Plan"
    assert rows[1][0] == "Period: 2023"
    assert rows[4] == HEADER
    body = rows[5:]
    assert len(body) == 3 + 15
    assert body[0][:2] == ["Axis 1", "Axis title 1"]
    assert body[1] == [1, "Activity 1", f"Achieved 1: {KHMER}", "Planned 1", None, "Ongoing"]
    assert body[2][3] == f"{LAO}\nsecond line"
    assert body[3][4] == "=not a formula"  # text, never a formula
    assert body[4][4] == VIETNAMESE
    assert body[6][:2] == ["Axis 2", "Axis title 2"]
    assert body[12][:2] == ["Axis 3", "Axis title 3"]
    assert [row[0] for row in body if isinstance(row[0], int)] == list(range(1, 16))
    assert {row[5] for row in body if isinstance(row[0], int)} == {"Not started", "Ongoing", "Done", "Dropped"}


def test_xlsx_wraps_texts_and_sets_column_widths(world):
    plan, _period = build_plan(axes=1, per_axis=1)
    content = export(world.client_for("coordinator"), plan).content
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    assert sheet.column_dimensions["B"].width >= 40
    assert sheet.column_dimensions["A"].width < 10
    assert sheet["C7"].alignment.wrap_text
    assert sheet["A5"].font.bold
    assert sheet["A6"].font.bold
    assert sheet.freeze_panes == "A6"
    assert "Funded by the European Union" in sheet.oddFooter.center.text


def test_docx_is_a_word_table_with_bold_headers_shaded_axes_and_the_eu_line(world):
    plan, _period = build_plan(axes=3, per_axis=5)
    response = export(world.client_for("focal_point"), plan, "docx")

    assert response.status_code == 200
    assert response["Content-Type"] == ("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    assert 'filename="plan-2023-2023.docx"' in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    assert document.paragraphs[0].text == "2023 Action Plan"
    assert "2023" in document.paragraphs[1].text
    rows = docx_table(response.content)
    assert rows[0] == HEADER
    assert rows[1] == ["Axis 1: Axis title 1"] * 6  # one merged cell
    assert rows[2] == ["1", "Activity 1", f"Achieved 1: {KHMER}", "Planned 1", "", "Ongoing"]
    assert rows[3][3] == f"{LAO}\nsecond line"
    assert rows[5][4] == VIETNAMESE
    assert len(rows) == 1 + 3 + 15
    table = document.tables[0]
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    axis_cell = table.rows[1].cells[0]
    assert axis_cell.paragraphs[0].runs[0].bold
    assert 'w:fill="DCE6F1"' in axis_cell._tc.xml
    footer = " ".join(p.text for p in document.sections[0].footer.paragraphs)
    assert "Funded by the European Union" in footer


def test_docx_headers_and_titles_follow_the_readers_language(world):
    plan, _period = build_plan(axes=1, per_axis=1)
    user = world.users["coordinator"]
    user.language = "fr"
    user.save(update_fields=["language"])
    content = export(world.client_for("coordinator"), plan, "docx").content
    document = Document(io.BytesIO(content))
    assert document.paragraphs[0].text == "Plan d'action 2023"
    rows = docx_table(content)
    assert rows[0][0] == "#"
    assert rows[1][0].endswith("Titre de l'axe 1")
    assert rows[2][1] == "Activité 1"


# Issue 11, item 7: the XLSX follows the reader's language, with labels and no technical rows.

FRENCH_HEADER = ["#", "Activités", "Réalisé", "Prévu", "Suggestions", "Statut"]


def _french_export(world, axes: int = 1, per_axis: int = 2) -> tuple[Plan, bytes]:
    plan, _period = build_plan(axes=axes, per_axis=per_axis)
    user = world.users["coordinator"]
    user.language = "fr"
    user.save(update_fields=["language"])
    return plan, export(world.client_for("coordinator"), plan).content


def test_the_xlsx_headers_follow_the_readers_language(world):
    _plan, content = _french_export(world)
    assert xlsx_rows(content)[4] == FRENCH_HEADER


def test_the_xlsx_title_and_period_follow_the_readers_language(world):
    _plan, content = _french_export(world)
    assert [row[0] for row in xlsx_rows(content)[:2]] == ["Plan d'action 2023", "Période : 2023"]


def test_the_xlsx_axis_rows_follow_the_readers_language(world):
    _plan, content = _french_export(world)
    assert xlsx_rows(content)[5][:2] == ["Axe 1", "Titre de l'axe 1"]


def test_the_xlsx_activity_titles_follow_the_readers_language(world):
    _plan, content = _french_export(world)
    assert xlsx_rows(content)[6][1] == "Activité 1"


def test_the_xlsx_statuses_are_labels_in_the_readers_language(world):
    _plan, content = _french_export(world)
    assert [row[5] for row in xlsx_rows(content)[6:8]] == ["En cours", "Terminée"]


def test_the_xlsx_sheet_is_named_in_the_readers_language(world):
    _plan, content = _french_export(world)
    workbook = load_workbook(io.BytesIO(content))
    assert [sheet.title for sheet in workbook.worksheets if sheet.sheet_state == "visible"] == ["Tableau du plan"]


def test_the_xlsx_shows_no_code_or_key(world):
    plan, content = _french_export(world)
    workbook = load_workbook(io.BytesIO(content))
    shown = {
        str(value)
        for sheet in workbook.worksheets
        if sheet.sheet_state == "visible"
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    }
    assert shown.isdisjoint({plan.code, "plan", "period", "ongoing", "done", "not_started", "dropped"})


def test_the_keys_the_import_needs_are_on_a_very_hidden_sheet(world):
    _plan, content = _french_export(world)
    workbook = load_workbook(io.BytesIO(content))
    assert [sheet.sheet_state for sheet in workbook.worksheets] == ["visible", "veryHidden"]


def test_the_default_period_is_the_latest_with_progress_then_the_latest_overlapping(world):
    plan = PlanFactory(code="road-map", status=Plan.Status.VALIDATED)
    activity = ActivityFactory(axis=AxisFactory(plan=plan, number=1), number=1)
    year = ReportingPeriodFactory(label="2023")
    ReportingPeriodFactory(label="2023-H2", kind="half_year", starts_on=datetime.date(2023, 7, 1))
    ReportingPeriodFactory(label="2024", starts_on=datetime.date(2024, 1, 1), ends_on=datetime.date(2024, 12, 31))
    client = world.client_for("coordinator")

    response = export(client, plan, period=None)
    assert 'filename="road-map-2023-H2.xlsx"' in response["Content-Disposition"]

    ActivityProgress.objects.create(activity=activity, period=year, achieved="Done in 2023")
    response = export(client, plan, period=None)
    assert 'filename="road-map-2023.xlsx"' in response["Content-Disposition"]
    assert xlsx_rows(response.content)[6][2] == "Done in 2023"


def test_an_unknown_period_or_format_is_not_found(world):
    plan, _period = build_plan(axes=1, per_axis=1)
    client = world.client_for("coordinator")
    assert export(client, plan, period="1999").status_code == 404
    assert export(client, plan, "pdf").status_code == 404
    assert export(client, plan, "csv").status_code == 404


def test_a_plan_without_any_period_exports_its_structure(world):
    plan = PlanFactory(code="no-period", starts_on=datetime.date(2030, 1, 1), ends_on=datetime.date(2030, 12, 31))
    ActivityFactory(axis=AxisFactory(plan=plan, number=1, title_en="Dialogue"), number=1, title_en="Contacts")
    response = export(world.client_for("coordinator"), plan, period=None)
    assert response.status_code == 200
    assert 'filename="no-period.xlsx"' in response["Content-Disposition"]
    rows = xlsx_rows(response.content)
    assert rows[1][:2] == [None, None]
    assert rows[5][:2] == ["Axis 1", "Dialogue"]
    assert rows[6][:2] == [1, "Contacts"]


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_the_number_of_queries_does_not_grow_with_the_activities(world, fmt):
    small, _period = build_plan(code="small", axes=1, per_axis=3)
    large, _period = build_plan(code="large", axes=3, per_axis=15)
    client = world.client_for("coordinator")
    export(client, small, fmt)  # warm up the session and the content types
    with CaptureQueriesContext(connection) as few:
        assert export(client, small, fmt).status_code == 200
    with CaptureQueriesContext(connection) as many:
        assert export(client, large, fmt).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.parametrize(
    ("role", "draft", "validated"),
    [
        ("anonymous", 302, 302),
        ("partner", 403, 200),  # a draft of its network: refused with the reason
        ("focal_point", 200, 200),
        ("coordinator", 200, 200),
        ("secretariat", 200, 200),
    ],
)
@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_who_may_export(world, role, draft, validated, fmt):
    draft_plan, _period = build_plan(code="draft-plan", status=Plan.Status.DRAFT, axes=1, per_axis=1)
    validated_plan, _period = build_plan(code="validated-plan", axes=1, per_axis=1)
    client = world.client_for(role)
    response = export(client, draft_plan, fmt)
    assert response.status_code == draft
    if role == "anonymous":
        assert "/login" in response["Location"] or "accounts" in response["Location"]
    assert export(client, validated_plan, fmt).status_code == validated


def test_a_coordinator_cannot_export_another_networks_plan(world):
    from tests.factories import NetworkFactory

    other = NetworkFactory(code="maghreb", acronym="MAG", name_en="Maghreb", name_fr="Maghreb")
    plan = PlanFactory(network=other, code="maghreb-2023", status=Plan.Status.VALIDATED)
    assert export(world.client_for("coordinator"), plan, period=None).status_code == 404
    assert export(world.client_for("secretariat"), plan, period=None).status_code == 200
    # Periods are the network's own: another network's label is not found.
    assert export(world.client_for("secretariat"), plan, period="2023").status_code == 404
