"""Axes and activities: adding and editing them, and an activity's page."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from reseau.audit.models import AuditEvent
from reseau.audit.services import audit_subject_key
from reseau.plans.models import Activity, ActivityProgress, Plan
from reseau.registry.models import Theme
from tests.factories import (
    ActivityFactory,
    AxisFactory,
    DecisionFactory,
    DuesFactory,
    NetworkFactory,
    OrganisationFactory,
    PlanFactory,
    ProjectFactory,
    ReportingPeriodFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    plan = PlanFactory(network=world.hue.network, code="rvase-2023", title_en="2023 Action Plan", status="validated")
    AxisFactory(plan=plan, number=1, title_en="Facilitate regional dialogue")
    AxisFactory(plan=plan, number=2, title_en="Supporting local project ownership")
    return plan


def _url(name: str, plan: Plan, **kwargs) -> str:
    return reverse(f"plans:{name}", kwargs={"code": plan.code, **kwargs})


def _errors(response) -> dict:
    assert response.status_code == 200, response.status_code
    return response.context["form"].errors


def _activity_data(plan: Plan, **overrides) -> dict:
    data = {
        "number": "7",
        "axis": plan.axes.get(number=1).pk,
        "title_en": "National Dialogue and Advocacy",
        "title_fr": "Dialogue national et plaidoyer",
        "description_en": "National dialogues planned within the framework of concrete projects.",
        "responsible": "Network coordinator",
        "planned_start": "2023-03-01",
        "planned_end": "2023-11-30",
    }
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


# --- Axes -------------------------------------------------------------------------------------------


def test_who_may_add_an_axis(world, plan):
    url = _url("axis_create", plan)
    assert world.client_for("anonymous").get(url).status_code == 302
    for role in ("partner", "focal_point"):
        assert world.client_for(role).post(url, {"number": 3, "title_en": "x"}).status_code == 403, role
    assert plan.axes.count() == 2


def test_adding_an_axis(world, plan):
    client = world.client_for("coordinator")
    page = client.get(_url("axis_create", plan))
    assert page.context["form"].initial["number"] == 3
    response = client.post(
        _url("axis_create", plan),
        {"number": 3, "title_en": "Support the design of local projects", "title_fr": "Appuyer les projets"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#axis-3")
    axis = plan.axes.get(number=3)
    assert axis.title_en == "Support the design of local projects"
    assert AuditEvent.objects.filter(subject=audit_subject_key(plan), action="created").count() == 1
    duplicate = client.post(_url("axis_create", plan), {"number": 2, "title_en": "Again"})
    assert _errors(duplicate)["number"] == ["Axis number 2 already exists in this plan."]
    assert "title_en" in _errors(client.post(_url("axis_create", plan), {"number": 4}))
    assert plan.axes.count() == 3


# --- Activities ---------------------------------------------------------------------------------------


def test_who_may_add_an_activity(world, plan):
    url = _url("activity_create", plan)
    assert world.client_for("anonymous").get(url).status_code == 302
    for role in ("partner", "focal_point"):
        assert world.client_for(role).get(url).status_code == 403, role
        assert world.client_for(role).post(url, _activity_data(plan)).status_code == 403, role
    assert world.client_for("secretariat").get(url).status_code == 200
    assert not Activity.objects.exists()


def test_adding_an_activity_with_everything(world, plan):
    sanitation = Theme.objects.create(code="urban-sanitation", kind="work", name_en="Urban sanitation")
    DuesFactory(member=world.vientiane, year=2020, status="due")
    auf = OrganisationFactory(name_en="AUF")
    project = ProjectFactory(network=plan.network, lead_member=world.hue, title_en="FSM in Huế")
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    other_project = ProjectFactory(network=maghreb, code="maghreb-project", lead_member__slug="tunis")
    client = world.client_for("coordinator")
    form_page = client.get(_url("activity_create", plan)).content.decode()
    assert "Huế — Dues not recorded" in form_page
    assert "Vientiane Capital — Dues outstanding" in form_page
    assert "FSM in Huế" in form_page
    assert other_project.title not in form_page
    assert "1. Facilitate regional dialogue" in form_page

    refused = client.post(_url("activity_create", plan), _activity_data(plan, projects=[other_project.pk]))
    assert "projects" in _errors(refused)
    response = client.post(
        _url("activity_create", plan),
        _activity_data(
            plan,
            themes=[sanitation.pk],
            members=[world.hue.pk, world.vientiane.pk],
            partners=[auf.pk],
            projects=[project.pk],
        ),
    )
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("activity_detail", plan, number=7)
    assert activity.plan == plan
    assert activity.axis.number == 1
    assert activity.number == 7
    assert activity.title_fr == "Dialogue national et plaidoyer"
    assert activity.responsible == "Network coordinator"
    assert (activity.planned_start, activity.planned_end) == (datetime.date(2023, 3, 1), datetime.date(2023, 11, 30))
    assert list(activity.themes.all()) == [sanitation]
    assert set(activity.members.all()) == {world.hue, world.vientiane}
    assert list(activity.partners.all()) == [auf]
    assert list(activity.projects.all()) == [project]
    assert AuditEvent.objects.filter(subject=audit_subject_key(plan), action="created").count() == 1


def test_bad_activities_are_refused(world, plan):
    ActivityFactory(axis=plan.axes.get(number=1), number=7)
    other = PlanFactory(network=plan.network, code="rvase-2024")
    foreign_axis = AxisFactory(plan=other, number=1)
    client = world.client_for("coordinator")
    url = _url("activity_create", plan)
    duplicate = client.post(url, _activity_data(plan))
    assert _errors(duplicate)["number"] == ["Activity number 7 already exists in this plan."]
    assert "Activity number 7 already exists in this plan." in duplicate.content.decode()
    assert "axis" in _errors(client.post(url, _activity_data(plan, number="8", axis=foreign_axis.pk)))
    dates = client.post(url, _activity_data(plan, number="8", planned_start="2023-06-01", planned_end="2023-05-01"))
    assert _errors(dates)["planned_end"] == ["The planned end cannot be before the planned start."]
    assert "title_en" in _errors(client.post(url, _activity_data(plan, number="8", title_en="", title_fr="")))
    assert "number" in _errors(client.post(url, _activity_data(plan, number="0")))
    assert plan.activities.count() == 1
    # The same number in another plan is fine.
    assert client.post(_url("activity_create", other), _activity_data(other, axis=foreign_axis.pk)).status_code == 302


def test_a_plan_without_axes_asks_for_one_first(world):
    plan = PlanFactory(network=world.hue.network, code="rvase-empty")
    response = world.client_for("coordinator").get(_url("activity_create", plan))
    assert response.status_code == 302
    assert response["Location"] == _url("axis_create", plan)


def test_editing_an_activity(world, plan):
    activity = ActivityFactory(axis=plan.axes.get(number=1), number=7, title_en="National Dialogue")
    ActivityFactory(axis=plan.axes.get(number=1), number=8)
    url = _url("activity_edit", plan, number=7)
    assert world.client_for("focal_point").get(url).status_code == 403
    client = world.client_for("coordinator")
    assert client.get(url).status_code == 200
    assert "number" in _errors(client.post(url, _activity_data(plan, number="8")))
    response = client.post(url, _activity_data(plan, number="9", axis=plan.axes.get(number=2).pk))
    assert response.status_code == 302
    assert response["Location"] == _url("activity_detail", plan, number=9)
    activity.refresh_from_db()
    assert activity.number == 9
    assert activity.axis.number == 2
    assert AuditEvent.objects.filter(subject=audit_subject_key(plan), action="updated").count() == 1
    assert client.get(_url("activity_edit", plan, number=7)).status_code == 404


# --- An activity's page -------------------------------------------------------------------------------


@pytest.fixture
def activity(world, plan):
    activity = ActivityFactory(
        axis=plan.axes.get(number=1),
        number=1,
        title_en="Making contact with member cities and their focal points; confirming needs.",
        description_en="First line\n<b>second</b> line",
        responsible="ສົມພອນ (Vientiane)",
    )
    activity.members.set([world.hue])
    activity.partners.set([OrganisationFactory(name_en="UCLG-ASPAC")])
    network = plan.network
    periods = {
        "2023-H1": ReportingPeriodFactory(
            network=network,
            kind="half_year",
            label="2023-H1",
            starts_on=datetime.date(2023, 1, 1),
            ends_on=datetime.date(2023, 6, 30),
        ),
        "2023-H2": ReportingPeriodFactory(
            network=network,
            kind="half_year",
            label="2023-H2",
            starts_on=datetime.date(2023, 7, 1),
            ends_on=datetime.date(2023, 12, 31),
        ),
        "2023": ReportingPeriodFactory(network=network, label="2023"),
    }
    ActivityProgress.objects.create(activity=activity, period=periods["2023-H1"], achieved="Contacts in Cambodia")
    ActivityProgress.objects.create(
        activity=activity, period=periods["2023-H2"], achieved="Contacts in Vietnam", status="done"
    )
    return activity


def test_who_reads_an_activity(world, plan, activity):
    url = _url("activity_detail", plan, number=1)
    assert world.client_for("anonymous").get(url).status_code == 302
    for role in ("partner", "focal_point", "coordinator", "secretariat"):
        assert world.client_for(role).get(url).status_code == 200, role
    assert world.client_for("focal_point").get(_url("activity_detail", plan, number=99)).status_code == 404
    Plan.objects.filter(pk=plan.pk).update(status="draft")
    # A draft of the partner's network: counted on the list, so refused with its reason.
    assert world.client_for("partner").get(url).status_code == 403


def test_the_activity_page(world, plan, activity):
    decision = DecisionFactory(network=plan.network, title_en="Appoint the focal points by June")
    decision.activities.set([activity])
    DecisionFactory(network=plan.network, title_en="Unrelated decision")
    page = world.client_for("coordinator").get(_url("activity_detail", plan, number=1)).content.decode()
    assert "Making contact with member cities" in page
    assert "First line<br>&lt;b&gt;second&lt;/b&gt; line" in page
    assert "ສົມພອນ (Vientiane)" in page
    assert "Huế" in page
    assert "Dues not recorded" in page
    assert "UCLG-ASPAC" in page
    # Progress in every period, the newest first.
    assert page.index("Contacts in Vietnam") < page.index("Contacts in Cambodia")
    assert "Appoint the focal points by June" in page
    assert "Unrelated decision" not in page
    # Staff see the plan's history and may record progress for the period without it.
    assert "History of changes to the plan" in page
    assert _url("progress_edit", plan, number=1, period="2023") in page
    assert _url("progress_edit", plan, number=1, period="2023-H1") in page
    assert _url("activity_edit", plan, number=1) in page


def test_readers_do_not_see_staff_things(world, plan, activity):
    decision = DecisionFactory(network=plan.network, title_en="Appoint the focal points by June")
    decision.activities.set([activity])
    page = world.client_for("focal_point").get(_url("activity_detail", plan, number=1)).content.decode()
    assert "History of changes to the plan" not in page
    assert _url("activity_edit", plan, number=1) not in page
    assert "/progress/" not in page
    assert "Appoint the focal points by June" in page
    # The decisions register is the network's own: partners do not see it.
    page = world.client_for("partner").get(_url("activity_detail", plan, number=1)).content.decode()
    assert "Appoint the focal points by June" not in page
    assert "Contacts in Vietnam" in page
    assert "Up to date with dues" not in page
