"""Time the library's search page and the header search as the library grows.

    DEBUG=1 .venv/bin/python bench/library_search.py [--documents 50000] [--reps 20] [--check]
    DEBUG=1 .venv/bin/python bench/library_search.py --postgresql postgres://postgres@127.0.0.1:5432/postgres
    DEBUG=1 .venv/bin/python bench/library_search.py --reuse     # the database of the last run, as it is

Uses a throwaway database (SQLite: /tmp/reseau-bench-library.sqlite3; PostgreSQL: a database
``reseau_bench_library`` made on the given server and dropped first), never the project's own.
One synthetic network of 50 members gets invented documents (``reseau.library.synthetic``:
texts in Vietnamese, Khmer, Lao, French and English, each a stored file, indexed), first 1,000,
then ``--documents``. After each step a secretariat user (who reads every document) requests:

- ``/library/?q=`` with a rare word (one document's reference), a common English word, a
  Vietnamese word typed without accents and a Khmer word (a script without spaces);
- ``/search/?q=`` (the header's search) with the same words;

each once to warm up, once to count SQL queries, then ``--reps`` times (median and p95 in ms,
through django.test.Client). Each search is also timed alone, as its view calls it, without
the page around it (the template, the session, the middleware): the ranked matches, the page of
25 with their snippets, and the facets; or the header's search of every kind. It prints the
database's plan of each query of the library's search.

Targets (issue 13), at the largest size: the library's search p95 ≤ 20 ms and the header's
search p95 ≤ 30 ms (the search alone: the page around it is printed beside, the same at every
size); the library page ≤ 15 queries, the same count at both sizes. ``--check`` exits 1 when
missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from typing import Any

from scratch_database import use_scratch_database, use_scratch_postgresql

NAME = "reseau-bench-library"
parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--documents", type=int, default=50_000, help="documents in the end (default 50000)")
parser.add_argument("--reps", type=int, default=20, help="requests per URL and size (default 20)")
parser.add_argument("--postgresql", default="", help="a PostgreSQL server's URL: benchmark there, not on SQLite")
parser.add_argument("--reuse", action="store_true", help="keep the last run's database and measure its documents")
parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
ARGS = parser.parse_args()
if ARGS.postgresql:
    use_scratch_postgresql(NAME, ARGS.postgresql, keep=ARGS.reuse)
else:
    use_scratch_database(NAME, keep=ARGS.reuse)

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.paginator import Paginator  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from reseau.accounts.models import User  # noqa: E402
from reseau.home.search import search_everything  # noqa: E402
from reseau.library import access, fulltext, selectors  # noqa: E402
from reseau.library.models import Document  # noqa: E402
from reseau.library.synthetic import generate_documents, reference  # noqa: E402
from reseau.library.views import DOCUMENTS_PER_PAGE  # noqa: E402
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


def measure_search(user: User, query: str, reps: int, *, header: bool) -> tuple[float, float]:
    """The search alone, without the page around it: the queries and work of the library page's
    results (ranked matches, the page of 25, their snippets, the facets) or of the header's
    search, as their views call them."""

    def library() -> None:
        filters = selectors.LibraryFilters(q=query)
        documents = selectors.document_list(documents=access.documents_visible_to(user), filters=filters)
        rows = list(Paginator(documents, DOCUMENTS_PER_PAGE).get_page(1).object_list)
        selectors.document_snippets(documents=rows, query=query)
        selectors.library_facets(documents=documents)

    def everything() -> None:
        search_everything(user=user, query=query)

    run = everything if header else library
    run()
    timings = []
    for _ in range(reps):
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[max(0, round(0.95 * len(timings)) - 1)]


def plan(query: str) -> str:
    """The database's plan of each query a search makes (the page's rows are read by key after)."""
    statements: list[tuple[str, Any]] = []

    def keep(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        fulltext.search(documents=Document.objects.all(), query=query)
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    plans = []
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(explain + sql, params)
            plans.append("\n".join(" ".join(str(part) for part in row) for row in cursor.fetchall()))
    return "\n\n".join(plans)


def main() -> int:
    if "testserver" not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0, interactive=False)
    network = Network.objects.filter(code=NETWORK).first() or generate_network(
        members=50, network_code=NETWORK, seed=0, projects=0, plans_activities=0, events=0, organisations=0
    )
    user = User.objects.filter(email="bench@reseau.test").first() or User.objects.create_user(
        "bench@reseau.test", "bench-password", role="secretariat", is_superuser=True
    )
    client = Client()
    client.force_login(user)
    # (documents, page, search alone median and p95, page median and p95, SQL queries of the page)
    rows: list[tuple[int, str, float, float, float, float, int]] = []
    generated = Document.objects.filter(network=network).count()
    for size in sorted({min(FIRST_SIZE, ARGS.documents), ARGS.documents}):
        if size < generated:
            continue  # --reuse: a database already larger
        started = time.perf_counter()
        generate_documents(network=Network.objects.get(pk=network.pk), documents=size - generated, seed=0)
        generated = size
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would after a large load: the planner's counts
        print(f"… {size} documents ({time.perf_counter() - started:.1f} s)", file=sys.stderr)
        words = {"rare": reference(size // 2), "common": "network", "Vietnamese": "hue", "Khmer": "សហប្រតិបត្តិការ"}
        for what, word in words.items():
            for page in ("/library/", "/search/"):
                alone = measure_search(user, word, ARGS.reps, header=page == "/search/")
                median, p95, count = measure(client, f"{page}?q={word}", ARGS.reps)
                rows.append((size, f"{page}?q= ({what})", *alone, median, p95, count))
    print(f"{connection.vendor}, {ARGS.reps} runs each after one warm-up.\n")
    print("| Documents | Page | Search median (ms) | Search p95 (ms) | Page median (ms) | Page p95 (ms) | Queries |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for size, label, search_median, search_p95, median, p95, count in rows:
        print(f"| {size:,} | `{label}` | {search_median:.1f} | {search_p95:.1f} | {median:.1f} | {p95:.1f} | {count} |")
    print(f"\nPlan of the library's search for a common word ({connection.vendor}):\n")
    print("```\n" + plan("network") + "\n```")

    problems = []
    largest = max(size for size, *_rest in rows)
    counts = {(size, label): count for size, label, *_times, count in rows}
    for size, label, _median, p95, *_page, count in rows:
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
