"""Recording an activity's progress for a reporting period."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from reseau.audit.models import AuditEvent
from reseau.audit.services import audit_subject_key
from reseau.plans.models import ActivityProgress
from tests.factories import ActivityFactory, AxisFactory, NetworkFactory, PlanFactory, ReportingPeriodFactory

pytestmark = pytest.mark.django_db

DATA = {
    "achieved": "Cambodia: ASAC, Kampot, Phnom Penh.\r\nLaos: Luang Prabang, Vientiane.",
    "planned": "Ongoing dialogue.",
    "suggestions": "Formal appointment of a focal point within the other members.",
    "status": "ongoing",
}


@pytest.fixture
def activity(world):
    plan = PlanFactory(network=world.hue.network, code="rvase-2023", title_en="2023 Action Plan")
    axis = AxisFactory(plan=plan, number=1, title_en="Facilitate regional dialogue")
    return ActivityFactory(axis=axis, number=1, title_en="Making contact with member cities")


@pytest.fixture
def period(world):
    return ReportingPeriodFactory(
        network=world.hue.network,
        kind="half_year",
        label="2023-H1",
        starts_on=datetime.date(2023, 1, 1),
        ends_on=datetime.date(2023, 6, 30),
    )


def _url(activity, label: str) -> str:
    return reverse(
        "plans:progress_edit", kwargs={"code": activity.plan.code, "number": activity.number, "period": label}
    )


def test_who_may_record_progress(world, activity, period):
    url = _url(activity, period.label)
    anonymous = world.client_for("anonymous").get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("accounts:login"))
    assert world.client_for("focal_point").get(url).status_code == 403
    assert world.client_for("focal_point").post(url, DATA).status_code == 403
    assert world.client_for("partner").post(url, DATA).status_code == 403  # a draft: not shared with partners
    for role in ("coordinator", "secretariat"):
        assert world.client_for(role).get(url).status_code == 200, role
    assert not ActivityProgress.objects.exists()


def test_recording_then_changing_progress(world, activity, period):
    client = world.client_for("coordinator")
    response = client.post(_url(activity, period.label), DATA)
    assert response.status_code == 302
    assert response["Location"] == f"{activity.plan.get_absolute_url()}?period=2023-H1#activity-1"
    progress = ActivityProgress.objects.get()
    assert (progress.activity, progress.period) == (activity, period)
    assert progress.achieved == "Cambodia: ASAC, Kampot, Phnom Penh.\nLaos: Luang Prabang, Vientiane."
    assert progress.planned == "Ongoing dialogue."
    assert progress.status == "ongoing"
    table = client.get(response["Location"]).content.decode()
    assert "Progress of activity 1 recorded for 2023-H1." in table
    assert "Cambodia: ASAC, Kampot, Phnom Penh.<br>Laos: Luang Prabang, Vientiane." in table

    # The form shows what was recorded; saving again updates the same row.
    form_page = client.get(_url(activity, period.label))
    assert "Ongoing dialogue." in form_page.content.decode()
    assert form_page.context["form"]["status"].value() == "ongoing"
    client.post(_url(activity, period.label), {**DATA, "status": "done", "planned": ""})
    progress = ActivityProgress.objects.get()
    assert progress.status == "done"
    assert progress.planned == ""
    subject = audit_subject_key(activity.plan)
    assert AuditEvent.objects.filter(subject=subject, action="created").count() == 1
    assert AuditEvent.objects.filter(subject=subject, action="updated").count() == 1


def test_a_period_outside_the_plan_is_refused_with_a_message(world, activity):
    outside = ReportingPeriodFactory(
        network=activity.plan.network,
        kind="year",
        label="2025",
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2025, 12, 31),
    )
    client = world.client_for("coordinator")
    shown = client.get(_url(activity, outside.label))
    assert shown.status_code == 200
    assert "This period is outside the plan's period." in shown.content.decode()
    refused = client.post(_url(activity, outside.label), DATA)
    assert refused.status_code == 200
    assert "This period is outside the plan's period." in refused.context["form"].non_field_errors()
    page = refused.content.decode()
    # Said once, as the form's error.
    assert page.count("This period is outside the plan&#x27;s period.") == 1
    assert "This period is outside the plan's period." not in page
    assert 'role="alert"' in page
    assert not ActivityProgress.objects.exists()


def test_unknown_periods_activities_and_other_networks_periods_are_not_found(world, activity, period):
    client = world.client_for("coordinator")
    assert client.get(_url(activity, "1999")).status_code == 404
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    ReportingPeriodFactory(network=maghreb, label="maghreb-2023")
    assert client.get(_url(activity, "maghreb-2023")).status_code == 404
    missing = reverse("plans:progress_edit", kwargs={"code": activity.plan.code, "number": 42, "period": "2023-H1"})
    assert client.get(missing).status_code == 404


def test_bad_input_is_refused(world, activity, period):
    refused = world.client_for("coordinator").post(_url(activity, period.label), {**DATA, "status": "finished"})
    assert refused.status_code == 200
    assert "status" in refused.context["form"].errors
    assert not ActivityProgress.objects.exists()


def test_khmer_lao_and_markup_round_trip(world, activity, period):
    client = world.client_for("coordinator")
    text = {
        "achieved": "កិច្ចប្រជុំនៅភ្នំពេញ <script>alert(1)</script>",
        "planned": "ກອງປະຊຸມຢູ່ວຽງຈັນ",
        "suggestions": "Hội thảo tại Huế & Cần Thơ",
        "status": "not_started",
    }
    assert client.post(_url(activity, period.label), text).status_code == 302
    progress = ActivityProgress.objects.get()
    assert progress.achieved == text["achieved"]
    assert progress.planned == text["planned"]
    assert progress.suggestions == text["suggestions"]
    page = client.get(f"{activity.plan.get_absolute_url()}?period=2023-H1").content.decode()
    assert "កិច្ចប្រជុំនៅភ្នំពេញ &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    assert "ກອງປະຊຸມຢູ່ວຽງຈັນ" in page
    assert "Hội thảo tại Huế &amp; Cần Thơ" in page
    form_page = client.get(_url(activity, period.label)).content.decode()
    assert "ກອງປະຊຸມຢູ່ວຽງຈັນ" in form_page
    assert "&lt;script&gt;" in form_page
