"""Numbers as people type them in forms: "12500.50", "12 500,50", "12,500.50", "0,92".

One reader for every money or figure field, whatever the interface language, so an
amount accepted on one page is accepted on every page.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

CENTS = Decimal("0.01")

# Spaces of every kind and the apostrophe group thousands ("12 500", "12'500").
_GROUPING_MARKS = re.compile(r"[\s\u00a0\u2009\u202f']")
_FIGURES = re.compile(r"^[0-9.,]+$")
_FIRST_GROUP = re.compile(r"^[1-9][0-9]{0,2}$")
_GROUP = re.compile(r"^[0-9]{3}$")


class NotANumber(ValueError):
    pass


def _grouped(parts: list[str]) -> bool:
    """Whether ``parts`` read as thousands: "12", "500", "000" for 12,500,000."""
    return bool(_FIRST_GROUP.match(parts[0])) and all(_GROUP.match(part) for part in parts[1:])


def _ungroup(text: str, mark: str) -> str:
    parts = text.split(mark)
    if len(parts) > 1 and not _grouped(parts):
        raise NotANumber(text)
    return "".join(parts)


def parse_decimal(text: str, *, thousands: bool) -> Decimal:
    """A number as people type it: "12500.50", "12 500,50", "12,500.50", "12.500,50", "0,92".

    With ``thousands``, a single separator followed by exactly three figures groups
    thousands ("40,000" and "40.000" are forty thousand, as amounts have two decimals
    at most); without it (exchange rates), a single separator is always the decimal one.
    The result keeps its sign (the form field refuses negatives); raises ``NotANumber`` for anything else.
    """
    text = _GROUPING_MARKS.sub("", text)
    negative = text[:1] in ("-", "\u2212")
    if text[:1] in ("-", "\u2212", "+"):
        text = text[1:]
    if not _FIGURES.match(text):
        raise NotANumber(text)
    if "," in text and "." in text:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        group_mark = "." if decimal_mark == "," else ","
        whole, _mark, fraction = text.rpartition(decimal_mark)
        if decimal_mark in whole:
            raise NotANumber(text)
        whole = _ungroup(whole, group_mark)
    elif "," in text or "." in text:
        mark = "," if "," in text else "."
        parts = text.split(mark)
        if len(parts) > 2 or (thousands and _grouped(parts)):
            whole, fraction = _ungroup(text, mark), ""
        else:
            whole, fraction = parts
    else:
        whole, fraction = text, ""
    if not whole and not fraction:
        raise NotANumber(text)
    try:
        value = Decimal(f"{whole or '0'}.{fraction or '0'}")
    except InvalidOperation:  # pragma: no cover - the patterns above let only figures through
        raise NotANumber(text) from None
    return -value if negative else value


class FigureField(forms.DecimalField):
    """A decimal typed with a point or a comma, with or without thousands separators; never negative."""

    default_error_messages = {
        "invalid": _("Enter a number in figures, for example 12500.50 or 12 500,50."),
        "negative": _("An amount cannot be negative."),
    }

    def __init__(self, *, thousands: bool = True, quantize: bool = True, **kwargs: Any) -> None:
        kwargs.pop("localize", None)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "spellcheck": "false"})
        )
        super().__init__(**kwargs)
        self.thousands = thousands
        self.quantize = quantize

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]  # the stubs say int
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            number = value
        else:
            try:
                number = parse_decimal(str(value), thousands=self.thousands)
            except NotANumber:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if number < 0:
            raise forms.ValidationError(self.error_messages["negative"], code="negative")
        return number

    def clean(self, value: Any) -> Decimal | None:
        number: Decimal | None = super().clean(value)  # what to_python above returned
        if number is not None and self.quantize:
            # "1000" and the stored "1000.00" are the same amount: no change in the history.
            number = number.quantize(CENTS)
        return number
