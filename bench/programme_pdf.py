"""Time the public programme PDF printed (cold) and read back (cached), and a page beside it.

    DEBUG=1 .venv/bin/python bench/programme_pdf.py [--items 30] [--reps 3] [--check]

Uses a throwaway SQLite database (/tmp/reseau-bench-programme.sqlite3, deleted first) and
its own media folder (/tmp/reseau-bench-programme-var/media), so the project's own data is
never touched. One synthetic network gets a public event whose programme has ``--items``
items, each with the longest description a form accepts (4,000 characters), speakers with
Khmer, Lao and Vietnamese names, as an anonymous visitor sees it. Then, through
django.test.Client:

- cold: the event's title changes before each request, so each one prints the PDF again
  with WeasyPrint (what every request cost before printed programmes were kept);
- cached: the same version asked again, read back from the file storage;
- the programme's HTML page, for comparison.

It prints the median and slowest time of each as a Markdown table. Targets: a cached PDF
answers at least 10 times faster than a cold one, and in at most 1.5 times the time of the
HTML page (a cached request still renders the HTML it is printed from: its digest is the
key). ``--check`` exits with status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import datetime
import logging
import shutil
import statistics
import sys
import time
from collections.abc import Callable

from scratch_database import use_scratch_database

use_scratch_database("reseau-bench-programme")

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from reseau.events.models import SESSION_DESCRIPTION_LENGTH, Event, Session, SessionSpeaker  # noqa: E402
from reseau.registry.models import Network, Person  # noqa: E402
from reseau.seeds.synthetic import generate_network  # noqa: E402

NETWORK = "synthetic"
SPEEDUP_TARGET = 10
PAGE_RATIO_TARGET = 1.5
NAMES = ["ឃួង ស្រេង", "ສົມພອນ ແກ້ວມະນີ", "Nguyễn Văn Phương", "Trần Thị Hồng Nhung"]


def programme_event(network: Network, items: int) -> Event:
    first_start = datetime.datetime(2031, 5, 18, 1, 0, tzinfo=datetime.UTC)
    event = Event.objects.create(
        network=network,
        slug="bench-annual-meeting",
        title_en="Annual meeting",
        visibility=Event.Visibility.PUBLIC,
        status=Event.Status.CONFIRMED,
        starts_at=first_start,
        ends_at=first_start + datetime.timedelta(days=1, hours=9),
        venue="Fairfield Hotel",
        city="Phnom Penh",
    )
    paragraph = "The members share what worked in their cities and what they would change. "
    description = (paragraph * (SESSION_DESCRIPTION_LENGTH // len(paragraph) + 1))[:SESSION_DESCRIPTION_LENGTH]
    people = [Person.objects.create(name=name) for name in NAMES]
    for number in range(items):
        starts_at = first_start + datetime.timedelta(minutes=45 * number)
        session = Session.objects.create(
            event=event,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(minutes=40),
            title_en=f"Session {number + 1}: waste, water and transport in secondary cities",
            description_en=description,
        )
        for position, person in enumerate(people[: 1 + number % len(people)]):
            SessionSpeaker.objects.create(session=session, person=person, position=position)
    return event


def timed(request: Callable[[], None], reps: int, before_each: Callable[[], None] = lambda: None) -> list[float]:
    timings = []
    for _ in range(reps):
        before_each()
        started = time.perf_counter()
        request()
        timings.append(time.perf_counter() - started)
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=30, help="programme items (default 30)")
    parser.add_argument("--reps", type=int, default=3, help="requests per measure (default 3)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # one warning per glyph missing from the fonts
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    if "testserver" not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0, interactive=False)
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)  # PDFs kept by an earlier run
    generate_network(members=10, network_code=NETWORK, seed=0, events=0)
    event = programme_event(Network.objects.get(code=NETWORK), args.items)
    client = Client()
    pdf_url = f"/events/{event.slug}/programme.pdf"
    page_url = f"/events/{event.slug}/programme/"

    size = 0

    def get(url: str) -> Callable[[], None]:
        def request() -> None:
            nonlocal size
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"GET {url} answered {response.status_code}")
            if url == pdf_url:
                size = len(response.content)

        return request

    versions = iter(range(1, 1_000_000))

    def change_the_event() -> None:
        Event.objects.filter(pk=event.pk).update(title_en=f"Annual meeting (version {next(versions)})")

    get(pdf_url)()  # warm-up: WeasyPrint's import and fonts
    get(page_url)()
    cold = timed(get(pdf_url), args.reps, change_the_event)
    cached = timed(get(pdf_url), args.reps)
    page = timed(get(page_url), args.reps)

    print(f"{args.items} programme items of {SESSION_DESCRIPTION_LENGTH:,} characters each; PDF {size / 1000:.0f} kB;")
    print(f"{args.reps} requests per line after one warm-up.\n")
    print("| Request | Median (ms) | Slowest (ms) |")
    print("|---|---:|---:|")
    for label, timings in (
        ("programme PDF, cold (printed by WeasyPrint)", cold),
        ("programme PDF, cached (read from the file storage)", cached),
        ("programme page (HTML)", page),
    ):
        print(f"| {label} | {statistics.median(timings) * 1000:.1f} | {max(timings) * 1000:.1f} |")

    problems = []
    if statistics.median(cold) < SPEEDUP_TARGET * statistics.median(cached):
        problems.append(f"cached PDF less than {SPEEDUP_TARGET} times faster than a cold one")
    if statistics.median(cached) > PAGE_RATIO_TARGET * statistics.median(page):
        problems.append(f"cached PDF more than {PAGE_RATIO_TARGET} times slower than the HTML page")
    print()
    print("Targets met." if not problems else "Targets missed:\n" + "\n".join(f"- {p}" for p in problems))
    return 1 if problems and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
