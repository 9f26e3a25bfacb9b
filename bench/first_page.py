"""What a first visit downloads: every byte Chromium transfers to show a page, cache empty.

    DEBUG=1 .venv/bin/python bench/first_page.py [--check] [--port 8799]

Uses a throwaway SQLite database (/tmp/reseau-bench-first-page.sqlite3, deleted first),
loads the RVASE seeds and the demo accounts, starts `manage.py runserver` on it and opens
each page below in a new Chromium context (empty cache, 375x812). The size of a request is
Chromium's own count of bytes received for it (DevTools `Network.loadingFinished`
`encodedDataLength`: headers and body as sent). The development server sends static files
uncompressed, so these are upper bounds: production's WhiteNoise serves the CSS and
htmx compressed.

Target: the first page (`/`, anonymous) under 150 KB in all. `--check` exits with status 1
when it is missed. The other rows show what a font costs when a page needs it: the member
directory lists Khmer and Lao names, so it also fetches Noto Sans Khmer and Noto Sans Lao.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from scratch_database import ROOT, use_scratch_database

DB_PATH = use_scratch_database("reseau-bench-first-page")

from django.core.management import call_command  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

sys.path.insert(0, str(ROOT))
from tests.browser.chromium import CHROMIUM_ARGS, CHROMIUM_PATH, DEMO_PASSWORD  # noqa: E402

TARGET_BYTES = 150 * 1024
PAGES = [
    ("/", None),
    ("/", "focal.hue@reseau.test"),
    ("/members/", "coordinator@reseau.test"),
]


def _start_server(port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("The development server did not start.")


def _measure(browser: Any, base_url: str, path: str, email: str | None) -> list[tuple[str, int]]:
    """(address, bytes) of every request the page made, on an empty cache."""
    context = browser.new_context(base_url=base_url, viewport={"width": 375, "height": 812}, locale="en-GB")
    if email:
        # Sign in through a first tab, then forget its cache: the page below starts cold.
        login = context.new_page()
        login.goto("/accounts/login/")
        login.fill('input[name="username"]', email)
        login.fill('input[name="password"]', DEMO_PASSWORD)
        with login.expect_navigation():
            login.locator("main form button").first.click()
        login.close()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.clearBrowserCache")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))
    page.goto(path)
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_timeout(300)
    context.close()
    return [(urls.get(request_id, "?").removeprefix(base_url), size) for request_id, size in sizes.items()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="exit 1 when the first page is over 150 KB")
    parser.add_argument("--port", type=int, default=8799)
    args = parser.parse_args()

    quiet = io.StringIO()
    call_command("migrate", verbosity=0)
    call_command("seed_rvase", verbosity=0, stdout=quiet)
    call_command("seed_demo", verbosity=0, stdout=quiet)
    base_url = f"http://127.0.0.1:{args.port}"
    server = _start_server(args.port)
    first_page_total = 0
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS)
            print("| Page | Reader | Requests | Total (KB) | What it fetched (KB) |")
            print("|---|---|---:|---:|---|")
            for path, email in PAGES:
                requests = _measure(browser, base_url, path, email)
                total = sum(size for _, size in requests)
                if path == "/" and email is None:
                    first_page_total = total
                parts = ", ".join(f"{Path(url.split('?')[0]).name or '/'} {size / 1024:.1f}" for url, size in requests)
                print(f"| `{path}` | {email or 'anonymous'} | {len(requests)} | {total / 1024:.1f} | {parts} |")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    met = first_page_total < TARGET_BYTES
    verdict = "met" if met else "MISSED"
    print(f"\nFirst page: {first_page_total / 1024:.1f} KB (target: under {TARGET_BYTES // 1024} KB): {verdict}")
    return 0 if met or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
