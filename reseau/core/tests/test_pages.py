from __future__ import annotations

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.test import RequestFactory

from reseau.core.pages import form_page


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
