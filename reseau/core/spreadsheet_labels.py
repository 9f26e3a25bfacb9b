"""Spreadsheet values as people read them, in their language, and read back in any language.

An export shows labels, never codes: a choice's label ("Bailleur de fonds"), a country's or a
member's name, "oui"/"non"; an import accepts what any language's export wrote, and the codes
of older files, so that a file goes out and comes back whoever wrote it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


def fold(text: str) -> str:
    """How a header or value is compared: case and surrounding spaces ignored."""
    return " ".join(text.split()).casefold()


def in_every_language(text: Promise | str) -> set[str]:
    said = set()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            said.add(str(text))
    return said


@cache
def choice_aliases(choices: type[models.Choices]) -> dict[str, str]:
    """Folded value → code: each choice's code and its label in each language.

    Kept once per set of choices: an import asks for every row, and labels do not change
    while the server runs. Callers must not change the answer."""
    aliases: dict[str, str] = {}
    for code, label in choices.choices:
        aliases[fold(str(code))] = str(code)
        for said in in_every_language(label):
            aliases.setdefault(fold(said), str(code))
    return aliases


def named_aliases(objects: Iterable[models.Model], code: str, names: Iterable[str]) -> dict[str, str]:
    """Folded code or name → code, for rows referred to by code or by name in any language."""
    aliases: dict[str, str] = {}
    for instance in objects:
        key = str(getattr(instance, code))
        aliases[fold(key)] = key
        for field in names:
            said = getattr(instance, field, "") or ""
            if said:
                aliases.setdefault(fold(said), key)
    return aliases


def choice_label(choices: type[models.Choices], code: str) -> str:
    """A code's label in the active language (the code itself if unknown)."""
    return str(dict(choices.choices).get(code, code))


def language_names(field: str) -> list[str]:
    """``name_en``, ``name_fr``…: a translated field in each of the site's languages."""
    return [f"{field}_{language}" for language, _name in settings.LANGUAGES]


def yes_no(value: bool) -> str:
    return str(_("yes") if value else _("no"))
