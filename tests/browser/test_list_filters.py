"""List filters answer their own fields only: the header's language choice is not a filter."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.chromium import switch_language
from tests.browser.fixtures import sign_in

pytestmark = pytest.mark.browser

LISTS = ["/members/", "/plans/", "/projects/", "/projects/board/", "/funding/", "/partners/", "/decisions/"]


def _filter_requests(page: Any) -> list[str]:
    sent: list[str] = []
    page.on("request", lambda request: sent.append(request.url) if request.headers.get("hx-request") else None)
    return sent


@pytest.mark.parametrize("path", LISTS)
def test_choosing_a_language_sends_no_filter_request(
    rvase: None, live_server: Any, desktop_page: Any, path: str
) -> None:
    sign_in(desktop_page, "coordinator@reseau.test")
    desktop_page.goto(path)
    sent = _filter_requests(desktop_page)
    switch_language(desktop_page, "fr")
    assert sent == []


def test_choosing_a_language_in_a_phones_menu_sends_no_filter_request(rvase: None, live_server: Any, page: Any) -> None:
    # Each list's own trigger is checked above, on every list; what a phone changes is where the
    # language choice sits (in the menu), the same on every page: one list shows it.
    sign_in(page, "coordinator@reseau.test")
    page.goto(LISTS[0])
    sent = _filter_requests(page)
    switch_language(page, "fr")
    assert sent == []


def test_choosing_a_filter_updates_the_list(rvase: None, live_server: Any, desktop_page: Any) -> None:
    sign_in(desktop_page, "coordinator@reseau.test")
    desktop_page.goto("/members/")
    sent = _filter_requests(desktop_page)
    select = desktop_page.locator("main form select").first
    with desktop_page.expect_response(lambda response: response.request.headers.get("hx-request") == "true"):
        select.select_option(index=1)
    assert len(sent) == 1
