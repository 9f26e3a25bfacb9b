"""What people read in a spreadsheet: column headers and values in their language.

An export is written in the reader's language — headers are labels ("Nom (anglais)"), choices
are their labels ("Bailleur de fonds"), countries, themes and members are named — and an import
reads a file in either language, or with the technical column names and codes of older files,
so that an exported file can be edited and imported back whoever wrote it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from reseau.core.spreadsheet_labels import fold, in_every_language

COLUMN_LABELS: dict[str, Promise] = {
    "name_en": _("Name (English)"),
    "name_fr": _("Name (French)"),
    "acronym": _("Acronym"),
    "kind": _("Type"),
    "countries": _("Countries"),
    "region_en": _("Region (English)"),
    "region_fr": _("Region (French)"),
    "website": _("Website"),
    "themes": _("Themes"),
    "notes": _("Notes"),
    "shared_with_partners": _("Shared with partners"),
    "organisation": _("Organisation"),
    "person_name": _("Contact's name"),
    "person_email": _("Contact's e-mail"),
    "role": _("Role in the organisation"),
    "title_en": _("Title (English)"),
    "title_fr": _("Title (French)"),
    "donor": _("Donor"),
    "url": _("Web address of the call"),
    "eligible_countries": _("Eligible countries"),
    "eligible_member_kinds": _("Eligible kinds of member"),
    "amount_min": _("Minimum amount"),
    "amount_max": _("Maximum amount"),
    "currency": _("Currency"),
    "opens_on": _("Opens on"),
    "closes_on": _("Closes on"),
    "status": _("Status"),
    "members": _("Members concerned"),
}


def column_label(name: str) -> str:
    """A column's header in the active language."""
    return str(COLUMN_LABELS.get(name, name))


def column_labels(columns: Iterable[str]) -> list[str]:
    return [column_label(name) for name in columns]


def header_aliases(columns: Iterable[str]) -> dict[str, str]:
    """Folded header → column name: the label in each language, and the technical name."""
    aliases: dict[str, str] = {}
    for name in columns:
        aliases[fold(name)] = name
        aliases[fold(name.replace("_", " "))] = name
        for label in in_every_language(COLUMN_LABELS.get(name, name)):
            aliases.setdefault(fold(label), name)
    return aliases
