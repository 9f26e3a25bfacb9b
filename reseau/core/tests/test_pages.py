from __future__ import annotations

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.test import RequestFactory

from reseau.core.pages import form_page, form_saved


class NameForm(forms.Form):
    name = forms.CharField(label="Name")


@pytest.fixture
def get_request() -> HttpRequest:
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return request


def test_the_form_page_shows_its_title(get_request: HttpRequest) -> None:
    response = form_page(get_request, form=NameForm(), title="Rename the city", cancel_url="/back/")
    assert "<h1>Rename the city</h1>" in response.content.decode()


def test_the_form_page_links_cancel_to_where_the_user_came_from(get_request: HttpRequest) -> None:
    response = form_page(get_request, form=NameForm(), title="Rename", cancel_url="/back/")
    assert '<a href="/back/">Cancel</a>' in response.content.decode()


def test_a_refused_form_keeps_what_was_typed(get_request: HttpRequest) -> None:
    form = NameForm(data={"name": "Huế <script>"})
    form.add_error(None, "Already taken.")
    response = form_page(get_request, form=form, title="Rename", cancel_url="/")
    assert 'value="Huế &lt;script&gt;"' in response.content.decode()


def test_a_refused_form_shows_the_error(get_request: HttpRequest) -> None:
    form = NameForm(data={"name": "Huế"})
    form.add_error(None, "Already taken.")
    response = form_page(get_request, form=form, title="Rename", cancel_url="/")
    assert "Already taken." in response.content.decode()


def test_the_form_page_can_name_its_button(get_request: HttpRequest) -> None:
    response = form_page(get_request, form=NameForm(), title="Rename", cancel_url="/", submit_label="Invite")
    assert '<button type="submit">Invite</button>' in response.content.decode()


def _posted(name: str = "Huế") -> tuple[HttpRequest, NameForm]:
    from django.contrib.messages.storage.fallback import FallbackStorage

    request = RequestFactory().post("/", {"name": name})
    request.user = AnonymousUser()
    request.session = {}  # type: ignore[assignment]
    request._messages = FallbackStorage(request)
    return request, NameForm(request.POST)


def _messages(request: HttpRequest) -> list[str]:
    return [str(message) for message in request._messages]


def test_a_saved_form_says_what_was_done() -> None:
    request, form = _posted()
    form_saved(request, form, lambda: True, done="Person added.")
    assert _messages(request) == ["Person added."]


def test_an_update_that_changed_nothing_says_so() -> None:
    request, form = _posted()
    form_saved(request, form, lambda: False, done="Changes saved.")
    assert _messages(request) == ["Nothing was changed."]


def test_a_service_refusal_goes_on_the_form() -> None:
    from django.core.exceptions import ValidationError

    def refuse() -> None:
        raise ValidationError({"name": "This name is taken."})

    request, form = _posted()
    assert form_saved(request, form, refuse, done="Saved.") is False
    assert form.errors["name"] == ["This name is taken."]


def test_a_get_writes_nothing() -> None:
    written = []
    request = RequestFactory().get("/")
    form_saved(request, NameForm(), lambda: written.append(1), done="Saved.")
    assert written == []
