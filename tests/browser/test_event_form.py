"""The event form in a browser (issue 11, item 10): the checklists' filter box, the choosers,
with axe-core on the page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from reseau.registry.models import Member, Network
from tests.browser.fixtures import AxeAudit, sign_in
from tests.factories import ProjectFactory

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator@reseau.test"


def test_the_checklists_filter_as_one_types(rvase: None, live_server: Any, page: Any, axe: AxeAudit) -> None:
    network = Network.objects.get(code="rvase")
    lead = Member.objects.filter(network=network).first()
    for title in ("Faecal sludge management in Huế", "Urban resilience in Vientiane", "Digital transition"):
        ProjectFactory(network=network, title_en=title, lead_member=lead)
    sign_in(page, COORDINATOR)
    page.goto("/events/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("New event")
    expect(page.locator('select[name="time_zone"] option:checked')).to_have_text("Phnom Penh time (UTC+7)")
    expect(page.locator('select[name="kind"] option:checked')).to_have_text("Meeting")
    projects = page.locator("#id_projects")
    boxes = projects.locator("input[type=checkbox]")
    total = boxes.count()
    assert total > 1
    word = "sludge"
    search = page.locator("input[aria-controls=id_projects]")
    expect(search).to_have_attribute("aria-label", "Filter the list")
    search.fill(word)
    visible = projects.locator("input[type=checkbox]:visible")
    assert visible.count() == 1
    expect(visible.first).to_be_visible()
    search.fill("")
    assert projects.locator("input[type=checkbox]:visible").count() == total
    axe.check(page, "event form")
    axe.assert_clean()
