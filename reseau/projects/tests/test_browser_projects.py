"""A project from a focal point's idea to the secretariat's validation, in a real browser,
with axe-core on every page visited.

The journey runs at 1280x800; the pages it goes through are also checked at 375x812,
where nothing may be wider than the screen.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.fixtures import AxeAudit, sign_in

pytestmark = pytest.mark.browser

FOCAL_POINT = "focal.hue@reseau.test"
COORDINATOR = "coordinator@reseau.test"
SECRETARIAT = "secretariat@reseau.test"  # works in French: the steps below find things by value, not by words

CODE = "rvase-2025-gbv-hue"
TITLE = "Faecal sludge management in Huế"
RETURN_COMMENT = "Add a budget per activity and the letter of support from the province."


def _sign_out(page: Any) -> None:
    with page.expect_navigation():
        page.locator('header form[action="/accounts/logout/"] button').click()


def _fits_the_screen(page: Any) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the screen"


def _submit(page: Any) -> None:
    with page.expect_navigation():
        page.locator("main form.stacked button[type=submit]").click()


def _move_from_the_board(page: Any, axe: AxeAudit, to_stage: str, *, check: bool = False) -> None:
    """The coordinator moves the card from the board, and lands back on the board."""
    page.goto("/projects/board/")
    card = page.locator("#board-columns li", has_text=TITLE)
    expect(card).to_have_count(1)
    if check:
        axe.check(page, "pipeline board")
    card.get_by_role("link", name=re.compile(r"^Move")).click()
    expect(page).to_have_url(re.compile(rf"/projects/{CODE}/stage/\?next="))
    if check:
        axe.check(page, "change of stage, from the board")
    page.locator(f'input[name="to_stage"][value="{to_stage}"]').check()
    _submit(page)
    expect(page).to_have_url(re.compile(r"/projects/board/$"))
    column = page.locator(f'section[aria-labelledby="stage-{to_stage}"]')
    expect(column).to_contain_text(TITLE)


def _change_on_the_project_page(page: Any, to_stage: str, comment: str = "") -> None:
    page.goto(f"/projects/{CODE}/")
    page.locator(".page-head").locator(f'a[href="/projects/{CODE}/stage/"]').click()
    page.locator(f'input[name="to_stage"][value="{to_stage}"]').check()
    if comment:
        page.locator("#id_comment").fill(comment)
    _submit(page)


def test_from_a_focal_points_idea_to_the_secretariats_validation(
    rvase: None, live_server: Any, desktop_page: Any, axe: AxeAudit
) -> None:
    from reseau.registry.models import Member

    page = desktop_page
    vientiane = Member.objects.get(slug="vientiane")

    # The focal point of Huế proposes a project for Huế.
    sign_in(page, FOCAL_POINT)
    page.goto("/projects/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Projects")
    axe.check(page, "project list (focal point)")
    page.locator(".page-head").get_by_role("link", name="Propose a project").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Propose a project")
    expect(page.locator("#id_lead_member")).to_have_count(0)
    axe.check(page, "project form")
    page.get_by_label("Code").fill(CODE)
    page.get_by_label("Title in English").fill(TITLE)
    page.get_by_label("Title in French").fill("Gestion des boues de vidange à Huế")
    page.get_by_label("Summary in English").fill("Collection, treatment and reuse of faecal sludge.")
    page.get_by_label("Urban sanitation — Work theme").check()
    page.get_by_label("Gender equality — Cross-cutting theme").check()
    page.locator(f'input[name="members"][value="{vientiane.pk}"]').check()
    page.get_by_label("Start date").fill("2025-09-01")
    page.get_by_label("End date").fill("2027-08-31")
    page.get_by_label("Total budget").fill("250000")
    page.get_by_label("Currency").select_option("EUR")
    _submit(page)
    expect(page).to_have_url(f"{live_server.url}/projects/{CODE}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("status")).to_contain_text("Project proposed.")
    expect(page.locator(".page-head .badge")).to_have_text("Proposed")
    axe.check(page, "project page, just proposed")
    _sign_out(page)

    # The coordinator takes it through discussion, feasibility and design, and submits it.
    sign_in(page, COORDINATOR)
    _move_from_the_board(page, axe, "under_discussion", check=True)
    _move_from_the_board(page, axe, "feasibility")
    _move_from_the_board(page, axe, "design")
    _move_from_the_board(page, axe, "submitted")
    _sign_out(page)

    # The secretariat returns it: first without comments, which is refused with the reason.
    sign_in(page, SECRETARIAT)
    page.goto(f"/projects/{CODE}/")
    page.locator(".page-head").locator(f'a[href="/projects/{CODE}/stage/"]').click()
    offered = page.locator('input[name="to_stage"]')
    expect(offered).to_have_count(3)  # validate, return, abandon
    axe.check(page, "change of stage (secretariat)")
    page.locator('input[name="to_stage"][value="returned"]').check()
    _submit(page)
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator('input[name="to_stage"][value="returned"]')).to_be_checked()
    axe.check(page, "change of stage refused for want of a comment")
    page.locator("#id_comment").fill(RETURN_COMMENT)
    _submit(page)
    notice = page.locator('section[aria-labelledby="returned-title"]')
    expect(notice).to_contain_text(RETURN_COMMENT)
    axe.check(page, "project page, returned for revision")
    _sign_out(page)

    # The coordinator sees the comments and resubmits it.
    sign_in(page, COORDINATOR)
    page.goto(f"/projects/{CODE}/")
    expect(page.locator('section[aria-labelledby="returned-title"]')).to_contain_text(RETURN_COMMENT)
    expect(page.locator('section[aria-labelledby="returned-title"]')).to_contain_text(
        "Comments of the Permanent Secretariat"
    )
    _change_on_the_project_page(page, "submitted")
    expect(page.get_by_role("status")).to_contain_text(
        "moved from “Returned for revision” to “Submitted for validation”"
    )
    _sign_out(page)

    # The secretariat validates it.
    sign_in(page, SECRETARIAT)
    _change_on_the_project_page(page, "validated")
    expect(page).to_have_url(f"{live_server.url}/projects/{CODE}/")
    _sign_out(page)

    # The timeline tells the whole story, the return comment included.
    sign_in(page, FOCAL_POINT)
    page.goto(f"/projects/{CODE}/")
    expect(page.locator(".page-head .badge")).to_have_text("Validated")
    expect(page.locator('section[aria-labelledby="returned-title"]')).to_have_count(0)
    steps = page.locator('section[aria-labelledby="timeline-title"] > ul > li')
    expect(steps).to_have_count(8)
    expected = [
        "from “Submitted for validation” to “Validated”",
        "from “Returned for revision” to “Submitted for validation”",
        "from “Submitted for validation” to “Returned for revision”",
        "from “Design” to “Submitted for validation”",
        "from “Feasibility” to “Design”",
        "from “Under discussion” to “Feasibility”",
        "from “Proposed” to “Under discussion”",
        "recorded the project as “Proposed”",
    ]
    for index, text in enumerate(expected):
        expect(steps.nth(index)).to_contain_text(text)
    expect(steps.nth(2)).to_contain_text("Comments of the Permanent Secretariat:")
    expect(steps.nth(2)).to_contain_text(RETURN_COMMENT)
    expect(steps.nth(7)).to_contain_text("Lê Thị Hoa")
    axe.check(page, "project page with its whole timeline")

    # And Huế's member page lists it.
    page.goto("/members/hue/")
    expect(page.locator('section[aria-labelledby="projects-title"]')).to_contain_text(TITLE)
    axe.check(page, "member page with its projects")

    axe.assert_clean()


def test_project_pages_at_each_viewport(rvase: None, live_server: Any, page: Any, axe: AxeAudit) -> None:
    """The list, the board, the form, the project page and the change of stage, at each viewport."""
    from reseau.accounts.models import User
    from reseau.partners.seed import load_partners
    from reseau.projects import services
    from reseau.projects.seed import load_projects
    from reseau.registry.models import Member

    # The deck's projects fill the board's columns up to "in implementation", so a
    # board wider than the screen would show here.
    load_partners()
    load_projects()

    hue = Member.objects.get(slug="hue")
    coordinator = User.objects.get(email=COORDINATOR)
    project = services.project_propose(
        actor=coordinator,
        network=hue.network,
        data={
            "code": CODE,
            "title_en": TITLE,
            "lead_member": hue,
            "summary_en": "A long summary " * 40,
            "members": list(Member.objects.filter(network=hue.network).exclude(slug="vientiane")[:6]),
        },
    )
    services.project_transition(actor=coordinator, project=project, to_stage="under_discussion", comment="Go")

    sign_in(page, COORDINATOR)
    for path, label in [
        ("/projects/", "project list"),
        ("/projects/board/", "pipeline board"),
        ("/projects/new/", "project form"),
        (f"/projects/{CODE}/", "project page"),
        (f"/projects/{CODE}/stage/", "change of stage"),
        (f"/projects/{CODE}/edit/", "project edit form"),
    ]:
        page.goto(path)
        axe.check(page, label)
        _fits_the_screen(page)

    # The filters refresh the results in place (htmx), and the address follows.
    page.goto("/projects/")
    results = page.locator("#project-results")
    expect(results).to_contain_text(TITLE)
    with page.expect_response(lambda r: "q=nothing" in r.url and r.request.headers.get("hx-request") == "true"):
        page.get_by_role("searchbox").fill("nothing")
    expect(results).to_contain_text("No project matches these filters.")
    expect(page).to_have_url(re.compile(r"/projects/\?.*q=nothing"))

    page.goto("/projects/board/")
    column = page.locator('section[aria-labelledby="stage-under_discussion"]')
    expect(column).to_contain_text(TITLE)
    with page.expect_response(lambda r: "member=vientiane" in r.url and r.request.headers.get("hx-request") == "true"):
        page.locator("#id_member").select_option("vientiane")
    expect(column).not_to_contain_text(TITLE)
    expect(page).to_have_url(re.compile(r"/projects/board/\?.*member=vientiane"))
    axe.check(page, "pipeline board, filtered")
    _fits_the_screen(page)
    axe.assert_clean()
