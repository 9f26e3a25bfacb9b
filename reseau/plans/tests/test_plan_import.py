"""Importing an edited plan table: every problem reported, nothing written unless the whole file is right."""

from __future__ import annotations

import base64
import datetime
import html
import io
import os

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from reseau.plans import exchange
from reseau.plans.models import Activity, ActivityProgress, Plan
from reseau.plans.tests.test_plan_round_trip import (
    build_plan,
    counts,
    edit_keys,
    edit_workbook,
    export,
    messages_of,
    row_of,
    texts,
    upload,
)
from tests.factories import PlanFactory, ReportingPeriodFactory

pytestmark = pytest.mark.django_db

UNREADABLE = "This file could not be read as an XLSX spreadsheet."
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")


@pytest.fixture
def exported(world):
    """A plan of 3 axes and 15 activities, its XLSX export, and what the database held before the import."""
    plan, _period = build_plan()
    content = export(world.client_for("coordinator"), plan).content
    return plan, content, counts(), texts(plan)


def _page(response) -> str:
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def _refused(world, exported, content: bytes, *expected: str, name: str = "plan-2023-2023.xlsx") -> str:
    plan, _content, before, snapshot = exported
    response = upload(world.client_for("coordinator"), plan, content, name=name)
    page = _page(response)
    for message in expected:
        assert message in page, page[page.find("<main") :][:4000]
    assert counts() == before  # nothing written, not even a history row
    assert texts(plan) == snapshot
    return page


def _workbook(rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# The file as a whole ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("random.xlsx", os.urandom(2048)),
        ("image.xlsx", PNG),
        ("plan.xlsx", None),  # a Word document renamed: a zip, but no workbook
        ("archive.xlsx", b"PK\x03\x04" + os.urandom(500)),
        ("truncated.xlsx", "truncated"),
    ],
)
def test_a_file_that_is_no_xlsx_is_refused(world, exported, name, content):
    plan = exported[0]
    if content is None:
        content = export(world.client_for("coordinator"), plan, "docx").content
    elif content == "truncated":
        content = exported[1][:700]
    page = _refused(world, exported, content, UNREADABLE, name=name)
    assert name in page  # the page says which file it checked


@pytest.mark.parametrize("name", ["plan.csv", "plan.docx", "plan"])
def test_a_file_of_another_type_is_refused_by_its_name(world, exported, name):
    _refused(
        world,
        exported,
        b"#,Activities,Achieved\n1,Contacts,Done\n",
        "Choose an XLSX file (a name ending in .xlsx): the plan table exported, then edited.",
        name=name,
    )


def test_a_file_over_5_mb_is_refused(world, exported):
    _refused(world, exported, b"PK\x03\x04" + b"0" * (5 * 1024 * 1024), "This file is larger than 5 MB.")


def test_a_missing_or_renamed_column_is_named_with_the_expected_ones(world, exported):
    content = edit_workbook(exported[1], lambda sheet: setattr(sheet["C5"], "value", "Done so far"))
    _refused(
        world,
        exported,
        content,
        "The column “Achieved” is missing.",
        "The column “Done so far” is not one of the plan table's columns.",
        "The expected columns are: #, Activities, Achieved, Planned, Suggestions, Status.",
    )


def test_a_file_without_a_header_row_is_refused(world, exported):
    _refused(
        world,
        exported,
        _workbook([["plan", "plan-2023"], ["period", "2023"], ["Axis 1", "Dialogue"], [1, "Contacts"]]),
        "No row of this file names the columns. The expected columns are: #, Activities, Achieved, Planned, "
        "Suggestions, Status.",
    )


def test_the_file_of_another_plan_is_refused(world, exported):
    PlanFactory(code="road-map-2025", title_en="2025 Road map")
    content = edit_keys(exported[1], lambda sheet: setattr(sheet["B1"], "value", "road-map-2025"))
    # People read the plans' titles, not their codes.
    _refused(world, exported, content, "This file holds the plan “2025 Road map”, not “2023 Action Plan”.")


def test_a_file_without_plan_code_or_period_is_refused(world, exported):
    def change(sheet):
        sheet["A1"] = None
        sheet["B1"] = None
        sheet["B2"] = None

    _refused(
        world,
        exported,
        edit_keys(exported[1], change),
        "This file does not say which plan it holds",
        "This file does not say which period it reports on",
    )


def test_an_unknown_period_is_refused(world, exported):
    content = edit_keys(exported[1], lambda sheet: setattr(sheet["B2"], "value", "2031-Q5"))
    _refused(world, exported, content, "“2031-Q5” is not a reporting period of this network.")


def test_a_period_outside_the_plan_is_refused(world, exported):
    content = edit_keys(exported[1], lambda sheet: setattr(sheet["B2"], "value", "2022"))
    _refused(world, exported, content, "This period is outside the plan's period.")


# Rows -------------------------------------------------------------------------------------------


def test_text_where_an_activity_number_belongs_is_reported_with_its_row(world, exported):
    def change(sheet):
        sheet["A7"] = "abc"  # row 7: the first activity (row 6 is "Axis 1")
        sheet.cell(row=row_of(sheet, 9), column=3).value = "A valid change, not written either"

    page = _refused(world, exported, edit_workbook(exported[1], change), "Row 7: “abc” is not an activity number.")
    assert '<td data-label="Row">7</td>' in page


def test_an_activity_number_twice_in_the_file_is_refused(world, exported):
    def change(sheet):
        sheet.cell(row=row_of(sheet, 5), column=1).value = 4

    _refused(world, exported, edit_workbook(exported[1], change), "activity 4 already appears in row 10.")


def test_an_unknown_status_is_refused(world, exported):
    def change(sheet):
        sheet.cell(row=row_of(sheet, 8), column=6).value = "finished"

    _refused(
        world,
        exported,
        edit_workbook(exported[1], change),
        "“finished” is not a known status. Use one of: Not started, Ongoing, Done, Dropped.",
    )


def test_an_activity_row_before_any_axis_row_is_refused(world, exported):
    def change(sheet):
        sheet["A6"] = 1
        sheet["B6"] = "Moved up"
        sheet["A7"] = None
        sheet["B7"] = None

    _refused(world, exported, edit_workbook(exported[1], change), "Row 6: activity 1 comes before any axis row.")


def test_a_new_activity_without_title_and_a_row_without_number_are_refused(world, exported):
    def change(sheet):
        last = sheet.max_row
        sheet.cell(row=last + 1, column=1).value = 16
        sheet.cell(row=last + 2, column=3).value = "Orphan text"

    rows = f"Row {5 + 3 + 15 + 1}"  # header, axes, activities: the next row
    _refused(
        world,
        exported,
        edit_workbook(exported[1], change),
        f"{rows}: activity 16 has no title.",
        "this row has texts but no activity number.",
    )


def test_the_report_is_in_the_readers_language(world, exported):
    """Messages are lazy and rendered for each reader (French once the catalogue has them)."""
    content = edit_workbook(exported[1], lambda sheet: setattr(sheet["A7"], "value", "abc"))
    importer = exchange.PlanImport(plan=exported[0], actor=world.users["coordinator"])
    problems = importer.check(exchange.read_workbook(content), exchange.read_workbook_keys(content))
    assert [(p.row, p.column) for p in problems] == [(7, "#")]
    with translation.override("fr"):
        french = problems[0].text
    with translation.override("en"):
        assert problems[0].text == "Row 7: “abc” is not an activity number."
    assert "abc" in french
    assert "7" in french


def test_a_refusal_while_saving_rolls_back_every_row(world, exported, monkeypatch):
    """A check that passes but a save that fails: the rows saved before it are undone."""
    plan, content, before, snapshot = exported
    from reseau.plans import services

    real = services.progress_record
    calls = []

    def failing(**kwargs):
        calls.append(kwargs["activity"].number)
        if len(calls) == 2:
            from django.core.exceptions import ValidationError

            raise ValidationError("Refused by the database.")
        return real(**kwargs)

    monkeypatch.setattr(services, "progress_record", failing)

    def change(sheet):
        for number in (3, 9):
            sheet.cell(row=row_of(sheet, number), column=4).value = f"Changed {number}"

    page = _page(upload(world.client_for("coordinator"), plan, edit_workbook(content, change)))
    assert "could not be saved: Refused by the database." in page
    assert calls == [3, 9]
    assert counts() == before
    assert texts(plan) == snapshot


def test_an_empty_title_keeps_an_existing_title_only_when_it_was_empty(world, exported):
    plan = exported[0]
    Activity.objects.filter(plan=plan, number=5).update(title_en="")
    content = export(world.client_for("coordinator"), plan).content
    exported = (plan, content, counts(), texts(plan))

    def change(sheet):
        # Without an English title, the English file shows the French one, as the Word document does.
        assert sheet.cell(row=row_of(sheet, 5), column=2).value == "Activité 5"
        sheet.cell(row=row_of(sheet, 6), column=2).value = None

    _refused(world, exported, edit_workbook(content, change), "activity 6 has no title.")
    response = upload(world.client_for("coordinator"), plan, content)
    assert response.status_code == 302
    assert Activity.objects.get(plan=plan, number=5).title_fr == "Activité 5"


def test_statuses_are_read_ignoring_case_and_as_labels(world, exported):
    plan, content, _before, _snapshot = exported

    def change(sheet):
        sheet.cell(row=row_of(sheet, 1), column=6).value = "DONE"
        sheet.cell(row=row_of(sheet, 2), column=6).value = "Not started"

    response = upload(world.client_for("coordinator"), plan, edit_workbook(content, change))
    assert response.status_code == 302
    assert messages_of(response) == ["2 activities updated, 0 created."]
    statuses = dict(
        ActivityProgress.objects.filter(activity__plan=plan, activity__number__in=[1, 2]).values_list(
            "activity__number", "status"
        )
    )
    assert statuses == {1: "done", 2: "not_started"}


# Who may import ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "draft", "validated"),
    [
        ("anonymous", 302, 302),
        ("partner", 403, 403),
        ("focal_point", 403, 403),
        ("coordinator", 200, 200),
        ("secretariat", 200, 200),
    ],
)
def test_who_may_open_the_import_page(world, role, draft, validated):
    draft_plan = PlanFactory(code="draft-plan", status=Plan.Status.DRAFT)
    validated_plan = PlanFactory(code="validated-plan", status=Plan.Status.VALIDATED)
    client = world.client_for(role)
    for plan, expected in ((draft_plan, draft), (validated_plan, validated)):
        response = client.get(reverse("plans:plan_import", kwargs={"code": plan.code}))
        assert response.status_code == expected, (plan.code, role)
        if expected == 302:
            assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ["anonymous", "partner", "focal_point"])
def test_who_may_not_import_writes_nothing(world, exported, role):
    plan, content, before, snapshot = exported
    change = edit_workbook(content, lambda sheet: setattr(sheet.cell(row=row_of(sheet, 1), column=3), "value", "x"))
    response = upload(world.client_for(role), plan, change)
    assert response.status_code in (302, 403)
    assert counts() == before
    assert texts(plan) == snapshot


def test_the_import_page_offers_the_export_and_explains_the_layout(world, exported):
    plan = exported[0]
    page = _page(world.client_for("coordinator").get(reverse("plans:plan_import", kwargs={"code": plan.code})))
    assert reverse("plans:plan_export", kwargs={"code": plan.code, "fmt": "xlsx"}) + "?period=2023" in page
    assert "#, Activities, Achieved, Planned, Suggestions, Status" in page
    assert 'enctype="multipart/form-data"' in page


def test_a_period_with_a_narrower_label_can_be_imported(world, exported):
    """Any of the network's periods within the plan's dates: here the second half of 2023."""
    plan, content, before, _snapshot = exported
    ReportingPeriodFactory(label="2023-H2", kind="half_year", starts_on=datetime.date(2023, 7, 1))
    response = upload(
        world.client_for("coordinator"), plan, edit_keys(content, lambda s: setattr(s["B2"], "value", "2023-H2"))
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?period=2023-H2")
    assert messages_of(response) == ["15 activities updated, 0 created."]
    assert ActivityProgress.objects.filter(period__label="2023-H2").count() == 15
    assert counts()[2] == before[2] + 15


def test_axis_rows_may_be_written_loosely_but_hold_no_progress(world, exported):
    plan, content, _before, _snapshot = exported

    def loose(sheet):
        sheet.cell(row=row_of(sheet, "Axis 1"), column=1).value = "axe 1"
        sheet.cell(row=row_of(sheet, "Axis 2"), column=1).value = "Axis3"
        sheet.cell(row=row_of(sheet, "Axis 3"), column=1).value = "AXIS 2."

    # Axis 2's activities now sit under "Axis3" and the reverse: they move.
    response = upload(world.client_for("coordinator"), plan, edit_workbook(content, loose))
    assert response.status_code == 302, _page(response)[-3000:]
    assert set(Activity.objects.filter(plan=plan, number__in=range(6, 11)).values_list("axis__number", flat=True)) == {
        3
    }

    def texts_on_axis_row(sheet):
        sheet.cell(row=row_of(sheet, "Axis 1"), column=3).value = "Achieved for the whole axis"

    exported = (plan, content, counts(), texts(plan))
    _refused(world, exported, edit_workbook(content, texts_on_axis_row), "Row 6: an axis row holds only")


def test_the_import_page_names_the_columns_and_statuses_in_the_readers_language(world, exported):
    plan = exported[0]
    user = world.users["coordinator"]
    user.language = "fr"
    user.save(update_fields=["language"])
    page = _page(world.client_for("coordinator").get(reverse("plans:plan_import", kwargs={"code": plan.code})))
    assert "#, Activités, Réalisé, Prévu, Suggestions, Statut" in page
    assert "Non commencée, En cours, Terminée, Abandonnée" in page


def test_a_progress_text_longer_than_the_form_takes_is_refused(world, exported):
    def change(sheet):
        sheet.cell(row=row_of(sheet, 2), column=3).value = "a" * 10_001

    _refused(
        world,
        exported,
        edit_workbook(exported[1], change),
        "the text in “Achieved” is too long: at most 10000 characters, this one has 10001.",
    )
