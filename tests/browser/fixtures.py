"""Browser-test fixtures, a pytest plugin loaded by the root conftest:
Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

Run with:  cd /work/main && DEBUG=1 .venv/bin/python -m pytest tests/browser -q

Playwright's own browser download does not work here, so the system Chromium is
launched explicitly. Every page a test visits can be checked with axe-core; a
violation of impact "serious" or "critical" fails the test with the rule, its
help text and the CSS targets of the offending nodes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.browser.chromium import CHROMIUM_ARGS, CHROMIUM_PATH, DEMO_PASSWORD

VIEWPORTS = {
    "desktop": {"width": 1280, "height": 800},
    "phone": {"width": 375, "height": 812},
}
BLOCKING_IMPACTS = ("serious", "critical")
DEFAULT_TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an asyncio event loop in the test thread; without
    # this Django's ORM refuses to run there (SynchronousOnlyOperation).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            yield playwright
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser(playwright_instance: Any) -> Iterator[Any]:
    if not os.path.exists(CHROMIUM_PATH):
        pytest.fail(f"Chromium not found at {CHROMIUM_PATH}: `make test` installs Debian's chromium")
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def rvase(transactional_db: None, settings: Any) -> None:
    """The seeded RVASE network plus the demo accounts (password "demo-password")."""
    from reseau.registry.seed_rvase import load_rvase
    from reseau.seeds.demo import load_demo

    settings.DEMO_MODE = True
    load_rvase()
    load_demo()


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def viewport(request: pytest.FixtureRequest) -> dict[str, int]:
    return VIEWPORTS[request.param]


@pytest.fixture
def desktop() -> dict[str, int]:
    return VIEWPORTS["desktop"]


def _new_context(browser: Any, live_server: Any, viewport: dict[str, int]) -> Any:
    context = browser.new_context(
        base_url=live_server.url,
        viewport=viewport,
        locale="en-GB",
        timezone_id="Asia/Ho_Chi_Minh",
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    return context


@pytest.fixture
def page(browser: Any, live_server: Any, viewport: dict[str, int]) -> Iterator[Any]:
    """A fresh browser tab (own cookies) at the parametrized viewport, pointed at the live server."""
    context = _new_context(browser, live_server, viewport)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def desktop_page(browser: Any, live_server: Any, desktop: dict[str, int]) -> Iterator[Any]:
    context = _new_context(browser, live_server, desktop)
    tab = context.new_page()
    yield tab
    context.close()


def sign_in(page: Any, email: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the real form and wait for the redirect away from the login page."""
    page.goto("/accounts/login/")
    page.locator('input[name="username"]').fill(email)
    page.locator('input[name="password"]').fill(password)
    with page.expect_navigation():
        page.locator("main form").get_by_role("button", name="Sign in").click()


# --- axe-core -----------------------------------------------------------------------------------


@dataclass
class AxeAudit:
    """Runs axe-core on pages and collects serious/critical violations for one test."""

    viewport_label: str = ""
    problems: list[str] = field(default_factory=list)
    pages_checked: list[str] = field(default_factory=list)

    def check(self, page: Any, label: str) -> list[dict[str, Any]]:
        from axe_playwright_python.sync_playwright import Axe

        page.wait_for_load_state("load")
        results = Axe().run(page)
        violations = [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]
        where = f"{label} ({page.url}){' @ ' + self.viewport_label if self.viewport_label else ''}"
        self.pages_checked.append(where)
        for violation in violations:
            self.problems.append(format_violation(where, violation))
        return violations

    def report(self) -> str:
        return "\n\n".join(self.problems)

    def assert_clean(self) -> None:
        if self.problems:
            pytest.fail(
                f"axe-core found {len(self.problems)} serious/critical violation(s):\n\n{self.report()}",
                pytrace=False,
            )


def format_violation(where: str, violation: dict[str, Any]) -> str:
    lines = [
        f"[{violation.get('impact')}] {violation['id']} on {where}",
        f"  {violation.get('help')}  —  {violation.get('helpUrl')}",
    ]
    for node in violation.get("nodes", []):
        target = " ".join(str(t) for t in node.get("target", []))
        lines.append(f"  • target: {target}")
        html = (node.get("html") or "").strip().replace("\n", " ")
        if html:
            lines.append(f"    html:   {html[:300]}")
        summary = (node.get("failureSummary") or "").strip().replace("\n", "\n            ")
        if summary:
            lines.append(f"    why:    {summary}")
    return "\n".join(lines)


@pytest.fixture
def axe(request: pytest.FixtureRequest) -> Iterator[AxeAudit]:
    callspec = getattr(request.node, "callspec", None)
    label = callspec.id if callspec is not None else ""
    audit = AxeAudit(viewport_label=label)
    yield audit
    if audit.problems:
        # Also shown when the test failed for another reason before assert_clean() ran.
        print(f"\naxe-core report for {request.node.nodeid}:\n{audit.report()}")
