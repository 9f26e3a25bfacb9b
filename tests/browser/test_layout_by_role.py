"""What each role sees on a 375 px phone, in English and in French, over the main pages;
what can be reached by clicking from home; and which font draws Vietnamese, Khmer and Lao.

One Chromium (the session's), one signed-in context per role reused over its pages. Each
test collects every problem it meets and fails once, naming the page, the role and the
language, so one run shows them all.
"""

from __future__ import annotations

import io
import re
from collections import deque
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest

from tests.browser.fixtures import AxeAudit, sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
ACCOUNTS = {
    "partner": "partner@reseau.test",
    "focal point": "focal.hue@reseau.test",
    "coordinator": "coordinator@reseau.test",
    "secretariat": "secretariat@reseau.test",
}
# (address, name, selector of a list's first result or None)
SIGNED_IN_PAGES = [
    ("/", "home", None),
    ("/members/", "members directory", "main table tbody tr"),
    ("/members/hue/", "a member page", None),
    ("/partners/", "partners", "main table tbody tr"),
    ("/funding/", "funding list", "main table tbody tr"),
    ("/projects/", "projects list", "main table tbody tr"),
    ("/projects/rvase-fsm-hue/", "a project page", None),
    ("/plans/", "plans list", "main table tbody tr"),
    ("/plans/rvase-2023-action-plan/", "a plan table", None),
    ("/events/?when=past", "events list", "main table tbody tr"),
    ("/events/rvase-annual-meeting-2023/", "an event page", None),
    ("/calendar/", "calendar", None),
    ("/logframe/", "logframe", None),
    ("/decisions/", "decisions", "main table tbody tr"),
]
ANONYMOUS_PAGES = [
    ("/", "home", None),
    ("/events/?when=past", "events list", "main table tbody tr"),
    ("/events/rvase-annual-meeting-2023/", "an event page", None),
    ("/calendar/", "calendar", None),
    ("/themes/", "themes", None),
    ("/accounts/login/", "sign-in page", None),
]
# The list pages checked with axe-core (French, the coordinator): the header's menu and the
# folded filters are what this module changed.
AXE_PAGES = {"/", "/members/", "/funding/", "/projects/", "/plans/", "/decisions/", "/events/?when=past"}

# One call per page: the header's height, where the first result starts, the page's width with
# the menu folded then open, and the tap targets smaller than 44 px (nav links, buttons,
# disclosures, check boxes and radios, counting the label that holds a box).
MEASURE_JS = """(firstResult) => {
  const root = document.documentElement;
  const shown = el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const label = el => (el.getAttribute('aria-label') || el.innerText || el.value || el.name || el.tagName)
    .trim().replace(/\\s+/g, ' ').slice(0, 40);
  const first = firstResult && document.querySelector(firstResult);
  const result = {
    header: document.querySelector('header.site-header').getBoundingClientRect().height,
    firstTop: first ? first.getBoundingClientRect().top : null,
    width: root.scrollWidth, screen: root.clientWidth, small: [],
  };
  const menu = document.querySelector('header details.site-menu');
  if (menu) menu.open = true;
  result.widthMenuOpen = root.scrollWidth;
  const check = (kind, el, box) => {
    const size = `${Math.round(box.width)}x${Math.round(box.height)} px`;
    if (box.width < 43.5 || box.height < 43.5) result.small.push(`${kind} "${label(el)}" is ${size}`);
  };
  for (const el of document.querySelectorAll('header nav a')) {
    if (shown(el)) check('nav link', el, el.getBoundingClientRect());
  }
  for (const el of document.querySelectorAll('button, a.button, input[type=submit], summary')) {
    if (shown(el)) check('button', el, el.getBoundingClientRect());
  }
  for (const el of document.querySelectorAll('input[type=checkbox], input[type=radio]')) {
    if (!shown(el)) continue;
    // Tapping the label that holds a box ticks it: the label is the target.
    const holder = el.closest('label');
    check(el.type, el, (holder && shown(holder) ? holder : el).getBoundingClientRect());
  }
  if (menu) menu.open = false;
  return result;
}"""


@pytest.fixture
def seeded(transactional_db: None, settings: Any) -> None:
    """Everything `make run` loads: the RVASE seeds (plans, projects, events, logframe,
    decisions) and the demo accounts (password "demo-password")."""
    from django.core.management import call_command

    settings.DEMO_MODE = True
    call_command("seed_rvase", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())


def _phone(browser: Any, live_server: Any, email: str | None) -> Any:
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    if email:
        sign_in(page, email)
    return page


def _choose_language(page: Any, code: str) -> None:
    """The header's language form, sent as a visitor would (it sits in the folded menu on a phone)."""
    page.goto("/")
    with page.expect_navigation():
        page.evaluate(
            "code => { const s = document.querySelector('#language-switch'); s.value = code; s.form.submit(); }", code
        )


def _open_menu(page: Any) -> None:
    menu = page.locator("header details.site-menu")
    if menu.count() and menu.get_attribute("open") is None:
        menu.locator("summary").click()


def test_main_pages_fit_a_phone_for_every_role(seeded: None, live_server: Any, browser: Any, axe: AxeAudit) -> None:
    problems: list[str] = []
    roles: list[tuple[str, str | None, list[tuple[str, str, str | None]]]] = [("anonymous", None, ANONYMOUS_PAGES)]
    roles += [(role, email, SIGNED_IN_PAGES) for role, email in ACCOUNTS.items()]
    for role, email, pages in roles:
        page = _phone(browser, live_server, email)
        for language in ("en", "fr"):
            _choose_language(page, language)
            for path, name, first_result in pages:
                where = f"{name} ({path}) as {role}, {language}"
                page.goto(path)
                if language == "fr" and role == "coordinator" and path in AXE_PAGES:
                    axe.check(page, name)
                seen = page.evaluate(MEASURE_JS, first_result)
                # The header holds one row: the content starts high.
                if seen["header"] > 64:
                    problems.append(f"{where}: the header is {seen['header']:.0f} px high")
                if seen["firstTop"] is not None and seen["firstTop"] >= PHONE["height"]:
                    problems.append(
                        f"{where}: the first result starts at {seen['firstTop']:.0f} px, below the first screen"
                    )
                if seen["width"] > seen["screen"]:
                    problems.append(f"{where}: the page is {seen['width']} px wide on a {seen['screen']} px screen")
                if seen["widthMenuOpen"] > seen["screen"]:
                    problems.append(f"{where}, menu open: the page is {seen['widthMenuOpen']} px wide")
                problems += [f"{where}: {problem}" for problem in seen["small"]]
        if role == "coordinator":
            page.goto("/")
            _open_menu(page)
            axe.check(page, "home, menu open")
        page.context.close()
    assert not problems, "On a 375 px phone:\n" + "\n".join(problems)
    axe.assert_clean()


def test_the_events_filter_shows_its_disclosure_arrow(rvase: None, live_server: Any, browser: Any) -> None:
    page = _phone(browser, live_server, ACCOUNTS["coordinator"])
    page.goto("/events/")
    arrow = page.evaluate(
        "() => { const s = getComputedStyle(document.querySelector('details.event-filters > summary'), '::before');"
        " return [s.content, s.borderLeftWidth]; }"
    )
    page.context.close()
    assert arrow != ["none", "0px"], "the events filter's summary draws no arrow"


def _member_filter_shown(browser: Any, live_server: Any, viewport: dict[str, int]) -> dict[str, bool]:
    context = browser.new_context(base_url=live_server.url, viewport=viewport, locale="en-GB")
    page = context.new_page()
    sign_in(page, ACCOUNTS["coordinator"])
    page.goto("/members/")
    shown = {
        "search": page.get_by_role("searchbox").is_visible(),
        "country": page.get_by_label("Country").is_visible(),
        "more filters": page.get_by_text("More filters").is_visible(),
    }
    context.close()
    return shown


def test_a_phone_folds_the_member_filters_but_the_search(rvase: None, live_server: Any, browser: Any) -> None:
    assert _member_filter_shown(browser, live_server, PHONE) == {"search": True, "country": False, "more filters": True}


def test_a_pc_shows_every_member_filter_in_the_bar(rvase: None, live_server: Any, browser: Any) -> None:
    desktop = {"width": 1280, "height": 800}
    assert _member_filter_shown(browser, live_server, desktop) == {
        "search": True,
        "country": True,
        "more filters": False,
    }


# --- Reaching things by clicking ------------------------------------------------------------------

SKIPPED = re.compile(r"^/(admin|static|media)/|/accounts/logout/|\.(ics|pdf|xlsx|docx|csv|json)$|/export")
EVERYONE_SIGNED_IN = [
    "/members/",
    "/partners/",
    "/projects/",
    "/projects/board/",
    "/funding/",
    "/funding/deadlines/",
    "/plans/",
    "/events/",
    "/calendar/",
    "/logframe/",
]
CAPABILITIES = {
    "partner": EVERYONE_SIGNED_IN,
    "focal point": [*EVERYONE_SIGNED_IN, "/decisions/"],
    "coordinator": [*EVERYONE_SIGNED_IN, "/decisions/", "/accounts/invite/"],
    "secretariat": [*EVERYONE_SIGNED_IN, "/decisions/", "/accounts/invite/", "/admin/"],
}
HREF = re.compile(r"""<a\b[^>]*\bhref="([^"#][^"]*)\"""")


def _links(html: str, base: str) -> set[str]:
    """Same-origin addresses linked from a page, without their query or fragment."""
    found = set()
    for href in HREF.findall(html):
        href = urldefrag(href.replace("&amp;", "&"))[0]
        parts = urlsplit(href)
        if (parts.scheme or parts.netloc) and f"{parts.scheme}://{parts.netloc}" != base:
            continue
        if parts.path.startswith("/"):
            found.add(parts.path)
    return found


def _crawl(context: Any, base: str, wanted: set[str], depth: int = 3) -> dict[str, int]:
    """Breadth first from home, following links; returns {address: clicks from home} for
    every address seen, stopping once every wanted address has been seen."""
    clicks = {"/": 0}
    queue = deque(["/"])
    while queue and not wanted <= clicks.keys():
        path = queue.popleft()
        if clicks[path] >= depth:
            continue
        response = context.request.get(path)
        if not response.ok or "text/html" not in response.headers.get("content-type", ""):
            continue
        for link in sorted(_links(response.text(), base)):
            if link not in clicks:
                clicks[link] = clicks[path] + 1
                if not SKIPPED.search(link):
                    queue.append(link)
    return clicks


def test_every_capability_is_within_three_clicks_of_home(rvase: None, live_server: Any, browser: Any) -> None:
    missing = []
    for role, wanted in CAPABILITIES.items():
        page = _phone(browser, live_server, ACCOUNTS[role])
        clicks = _crawl(page.context, live_server.url, set(wanted))
        missing += [f"{path} for the {role}" for path in wanted if path not in clicks]
        page.context.close()
    assert not missing, "Not reachable within three clicks of home: " + ", ".join(missing)


def test_a_partners_header_offers_no_decisions_register(rvase: None, live_server: Any, browser: Any) -> None:
    """Partners do not read the register (decisions.access): the header does not offer it."""
    page = _phone(browser, live_server, ACCOUNTS["partner"])
    page.goto("/")
    links = page.locator("header nav a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    page.context.close()
    assert "/decisions/" not in links


def test_the_coordinators_header_offers_the_logframe_and_the_decisions_register(
    rvase: None, live_server: Any, browser: Any
) -> None:
    page = _phone(browser, live_server, ACCOUNTS["coordinator"])
    page.goto("/")
    links = page.locator("header nav a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    page.context.close()
    assert {"/logframe/", "/decisions/"} <= set(links)


# --- Fonts ----------------------------------------------------------------------------------------


def _fonts_drawing(page: Any, selector: str) -> list[dict[str, Any]]:
    """The fonts Chromium actually used for the text of the element (DevTools CSS domain)."""
    page.evaluate("document.fonts.ready.then(() => true)")
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts: list[dict[str, Any]] = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return fonts


@pytest.fixture
def coordinator_page(rvase: None, live_server: Any, browser: Any) -> Any:
    page = _phone(browser, live_server, ACCOUNTS["coordinator"])
    yield page
    page.context.close()


def test_a_vietnamese_name_is_drawn_with_the_apps_noto_sans(coordinator_page: Any) -> None:
    # Thành phố Huế: tone marks above and below, on a machine that also has Khmer OS.
    coordinator_page.goto("/members/hue/")
    fonts = _fonts_drawing(coordinator_page, "h1 .local-name")
    assert [(font["familyName"], font["isCustomFont"]) for font in fonts] == [("Noto Sans", True)]


def test_a_khmer_name_is_drawn_with_the_apps_noto_sans_khmer(coordinator_page: Any) -> None:
    coordinator_page.goto("/members/phnom-penh/")
    fonts = _fonts_drawing(coordinator_page, "h1 .local-name")
    assert ("Noto Sans Khmer", True) in [(font["familyName"], font["isCustomFont"]) for font in fonts]


def test_a_lao_name_is_drawn_with_the_apps_noto_sans_lao(coordinator_page: Any) -> None:
    coordinator_page.goto("/members/vientiane/")
    fonts = _fonts_drawing(coordinator_page, "h1 .local-name")
    assert ("Noto Sans Lao", True) in [(font["familyName"], font["isCustomFont"]) for font in fonts]


def test_a_page_without_khmer_or_lao_does_not_download_their_fonts(rvase: None, live_server: Any, browser: Any) -> None:
    page = _phone(browser, live_server, None)
    fonts: list[str] = []
    page.on("request", lambda request: fonts.append(request.url) if request.url.endswith(".woff2") else None)
    page.goto("/themes/")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.context.close()
    assert [url.rsplit("/", 1)[1] for url in fonts if "Khmer" in url or "Lao" in url] == []
