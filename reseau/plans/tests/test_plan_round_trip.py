"""Export the plan table as XLSX, import it back: nothing changes unless a cell did."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from reseau.audit.models import AuditEvent
from reseau.plans.models import Activity, ActivityProgress, Axis, Plan, ReportingPeriod
from tests.factories import ActivityFactory, AxisFactory, PlanFactory, ReportingPeriodFactory

pytestmark = pytest.mark.django_db

KHMER = "ការប្រជុំប្រចាំឆ្នាំនៅភ្នំពេញ"
LAO = "ຫຼວງພະບາງ ແລະ ນະຄອນຫຼວງວຽງຈັນ"
VIETNAMESE = "Thành phố Huế, Cần Thơ, Hải Phòng"

STATUSES = ["not_started", "ongoing", "done", "dropped"]


def build_plan(*, code: str = "plan-2023", status: str = Plan.Status.VALIDATED, axes: int = 3, per_axis: int = 5):
    """A plan of ``axes`` axes with ``per_axis`` activities each, numbered through the plan, with 2023 progress."""
    plan = PlanFactory(code=code, title_en="2023 Action Plan", title_fr="Plan d'action 2023", status=status)
    period = ReportingPeriod.objects.filter(network=plan.network, label="2023").first() or ReportingPeriodFactory()
    if not ReportingPeriod.objects.filter(network=plan.network, label="2022").exists():
        ReportingPeriodFactory(label="2022", starts_on=datetime.date(2022, 1, 1), ends_on=datetime.date(2022, 12, 31))
    number = 0
    for axis_number in range(1, axes + 1):
        axis = AxisFactory(
            plan=plan,
            number=axis_number,
            title_en=f"Axis title {axis_number}",
            title_fr=f"Titre de l'axe {axis_number}",
        )
        for _ in range(per_axis):
            number += 1
            activity = ActivityFactory(
                axis=axis, number=number, title_en=f"Activity {number}", title_fr=f"Activité {number}"
            )
            ActivityProgress.objects.create(
                activity=activity,
                period=period,
                achieved=f"Achieved {number}: {KHMER}" if number == 1 else f"Achieved {number}",
                planned=f"{LAO}\nsecond line" if number == 2 else f"Planned {number}",
                suggestions="=not a formula" if number == 3 else (VIETNAMESE if number == 4 else ""),
                status=STATUSES[number % 4],
            )
    return plan, period


def export(client: Client, plan: Plan, fmt: str = "xlsx", period: str | None = "2023"):
    url = reverse("plans:plan_export", kwargs={"code": plan.code, "fmt": fmt})
    return client.get(url, {"period": period} if period else {})


def upload(client: Client, plan: Plan, content: bytes, name: str = "plan-2023-2023.xlsx"):
    url = reverse("plans:plan_import", kwargs={"code": plan.code})
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def edit_workbook(content: bytes, change) -> bytes:
    workbook = load_workbook(io.BytesIO(content))
    change(workbook.worksheets[0])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def edit_keys(content: bytes, change) -> bytes:
    """Change the hidden sheet of plan, period and language (key in column A, value in column B)."""
    from reseau.plans.exchange import KEYS_SHEET

    workbook = load_workbook(io.BytesIO(content))
    change(workbook[KEYS_SHEET])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def row_of(sheet: Any, first_cell: Any) -> int:
    """The spreadsheet row whose column A holds ``first_cell``."""
    for row in sheet.iter_rows(min_col=1, max_col=1):
        if row[0].value == first_cell:
            return row[0].row
    raise AssertionError(f"no row starts with {first_cell!r}")


def counts() -> tuple[int, int, int, int]:
    return (
        Axis.objects.count(),
        Activity.objects.count(),
        ActivityProgress.objects.count(),
        AuditEvent.objects.count(),
    )


def texts(plan: Plan) -> list[tuple[Any, ...]]:
    return list(
        ActivityProgress.objects.filter(activity__plan=plan)
        .order_by("activity__number", "period__label")
        .values_list(
            "activity__number",
            "activity__title_en",
            "activity__title_fr",
            "activity__axis__number",
            "period__label",
            "achieved",
            "planned",
            "suggestions",
            "status",
        )
    ) + list(plan.axes.order_by("number").values_list("number", "title_en", "title_fr"))


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_an_unchanged_export_imports_back_to_the_same_plan(world):
    plan, _period = build_plan()
    client = world.client_for("coordinator")
    content = export(client, plan).content
    before, snapshot = counts(), texts(plan)

    response = upload(client, plan, content)

    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == reverse("plans:plan_table", kwargs={"code": plan.code}) + "?period=2023"
    assert messages_of(response) == ["0 activities updated, 0 created."]
    assert counts() == before  # no new axis, activity, progress, nor any history row
    assert texts(plan) == snapshot


def test_one_changed_cell_changes_that_text_only_and_leaves_one_history_row(world):
    plan, period = build_plan()
    client = world.client_for("coordinator")
    content = export(client, plan).content
    before, snapshot = counts(), texts(plan)

    def change(sheet):
        sheet.cell(row=row_of(sheet, 7), column=3).value = "Study tour to Huế done ✔ ភ្នំពេញ"

    response = upload(client, plan, edit_workbook(content, change))

    assert response.status_code == 302, response.content.decode()[:3000]
    assert messages_of(response) == ["1 activity updated, 0 created."]
    progress = ActivityProgress.objects.get(activity__plan=plan, activity__number=7, period=period)
    assert progress.achieved == "Study tour to Huế done ✔ ភ្នំពេញ"
    assert counts() == (before[0], before[1], before[2], before[3] + 1)
    event = AuditEvent.objects.latest("pk")
    assert event.actor == world.users["coordinator"]
    assert set(event.changes) == {"achieved"}
    changed = [row for row in texts(plan) if row not in snapshot]
    assert len(changed) == 1
    assert changed[0][0] == 7


def test_a_round_trip_by_the_secretariat_keeps_local_scripts_and_the_french_titles(world):
    plan, period = build_plan()
    client = world.client_for("secretariat")
    content = export(client, plan).content

    def change(sheet):
        sheet.cell(row=row_of(sheet, 2), column=2).value = "Identification of actors (new wording)"
        sheet.cell(row=row_of(sheet, "Axis 2"), column=2).value = "Supporting local project ownership"

    response = upload(client, plan, edit_workbook(content, change))

    assert response.status_code == 302, response.content.decode()[:3000]
    activity = Activity.objects.get(plan=plan, number=2)
    assert activity.title_en == "Identification of actors (new wording)"
    assert activity.title_fr == "Activité 2"  # French untouched
    axis = Axis.objects.get(plan=plan, number=2)
    assert (axis.title_en, axis.title_fr) == ("Supporting local project ownership", "Titre de l'axe 2")
    first = ActivityProgress.objects.get(activity__plan=plan, activity__number=1, period=period)
    assert first.achieved == f"Achieved 1: {KHMER}"
    second = ActivityProgress.objects.get(activity__plan=plan, activity__number=2, period=period)
    assert second.planned == f"{LAO}\nsecond line"
    third = ActivityProgress.objects.get(activity__plan=plan, activity__number=3, period=period)
    assert third.suggestions == "=not a formula"


def test_new_axes_and_activities_in_the_file_are_created_and_an_activity_can_move(world):
    plan, period = build_plan(axes=2, per_axis=2)
    client = world.client_for("coordinator")
    content = export(client, plan).content

    def change(sheet):
        last = sheet.max_row
        sheet.cell(row=last + 1, column=1).value = "Axis 3"
        sheet.cell(row=last + 1, column=2).value = "Support the design and financing of local projects"
        for offset, values in enumerate(
            [
                [2, "Activity 2", "Achieved 2"],  # moves from axis 1 to axis 3; empty cells clear
                [5, "Technical assistance", "Two concrete projects", "", "", "ongoing"],
                [6, "Expansion of partnerships"],
            ],
            start=2,
        ):
            for column, value in enumerate(values, start=1):
                sheet.cell(row=last + offset, column=column).value = value
        sheet.delete_rows(row_of(sheet, 2))

    response = upload(client, plan, edit_workbook(content, change))

    assert response.status_code == 302, response.content.decode()[:3000]
    assert messages_of(response) == ["1 activity updated, 2 created.", "1 axis created."]
    axis = Axis.objects.get(plan=plan, number=3)
    assert axis.title_en == "Support the design and financing of local projects"
    assert list(axis.activities.order_by("number").values_list("number", flat=True)) == [2, 5, 6]
    moved = Activity.objects.get(plan=plan, number=2)
    moved_progress = ActivityProgress.objects.get(activity=moved, period=period)
    # The file holds the period's texts: an empty cell clears one, an empty status keeps it.
    assert (moved_progress.achieved, moved_progress.planned, moved_progress.status) == ("Achieved 2", "", "done")
    new = Activity.objects.get(plan=plan, number=5)
    assert new.title_en == "Technical assistance"
    assert not new.title_fr
    progress = ActivityProgress.objects.get(activity=new, period=period)
    assert (progress.achieved, progress.status) == ("Two concrete projects", "ongoing")
    assert not ActivityProgress.objects.filter(activity__number=6, activity__plan=plan).exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CREATED).count() == 4  # axis, 2 activities, 1 progress


def test_an_export_for_a_period_without_progress_imports_back_without_creating_any(world):
    plan, _period = build_plan(axes=1, per_axis=3)
    client = world.client_for("coordinator")
    content = export(client, plan, period="2022").content
    before = counts()

    # 2022 is outside the plan: exported, but not imported.
    response = upload(client, plan, content)
    assert response.status_code == 200
    assert counts() == before

    ReportingPeriodFactory(label="2023-H2", kind="half_year", starts_on=datetime.date(2023, 7, 1))
    content = export(client, plan, period="2023-H2").content
    response = upload(client, plan, content)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert counts() == before


# Issue 11, item 7: a French file imports back too.


def _speak_french(world, role: str = "coordinator"):
    user = world.users[role]
    user.language = "fr"
    user.save(update_fields=["language"])
    return world.client_for(role)


def test_a_french_export_imports_back_without_changing_anything(world):
    plan, _period = build_plan()
    client = _speak_french(world)
    content = export(client, plan).content
    before, snapshot = counts(), texts(plan)
    response = upload(client, plan, content)
    assert response.status_code == 302
    assert (counts(), texts(plan)) == (before, snapshot)


def test_a_french_export_imports_back_for_an_english_reader_too(world):
    plan, _period = build_plan()
    content = export(_speak_french(world), plan).content
    before, snapshot = counts(), texts(plan)
    upload(world.client_for("secretariat"), plan, content)
    assert (counts(), texts(plan)) == (before, snapshot)


def test_a_title_shown_from_the_other_language_is_not_copied_into_this_one(world):
    plan, _period = build_plan(axes=1, per_axis=2)
    Activity.objects.filter(plan=plan, number=2).update(title_fr="")
    client = _speak_french(world)
    content = export(client, plan).content  # shows "Activity 2" where French has no title
    upload(client, plan, content)
    assert Activity.objects.get(plan=plan, number=2).title_fr == ""


def test_a_title_changed_in_a_french_file_changes_the_french_title(world):
    plan, _period = build_plan(axes=1, per_axis=2)
    client = _speak_french(world)

    def change(sheet):
        sheet.cell(row=row_of(sheet, 1), column=2).value = "Contacts avec les villes"

    upload(client, plan, edit_workbook(export(client, plan).content, change))
    assert Activity.objects.get(plan=plan, number=1).title_fr == "Contacts avec les villes"


def test_a_title_changed_in_a_french_file_leaves_the_english_title(world):
    plan, _period = build_plan(axes=1, per_axis=2)
    client = _speak_french(world)

    def change(sheet):
        sheet.cell(row=row_of(sheet, 1), column=2).value = "Contacts avec les villes"

    upload(client, plan, edit_workbook(export(client, plan).content, change))
    assert Activity.objects.get(plan=plan, number=1).title_en == "Activity 1"


def test_a_status_chosen_in_french_is_saved(world):
    plan, period = build_plan(axes=1, per_axis=2)
    client = _speak_french(world)

    def change(sheet):
        sheet.cell(row=row_of(sheet, 1), column=6).value = "Abandonnée"

    upload(client, plan, edit_workbook(export(client, plan).content, change))
    progress = ActivityProgress.objects.get(activity__plan=plan, activity__number=1, period=period)
    assert progress.status == ActivityProgress.Status.DROPPED


def test_a_new_activity_in_a_french_file_gets_its_french_title(world):
    plan, _period = build_plan(axes=1, per_axis=2)
    client = _speak_french(world)

    def change(sheet):
        sheet.cell(row=sheet.max_row + 1, column=1).value = 3
        sheet.cell(row=sheet.max_row, column=2).value = "Nouvelle activité"

    upload(client, plan, edit_workbook(export(client, plan).content, change))
    assert Activity.objects.get(plan=plan, number=3).title_fr == "Nouvelle activité"
