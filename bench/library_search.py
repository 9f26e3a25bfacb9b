"""Time the library's search page and the header search as the library grows.

    DEBUG=1 .venv/bin/python bench/library_search.py [--documents 50000] [--reps 20] [--check]
    DEBUG=1 .venv/bin/python bench/library_search.py --postgresql postgres://postgres@127.0.0.1:5432/postgres

Uses a throwaway database (SQLite: /tmp/reseau-bench-library.sqlite3; PostgreSQL: a database
``reseau_bench_library`` made on the given server and dropped first), never the project's own.
One synthetic network of 50 members gets invented documents (``reseau.library.synthetic``:
texts in Vietnamese, Khmer, Lao, French and English, each a stored file, indexed), first 1,000,
then ``--documents``. After each step a secretariat user (who reads every document) requests:

- ``/library/?q=`` with a rare word (one document's reference), a common English word, a
  Vietnamese word typed without accents and a Khmer word (a script without spaces);
- ``/search/?q=`` (the header's search) with the same words;

each once to warm up, once to count SQL queries, then ``--reps`` times (median and p95 in ms,
through django.test.Client). It prints the database's plan for the library's search query.

Targets (issue 13): library search p95 ≤ 20 ms, header search p95 ≤ 30 ms at the largest size;
the library page ≤ 15 queries, the same count at both sizes. ``--check`` exits 1 when missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from scratch_database import use_scratch_database, use_scratch_postgresql

NAME = "reseau-bench-library"
parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--documents", type=int, default=50_000, help="documents in the end (default 50000)")
parser.add_argument("--reps", type=int, default=20, help="requests per URL and size (default 20)")
parser.add_argument("--postgresql", default="", help="a PostgreSQL server's URL: benchmark there, not on SQLite")
parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
ARGS = parser.parse_args()
if ARGS.postgresql:
    use_scratch_postgresql(NAME, ARGS.postgresql)
else:
    use_scratch_database(NAME)

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from reseau.accounts.models import User  # noqa: E402
from reseau.library import fulltext  # noqa: E402
from reseau.library.models import Document  # noqa: E402
from reseau.library.synthetic import generate_documents, reference  # noqa: E402
from reseau.registry.models import Network  # noqa: E402
from reseau.seeds.synthetic import generate_network  # noqa: E402

NETWORK = "synthetic"
FIRST_SIZE = 1000
LIBRARY_P95_MS, HEADER_P95_MS, QUERY_BUDGET = 20.0, 30.0, 15


def measure(client: Client, url: str, reps: int) -> tuple[float, float, int]:
    client.get(url)
    reset_queries()  # a request starts by emptying the log the capture counts from
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}")
    timings = []
    for _ in range(reps):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
    return statistics.median(timings), p95, len(queries.captured_queries)


def plan(query: str) -> str:
    documents = fulltext.search(documents=Document.objects.all(), query=query)[:25]
    sql, params = documents.values("pk").query.sql_with_params()
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(explain + sql, params)
        return "\n".join(" ".join(str(part) for part in row) for row in cursor.fetchall())


def main() -> int:
    if "testserver" not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0, interactive=False)
    network = generate_network(
        members=50, network_code=NETWORK, seed=0, projects=0, plans_activities=0, events=0, organisations=0
    )
    user = User.objects.create_user("bench@reseau.test", "bench-password", role="secretariat", is_superuser=True)
    client = Client()
    client.force_login(user)
    rows: list[tuple[int, str, float, float, int]] = []
    generated = 0
    for size in sorted({min(FIRST_SIZE, ARGS.documents), ARGS.documents}):
        started = time.perf_counter()
        generate_documents(network=Network.objects.get(pk=network.pk), documents=size - generated, seed=0)
        generated = size
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would after a large load: the planner's counts
        print(f"… {size} documents ({time.perf_counter() - started:.1f} s)", file=sys.stderr)
        words = {"rare": reference(size // 2), "common": "network", "Vietnamese": "hue", "Khmer": "សហប្រតិបត្តិការ"}
        for what, word in words.items():
            for page in ("/library/", "/search/"):
                median, p95, count = measure(client, f"{page}?q={word}", ARGS.reps)
                rows.append((size, f"{page}?q= ({what})", median, p95, count))
    print(f"{connection.vendor}, {ARGS.reps} requests per URL after one warm-up.\n")
    print("| Documents | Page | Median (ms) | p95 (ms) | SQL queries |")
    print("|---:|---|---:|---:|---:|")
    for size, label, median, p95, count in rows:
        print(f"| {size:,} | `{label}` | {median:.1f} | {p95:.1f} | {count} |")
    print(f"\nPlan of the library's search for a common word ({connection.vendor}):\n")
    print("```\n" + plan("network") + "\n```")

    problems = []
    largest = max(size for size, *_rest in rows)
    counts = {(size, label): count for size, label, _m, _p, count in rows}
    for size, label, _median, p95, count in rows:
        target = LIBRARY_P95_MS if label.startswith("/library/") else HEADER_P95_MS
        if size == largest and p95 > target:
            problems.append(f"{label} at {size} documents: p95 {p95:.1f} ms > {target} ms")
        if label.startswith("/library/") and count > QUERY_BUDGET:
            problems.append(f"{label} at {size} documents: {count} queries > {QUERY_BUDGET}")
    sizes = sorted({size for size, *_rest in rows})
    for label in {label for _s, label, *_rest in rows}:
        if counts[(sizes[0], label)] != counts[(sizes[-1], label)]:
            first, last = counts[(sizes[0], label)], counts[(sizes[-1], label)]
            problems.append(f"{label}: {first} queries at {sizes[0]} documents, {last} at {sizes[-1]}")
    print()
    print("Targets met." if not problems else "Targets missed:\n" + "\n".join(f"- {p}" for p in problems))
    return 1 if problems and ARGS.check else 0


if __name__ == "__main__":
    sys.exit(main())
