"""Creating and editing a plan: who may, what is stored, what is refused."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from reseau.audit.models import AuditEvent
from reseau.audit.services import audit_subject_key
from reseau.plans.models import Plan
from reseau.registry.models import Theme
from tests.factories import NetworkFactory, PlanFactory

pytestmark = pytest.mark.django_db

URL = reverse("plans:plan_create")


def _data(**overrides) -> dict:
    data = {
        "code": "rvase-fsm-2023-2025",
        "kind": "thematic",
        "title_en": "FSM thematic action plan (2023-2025)",
        "title_fr": "Plan d'action thématique GBV (2023-2025)",
        "starts_on": "2023-01-01",
        "ends_on": "2025-12-31",
        "status": "draft",
    }
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


def _errors(response) -> dict:
    assert response.status_code == 200, response.status_code
    return response.context["form"].errors


def test_who_may_create_a_plan(world):
    anonymous = world.client_for("anonymous").get(URL)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("accounts:login"))
    for role in ("partner", "focal_point"):
        assert world.client_for(role).get(URL).status_code == 403, role
        assert world.client_for(role).post(URL, _data()).status_code == 403, role
    for role in ("coordinator", "secretariat"):
        assert world.client_for(role).get(URL).status_code == 200, role
    assert not Plan.objects.exists()


def test_the_coordinator_creates_a_plan_of_its_network(world):
    sanitation = Theme.objects.create(code="urban-sanitation", kind="work", name_en="Urban sanitation")
    client = world.client_for("coordinator")
    assert 'name="network"' not in client.get(URL).content.decode()
    response = client.post(URL, _data(theme=sanitation.pk))
    plan = Plan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == plan.get_absolute_url()
    assert plan.network == world.hue.network
    assert (plan.code, plan.kind, plan.status) == ("rvase-fsm-2023-2025", "thematic", "draft")
    assert plan.title_en == "FSM thematic action plan (2023-2025)"
    assert plan.title_fr == "Plan d'action thématique GBV (2023-2025)"
    assert plan.theme == sanitation
    assert (plan.starts_on, plan.ends_on) == (datetime.date(2023, 1, 1), datetime.date(2025, 12, 31))
    assert AuditEvent.objects.filter(subject=audit_subject_key(plan), action="created").count() == 1
    assert "Plan created." in client.get(response["Location"]).content.decode()


def test_the_secretariat_chooses_the_network(world):
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    client = world.client_for("secretariat")
    assert "network" in _errors(client.post(URL, _data()))
    response = client.post(URL, _data(network=maghreb.pk))
    assert response.status_code == 302
    assert Plan.objects.get().network == maghreb


def test_an_end_before_the_start_is_refused(world):
    response = world.client_for("coordinator").post(URL, _data(starts_on="2025-01-01", ends_on="2024-12-31"))
    assert _errors(response)["ends_on"] == ["The end of the period cannot be before its start."]
    assert "The end of the period cannot be before its start." in response.content.decode()
    assert not Plan.objects.exists()


def test_bad_codes_and_missing_titles_are_refused(world):
    PlanFactory(network=world.hue.network, code="rvase-2023")
    client = world.client_for("coordinator")
    assert _errors(client.post(URL, _data(code="rvase-2023")))["code"] == ["A plan with this code already exists."]
    assert "code" in _errors(client.post(URL, _data(code="periods")))
    assert "code" in _errors(client.post(URL, _data(code="new")))
    assert "code" in _errors(client.post(URL, _data(code="not a slug")))
    assert "title_en" in _errors(client.post(URL, _data(title_en="", title_fr="")))
    assert "kind" in _errors(client.post(URL, _data(kind="weekly")))
    assert Plan.objects.count() == 1


def test_khmer_and_lao_titles_round_trip(world):
    client = world.client_for("coordinator")
    client.post(URL, _data(title_en="ផែនការសកម្មភាព ភ្នំពេញ", title_fr="ແຜນການ ວຽງຈັນ"))
    plan = Plan.objects.get()
    assert plan.title_en == "ផែនការសកម្មភាព ភ្នំពេញ"
    assert plan.title_fr == "ແຜນການ ວຽງຈັນ"
    page = client.get(reverse("plans:plan_edit", kwargs={"code": plan.code})).content.decode()
    assert 'value="ផែនការសកម្មភាព ភ្នំពេញ"' in page
    assert 'value="ແຜນການ ວຽງຈັນ"' in page


def test_editing_a_plan(world):
    plan = PlanFactory(network=world.hue.network, code="rvase-2023", title_en="2023 Action Plan")
    url = reverse("plans:plan_edit", kwargs={"code": plan.code})
    for role in ("partner", "focal_point"):
        assert world.client_for(role).get(url).status_code in (403, 404), role
    assert world.client_for("focal_point").get(url).status_code == 403
    client = world.client_for("coordinator")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        _data(
            code="changed",
            kind="annual",
            title_en="2023 Action Plan",
            starts_on="2023-01-01",
            ends_on="2023-12-31",
            status="validated",
        ),
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.code == "rvase-2023"  # the code is set once
    assert plan.status == "validated"
    assert AuditEvent.objects.filter(subject=audit_subject_key(plan), action="updated").count() == 1
    refused = client.post(url, _data(kind="annual", starts_on="2023-12-31", ends_on="2023-01-01"))
    assert _errors(refused)["ends_on"] == ["The end of the period cannot be before its start."]
    plan.refresh_from_db()
    assert plan.ends_on == datetime.date(2023, 12, 31)


def test_another_networks_plan_cannot_be_edited(world):
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    other = PlanFactory(network=maghreb, code="maghreb-2023")
    url = reverse("plans:plan_edit", kwargs={"code": other.code})
    assert world.client_for("coordinator").get(url).status_code == 404
    assert world.client_for("secretariat").get(url).status_code == 200
