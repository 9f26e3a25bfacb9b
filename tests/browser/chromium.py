"""How the browser tests and the screenshot script start Debian's Chromium."""

import os

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
