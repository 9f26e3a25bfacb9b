"""What a partner reads of the plans: validated plans of its network; drafts are counted, not shown."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reseau.plans.models import Plan
from tests.factories import NetworkFactory, PlanFactory

pytestmark = pytest.mark.django_db

LIST = reverse("plans:plan_list")


def _page(client, url: str = LIST) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def plans(world):
    network = world.hue.network
    validated = PlanFactory(network=network, code="rvase-2023", title_en="2023 action plan", status="validated")
    PlanFactory(network=network, code="rvase-2024", title_en="2024 action plan", status=Plan.Status.DRAFT)
    PlanFactory(network=network, code="rvase-2025", title_en="2025 road map", status=Plan.Status.DRAFT)
    return validated


def test_a_partner_reads_the_validated_plans(world, plans):
    assert "2023 action plan" in _page(world.client_for("partner"))


def test_a_partner_does_not_see_the_drafts(world, plans):
    assert "2024 action plan" not in _page(world.client_for("partner"))


def test_a_partner_is_told_how_many_drafts_are_not_shared(world, plans):
    assert "2 draft action plans are not shared with partners." in _page(world.client_for("partner"))


def test_with_only_drafts_the_partner_is_not_told_there_is_no_plan(world, plans):
    Plan.objects.filter(pk=plans.pk).update(status=Plan.Status.DRAFT)
    page = _page(world.client_for("partner"))
    assert "No action plan yet." not in page
    assert "3 draft action plans are not shared with partners." in page


def test_the_count_follows_the_filters(world, plans):
    page = _page(world.client_for("partner"), f"{LIST}?q=road")
    assert "1 draft action plan is not shared with partners." in page


def test_with_no_plan_at_all_the_partner_reads_that_none_is_shared(world):
    assert "No action plan is shared with partners yet." in _page(world.client_for("partner"))


def test_another_networks_drafts_are_not_counted(world, plans):
    PlanFactory(network=NetworkFactory(code="maghreb", name_en="Maghreb"), code="maghreb-2024", status="draft")
    assert "2 draft action plans are not shared with partners." in _page(world.client_for("partner"))


def test_the_network_is_not_told_about_drafts_it_reads(world, plans):
    assert "not shared with partners" not in _page(world.client_for("coordinator"))


def test_a_direct_link_to_a_draft_says_why_it_is_refused(world, plans):
    response = world.client_for("partner").get(reverse("plans:plan_table", kwargs={"code": "rvase-2024"}))
    assert response.status_code == 403
    assert "This action plan is a draft: it is shared with partners once the members have validated it." in (
        response.content.decode()
    )


def test_another_networks_draft_is_not_found(world, plans):
    PlanFactory(network=NetworkFactory(code="maghreb", name_en="Maghreb"), code="maghreb-2024", status="draft")
    response = world.client_for("partner").get(reverse("plans:plan_table", kwargs={"code": "maghreb-2024"}))
    assert response.status_code == 404


def test_counting_the_drafts_does_not_grow_with_them(world, plans):
    client = world.client_for("partner")
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for n in range(20):
        PlanFactory(network=world.hue.network, code=f"draft-{n}", status=Plan.Status.DRAFT)
    with CaptureQueriesContext(connection) as many:
        page = client.get(LIST).content.decode()
    assert "22 draft action plans are not shared with partners." in page
    assert len(many.captured_queries) == len(few.captured_queries)
