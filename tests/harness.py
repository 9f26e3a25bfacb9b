"""What the hostile-input and form-choice harnesses share: the forms a role is shown, how to
fill them, and how to check whatever the platform answers.

Nothing here names a form, a field or an export. Forms are found by reading the pages of the
URL table (``tests/test_routes_by_role.py``): every route a role gets as 200 is fetched, and
each ``<form method="post">`` on it is parsed. Files are told apart by their Content-Type.
A new URL gets its row in that table (a test fails otherwise), so its forms and files are
picked up here without anyone adding them.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.http import HttpResponse
from django.urls import Resolver404, resolve, reverse

# The most privileged first: the roles the harnesses act as, in this order.
ROLES_BY_PRIVILEGE = ["secretariat", "coordinator", "focal_point", "partner", "anonymous"]

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE_BREAK = '"><img src=x onerror=alert(1)>'
JAVASCRIPT_URL = "javascript:alert(1)"
NUL = "Nul\x00byte"

# Text that has broken web platforms: markup, template and SQL syntax, a very long string,
# control and bidirectional characters, the scripts of the network's cities, malformed
# dates and numbers, and a javascript: address. One value goes into each text field, in turn,
# with markup (``Filler.next_value``).
CORPUS = [
    SCRIPT,
    ATTRIBUTE_BREAK,
    "{{ 7*7 }} {% debug %}",
    "' OR 1=1 --",
    "Phnom Penh " + "x" * 100_000,
    "Vertical\x0btab and\x1bescape",
    "Exit \u202eevil.exe\u202c",
    "ភ្នំពេញ",
    "ວຽງຈັນ",
    "Huế Đà Nẵng",
    "2023-02-30",
    "1e309",
    "-0",
    JAVASCRIPT_URL,
    NUL,
]

# Fields whose value has a shape: a valid one lets the form save, so that the text fields'
# hostile values are stored and shown; a malformed one must be refused with a message.
VALID_SHAPES = {
    "date": "2024-03-04",
    "datetime-local": "2024-03-04T10:00",
    "time": "10:00",
    "month": "2031-03",
    "number": "1",
    "url": "https://example.org/",
    "tel": "+855 12 345 678",
}
MALFORMED_SHAPES = {
    "date": "2023-02-30",
    "datetime-local": "2023-02-30T25:61",
    "time": "25:61",
    "month": "2023-13",
    "number": "1e309",
    "url": JAVASCRIPT_URL,
    "tel": SCRIPT,
    "email": ATTRIBUTE_BREAK,
}
# Other valid values to try when a form refuses one (a date in the future, a year too small).
ALTERNATIVE_SHAPES = {
    "date": ["2023-06-15", "2031-03-04", ""],
    "number": ["2024", "0", ""],
    "time": ["11:00", ""],
    "datetime-local": ["2031-03-04T10:00", ""],
    "url": ["https://example.org/", ""],
}
TEXT_TYPES = {"text", "search", ""}
SHAPED_TYPES = set(VALID_SHAPES) | {"email"}

# What an escaped page never contains: the markup of the corpus, live.
LIVE_MARKUP = [SCRIPT, "<script>alert(1)", "<img src=x onerror=alert(1)>", 'href="javascript:', 'src="javascript:']


@dataclass
class Field:
    name: str
    kind: str  # an input's type, or "textarea", "select"
    value: str = ""
    checked: bool = False
    multiple: bool = False
    low: str = ""  # a number's or a date's min attribute
    options: list[tuple[str, bool]] = field(default_factory=list)  # (value, selected)


@dataclass
class Form:
    action: str
    fields: list[Field] = field(default_factory=list)

    def named(self, name: str) -> list[Field]:
        return [f for f in self.fields if f.name == name]

    @property
    def text_fields(self) -> list[Field]:
        return [f for f in self.fields if f.kind in TEXT_TYPES or f.kind == "textarea"]

    @property
    def shaped_fields(self) -> list[Field]:
        return [f for f in self.fields if f.kind in SHAPED_TYPES]

    @property
    def choice_names(self) -> set[str]:
        return {f.name for f in self.fields if f.kind in {"select", "checkbox", "radio"}}

    def options_of(self, name: str) -> set[str]:
        """Every value a reader may choose for ``name``: a select's options, the checkboxes' values."""
        values: set[str] = set()
        for f in self.named(name):
            if f.kind == "select":
                values |= {value for value, _selected in f.options}
            elif f.kind in {"checkbox", "radio"}:
                values.add(f.value)
        return values - {""}

    def key(self) -> tuple[str, tuple[str, ...]]:
        return urlsplit(self.action).path, tuple(sorted({f.name for f in self.fields}))


class _FormParser(HTMLParser):
    def __init__(self, page_url: str, method: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.method = method
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: Field | None = None
        self._select: Field | None = None
        self._option: list[str] | None = None  # [value or None marker, text]
        self._option_selected = False
        self._option_has_value = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            if self.method is None or a.get("method", "get").lower() == self.method:
                self._form = Form(action=urljoin(self.page_url, a.get("action") or self.page_url))
                self.forms.append(self._form)
            return
        if self._form is None or ("name" not in a and tag != "option"):
            return
        fields = self._form.fields if "disabled" not in a else []  # a browser posts no disabled field
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in {"submit", "button", "reset", "image"}:
                return
            value = a.get("value", "on" if kind in {"checkbox", "radio"} else "")
            if kind == "text" and a.get("inputmode") in {"decimal", "numeric"}:
                kind = "number"  # a number typed as text, so that a locale's decimal comma is accepted
            fields.append(Field(a["name"], kind, value, checked="checked" in a, low=a.get("min", "")))
        elif tag == "textarea":
            self._textarea = Field(a["name"], "textarea")
            fields.append(self._textarea)
        elif tag == "select":
            self._select = Field(a["name"], "select", multiple="multiple" in a)
            fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = [a.get("value", ""), ""]
            self._option_has_value = "value" in a
            self._option_selected = "selected" in a

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value += data
        elif self._option is not None:
            self._option[1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "option" or (tag == "select" and self._option is not None):
            self._close_option()
        if tag == "select":
            self._select = None

    def _close_option(self) -> None:
        if self._option is not None and self._select is not None:
            value = self._option[0] if self._option_has_value else self._option[1].strip()
            self._select.options.append((value, self._option_selected))
        self._option = None


def post_forms(html: str, page_url: str, method: str | None = "post") -> list[Form]:
    """The forms of a page that post (all of them with ``method=None``), as a browser sees them."""
    parser = _FormParser(page_url, method)
    parser.feed(html)
    parser.close()
    for form in parser.forms:
        for f in form.fields:
            if f.kind == "textarea" and f.value.startswith("\n"):
                f.value = f.value[1:]  # the parser keeps the newline HTML drops after <textarea>
    return parser.forms


def is_internal(url: str) -> bool:
    """A form that posts to this site, to an address of the URL table's kind (not the admin)."""
    parts = urlsplit(url)
    if parts.netloc not in {"", "testserver"}:
        return False
    try:
        match = resolve(parts.path)
    except Resolver404:
        return False
    return match.namespace != "admin"


class Filler:
    """Fills forms with the corpus, one value per text field, in turn across every form."""

    def __init__(self, corpus: list[str] = CORPUS, *, with_markup: bool = True) -> None:
        self._corpus = itertools.cycle(corpus)
        self._markup = itertools.cycle([SCRIPT, ATTRIBUTE_BREAK]) if with_markup else None
        self._emails = itertools.count(1)

    def next_value(self) -> str:
        """The corpus' next value; markup added to those that have none, in turn a script and an
        attribute break, so that every stored text would show if a page printed it unescaped."""
        value = next(self._corpus)
        if self._markup is None or "<" in value:
            return value
        return f"{value} {next(self._markup)}"

    def fill(self, form: Form, *, shapes: dict[str, str] = VALID_SHAPES) -> dict[str, list[str]]:
        """The data a reader would post: corpus values in text fields, ``shapes`` in dates,
        numbers and addresses, and the choices as rendered (else the first)."""
        data: dict[str, list[str]] = {}
        for f in form.fields:
            data.setdefault(f.name, []).extend(self._value(form, f, shapes))
        for group in {f.name for f in form.fields if f.kind == "checkbox"}:
            boxes = form.named(group)  # a group none of whose boxes is ticked: tick the first
            if len(boxes) > 1 and not data[group]:
                data[group].append(boxes[0].value)
        return {name: values for name, values in data.items() if values}

    def _value(self, form: Form, f: Field, shapes: dict[str, str]) -> list[str]:
        if f.kind == "hidden":
            return [f.value]
        if f.kind == "password":
            return ["Hostile-password-1"]
        if f.kind in TEXT_TYPES or f.kind == "textarea":
            return [self.next_value()]
        if f.kind == "email":
            return [shapes.get("email") or f"hostile{next(self._emails)}@example.org"]
        if f.kind in SHAPED_TYPES:
            if shapes is not VALID_SHAPES:
                return [shapes[f.kind]]
            return [f.value or f.low or shapes[f.kind]]
        if f.kind == "checkbox":
            return [f.value] if f.checked else []
        if f.kind == "radio":
            group = form.named(f.name)
            first_of_none = f is group[0] and not any(g.checked for g in group)
            return [f.value] if f.checked or first_of_none else []
        if f.kind == "select":
            chosen = [v for v, selected in f.options if selected and v]
            return chosen or [v for v, _s in f.options if v][:1]
        return []  # a file: uploads have their own harness

    def instead_of_refused(self, form: Form, refused: set[str], tried: dict[str, int]) -> dict[str, list[str]]:
        """Other values for the fields a form refused: plain text, then a number, then a date,
        for text; the next option for a choice; nothing for a group of boxes."""
        instead: dict[str, list[str]] = {}
        for name in refused:
            fields = form.named(name)
            if not fields:
                continue
            tried[name] = attempt = tried.get(name, 0) + 1
            f = fields[0]
            if f.kind in TEXT_TYPES or f.kind == "textarea":
                instead[name] = [[f"Plain text {next(self._emails)}", "1", "2024-03-04"][min(attempt, 3) - 1]]
            elif f.kind in ALTERNATIVE_SHAPES:
                shapes = ALTERNATIVE_SHAPES[f.kind]
                instead[name] = [shapes[(attempt - 1) % len(shapes)]]
            elif f.kind == "email":
                instead[name] = [f"hostile{next(self._emails)}@example.org"]
            elif f.kind in {"select", "radio"}:
                options = [v for v, _s in f.options if v] if f.kind == "select" else [g.value for g in fields]
                instead[name] = options[attempt % len(options) : attempt % len(options) + 1] if options else []
            elif f.kind == "checkbox":
                instead[name] = []
        return instead


def body(response: HttpResponse) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def shows_a_message(html: str) -> bool:
    """A form sent back says what is wrong: the form's alert or a field's error list."""
    return 'role="alert"' in html or 'class="errorlist' in html


# Control characters and direction overrides, which the platform may drop from what is typed.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def same_text(typed: str, shown: str) -> bool:
    """What was typed is what the form shows again, give or take edge whitespace, line ends,
    control characters and direction overrides (which the platform may clean on input)."""

    def norm(text: str) -> str:
        return _CONTROLS.sub("", text.replace("\r\n", "\n")).strip()

    return norm(typed) == norm(shown)


def problems_in(response: HttpResponse, url: str) -> list[str]:
    """What is wrong with a page or a file: a 500, live markup, a file that does not open."""
    if response.status_code >= 500:
        return [f"{url}: {response.status_code}"]
    if response.status_code != 200:
        return []
    content = body(response)
    kind = response.get("Content-Type", "").split(";")[0].strip()
    try:
        if kind == "text/html":
            text = content.decode()
            return [f"{url}: live markup {m!r}" for m in LIVE_MARKUP if m in text]
        if kind.endswith("spreadsheetml.sheet"):
            import openpyxl

            openpyxl.load_workbook(io.BytesIO(content), read_only=True).close()
        elif kind.endswith("wordprocessingml.document"):
            import docx

            docx.Document(io.BytesIO(content))
        elif kind == "application/pdf":
            if not content.startswith(b"%PDF"):
                return [f"{url}: not a PDF"]
        elif kind == "text/calendar":
            import icalendar

            icalendar.Calendar.from_ical(content)
        elif kind == "text/csv":
            list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    except Exception as error:  # any failure to open is the finding
        return [f"{url}: {kind} does not open: {error!r}"[:500]]
    return []


def links_in(html: str, page_url: str) -> Iterator[str]:
    """The site's own addresses a page links to (outside the admin)."""
    for href in re.findall(r'href="([^"#]+)', html):
        url = urljoin(page_url, href.replace("&amp;", "&"))
        if is_internal(url) and not urlsplit(url).path.startswith(reverse("admin:index")):
            yield url


def context_forms(response: HttpResponse) -> list:
    """The Django forms a page was rendered with (the test client keeps its context)."""
    from django.forms import BaseForm
    from django.forms.formsets import BaseFormSet

    found: list = []
    for context in response.context or []:
        for layer in getattr(context, "dicts", [context]):
            if not isinstance(layer, dict):
                continue
            for value in layer.values():
                candidates = list(value.forms) if isinstance(value, BaseFormSet) else [value]
                found += [c for c in candidates if isinstance(c, BaseForm) and all(c is not f for f in found)]
    return found


@pytest.fixture
def harness_world(route_world):
    """The URL table's world, and a second network with a member, its people and its own
    records: what a reader of RVASE must never be offered. Returns (world, ids, outsiders)
    where outsiders maps each model to the pks of the Maghreb records."""
    from reseau.accounts.models import Role
    from reseau.registry.models import Network
    from tests.factories import (
        ActivityFactory,
        CountryFactory,
        DecisionFactory,
        EventFactory,
        MemberFactory,
        PersonFactory,
        PlanFactory,
        ProjectFactory,
        UserFactory,
    )

    world, ids = route_world
    maghreb = Network.objects.get(code="maghreb")
    tunisia = CountryFactory(code="TN", name_en="Tunisia")
    sfax = MemberFactory(network=maghreb, country=tunisia, slug="sfax", name_en="Sfax", name_fr="Sfax")
    person = PersonFactory(member=sfax, name="Leïla Ben Salah", email="leila@tunis.example")
    coordinator = UserFactory(
        email="coordinator@maghreb.test", full_name="Karim Haddad", role=Role.COORDINATOR, network=maghreb
    )
    plan = PlanFactory(network=maghreb, code="maghreb-plan", title_en="Maghreb water plan", status="validated")
    activity = ActivityFactory(axis__plan=plan, number=1, title_en="Sfax wastewater survey")
    event = EventFactory(network=maghreb, slug="maghreb-meeting", title_en="Maghreb forum")
    project = ProjectFactory(network=maghreb, lead_member=sfax, code="sfax-water", title_en="Sfax water")
    decision = DecisionFactory(network=maghreb, owner_member=sfax, title_en="Sfax decision")
    outsiders = {
        "registry.member": [sfax.pk],
        "registry.person": [person.pk],
        "accounts.user": [coordinator.pk],
        "plans.plan": [plan.pk],
        "plans.activity": [activity.pk],
        "events.event": [event.pk],
        "projects.project": [project.pk],
        "decisions.decision": [decision.pk],
    }
    return world, ids, outsiders
