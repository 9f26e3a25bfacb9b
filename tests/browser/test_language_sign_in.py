"""Issue 11, item 6: the language chosen before signing in is the one after it, in a real browser."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.chromium import DEMO_PASSWORD, switch_language

pytestmark = pytest.mark.browser

FOCAL_POINT = "focal.hue@reseau.test"


def test_french_chosen_on_the_sign_in_page_stays_after_signing_in(rvase: None, live_server: Any, page: Any) -> None:
    from reseau.accounts.models import User

    User.objects.filter(email=FOCAL_POINT).update(language="en")
    page.goto("/accounts/login/")
    switch_language(page, "fr")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.locator('input[name="username"]').fill(FOCAL_POINT)
    page.locator('input[name="password"]').fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("main form").locator('[type="submit"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert User.objects.get(email=FOCAL_POINT).language == "fr"
