"""The coordinator invites members to an event in a browser; the invitation of Vientiane's focal
point, who reads French, is in the outbox in French (axe-core on each page visited)."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.fixtures import AxeAudit, sign_in

pytestmark = pytest.mark.browser

SLUG = "browser-invitation-2031"


def _make_event() -> None:
    from reseau.registry.models import Network
    from tests.factories import EventFactory

    start = datetime.datetime(2031, 11, 20, 1, 30, tzinfo=datetime.UTC)
    EventFactory(
        network=Network.objects.get(code="rvase"),
        slug=SLUG,
        title_en="RVASE annual meeting 2031",
        title_fr="Réunion annuelle du RVASE 2031",
        time_zone="Asia/Vientiane",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=8),
        city="Vientiane",
        registration_deadline=start - datetime.timedelta(days=14),
    )


def _sign_out(page: Any) -> None:
    page.locator('header form[action="/accounts/logout/"] button').click()
    page.wait_for_url(re.compile(r"/$"))


def test_the_invitation_of_vientiane_is_in_the_outbox_in_french(
    rvase: None, live_server: Any, desktop_page: Any, axe: AxeAudit
) -> None:
    page = desktop_page
    _make_event()

    sign_in(page, "coordinator@reseau.test")
    page.goto(f"/events/{SLUG}/invitations/")
    axe.check(page, "invitations page")
    page.get_by_label("Vientiane Capital", exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Invite the members ticked").click()
    expect(page.get_by_role("status").first).to_contain_text("1 member invited.")
    _sign_out(page)

    sign_in(page, "secretariat@reseau.test")
    # The secretariat reads French (its account's language).
    page.get_by_role("link", name="Boîte d’envoi").click()
    row = page.locator("tr", has_text="focal.vientiane@reseau.test")
    expect(row).to_contain_text("Invitation : Réunion annuelle du RVASE 2031")
    axe.check(page, "outbox")
    row.get_by_role("link").click()
    expect(page.locator("pre")).to_contain_text("Merci d’inscrire votre délégation sur la plateforme avant le")
    axe.check(page, "outbox message")
    axe.assert_clean()
