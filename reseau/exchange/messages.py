"""The messages of an import report, by code.

A report is stored as codes and parameters, never as text: each reader sees it
in the language they chose, whoever uploaded the file. Parameters are values
from the file, codes and numbers, which read the same in every language.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from reseau.core.text import shorten

ERROR = "error"
QUOTE_LENGTH = 200
WARNING = "warning"

MESSAGES: dict[str, Promise] = {
    # Values
    "required": _("This value is required."),
    "too_long": _("This text is too long: at most %(max)s characters, this one has %(length)s."),
    "unknown_choice": _("“%(value)s” is not an accepted value. Use one of: %(allowed)s."),
    "unknown_country": _(
        "“%(value)s” is not a known country. Write the countries' names or two-letter ISO codes separated by “;”, "
        "for example Cambodia;Laos;Vietnam."
    ),
    "unknown_theme": _("“%(value)s” is not a known theme. Write themes separated by “;” among: %(allowed)s."),
    "unknown_member": _(
        "“%(value)s” is not a member of this network. Write the members' names separated by “;”, "
        "for example Huế;Vientiane."
    ),
    "bad_date": _("Enter the date as YYYY-MM-DD, for example 2026-06-15."),
    "bad_amount": _("Enter the amount as a plain number, without currency or text, for example 15000 or 15000.50."),
    "negative_amount": _("The amount cannot be negative."),
    "amount_too_large": _("This amount is too large."),
    "closes_before_opens": _("The closing date cannot be before the opening date (%(opens_on)s)."),
    "max_below_min": _("The maximum amount cannot be below the minimum amount (%(amount_min)s)."),
    "bad_yes_no": _("Enter yes or no."),
    "bad_url": _("Enter a full web address, for example https://www.example.org."),
    "bad_email": _("Enter a valid email address, for example name@example.org."),
    "duplicate_row": _("This row repeats row %(row)s of the file; only the first one is imported."),
    # References to what is already in Reseau
    "unknown_organisation": _(
        "No organisation is named “%(value)s”. Import the organisations first, or check the spelling."
    ),
    "ambiguous_organisation": _(
        "“%(value)s” matches several organisations: %(names)s. Give the exact English name and the acronym."
    ),
    "matches_several": _(
        "This organisation matches several existing ones: %(names)s. "
        "Change its name or acronym in the file so that it matches only one."
    ),
    "matches_existing": _("Matches the existing organisation “%(name)s”: this row will update it."),
    "email_of_other_name": _(
        "The email %(email)s belongs to %(name)s in Reseau: this row will make that person a contact."
    ),
    "matches_existing_unchanged": _("Matches the existing organisation “%(name)s”, which already has these details."),
}


@dataclass
class Issue:
    """One line of a report. ``row`` is the spreadsheet row number (the header is row 1)."""

    row: int | None
    column: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    level: str = ERROR

    def as_json(self) -> dict[str, Any]:
        stored = asdict(self)
        # The report quotes the file's cell: a short quote is enough to find it, and keeps the
        # report of a file of thousands of rows small however long its cells.
        if isinstance(self.params.get("value"), str):
            stored["params"]["value"] = shorten(self.params["value"], QUOTE_LENGTH)
        return stored


def render_message(code: str, params: dict[str, Any] | None = None) -> str:
    """The message in the active language."""
    template = MESSAGES.get(code)
    if template is None:
        return code
    text = str(template)
    return text % params if params else text
