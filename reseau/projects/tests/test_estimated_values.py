"""A stage or dates deduced from the deck say so where they show and in the export (issue 11)."""

from __future__ import annotations

import csv
import datetime
import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from reseau.projects import services
from reseau.projects.models import Project, Stage
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def deduced(world):
    return ProjectFactory(
        network=world.hue.network,
        lead_member=world.hue,
        title_en="Smart City Hub",
        stage=Stage.VALIDATED,
        stage_estimated=True,
        start_date=datetime.date(2023, 1, 1),
        end_date=datetime.date(2025, 12, 31),
        dates_estimated=True,
    )


def _export_row(world) -> dict[str, str]:
    response = world.client_for("coordinator").get(reverse("projects:project_export", kwargs={"fmt": "csv"}))
    header, row = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[:2]
    return dict(zip(header, row, strict=True))


def test_the_project_page_marks_a_deduced_stage(world, deduced):
    page = world.client_for("coordinator").get(deduced.get_absolute_url()).content.decode()
    assert 'neutral" title="Deduced from a document; not yet recorded by the network.">estimated</span>' in page


def test_the_project_list_marks_estimated_dates(world, deduced):
    page = world.client_for("coordinator").get(reverse("projects:project_list")).content.decode()
    assert '<span class="badge neutral">estimated</span>' in page


def test_the_export_marks_a_deduced_stage(world, deduced):
    assert _export_row(world)["Stage"] == "Validated (estimated)"


def test_the_export_marks_estimated_dates(world, deduced):
    assert _export_row(world)["Dates estimated"] == "yes"


def test_moving_the_project_on_records_a_real_stage(world, deduced):
    services.project_transition(
        actor=world.users["secretariat"], project=deduced, to_stage=Stage.SEEKING_FUNDING, comment="Call found."
    )
    deduced.refresh_from_db()
    assert not deduced.stage_estimated


def test_the_seeded_projects_stages_are_marked_deduced(db):
    call_command("seed_rvase", stdout=StringIO())
    assert not Project.objects.filter(stage_estimated=False).exists()


def test_the_seeded_smart_city_hub_dates_are_marked_estimated(db):
    call_command("seed_rvase", stdout=StringIO())
    assert Project.objects.get(code="rvase-smart-city-hub-phnom-penh").dates_estimated
