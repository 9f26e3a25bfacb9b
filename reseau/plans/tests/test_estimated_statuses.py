"""An activity status deduced from the deck says so where it shows and in the exports (issue 11)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from reseau.plans.models import ActivityProgress
from reseau.plans.tests.test_plan_export import docx_table, xlsx_rows
from reseau.plans.tests.test_plan_round_trip import build_plan, edit_workbook, export, row_of, upload

pytestmark = pytest.mark.django_db

MARK = 'title="Deduced from a document; not yet recorded by the network.">estimated</span>'


@pytest.fixture
def deduced(world):
    """A plan whose activity 1 has a status deduced from a document (1 is "Ongoing")."""
    plan, period = build_plan(axes=1, per_axis=2)
    ActivityProgress.objects.filter(activity__plan=plan, activity__number=1).update(status_estimated=True)
    return plan, period


def _progress(plan, number: int) -> ActivityProgress:
    return ActivityProgress.objects.get(activity__plan=plan, activity__number=number, period__label="2023")


def test_the_plan_table_marks_a_deduced_status(world, deduced):
    plan, _period = deduced
    page = world.client_for("coordinator").get(plan.get_absolute_url(), {"period": "2023"}).content.decode()
    assert page.count(MARK) == 1


def test_the_activity_page_marks_a_deduced_status(world, deduced):
    plan, _period = deduced
    url = reverse("plans:activity_detail", kwargs={"code": plan.code, "number": 1})
    assert MARK in world.client_for("coordinator").get(url).content.decode()


def test_the_progress_form_says_saving_records_the_status(world, deduced):
    plan, _period = deduced
    url = reverse("plans:progress_edit", kwargs={"code": plan.code, "number": 1, "period": "2023"})
    page = world.client_for("coordinator").get(url).content.decode()
    assert "Saving records it as the network&#x27;s status." in page


def test_recording_the_progress_records_a_real_status(world, deduced):
    plan, _period = deduced
    url = reverse("plans:progress_edit", kwargs={"code": plan.code, "number": 1, "period": "2023"})
    world.client_for("coordinator").post(
        url, {"achieved": "Achieved 1", "planned": "Planned 1", "suggestions": "", "status": "ongoing"}
    )
    assert not _progress(plan, 1).status_estimated


def test_the_xlsx_export_marks_a_deduced_status(world, deduced):
    plan, _period = deduced
    rows = xlsx_rows(export(world.client_for("coordinator"), plan).content)
    assert [row[5] for row in rows if row[0] == 1] == ["Ongoing (estimated)"]


def test_the_docx_export_marks_a_deduced_status(world, deduced):
    plan, _period = deduced
    rows = docx_table(export(world.client_for("coordinator"), plan, fmt="docx").content)
    assert [row[5] for row in rows if row[0] == "1"] == ["Ongoing (estimated)"]


def test_the_french_export_marks_a_deduced_status_in_french(world, deduced):
    plan, _period = deduced
    coordinator = world.users["coordinator"]
    coordinator.language = "fr"
    coordinator.save(update_fields=["language"])
    rows = xlsx_rows(export(world.client_for("coordinator"), plan).content)
    assert [row[5] for row in rows if row[0] == 1] == ["En cours (estimé)"]


def test_an_unchanged_export_keeps_the_status_deduced(world, deduced):
    plan, _period = deduced
    client = world.client_for("coordinator")
    upload(client, plan, export(client, plan).content)
    assert _progress(plan, 1).status_estimated


def test_a_status_written_without_its_mark_is_recorded(world, deduced):
    plan, _period = deduced
    client = world.client_for("coordinator")

    def confirm(sheet):
        sheet.cell(row=row_of(sheet, 1), column=6).value = "Ongoing"

    upload(client, plan, edit_workbook(export(client, plan).content, confirm))
    assert not _progress(plan, 1).status_estimated


def test_confirming_a_status_leaves_the_other_rows_alone(world, deduced):
    plan, _period = deduced
    ActivityProgress.objects.filter(activity__plan=plan, activity__number=2).update(status_estimated=True)
    client = world.client_for("coordinator")

    def confirm(sheet):
        sheet.cell(row=row_of(sheet, 1), column=6).value = "Ongoing"

    upload(client, plan, edit_workbook(export(client, plan).content, confirm))
    assert _progress(plan, 2).status_estimated


def test_the_seeded_2023_statuses_are_marked_deduced(db):
    call_command("seed_rvase", stdout=StringIO())
    seeded = ActivityProgress.objects.filter(activity__plan__code="rvase-2023-action-plan", period__label="2023")
    assert not seeded.filter(status_estimated=False).exists()
