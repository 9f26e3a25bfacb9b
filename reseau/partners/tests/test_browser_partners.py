"""A coordinator's partner work in a real browser, with axe-core on every page,
at a desktop (1280x800) and a phone (375x812) viewport."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.fixtures import AxeAudit, sign_in

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator@reseau.test"


def _fits_the_screen(page: Any) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the screen"


def _check(page: Any, axe: AxeAudit, label: str) -> None:
    axe.check(page, label)
    _fits_the_screen(page)


def test_coordinator_follows_up_a_donor(rvase: None, live_server: Any, page: Any, axe: AxeAudit) -> None:
    from reseau.partners.models import Organisation

    Organisation.objects.create(
        name_en="Agence universitaire de la Francophonie",
        name_fr="Agence universitaire de la Francophonie",
        acronym="AUF",
        kind="university",
    )
    sign_in(page, COORDINATOR)

    page.goto("/partners/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Partners and donors")
    _check(page, axe, "organisation list")

    # A duplicate is caught, and can be overridden.
    page.get_by_role("link", name="Add an organisation").click()
    _check(page, axe, "organisation form")
    page.get_by_label("Name in English").fill("AUF")
    page.get_by_label("Type").select_option("university")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="An organisation with a similar name already exists")).to_be_visible()
    _check(page, axe, "organisation form with the duplicate warning")
    page.get_by_label("Name in English").fill("Asian Development Bank")
    page.get_by_label("Name in French").fill("Banque asiatique de développement")
    page.get_by_label("Acronym").fill("ADB")
    page.get_by_label("Type").select_option("donor")
    page.get_by_label("This is a different organisation: save it anyway").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Asian Development Bank")
    _check(page, axe, "organisation page")

    # The stage, with its reason.
    page.locator(".page-head").get_by_role("link", name="Change the stage").click()
    page.get_by_label("New stage").select_option("in_dialogue")
    page.get_by_label("Reason").fill("Interested in faecal sludge management.")
    _check(page, axe, "stage form")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#timeline-title + p + ul")).to_contain_text("Interested in faecal sludge management.")

    # An interaction whose next step is overdue reaches the home page.
    page.locator(".page-head").get_by_role("link", name="Record an interaction").click()
    page.get_by_label("Type").select_option("meeting")
    page.get_by_label("Summary").fill("Met the urban team in Manila.")
    page.get_by_label("Next step", exact=True).fill("Send the concept note")
    # Long overdue, so that it comes first whatever the demo data holds.
    page.get_by_label("Next step due").fill("2000-01-03")
    _check(page, axe, "interaction form")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Met the urban team in Manila.")).to_be_visible()
    _check(page, axe, "organisation page with its timeline")

    page.goto("/")
    steps = page.locator('section[aria-labelledby="next-steps-title"]')
    expect(steps).to_contain_text("Send the concept note")
    _check(page, axe, "home page with an overdue next step")
    steps.locator("li", has_text="Send the concept note").get_by_role("button", name=re.compile("Mark done")).click()
    expect(page.get_by_role("status")).to_contain_text("Next step marked as done")
    expect(page.locator('section[aria-labelledby="next-steps-title"]')).not_to_contain_text("Send the concept note")
    axe.assert_clean()
