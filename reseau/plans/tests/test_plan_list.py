"""The list of plans: grouped by kind, who sees which plans, the filters."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from reseau.plans.models import Plan
from reseau.registry.models import Theme
from tests.factories import NetworkFactory, PlanFactory

pytestmark = pytest.mark.django_db

URL = reverse("plans:plan_list")


@pytest.fixture
def plans(world):
    network = world.hue.network
    sanitation = Theme.objects.create(code="urban-sanitation", kind="work", name_en="Urban sanitation")
    tourism = Theme.objects.create(code="sustainable-tourism", kind="work", name_en="Smart and sustainable tourism")
    return {
        "annual": PlanFactory(
            network=network,
            code="rvase-2023",
            kind=Plan.Kind.ANNUAL,
            title_en="2023 Action Plan",
            status=Plan.Status.VALIDATED,
        ),
        "fsm": PlanFactory(
            network=network,
            code="rvase-fsm-2023-2025",
            kind=Plan.Kind.THEMATIC,
            title_en="FSM thematic action plan (2023-2025)",
            theme=sanitation,
            starts_on=datetime.date(2023, 1, 1),
            ends_on=datetime.date(2025, 12, 31),
            status=Plan.Status.VALIDATED,
        ),
        "road_map": PlanFactory(
            network=network,
            code="rvase-road-map-2025",
            kind=Plan.Kind.ROAD_MAP,
            title_en="2025 Road Map",
            theme=tourism,
            starts_on=datetime.date(2025, 1, 1),
            ends_on=datetime.date(2025, 12, 31),
            status=Plan.Status.DRAFT,
        ),
    }


def _results(client, **filters) -> str:
    response = client.get(URL, filters, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
    return response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(world):
    response = world.client_for("anonymous").get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_plans_are_grouped_by_kind_with_period_status_and_theme(world, plans):
    page = world.client_for("focal_point").get(URL).content.decode()
    annual = page.index('id="kind-annual"')
    thematic = page.index('id="kind-thematic"')
    road_map = page.index('id="kind-road_map"')
    assert annual < page.index("2023 Action Plan") < thematic
    assert thematic < page.index("FSM thematic action plan (2023-2025)") < road_map
    assert road_map < page.index("2025 Road Map")
    assert "Annual action plan" in page
    assert "Thematic action plan" in page
    assert "Road map" in page
    assert '<span class="badge ok">Validated by the members</span>' in page
    assert '<span class="badge warn">Draft</span>' in page
    assert "Urban sanitation" in page
    assert "Smart and sustainable tourism" in page
    assert "01/01/2023 to 31/12/2025" in page
    assert f'href="{plans["fsm"].get_absolute_url()}"' in page


def test_partners_read_only_the_validated_plans(world, plans):
    page = world.client_for("partner").get(URL).content.decode()
    assert "2023 Action Plan" in page
    assert "FSM thematic action plan" in page
    assert "2025 Road Map" not in page
    assert reverse("plans:period_list") not in page


def test_only_staff_get_new_plan_and_the_periods_link(world, plans):
    for role in ("coordinator", "secretariat"):
        page = world.client_for(role).get(URL).content.decode()
        assert f'href="{reverse("plans:plan_create")}"' in page, role
        assert f'href="{reverse("plans:period_list")}"' in page, role
    page = world.client_for("focal_point").get(URL).content.decode()
    assert f'href="{reverse("plans:plan_create")}"' not in page
    assert "2025 Road Map" in page  # the network reads its drafts


def test_each_network_sees_its_own_plans_and_the_secretariat_all(world, plans):
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    PlanFactory(network=maghreb, code="maghreb-2024", title_en="Maghreb action plan 2024", status="validated")
    for role in ("partner", "focal_point", "coordinator"):
        assert "Maghreb action plan 2024" not in world.client_for(role).get(URL).content.decode(), role
    page = world.client_for("secretariat").get(URL).content.decode()
    assert "Maghreb action plan 2024" in page
    assert "2023 Action Plan" in page
    assert ">Network</th>" in page


def test_the_filters(world, plans):
    client = world.client_for("coordinator")
    found = _results(client, kind="thematic")
    assert "FSM thematic action plan" in found
    assert "2023 Action Plan" not in found
    assert "<html" not in found
    found = _results(client, status="draft")
    assert "2025 Road Map" in found
    assert "2023 Action Plan" not in found
    found = _results(client, theme="urban-sanitation")
    assert "FSM thematic" in found
    assert "Road Map" not in found
    found = _results(client, q="road map")
    assert "2025 Road Map" in found
    assert "FSM" not in found
    assert "No plan matches these filters." in _results(client, q="nothing")
    # A refused value is ignored; the others still apply.
    found = _results(client, kind="bogus", status="validated")
    assert "2023 Action Plan" in found
    assert "Road Map" not in found


def test_titles_are_escaped_and_kept_as_written(world):
    PlanFactory(
        network=world.hue.network,
        code="rvase-km",
        title_en="<em>ផែនការ</em> ແຜນການ",
    )
    page = world.client_for("coordinator").get(URL).content.decode()
    assert "&lt;em&gt;ផែនការ&lt;/em&gt; ແຜນການ" in page
    assert "<em>ផែនការ" not in page


def test_no_plan_yet(world):
    assert "No action plan yet." in world.client_for("coordinator").get(URL).content.decode()
