"""Time the member directory and a member page as the network grows.

    DEBUG=1 .venv/bin/python bench/member_directory.py [--reps 20] [--check]

Uses a throwaway SQLite database (/tmp/reseau-bench.sqlite3, deleted first), so
the project's own database is never touched. One synthetic network is grown
cumulatively to 10, then 500, then 5000 members (``reseau.seeds.synthetic``);
after each step the pages are requested through django.test.Client by a signed-in
secretariat user (who sees every member). For each page it prints the median and
95th-percentile time and the number of SQL queries, as a Markdown table.

Targets (the query budget): every page at most 15 SQL queries, and the same
count at 10 and at 500 members; median under 300 ms at 500 members on SQLite.
``--check`` exits with status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time

from scratch_database import use_scratch_database

use_scratch_database("reseau-bench")

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from reseau.accounts.models import User  # noqa: E402
from reseau.registry.models import Member  # noqa: E402
from reseau.registry.selectors import DirectoryFilters, member_directory  # noqa: E402
from reseau.seeds.synthetic import generate_network  # noqa: E402

SIZES = [10, 500, 5000]
NETWORK = "synthetic"
QUERY_BUDGET = 15
MEDIAN_TARGET_MS = 300.0
MEDIAN_TARGET_SIZE = 500


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(math.ceil(fraction * len(ordered)) - 1, 0)]


def measure(client: Client, url: str, reps: int) -> tuple[float, float, int]:
    response = client.get(url)  # warm-up (template loading, caches)
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}")
    # Django empties the query log when a request starts (request_started →
    # reset_queries); empty it first so that the captured slice starts at 0.
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    timings = []
    for _ in range(reps):
        reset_queries()
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), percentile(timings, 0.95), len(queries.captured_queries)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reps", type=int, default=20, help="requests per page and size (default 20)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()

    if "testserver" not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0, interactive=False)
    user = User.objects.create_user(
        "bench@reseau.test", "bench-password", role="secretariat", is_staff=True, is_superuser=True
    )
    client = Client()
    client.force_login(user)

    rows: list[tuple[int, str, int, float, float, int]] = []
    generated = 0
    for size in SIZES:
        started = time.perf_counter()
        generate_network(members=size - generated, network_code=NETWORK, seed=0)
        generated = size
        print(f"… {size} members generated ({time.perf_counter() - started:.1f} s)", file=sys.stderr)
        detail = Member.objects.filter(network__code=NETWORK).order_by("slug").first()
        assert detail is not None
        everyone = Member.objects.all()
        pages = [
            ("/members/", "/members/", member_directory(everyone, DirectoryFilters()).count()),
            ("/members/?q=hue", "/members/?q=hue", member_directory(everyone, DirectoryFilters(q="hue")).count()),
            (
                "/members/?focal_point=late",
                "/members/?focal_point=late",
                member_directory(everyone, DirectoryFilters(focal_point="late")).count(),
            ),
            ("member page", detail.get_absolute_url(), 1),
        ]
        for label, url, matches in pages:
            median, p95, count = measure(client, url, args.reps)
            rows.append((size, label, matches, median, p95, count))

    print(f"{args.reps} requests per page after one warm-up; matches = members the page lists (all pages).\n")
    print("| Members | Page | Matches | Median (ms) | p95 (ms) | SQL queries |\n|---:|---|---:|---:|---:|---:|")
    for size, label, matches, median, p95, count in rows:
        print(f"| {size} | `{label}` | {matches} | {median:.1f} | {p95:.1f} | {count} |")

    problems = []
    for size, label, _matches, median, _p95, count in rows:
        if count > QUERY_BUDGET:
            problems.append(f"{label} at {size} members: {count} queries > {QUERY_BUDGET}")
        if size == MEDIAN_TARGET_SIZE and median > MEDIAN_TARGET_MS:
            problems.append(f"{label} at {size} members: median {median:.0f} ms > {MEDIAN_TARGET_MS:.0f} ms")
    counts = {(size, label): count for size, label, _n, _m, _p, count in rows}
    listed = {(size, label): n for size, label, n, _m, _p, _c in rows}
    for label in sorted({label for _s, label, _n, _m, _p, _c in rows}):
        if counts[(10, label)] == counts[(500, label)]:
            continue
        if 0 in (listed[(10, label)], listed[(500, label)]):
            # An empty page skips the query for its rows: not growth with size.
            print(f"Note: {label} lists nothing at one size, so its query count differs by design.")
            continue
        problems.append(f"{label}: {counts[(10, label)]} queries at 10 members but {counts[(500, label)]} at 500")
    print()
    print("Targets met." if not problems else "Targets missed:\n" + "\n".join(f"- {p}" for p in problems))
    return 1 if problems and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
