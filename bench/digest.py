"""Time the weekly digest for 5,000 people, and check each gets at most one message.

    DEBUG=1 .venv/bin/python bench/digest.py [--people 5000] [--check]

A throwaway SQLite database (/tmp/reseau-bench-digest.sqlite3), or with ``--postgresql URL`` a
database ``reseau_bench_digest`` on that server. One synthetic network of 100 members (with
their events, projects, decisions, documents: ``reseau.seeds.synthetic``) and ``--people``
accounts spread as the network's are (a coordinator per 500 people, a few of the secretariat,
focal points of every member, partners), a quarter of them reading French, one in ten with a
daily digest. The digest runs on a Monday (``communication.digest.digests_send``), then again
the same day, as a second worker or a scheduler run twice would. The messages are stored in the
outbox and handed to the job queue (SQLite file), as in production; no mail server is asked.

Target (issue 14): 5,000 people in under 60 s, each person at most one message.
"""

from __future__ import annotations

import argparse
import datetime
import sys
import time
from collections import Counter

from scratch_database import use_scratch_database, use_scratch_postgresql

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--people", type=int, default=5000)
parser.add_argument("--postgresql", metavar="URL", help="a PostgreSQL server to use instead of SQLite")
parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
args = parser.parse_args()
if args.postgresql:
    use_scratch_postgresql("reseau-bench-digest", args.postgresql)
else:
    use_scratch_database("reseau-bench-digest")

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from reseau.accounts.models import Role, User  # noqa: E402
from reseau.communication.digest import digests_send  # noqa: E402
from reseau.communication.models import Preference  # noqa: E402
from reseau.outbox.models import OutgoingEmail  # noqa: E402
from reseau.registry.models import Member  # noqa: E402
from reseau.seeds.synthetic import generate_network  # noqa: E402

TARGET_SECONDS = 60.0
MONDAY = datetime.datetime(2026, 12, 7, 6, 0, tzinfo=datetime.UTC)


def make_people(count: int) -> None:
    network = generate_network(members=100, network_code="synthetic", documents=0)
    members = list(Member.objects.filter(network=network).order_by("pk"))
    users = []
    for n in range(count):
        if n % 500 == 0:
            role, member = Role.COORDINATOR, None
        elif n % 1000 == 1:
            role, member = Role.SECRETARIAT, None
        elif n % 5 == 0:
            role, member = Role.PARTNER, None
        else:
            role, member = Role.FOCAL_POINT, members[n % len(members)]
        users.append(
            User(
                email=f"person{n}@bench.example.org",
                full_name=f"Person {n}",
                role=role,
                network=network if role != Role.SECRETARIAT else None,
                member=member,
                language="fr" if n % 4 == 0 else "en",
            )
        )
    User.objects.bulk_create(users, batch_size=1000)
    Preference.objects.bulk_create(
        [Preference(email=f"person{n}@bench.example.org", digest="daily") for n in range(0, count, 10)]
    )


def main() -> int:
    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    make_people(args.people)
    print(f"world made in {time.perf_counter() - started:.1f} s")

    with CaptureQueriesContext(connection) as first_queries:
        started = time.perf_counter()
        sent = digests_send(now=MONDAY)
        first = time.perf_counter() - started
    started = time.perf_counter()
    again = digests_send(now=MONDAY + datetime.timedelta(minutes=15))
    second = time.perf_counter() - started
    per_person = Counter(address for email in OutgoingEmail.objects.only("to") for address in email.to)
    most = max(per_person.values(), default=0)

    engine = connection.vendor
    print()
    print(
        "| Database | People | Digests sent | Time (s) | Queries | Second run: sent | Second run (s) "
        "| Most messages to one person |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {engine} | {args.people:,} | {sent:,} | {first:.1f} | {len(first_queries.captured_queries):,} "
        f"| {again} | {second:.1f} | {most} |"
    )
    met = first < TARGET_SECONDS and most <= 1 and again == 0
    print()
    print("target met" if met else "TARGET MISSED")
    return 0 if met or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
