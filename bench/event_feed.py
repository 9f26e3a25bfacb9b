"""Time the network's calendar feed (iCalendar) and the calendar pages with 20,000 events.

    DEBUG=1 .venv/bin/python bench/event_feed.py [--events 20000] [--reps 5] [--check]

Uses a throwaway SQLite database (/tmp/reseau-bench-events.sqlite3, deleted first), so
the project's own database is never touched. One synthetic network gets 200 members
(``reseau.seeds.synthetic``) and their events (``reseau.events.synthetic``: single
events over several years, repeating series with removed and moved dates, registrations),
first 1,000 events, then up to ``--events``. After each step it streams the whole feed
through django.test.Client and reads every byte:

- the private feed of a secretariat user (who sees every event: the largest feed),
- the public feed of the network (public events only),

and requests the month, week and list pages of the calendar. For each it prints the
median and the slowest time, the number of SQL queries, and for feeds the events and
bytes written, as a Markdown table.

Targets: the full feed of 20,000 events streamed in under 2 s (median); every calendar
page at most 15 SQL queries, the same count at 1,000 and at 20,000 events; every feed
a constant number of queries. ``--check`` exits with status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Iterator
from typing import cast

from scratch_database import use_scratch_database

use_scratch_database("reseau-bench-events")

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.http import StreamingHttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from reseau.accounts.models import User  # noqa: E402
from reseau.events.models import Event, FeedToken, Registration  # noqa: E402
from reseau.events.synthetic import generate_events  # noqa: E402
from reseau.registry.models import Network  # noqa: E402
from reseau.seeds.synthetic import generate_network  # noqa: E402

NETWORK = "synthetic"
MEMBERS = 200
FIRST_SIZE = 1000
FEED_TARGET_S = 2.0
QUERY_BUDGET = 15


def fetch(client: Client, url: str) -> tuple[float, int, bytes]:
    """One request, its whole body read; seconds, SQL queries, body."""
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"GET {url} answered {response.status_code}")
        body = (
            b"".join(cast(Iterator[bytes], cast(StreamingHttpResponse, response).streaming_content))
            if response.streaming
            else response.content
        )
        elapsed = time.perf_counter() - started
    return elapsed, len(queries.captured_queries), body


def measure(client: Client, url: str, reps: int) -> tuple[float, float, int, bytes]:
    fetch(client, url)  # warm-up (templates, VTIMEZONE definitions)
    timings, counts, body = [], [], b""
    for _ in range(reps):
        elapsed, count, body = fetch(client, url)
        timings.append(elapsed)
        counts.append(count)
    return statistics.median(timings), max(timings), max(counts), body


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=20000, help="events in the end (default 20000)")
    parser.add_argument("--reps", type=int, default=5, help="requests per URL and size (default 5)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()

    if "testserver" not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    generate_network(members=MEMBERS, network_code=NETWORK, seed=0, events=0)
    network = Network.objects.get(code=NETWORK)
    print(f"… {MEMBERS} members generated ({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    user = User.objects.create_user(
        "bench@reseau.test", "bench-password", role="secretariat", is_staff=True, is_superuser=True
    )
    token = FeedToken.objects.create(user=user).token
    signed_in = Client()
    signed_in.force_login(user)
    anonymous = Client()

    rows: list[tuple[int, str, float, float, int, str, str]] = []
    generated = 0
    for size in sorted({min(FIRST_SIZE, args.events), args.events}):
        started = time.perf_counter()
        generate_events(network=network, events=size - generated, seed=0)
        generated = size
        print(
            f"… {Event.objects.count()} events, {Registration.objects.count()} registrations "
            f"({time.perf_counter() - started:.1f} s)",
            file=sys.stderr,
        )
        today = timezone.localdate()
        pages = [
            ("private feed (secretariat)", signed_in, f"/calendar/private/{token}/network/{NETWORK}.ics"),
            ("public feed", anonymous, f"/calendar/feeds/network/{NETWORK}.ics"),
            ("/calendar/ (month)", signed_in, f"/calendar/?month={today:%Y-%m}"),
            ("/calendar/week/", signed_in, "/calendar/week/"),
            ("/calendar/list/", signed_in, "/calendar/list/"),
        ]
        for label, client, url in pages:
            median, slowest, count, body = measure(client, url, args.reps)
            if url.endswith(".ics"):
                written = f"{body.count(b'BEGIN:VEVENT'):,}"
                size_text = f"{len(body) / 1_000_000:.1f} MB"
            else:
                written, size_text = "", f"{len(body) / 1000:.0f} kB"
            rows.append((size, label, median, slowest, count, written, size_text))

    print(f"{args.reps} requests per URL after one warm-up; each response read to its last byte.\n")
    print("| Events | URL | Median (s) | Slowest (s) | SQL queries | VEVENTs | Size |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for size, label, median, slowest, count, written, size_text in rows:
        print(f"| {size:,} | {label} | {median:.3f} | {slowest:.3f} | {count} | {written} | {size_text} |")

    problems = []
    largest = max(size for size, *_rest in rows)
    counts = {(size, label): count for size, label, _m, _s, count, _w, _b in rows}
    for size, label, median, _slowest, count, _written, _size in rows:
        if size == largest and label.startswith("private feed") and median > FEED_TARGET_S:
            problems.append(f"{label} at {size} events: median {median:.2f} s > {FEED_TARGET_S} s")
        if count > QUERY_BUDGET:
            problems.append(f"{label} at {size} events: {count} queries > {QUERY_BUDGET}")
    sizes = sorted({size for size, *_rest in rows})
    for label in {label for _s, label, *_rest in rows}:
        if counts[(sizes[0], label)] != counts[(sizes[-1], label)]:
            problems.append(
                f"{label}: {counts[(sizes[0], label)]} queries at {sizes[0]} events "
                f"but {counts[(sizes[-1], label)]} at {sizes[-1]}"
            )
    print()
    print("Targets met." if not problems else "Targets missed:\n" + "\n".join(f"- {p}" for p in problems))
    return 1 if problems and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
