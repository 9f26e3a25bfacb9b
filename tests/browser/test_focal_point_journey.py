"""A focal point's day-to-day journey, in a real browser, with axe-core on every page.

The journey runs at a desktop (1280x800) and a phone (375x812) viewport.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.chromium import switch_language
from tests.browser.fixtures import AxeAudit, sign_in

pytestmark = pytest.mark.browser

FOCAL_POINT = "focal.hue@reseau.test"
NEW_NAME_EN = "Huế (Thừa Thiên)"
NEW_NAME_LOCAL = "Thành phố Huế, tỉnh Thừa Thiên Huế"


def _member_history(page: Any) -> Any:
    return page.locator('section[aria-labelledby="history-title"]')


def test_focal_point_edits_own_member(rvase: None, live_server: Any, page: Any, axe: AxeAudit) -> None:
    # Login page, as an anonymous visitor.
    page.goto("/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page.get_by_label("Email")).to_be_visible()
    axe.check(page, "login page")

    # Signing in lands on the home page, greeting the focal point and showing its member.
    sign_in(page, FOCAL_POINT)
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Lê Thị Hoa")
    expect(page.locator("#own-title")).to_contain_text("Huế")
    axe.check(page, "home page (focal point)")

    # The member page.
    page.goto("/members/hue/")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Huế")
    expect(heading).to_contain_text("Thành phố Huế")
    expect(_member_history(page)).to_be_visible()
    axe.check(page, "member page")

    # Edit it.
    page.locator(".page-head").get_by_role("link", name="Edit", exact=True).click()
    expect(page).to_have_url(re.compile(r"/members/hue/edit/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit Huế")
    axe.check(page, "member edit form")

    name_en = page.locator("#id_name_en")
    name_local = page.locator("#id_name_local")
    old_name_en = name_en.input_value()
    old_name_local = name_local.input_value()
    assert old_name_en == "Huế"
    assert old_name_local == "Thành phố Huế"
    name_en.fill(NEW_NAME_EN)
    name_local.fill(NEW_NAME_LOCAL)
    with page.expect_navigation():
        page.locator("main form").get_by_role("button", name="Save").click()

    # Back on the member page, with the new name and a confirmation.
    expect(page).to_have_url(f"{live_server.url}/members/hue/")
    expect(page.get_by_role("status")).to_contain_text("Changes saved.")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text(NEW_NAME_EN)
    expect(heading.locator(".local-name")).to_have_text(NEW_NAME_LOCAL)

    # The history shows who changed what, old value and new value.
    history = _member_history(page)
    expect(history).to_contain_text("Lê Thị Hoa")  # the name, not the e-mail
    expect(history).not_to_contain_text(FOCAL_POINT)
    expect(history.locator("del", has_text=re.compile(rf"^{re.escape(old_name_en)}$"))).to_have_count(1)
    expect(history.locator("ins", has_text=re.compile(rf"^{re.escape(NEW_NAME_EN)}$"))).to_have_count(1)
    expect(history.locator("del", has_text=re.compile(rf"^{re.escape(old_name_local)}$"))).to_have_count(1)
    expect(history.locator("ins", has_text=re.compile(rf"^{re.escape(NEW_NAME_LOCAL)}$"))).to_have_count(1)
    axe.check(page, "member page after the edit")

    # The member directory, searched with the unaccented spelling (results come by htmx).
    page.goto("/members/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Member directory")
    results = page.locator("#member-results")
    expect(results).to_contain_text("Vientiane Capital")
    axe.check(page, "member directory")

    with page.expect_response(
        lambda r: "/members/" in r.url and "q=Hue" in r.url and r.request.headers.get("hx-request") == "true"
    ):
        page.get_by_role("searchbox").fill("Hue")
    expect(results).to_contain_text("1 member")
    expect(results.get_by_role("link", name=NEW_NAME_EN)).to_be_visible()
    expect(results).not_to_contain_text("Vientiane Capital")
    expect(page).to_have_url(re.compile(r"/members/\?.*q=Hue"))
    axe.check(page, "member directory, searched for 'Hue'")

    # Another member's edit form is refused with the friendly 403 page.
    response = page.goto("/members/vientiane/edit/")
    assert response is not None
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You are not allowed to do this")
    expect(page.locator("#id_name_en")).to_have_count(0)
    axe.check(page, "403 page")

    axe.assert_clean()


def test_language_switcher_shows_french(rvase: None, live_server: Any, desktop_page: Any, axe: AxeAudit) -> None:
    """Needs the compiled French catalogue (locale/fr/LC_MESSAGES/django.mo)."""
    page = desktop_page
    sign_in(page, FOCAL_POINT)
    page.goto("/members/")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Members", exact=True)).to_be_visible()

    switch_language(page, "fr")

    # Back on the same page, now in French.
    expect(page).to_have_url(f"{live_server.url}/members/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("#language-switch")).to_have_value("fr")
    nav = page.locator("nav.site-nav")
    expect(nav.get_by_role("link", name="Membres", exact=True)).to_be_visible()
    expect(nav.get_by_role("link", name="Members", exact=True)).to_have_count(0)
    expect(nav.get_by_role("link", name="Home", exact=True)).to_have_count(0)
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Member directory")
    axe.check(page, "member directory in French")

    # The choice is remembered on the account: the home page is French too.
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lê Thị Hoa")
    expect(page.get_by_role("heading", level=1)).not_to_contain_text("Hello")
    axe.check(page, "home page in French")

    axe.assert_clean()


def test_edit_form_error_is_tied_to_its_field(rvase: None, live_server: Any, desktop_page: Any, axe: AxeAudit) -> None:
    """Emptying the required English name shows an error that assistive technology can reach."""
    page = desktop_page
    sign_in(page, FOCAL_POINT)
    page.goto("/members/hue/edit/")
    page.locator("#id_name_en").fill("")
    with page.expect_navigation():
        page.locator("main form").get_by_role("button", name="Save").click()

    expect(page).to_have_url(re.compile(r"/members/hue/edit/$"))
    expect(page.get_by_role("alert")).to_contain_text("Please correct the errors below.")
    field = page.locator("#id_name_en")
    expect(field).to_have_attribute("aria-invalid", "true")
    described_by = (field.get_attribute("aria-describedby") or "").split()
    assert described_by, "the invalid field has no aria-describedby"
    missing = [i for i in described_by if page.locator(f"#{i}").count() == 0]
    assert not missing, (
        f"#id_name_en has aria-describedby={' '.join(described_by)!r} but no element has id {missing}; "
        f"the error list is rendered with id={page.locator('.errorlist').first.get_attribute('id')!r}"
    )
    described = " ".join(page.locator(f"#{i}").inner_text() for i in described_by)
    assert "This field is required." in described
    axe.check(page, "member edit form with an error")
    axe.assert_clean()
