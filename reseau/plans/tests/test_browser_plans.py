"""The coordinator adds a reporting period, records an activity's progress for it and reads it in the
plan table, in a real browser with axe-core on every page visited.

The plan, its axes and activities are made here (the deck's 2023 plan may not be seeded); the pages
are also checked at 375x812, where nothing may be wider than the screen.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.fixtures import AxeAudit, sign_in

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator@reseau.test"
FOCAL_POINT = "focal.hue@reseau.test"
CODE = "browser-2023-action-plan"

ACHIEVED = "Cambodia: ASAC, Kampot, Phnom Penh.\nLaos: Luang Prabang, Vientiane (ວຽງຈັນ)."
PLANNED = "Ongoing dialogue."
SUGGESTIONS = "Formal appointment of a focal point within the other members of the network."


def _make_plan() -> Any:
    from reseau.plans.models import Plan
    from reseau.registry.models import Network
    from tests.factories import ActivityFactory, AxisFactory, PlanFactory

    network = Network.objects.get(code="rvase")
    plan = PlanFactory(
        network=network,
        code=CODE,
        kind=Plan.Kind.ANNUAL,
        title_en="2023 Action Plan (browser)",
        title_fr="Plan d'action 2023 (navigateur)",
        status=Plan.Status.VALIDATED,
        starts_on=datetime.date(2023, 1, 1),
        ends_on=datetime.date(2023, 12, 31),
    )
    dialogue = AxisFactory(
        plan=plan, number=1, title_en="Facilitate regional dialogue between local authorities and stakeholders"
    )
    ownership = AxisFactory(plan=plan, number=2, title_en="Supporting local project ownership")
    ActivityFactory(
        axis=dialogue,
        number=1,
        title_en="Making contact with member cities and their focal points; confirming needs.",
    )
    ActivityFactory(
        axis=dialogue,
        number=2,
        title_en="Identification and contact with actors supporting decentralization, francophonie and "
        "urban development in SEA, in relation to the pre-identified work themes.",
    )
    ActivityFactory(
        axis=ownership, number=8, title_en="Diagnosis of training needs, exchange of experiences and studies"
    )
    return plan


def _submit(page: Any) -> None:
    with page.expect_navigation():
        page.locator("main form.stacked button[type=submit]").click()


def _fits_the_screen(page: Any) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the screen"


def test_the_coordinator_records_progress_and_reads_it_in_the_plan_table(
    rvase: None, live_server: Any, desktop_page: Any, axe: AxeAudit
) -> None:
    page = desktop_page
    plan = _make_plan()

    sign_in(page, COORDINATOR)
    page.goto("/plans/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Action plans")
    expect(page.locator('section[aria-labelledby="kind-annual"]')).to_contain_text(plan.title_en)
    axe.check(page, "plan list")

    # The network chooses its reporting period.
    page.locator(".page-head").get_by_role("link", name="Reporting periods").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reporting periods")
    axe.check(page, "reporting periods")
    page.locator(".page-head").get_by_role("link", name="New reporting period").click()
    axe.check(page, "new reporting period")
    page.get_by_label("Type of period").select_option("half_year")
    page.get_by_label("Start").fill("2023-07-01")
    page.get_by_label("End").fill("2023-06-30")
    page.get_by_label("Label").fill("2023-H2")
    _submit(page)
    # An end before the start is refused, with the reason beside the field.
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator(".field.has-error")).to_contain_text("The end of the period cannot be before its start.")
    axe.check(page, "new reporting period, refused")
    page.get_by_label("End").fill("2023-12-31")
    _submit(page)
    expect(page).to_have_url(f"{live_server.url}/plans/periods/")
    expect(page.get_by_role("status")).to_contain_text("Reporting period 2023-H2 added.")
    expect(page.locator("main table")).to_contain_text("2023-H2")

    # The plan table offers the period; the coordinator records activity 2's progress for it.
    page.goto(f"/plans/{CODE}/")
    expect(page.locator("#id_period")).to_have_value("2023-H2")
    table = page.locator("#plan-table table")
    expect(table.locator("thead")).to_contain_text("Achieved")
    axe.check(page, "plan table, nothing recorded yet")
    page.get_by_role("link", name="Record progress of activity 2 for 2023-H2").click()
    expect(page).to_have_url(re.compile(rf"/plans/{CODE}/activities/2/progress/2023-H2/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Progress of activity 2 in 2023-H2")
    axe.check(page, "progress form")
    page.get_by_label("Achieved").fill(ACHIEVED)
    page.get_by_label("Planned").fill(PLANNED)
    page.get_by_label("Suggestions").fill(SUGGESTIONS)
    page.get_by_label("Ongoing").check()
    _submit(page)

    expect(page).to_have_url(re.compile(rf"/plans/{CODE}/\?period=2023-H2#activity-2$"))
    expect(page.get_by_role("status")).to_contain_text("Progress of activity 2 recorded for 2023-H2.")
    row = page.locator("#activity-2")
    expect(row).to_contain_text("Cambodia: ASAC, Kampot, Phnom Penh.")
    expect(row).to_contain_text("Laos: Luang Prabang, Vientiane (ວຽງຈັນ).")
    expect(row).to_contain_text(PLANNED)
    expect(row).to_contain_text(SUGGESTIONS)
    expect(row.locator(".badge")).to_have_text("Ongoing")
    # The line break typed is kept.
    expect(row.locator('td[data-label="Achieved"] br')).to_have_count(1)
    axe.check(page, "plan table with the progress recorded")

    # A focal point reads it too, and the activity's page lists it.
    page.locator('header form[action="/accounts/logout/"] button').click()
    page.wait_for_url(re.compile(r"/$"))
    sign_in(page, FOCAL_POINT)
    page.goto(f"/plans/{CODE}/?period=2023-H2")
    expect(page.locator("#activity-2")).to_contain_text(PLANNED)
    expect(page.get_by_role("link", name=re.compile("^Record progress"))).to_have_count(0)
    page.locator("#activity-2").get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Activity 2")
    expect(page.locator('section[aria-labelledby="progress-title"]')).to_contain_text(SUGGESTIONS)
    axe.check(page, "activity page")
    axe.assert_clean()


def test_plan_pages_at_each_viewport(rvase: None, live_server: Any, page: Any, axe: AxeAudit) -> None:
    """The list, the table (one period, and two compared), the forms and an activity, at each viewport."""
    from reseau.plans.models import ActivityProgress, ReportingPeriod

    plan = _make_plan()
    first = ReportingPeriod.objects.create(
        network=plan.network,
        kind="half_year",
        label="2023-H1",
        starts_on=datetime.date(2023, 1, 1),
        ends_on=datetime.date(2023, 6, 30),
    )
    second = ReportingPeriod.objects.create(
        network=plan.network,
        kind="half_year",
        label="2023-H2",
        starts_on=datetime.date(2023, 7, 1),
        ends_on=datetime.date(2023, 12, 31),
    )
    for activity in plan.activities.all():
        ActivityProgress.objects.create(
            activity=activity,
            period=first,
            achieved=ACHIEVED,
            planned="First half: " + PLANNED * 3,
            suggestions=SUGGESTIONS,
            status="done",
        )
        ActivityProgress.objects.create(
            activity=activity,
            period=second,
            achieved="Second half: contacts in Vietnam (Huế, Cần Thơ).",
            planned=PLANNED,
            status="ongoing",
        )

    sign_in(page, COORDINATOR)
    for path, label in [
        ("/plans/", "plan list"),
        ("/plans/new/", "plan form"),
        ("/plans/periods/", "reporting periods"),
        ("/plans/periods/new/", "reporting period form"),
        (f"/plans/{CODE}/", "plan table"),
        (f"/plans/{CODE}/?period=2023-H2&compare=2023-H1", "plan table, two periods compared"),
        (f"/plans/{CODE}/edit/", "plan edit form"),
        (f"/plans/{CODE}/axes/new/", "axis form"),
        (f"/plans/{CODE}/activities/new/", "activity form"),
        (f"/plans/{CODE}/activities/1/", "activity page"),
        (f"/plans/{CODE}/activities/1/progress/2023-H1/", "progress form"),
    ]:
        page.goto(path)
        axe.check(page, label)
        _fits_the_screen(page)

    # Comparing: both periods' texts, in the same row.
    page.goto(f"/plans/{CODE}/?period=2023-H2&compare=2023-H1")
    row = page.locator("#activity-8")
    expect(row).to_contain_text("Second half: contacts in Vietnam (Huế, Cần Thơ).")
    expect(row).to_contain_text("First half: Ongoing dialogue.")
    expect(row.locator('td[data-label="Achieved (2023-H1)"]')).to_contain_text("Cambodia: ASAC")

    # The period chooser refreshes the table in place (htmx), and the address follows.
    with page.expect_response(lambda r: "compare=" in r.url and r.request.headers.get("hx-request") == "true"):
        page.locator("#id_compare").select_option("")
    expect(page.locator("#plan-table thead")).not_to_contain_text("2023-H1")
    expect(page.locator("#activity-8")).not_to_contain_text("First half")
    with page.expect_response(lambda r: "period=2023-H1" in r.url and r.request.headers.get("hx-request") == "true"):
        page.locator("#id_period").select_option("2023-H1")
    expect(page.locator("#activity-8")).to_contain_text("First half: Ongoing dialogue.")
    expect(page).to_have_url(re.compile(r"period=2023-H1"))
    axe.check(page, "plan table after choosing another period")
    _fits_the_screen(page)
    axe.assert_clean()
