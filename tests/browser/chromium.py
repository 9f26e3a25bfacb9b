"""How the browser tests and the screenshot script start Debian's Chromium."""

import os
from typing import Any

CHROMIUM_PATH = os.environ.get("RESEAU_CHROMIUM", "/usr/bin/chromium")
# Headless as root, with no network but loopback: no sandbox, no background calls home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEMO_PASSWORD = "demo-password"


def switch_language(page: Any, code: str) -> None:
    """Choose a language in the header, as a person does; on a phone it sits in the folded Menu."""
    menu = page.locator("header details.site-menu")
    if not page.locator("#language-switch").is_visible() and menu.count():
        menu.locator("summary").click()
    page.locator("#language-switch").select_option(code)
    with page.expect_navigation():
        page.locator("#language-switch ~ button[type=submit]").click()
