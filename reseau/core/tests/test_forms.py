"""Showing a service's refusal on a form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from reseau.core.forms import add_service_error


class _Form(forms.Form):
    name = forms.CharField()


def _bound() -> _Form:
    form = _Form({"name": "Huế"})
    assert form.is_valid()
    return form


def test_a_refusal_naming_a_field_goes_on_that_field():
    form = _bound()
    add_service_error(form, ValidationError({"name": "Taken."}))
    assert form.errors["name"] == ["Taken."]


def test_a_refusal_naming_no_field_goes_above_the_form():
    form = _bound()
    add_service_error(form, ValidationError("Not now."))
    assert form.non_field_errors() == ["Not now."]


def test_a_refusal_naming_a_field_the_form_does_not_show_goes_above_the_form():
    form = _bound()
    add_service_error(form, ValidationError({"slug": "Taken."}))
    assert form.non_field_errors() == ["Taken."]


def test_a_refused_form_keeps_what_was_typed():
    form = _bound()
    add_service_error(form, ValidationError("Not now."))
    assert form["name"].value() == "Huế"


class _TextForm(forms.Form):
    name = forms.CharField()
    email = forms.EmailField()
    password = forms.CharField(strip=False)


def test_every_text_field_drops_control_characters_without_being_asked():
    form = _TextForm({"name": "Huế\x0b\x00 city", "email": "a\x0b@example.org", "password": "x"})
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["name"], form.cleaned_data["email"]) == ("Huế city", "a@example.org")


def test_a_field_that_keeps_what_was_typed_keeps_it():
    form = _TextForm({"name": "Huế", "email": "a@example.org", "password": "pass\x0bword"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["password"] == "pass\x0bword"
