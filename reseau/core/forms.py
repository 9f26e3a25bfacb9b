"""Form fields and widgets every app's forms share."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from reseau.core.numbers import CENTS


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
