"""Issue 12, deliver 1: the Content-Security-Policy refuses inline code, and no page needs any.

Chromium reports each refusal as a ``securitypolicyviolation`` event and a console error;
both are collected over the main pages, an htmx filter, the calendar widget of the admin
and the admin's lists and forms. One failure names every refusal, its page and what was refused.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.fixtures import sign_in

pytestmark = pytest.mark.browser

# Sent to Python for each refusal, across navigations (an exposed function survives them).
REPORT_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (event) => {
  window.reportCspViolation(`${event.violatedDirective} refused ${event.blockedURI || 'inline'}`
    + ` at ${event.sourceFile || event.documentURI}:${event.lineNumber} ${event.sample || ''}`);
});
"""
PAGES = [
    "/",
    "/members/",
    "/members/hue/",
    "/partners/",
    "/funding/",
    "/projects/",
    "/projects/board/",
    "/plans/",
    "/events/?when=past",
    # The event form: its Repeats and zone choosers and the checklist filters (events/checklist.js).
    "/events/new/",
    "/calendar/",
    "/logframe/",
    "/decisions/",
]
# A list, and the pattern of the addresses of its items.
DETAILS = [
    ("/events/?when=past", r"/events/(?!new/)[\w-]+/"),
    ("/projects/", r"/projects/(?!new/|board/|rates/)[\w-]+/"),
    ("/plans/", r"/plans/(?!new/|periods/)[\w-]+/"),
]
ADMIN_PAGES = ["/admin/", "/admin/accounts/user/", "/admin/registry/member/", "/admin/registry/member/add/"]


class Refusals:
    def __init__(self, page: Any) -> None:
        self.page = page
        self.found: list[str] = []
        page.context.expose_function("reportCspViolation", lambda text: self.found.append(f"{page.url}: {text}"))
        page.context.add_init_script(REPORT_VIOLATIONS)
        page.on("console", self._console)

    def _console(self, message: Any) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.found.append(f"{self.page.url}: console: {message.text}")

    def visit(self, address: str) -> None:
        response = self.page.goto(address)
        assert response is not None, address
        assert response.ok, f"{address}: {response.status}"
        self.page.wait_for_load_state("load")


@pytest.fixture
def rvase_with_records(rvase: None) -> None:
    """The demo network with its partners, projects, plans and events, for their detail pages."""
    from reseau.events.seed import load_events
    from reseau.partners.seed import load_partners
    from reseau.plans.seed import load_plans
    from reseau.projects.seed import load_projects

    for load in (load_partners, load_projects, load_plans, load_events):
        load()


def test_pages_htmx_and_the_admin_run_without_a_csp_refusal(rvase_with_records: None, desktop_page: Any) -> None:
    page = desktop_page
    refusals = Refusals(page)
    refusals.visit("/accounts/login/")
    sign_in(page, "coordinator@reseau.test")
    for address in PAGES:
        refusals.visit(address)
    # A detail page of each kind reached from its list: an event, a project, a plan.
    for listing, detail in DETAILS:
        refusals.visit(listing)
        links = page.eval_on_selector_all("main a[href]", "links => links.map(link => link.getAttribute('href'))")
        detail_address = next((link for link in links if re.fullmatch(detail, link)), None)
        assert detail_address, f"{listing}: no link to a detail page among {links}"
        refusals.visit(detail_address)
    # An htmx filter: the list is fetched and swapped in place.
    refusals.visit("/partners/")
    with page.expect_response(lambda response: "/partners/?" in response.url) as answer:
        page.locator('main input[type="search"]').fill("Agence")
    assert answer.value.request.headers.get("hx-request") == "true"
    page.wait_for_load_state("networkidle")

    page.context.clear_cookies()
    sign_in(page, "secretariat@reseau.test")
    for address in ADMIN_PAGES:
        refusals.visit(address)
    # The admin's calendar and clock pop-ups write their own markup.
    refusals.visit("/admin/accounts/user/")
    page.locator("#result_list tbody tr th a").first.click()
    page.wait_for_load_state("load")
    shortcuts = page.locator(".datetimeshortcuts a").all()
    assert shortcuts, "the account's change page has no date or time shortcut to open"
    for shortcut in shortcuts:
        shortcut.click()
    assert not refusals.found, "Content-Security-Policy refusals:\n" + "\n".join(refusals.found)
