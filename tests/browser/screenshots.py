"""Full-page screenshots of the main Reseau pages at 1280 and 375 px, for a human to look at.

Not a test. It starts nothing: run a seeded server first, e.g.

    cd /work/main
    DEBUG=1 .venv/bin/python manage.py migrate
    DEBUG=1 .venv/bin/python manage.py seed_rvase
    DEBUG=1 .venv/bin/python manage.py seed_demo
    DEBUG=1 .venv/bin/python manage.py runserver 127.0.0.1:8765 --noreload &

then

    DEBUG=1 .venv/bin/python tests/browser/screenshots.py [BASE_URL] [--axe]

PNG files go to /work/main/screenshots/ (git-ignored), named NN-page-WIDTH.png.
For every shot it also reports horizontal overflow (content wider than the
viewport) and, with --axe, every axe-core violation of any impact.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.browser.chromium import CHROMIUM_ARGS, CHROMIUM_PATH, DEMO_PASSWORD, switch_language  # noqa: E402

OUT_DIR = ROOT / "screenshots"
WIDTHS = {1280: 800, 375: 812}

ANONYMOUS = None
COORDINATOR = "coordinator@reseau.test"
FOCAL_HUE = "focal.hue@reseau.test"
PARTNER = "partner@reseau.test"
SECRETARIAT = "secretariat@reseau.test"


@dataclass(frozen=True)
class Shot:
    name: str
    user: str | None
    path: str
    french: bool = False


SHOTS = [
    Shot("landing", ANONYMOUS, "/"),
    Shot("login", ANONYMOUS, "/accounts/login/"),
    Shot("home-coordinator", COORDINATOR, "/"),
    Shot("home-focal-hue", FOCAL_HUE, "/"),
    Shot("directory-coordinator", COORDINATOR, "/members/"),
    Shot("member-hue-coordinator", COORDINATOR, "/members/hue/"),
    Shot("member-hue-focal", FOCAL_HUE, "/members/hue/"),
    Shot("member-hue-edit-coordinator", COORDINATOR, "/members/hue/edit/"),
    Shot("member-hue-edit-focal", FOCAL_HUE, "/members/hue/edit/"),
    Shot("focal-point-new-phnom-penh", COORDINATOR, "/members/phnom-penh/focal-points/new/"),
    Shot("network-rvase", COORDINATOR, "/networks/rvase/"),
    Shot("themes", COORDINATOR, "/themes/"),
    Shot("directory-coordinator-fr", COORDINATOR, "/members/", french=True),
    # Issue 11 (layout): the lists with folded filters, the project page in French, the board.
    Shot("funding-coordinator-fr", COORDINATOR, "/funding/", french=True),
    Shot("projects-coordinator", COORDINATOR, "/projects/"),
    Shot("project-fsm-hue-fr", COORDINATOR, "/projects/rvase-fsm-hue/", french=True),
    Shot("board-coordinator", COORDINATOR, "/projects/board/"),
    Shot("plans-focal-hue-fr", FOCAL_HUE, "/plans/", french=True),
    Shot("decisions-focal-hue", FOCAL_HUE, "/decisions/"),
    Shot("events-coordinator-fr", COORDINATOR, "/events/?when=past", french=True),
    Shot("logframe-partner", PARTNER, "/logframe/"),
    Shot("home-partner-fr", PARTNER, "/", french=True),
    # Issue 11 (data that says what it is, partners): estimated statuses, deadlines, feeds.
    Shot("plan-2023-coordinator-fr", COORDINATOR, "/plans/rvase-2023-action-plan/?period=2023", french=True),
    Shot("activity-1-coordinator", COORDINATOR, "/plans/rvase-2023-action-plan/activities/1/"),
    Shot("home-coordinator-fr", COORDINATOR, "/", french=True),
    Shot("logframe-coordinator-fr", COORDINATOR, "/logframe/", french=True),
    Shot("deadlines-partner", PARTNER, "/funding/deadlines/"),
    Shot("feeds-partner-fr", PARTNER, "/calendar/feeds/", french=True),
    # Issue 13: the document library.
    Shot("library-anonymous", ANONYMOUS, "/library/"),
    Shot("library-coordinator-fr", COORDINATOR, "/library/", french=True),
    Shot("library-add-focal-hue", FOCAL_HUE, "/library/new/"),
    Shot("library-deck-partner", PARTNER, "/library/1/"),
    Shot("library-terms-coordinator-fr", COORDINATOR, "/library/2/", french=True),
    Shot("library-search-coordinator", COORDINATOR, "/library/?q=reunion"),
    Shot("library-search-focal-hue-fr", FOCAL_HUE, "/library/?q=coordinator", french=True),
    # More matches than a search ranks: with `generate_network --documents 1500` beside the seeds.
    Shot("library-search-many-secretariat", SECRETARIAT, "/library/?q=network"),
    Shot("library-search-many-secretariat-fr", SECRETARIAT, "/library/?q=network", french=True),
    Shot("search-many-secretariat-fr", SECRETARIAT, "/search/?q=network", french=True),
    Shot("header-search-coordinator", COORDINATOR, "/search/?q=hue"),
    Shot("header-search-partner-fr", PARTNER, "/search/?q=reseau", french=True),
    # Issue 14: after `invitations_send` for the 2024 annual meeting (the outbox then holds messages).
    Shot("invitations-coordinator", COORDINATOR, "/events/rvase-annual-meeting-2024/invitations/"),
    Shot("notifications-coordinator", COORDINATOR, "/notifications/"),
    Shot("notifications-focal-vientiane-fr", "focal.vientiane@reseau.test", "/notifications/", french=True),
    Shot("preferences-focal-hue-fr", FOCAL_HUE, "/messages/preferences/", french=True),
    Shot("preferences-focal-hue", FOCAL_HUE, "/messages/preferences/"),
    Shot("outbox-secretariat", SECRETARIAT, "/messages/outbox/"),
    Shot("outbox-secretariat-fr", SECRETARIAT, "/messages/outbox/", french=True),
    Shot("unreachable-coordinator", COORDINATOR, "/messages/unreachable/"),
    Shot("news-coordinator", COORDINATOR, "/news/"),
    Shot("news-public-anonymous-fr", ANONYMOUS, "/news/public/", french=True),
    Shot("news-post-focal-hue-fr", FOCAL_HUE, "/news/1/", french=True),
    Shot("news-new-focal-hue", FOCAL_HUE, "/news/new/"),
    Shot("needs-coordinator-fr", COORDINATOR, "/partners/needs/", french=True),
    Shot("member-vientiane-coordinator", COORDINATOR, "/members/vientiane/"),
]

OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > width + 1 || r.left < -1)) {
      // Skip things deliberately moved off-screen (skip link, visually-hidden, hidden thead).
      const style = getComputedStyle(el);
      if (r.right < 0 || style.position === 'absolute' && r.left < -500) continue;
      if (el.closest('.visually-hidden, .skip-link')) continue;
      let scroller = el.parentElement, clipped = false;
      while (scroller && scroller !== document.body) {
        const s = getComputedStyle(scroller);
        if (['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX)) { clipped = true; break; }
        scroller = scroller.parentElement;
      }
      const label = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
      wide.push({label, right: Math.round(r.right), clipped, text: (el.innerText || '').trim().slice(0, 60)});
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, clientWidth: width, wide: wide.slice(0, 15)};
}"""


def sign_in(page: Any, email: str) -> None:
    page.goto("/accounts/login/")
    page.locator('input[name="username"]').fill(email)
    page.locator('input[name="password"]').fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("main form").get_by_role("button").first.click()
    if "/accounts/login/" in page.url:
        raise SystemExit(f"Could not sign in as {email}: is the demo data seeded (manage.py seed_demo)?")


def run_axe(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    lines = []
    for violation in Axe().run(page).response["violations"]:
        targets = ", ".join(" ".join(str(t) for t in n.get("target", [])) for n in violation["nodes"][:6])
        lines.append(f"    axe [{violation.get('impact')}] {violation['id']}: {violation.get('help')} -> {targets}")
    return lines


def overflow_report(page: Any) -> list[str]:
    """Lines describing content wider than the viewport; empty when the page fits."""
    overflow = page.evaluate(OVERFLOW_JS)
    too_wide = overflow["scrollWidth"] > overflow["clientWidth"]
    if not too_wide and not overflow["wide"]:
        return []
    lines = [
        f"    overflow: page scrollWidth {overflow['scrollWidth']} > viewport {overflow['clientWidth']}"
        if too_wide
        else "    elements wider than the viewport (inside a scroll/clip container):"
    ]
    lines += [
        f"      {wide['label']} right={wide['right']} clipped={wide['clipped']} {wide['text']!r}"
        for wide in overflow["wide"]
    ]
    return lines


def shoot(context: Any, shot: Any, target: Path, *, axe: bool) -> tuple[str, list[str]]:
    """Take one screenshot; returns its header line and what it found."""
    page = context.new_page()
    response = page.goto(shot.path)
    if shot.french:
        switch_language(page, "fr")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(target), full_page=True)
    status = response.status if response is not None else "?"
    header = f"{target.name}: {shot.path} as {shot.user or 'anonymous'} -> HTTP {status}"
    findings = overflow_report(page)
    if axe:
        findings += run_axe(page)
    if shot.french:
        switch_language(page, "en")  # leave the demo account as it was
    page.close()
    return header, findings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base_url", nargs="?", default="http://127.0.0.1:8765")
    parser.add_argument("--axe", action="store_true", help="also run axe-core on each page and list all violations")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--only", default="", help="only the shots whose name holds this text")
    args = parser.parse_args()
    base_url = args.base_url.rstrip("/")
    args.out.mkdir(parents=True, exist_ok=True)

    overflowing: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS)
        try:
            for width, height in WIDTHS.items():
                contexts: dict[str | None, Any] = {}
                for number, shot in enumerate(SHOTS, start=1):
                    if args.only not in shot.name:
                        continue
                    if shot.user not in contexts:
                        context = browser.new_context(
                            base_url=base_url, viewport={"width": width, "height": height}, locale="en-GB"
                        )
                        context.set_default_timeout(15_000)
                        contexts[shot.user] = context
                        if shot.user:
                            sign_in(context.new_page(), shot.user)
                    target = args.out / f"{number:02d}-{shot.name}-{width}.png"
                    header, findings = shoot(contexts[shot.user], shot, target, axe=args.axe)
                    print(header)
                    for line in findings:
                        print(line)
                    if any(line.startswith("    overflow") or line.startswith("    elements") for line in findings):
                        overflowing.append(header)
                for context in contexts.values():
                    context.close()
        finally:
            browser.close()
    print(f"\nScreenshots in {args.out}")
    if overflowing:
        print(f"{len(overflowing)} shot(s) with content wider than the viewport (see above).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
