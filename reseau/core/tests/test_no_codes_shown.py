"""Issue 11, item 8: people read names, not codes (slugs, zone ids)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from reseau.plans.models import Plan
from tests.factories import PlanFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def _text(page: str) -> str:
    """What a person reads: the page without its tags (and so without the addresses in links)."""
    body = page[page.index("<main") :]
    return re.sub(r"<[^>]+>", " ", body)


def test_the_plan_list_shows_no_plan_code(world):
    PlanFactory(network=world.hue.network, code="rvase-2023-action-plan", status=Plan.Status.VALIDATED)
    page = world.client_for("coordinator").get(reverse("plans:plan_list")).content.decode()
    assert "rvase-2023-action-plan" not in _text(page)


def test_the_project_list_shows_no_project_code(world):
    ProjectFactory(network=world.hue.network, lead_member=world.hue, code="rvase-2025-fsm-hue")
    page = world.client_for("coordinator").get(reverse("projects:project_list")).content.decode()
    assert "rvase-2025-fsm-hue" not in _text(page)


def test_the_project_page_shows_no_project_code(world):
    project = ProjectFactory(network=world.hue.network, lead_member=world.hue, code="rvase-2025-fsm-hue")
    page = world.client_for("coordinator").get(project.get_absolute_url()).content.decode()
    assert "rvase-2025-fsm-hue" not in _text(page)


def test_the_project_page_shows_no_zone_id(world):
    project = ProjectFactory(network=world.hue.network, lead_member=world.hue)
    page = world.client_for("coordinator").get(project.get_absolute_url()).content.decode()
    assert "Asia/Phnom_Penh" not in _text(page)


def test_the_member_page_lists_its_projects_without_their_codes(world):
    ProjectFactory(network=world.hue.network, lead_member=world.hue, code="rvase-2025-fsm-hue", stage="validated")
    page = world.client_for("coordinator").get(world.hue.get_absolute_url()).content.decode()
    assert "rvase-2025-fsm-hue" not in _text(page)


def test_the_member_page_says_the_member_leads_a_project_in_french(world):
    ProjectFactory(network=world.hue.network, lead_member=world.hue, code="rvase-2025-fsm-hue", stage="validated")
    user = world.users["coordinator"]
    user.language = "fr"
    user.save(update_fields=["language"])
    page = world.client_for("coordinator").get(world.hue.get_absolute_url()).content.decode()
    assert "Membre chef de file" in _text(page)
