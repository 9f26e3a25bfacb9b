"""Hostile input, posted into every form each role is shown, then read back everywhere.

How a form is found (nobody lists them): for each role, every GET route of the URL table
(``tests/test_routes_by_role.py``, ``app_routes``) that the role gets as 200 is fetched, and
every ``<form method="post">`` on it that posts to this site and has a text field is taken.
A new URL must have its row in that table (``test_every_url_has_an_expected_answer``), so its
forms are posted here from the day it exists; a new field of an existing form is read from
the rendered page. Exports and feeds are told apart by their Content-Type, so a new export
or feed in the table is opened and checked too.

Each form is posted as each role that is shown it: the text fields get values of the corpus
(``tests/harness.py``: markup, template and SQL syntax, a 100,000-character string, control
and bidirectional characters, Khmer, Lao and Vietnamese, malformed dates and numbers, a
``javascript:`` address, a NUL byte), one value per field in turn across all forms, the
choices what the page offers. The answer must be a redirect (saved) or the form again, with
a message and with what was typed; a NUL byte may be refused outright (400). When the form
was refused only for some fields, it is posted again with plain text there, so that the
other fields' hostile values are saved. Then the dates, numbers, e-mails and addresses are
posted malformed, and must be refused with a message.

Afterwards every page, export and feed of the table, and every page the saves led to (and
the site's pages these link to), is fetched as the same role: no 500, no live markup from
the corpus in HTML, every XLSX, DOCX, PDF, CSV and ICS still opens.
"""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import urlsplit

import pytest
from django.urls import resolve, reverse

from tests.harness import (
    MALFORMED_SHAPES,
    NUL,
    ROLES_BY_PRIVILEGE,
    Filler,
    Form,
    body,
    context_forms,
    harness_world,  # noqa: F401  (a fixture)
    is_internal,
    links_in,
    post_forms,
    problems_in,
    same_text,
    shows_a_message,
)
from tests.test_routes_by_role import OK, app_routes, route_world  # noqa: F401  (a fixture)

REDIRECTS = {301, 302, 303}


def _forms_shown(client, urls: list[str], problems: list[str]) -> dict[tuple, Form]:
    forms: dict[tuple, Form] = {}
    for url in urls:
        response = client.get(url)
        problems += problems_in(response, url)
        if response.get("Content-Type", "").startswith("text/html"):
            for form in post_forms(body(response).decode(), url):
                if is_internal(form.action) and (form.text_fields or form.shaped_fields):
                    forms.setdefault(form.key(), form)
    return forms


def _answer_problems(response, form: Form, data: dict[str, list[str]], plain: set[str]) -> list[str]:
    """A redirect, or the same form with a message and what was typed; never a 500."""
    where = f"POST {form.action}"
    if response.status_code in REDIRECTS:
        return []
    if response.status_code == 400 and any(NUL in v for values in data.values() for v in values):
        return []
    if response.status_code != 200:
        return [f"{where}: {response.status_code}"]
    html = body(response).decode()
    problems = problems_in(response, where)
    if not shows_a_message(html):
        return [*problems, f"{where}: answered 200 without saying what is wrong"]
    again = [f for f in post_forms(html, form.action) if f.key()[0] == form.key()[0]]
    if not again:
        return [*problems, f"{where}: the form is not shown again"]
    shown = max(again, key=lambda f: len({g.name for g in f.fields} & set(data)))
    for field in form.text_fields:
        if field.name in plain or field.name not in data:
            continue
        kept = shown.named(field.name)
        if kept and not same_text(data[field.name][0], kept[0].value):
            problems.append(f"{where}: {field.name} not kept as typed ({data[field.name][0][:40]!r})")
    return problems


def _boxes_to_tick(response, form: Form, refused: set[str]) -> dict[str, list[str]]:
    """A box the form shows only once refused ("this is a different organisation"): ticked."""
    again = [f for f in post_forms(body(response).decode(), form.action) if f.key()[0] == form.key()[0]]
    boxes = [f for shown in again[:1] for f in shown.fields if f.kind == "checkbox" and f.name in refused]
    new = [box for box in boxes if not any(f.kind == "checkbox" for f in form.named(box.name))]
    return {box.name: [box.value] for box in new}


def _refused_fields(response) -> set[str]:
    return {form.add_prefix(name) for form in context_forms(response) for name in form.errors if name != "__all__"}


def _post_every_form(client, forms: dict[tuple, Form], problems: list[str]) -> list[str]:
    """Posts each form, hostile text with valid shapes, then malformed shapes; returns where saves led."""
    filler = Filler()
    landed: list[str] = []
    for form in forms.values():
        instead: dict[str, list[str]] = {}
        tried: dict[str, int] = {}
        hostile = filler.fill(form)
        for _attempt in range(4):
            data = {**hostile, **instead}
            response = client.post(form.action, data)
            problems += _answer_problems(response, form, data, set(instead))
            if response.status_code in REDIRECTS:
                landed.append(response["Location"])
                break
            refused = _refused_fields(response)
            if response.status_code != 200 or not refused:
                break
            instead.update(filler.instead_of_refused(form, refused, tried))
            instead.update(_boxes_to_tick(response, form, refused))
        if form.shaped_fields:
            data = filler.fill(form, shapes=MALFORMED_SHAPES)
            response = client.post(form.action, data)
            problems += _answer_problems(response, form, data, set())
            if response.status_code in REDIRECTS:
                landed.append(response["Location"])
    return landed


def _read_everything_back(client, urls: list[str], landed: list[str], problems: list[str]) -> str:
    """Fetches the table's pages and files, then where the saves led and the files those pages
    offer (a new plan's export, a new event's calendar file): addresses of the kinds that
    answered with a file in the table. Returns the HTML read."""
    pages: list[str] = []
    file_kinds: set[str] = set()

    def fetch(url: str) -> str:
        response = client.get(url)
        problems.extend(problems_in(response, url))
        if response.status_code != 200:
            return ""
        if not response.get("Content-Type", "").startswith("text/html"):
            file_kinds.add(resolve(urlsplit(url).path).view_name)
            return ""
        pages.append(body(response).decode())
        return pages[-1]

    for url in urls:
        fetch(url)
    seen = set(urls)
    for url in dict.fromkeys(landed):
        if url in seen or not is_internal(url):
            continue
        seen.add(url)
        for link in dict.fromkeys(links_in(fetch(url), url)):
            if link not in seen and resolve(urlsplit(link).path).view_name in file_kinds:
                seen.add(link)
                fetch(link)
    return "\n".join(pages)


def posting_roles(route) -> set[str]:
    """Who posts a route's forms: the most privileged role shown the page, and a focal point
    too when it is shown it (its forms are its own member's, with choices of its own)."""
    shown = [role for role in ROLES_BY_PRIVILEGE if route.expected[role] == OK]
    return set(shown[:1]) | ({"focal_point"} & set(shown))


def _urls(routes, role: str) -> list[str]:
    return [reverse(r.name, kwargs=r.kwargs) for r in routes if r.method == "get" and r.expected[role] == OK]


def _client(world, role: str):
    client = world.client_for(role)
    client.raise_request_exception = False  # a 500 is a finding to list, with the others
    return client


# The roles that post some form of the table; read from the table itself (its answers do not
# depend on the records' ids), so a form a new role is shown brings that role in.
POSTING_ROLES = [r for r in ROLES_BY_PRIVILEGE if any(r in posting_roles(x) for x in app_routes(defaultdict(int)))]
READERS_AFTER = ["partner", "anonymous"]  # who else reads what the most privileged saved


@pytest.mark.heavy
@pytest.mark.parametrize("role", POSTING_ROLES)
def test_hostile_input_is_refused_clearly_or_stored_and_shown_as_text(harness_world, role):  # noqa: F811
    world, ids, _outsiders = harness_world
    client = _client(world, role)
    routes = app_routes(ids)
    posted_here = [route for route in routes if role in posting_roles(route)]
    problems: list[str] = []
    forms = _forms_shown(client, _urls(posted_here, role), problems)
    landed = _post_every_form(client, forms, problems)
    shown = _read_everything_back(client, _urls(routes, role), landed, problems)
    if role == POSTING_ROLES[0]:
        for reader in READERS_AFTER:
            _read_everything_back(_client(world, reader), _urls(routes, reader), [], problems)
    assert not problems, "\n".join(problems)
    if role == POSTING_ROLES[0]:
        # The harness is not vacuous: hostile text was saved, and is shown as text.
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
        assert len(forms) >= 30
