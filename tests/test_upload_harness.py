"""Every upload field of the site, found without a list, gets the same hostile files.

How a new upload field is picked up, with no one adding it here:

- ``test_every_file_field_is_checked_by_core_uploads`` imports every module of ``reseau`` and
  looks at every form class defined there (``forms.Form``, ``ModelForm``, mixins and
  subclasses) and every model: a ``FileField`` that is not a ``core.uploads.UploadField``, or a
  model file field whose form field is not one, fails the test. So a new form can take a file
  only through ``UploadField(rule=...)``, and with it the checks of ``core/uploads.py``.
- ``test_hostile_files_are_refused_on_every_upload_page`` opens every page of the route table
  (``tests/test_routes_by_role.py``, where every URL must have a row) as a role that may open it,
  finds each ``<input type="file">`` and the form behind it, and posts each hostile file there:
  the answer must be the page again with a clear message on that field (never a 500, never a
  redirect to a result), the name shown must be safe, and no row of any table may be written.
  A new page with a file input is in the route table, so it is in this test.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Iterator
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models
from django.urls import reverse
from django.utils.html import escape

import reseau
from reseau.core.uploads import CSV, MB, PNG, UploadField, UploadRule
from tests.hostile_files import HTML_PAGE, PE_EXECUTABLE, many_entries, path_traversal, pixel_flood, zip_bomb
from tests.test_routes_by_role import OK, app_routes, route_world  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

# The pages that take a file today: the test fails if it finds fewer (then the page discovery is broken).
KNOWN_UPLOAD_PAGES = {"exchange:import", "plans:plan_import", "library:document_create", "library:version_create"}
# The role that opens a page: the first of these the route table lets in.
ROLES_BY_REACH = ("secretariat", "coordinator", "focal_point", "partner", "anonymous")


def _form_classes() -> Iterator[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(reseau.__path__, "reseau."):
        if ".tests" not in module.name and ".migrations" not in module.name:
            importlib.import_module(module.name)
    seen: set[type[Any]] = set()
    pending: list[type[Any]] = [forms.BaseForm]
    while pending:
        cls = pending.pop()
        for subclass in cls.__subclasses__():
            if subclass not in seen:
                seen.add(subclass)
                pending.append(subclass)
    yield from (cls for cls in seen if cls.__module__.startswith("reseau.") and ".tests" not in cls.__module__)


@pytest.mark.heavy
def test_every_file_field_is_checked_by_core_uploads():
    unchecked = [
        f"{cls.__module__}.{cls.__qualname__}.{name}"
        for cls in _form_classes()
        for name, field in getattr(cls, "base_fields", {}).items()
        if isinstance(field, forms.FileField) and not isinstance(field, UploadField)
    ]
    for model in apps.get_models():
        if model.__module__.startswith("reseau."):
            for model_field in model._meta.get_fields():
                if isinstance(model_field, models.FileField) and not isinstance(model_field.formfield(), UploadField):
                    unchecked.append(f"{model._meta.label}.{model_field.name}")
    assert not unchecked, f"file fields not checked by core.uploads (use UploadField(rule=...)): {unchecked}"


# The hostile files ------------------------------------------------------------------------------


@functools.cache
def _bomb(expanded: int) -> bytes:
    return zip_bomb(expanded)


def hostile_files(rule: UploadRule) -> list[tuple[str, str, bytes]]:
    """(what it is, its name, its content), named as the field expects, so that the content is what is refused."""
    ext = rule.formats[0].extension
    text = CSV.extension if CSV in rule.formats else ext
    photos = [("a photo of a billion pixels in a few bytes", "flood.png", pixel_flood())] if PNG in rule.formats else []
    return [
        *photos,
        ("empty", f"empty.{ext}", b""),
        ("a Windows program renamed", f"plan.{ext}", PE_EXECUTABLE),
        ("a web page renamed", f"plan.{ext}", HTML_PAGE),
        ("a web page renamed as text", f"plan.{text}", HTML_PAGE),
        ("a zip bomb beyond the expanded size", f"bomb.{ext}", _bomb(rule.max_expanded_bytes + MB)),
        ("a zip bomb of high ratio", f"ratio.{ext}", _bomb(2 * MB)),
        ("too many entries", f"parts.{ext}", many_entries(rule.max_entries + 1)),
        ("an entry escaping the archive", f"escape.{ext}", path_traversal()),
        ("larger than allowed", f"large.{ext}", b"PK\x03\x04" + b"\x00" * rule.max_bytes),
        ("a name reversed and climbing folders", f"../../\u202eslx.exe.{ext}", b"PK\x03\x04broken"),
        ("text with a NUL byte", f"nul.{text}", b"name_en,kind\r\nA\x00B,donor\r\n"),
        ("text not in UTF-8", f"latin.{text}", b"name_en,kind\r\nAgence Fran\xe7aise,donor\r\n"),
    ]


# The pages --------------------------------------------------------------------------------------


def _forms_in(response) -> list[forms.BaseForm]:
    found: list[forms.BaseForm] = []
    contexts = response.context if isinstance(response.context, list) else [response.context]
    for context in contexts:
        for value in context.flatten().values():
            if isinstance(value, forms.BaseForm) and value not in found:
                found.append(value)
    return found


def _upload_pages(world, ids) -> list[tuple[str, str, str, forms.BaseForm, str]]:
    """(route name, url, role, form, field name) for every file input of every page."""
    pages = []
    visited: set[str] = set()
    for route in app_routes(ids):
        url = reverse(route.name, kwargs=route.kwargs)
        role = next((r for r in ROLES_BY_REACH if route.expected.get(r) == OK), None)
        if route.method != "get" or role is None or url in visited:
            continue
        visited.add(url)
        response = world.client_for(role).get(url)
        if not response["Content-Type"].startswith("text/html") or b'type="file"' not in response.content:
            continue
        for form in _forms_in(response):
            for name, field in form.fields.items():
                if isinstance(field, forms.FileField):
                    pages.append((route.name, url, role, form, name))
    return pages


def _other_fields(form: forms.BaseForm, file_field: str) -> dict[str, object]:
    """The other fields as the page offers them, a choice made where none is: only the file is wrong."""
    data: dict[str, object] = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if not value and isinstance(field, forms.ChoiceField):
            value = next((str(choice) for choice, _label in field.choices if str(choice)), None)
        if name != file_field and value:
            data[name] = value
    return data


def _row_counts() -> dict[str, int]:
    # Every table there is: a model declared for one database only (the library's SQLite trigram
    # table) has none on the other.
    tables = set(connection.introspection.table_names())
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.db_table in tables
    }


# The library's limit is a setting (50 MB by default): a test-sized one keeps a 50 MB file and a
# 100 MB zip bomb out of every run; the checks are the same whatever the size.
LIBRARY_TEST_MB = 2


@pytest.mark.heavy
def test_hostile_files_are_refused_on_every_upload_page(request, settings):
    settings.LIBRARY_MAX_UPLOAD_MB = LIBRARY_TEST_MB
    world, ids = request.getfixturevalue("route_world")
    pages = _upload_pages(world, ids)
    assert {name for name, *_rest in pages} >= KNOWN_UPLOAD_PAGES
    for route_name, url, role, form, field_name in pages:
        field = form.fields[field_name]
        assert isinstance(field, UploadField), f"{route_name}: the file field {field_name} is not an UploadField"
        data = _other_fields(form, field_name)
        client = world.client_for(role)
        for what, file_name, content in hostile_files(field.rule):
            before = _row_counts()
            response = client.post(url, {**data, field_name: SimpleUploadedFile(file_name, content)})
            where = f"{route_name} as {role}, {what}"
            assert response.status_code == 200, f"{where}: {response.status_code}"
            refused = next(f for f in _forms_in(response) if field_name in f.fields)
            messages = refused.errors.get(field_name)
            assert messages, f"{where}: no message on the file field"
            page = response.content.decode()
            assert all(escape(message) in page for message in messages), f"{where}: the message is not shown"
            assert "\u202e" not in page, f"{where}: the file name is shown with its direction override"
            assert _row_counts() == before, f"{where}: something was stored"
