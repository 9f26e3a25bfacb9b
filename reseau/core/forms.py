"""Form fields and widgets every app's forms share, and the cleaning every text field gets."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from reseau.core.numbers import CENTS
from reseau.core.text import strip_control_characters


class DateInput(forms.DateInput):
    """The browser's own date picker, which reads and writes ISO dates."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class AmountField(forms.DecimalField):
    """Accepts the decimal separator of the reader's language; refuses amounts below zero."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.update(localize=True, widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def validate(self, value: Decimal) -> None:  # None when left empty
        super().validate(value)
        if value is not None and value < 0:
            raise forms.ValidationError(_("An amount cannot be negative."), code="negative")

    def clean(self, value: Any) -> Decimal | None:
        amount = super().clean(value)
        # "1000" and the stored "1000.00" are the same amount: no change in the history.
        return amount.quantize(CENTS) if amount is not None else None


def add_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form: on the field it names, else above the form.

    A service validates the whole model, so it may name a field the form does not show
    (``member``, ``slug``…); that message goes above the form rather than failing.
    """
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.error_list)


# Every text field, by construction ------------------------------------------------------------
#
# Control characters (a vertical tab pasted from Excel…) are dropped from what any text field
# receives. This is done once, on Django's ``CharField`` itself, rather than by a base form that
# each form would have to remember to inherit: every form (declared fields, ModelForm fields of
# CharField and TextField, EmailField, URLField, SlugField…, the admin's and the sign-in's) cleans
# its input this way as soon as the ``core`` app is ready, including forms written later.
# A field declared ``strip=False`` (passwords) receives exactly what was typed.

_char_field_to_python = forms.CharField.to_python


def _text_without_control_characters(field: forms.CharField, value: Any) -> Any:
    text = _char_field_to_python(field, value)
    if field.strip and isinstance(text, str):
        return strip_control_characters(text)
    return text


def install_text_cleaning() -> None:
    """Makes every CharField drop control characters from its input (called by ``CoreConfig.ready``)."""
    forms.CharField.to_python = _text_without_control_characters  # type: ignore[method-assign,assignment]
