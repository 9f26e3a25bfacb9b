"""The French catalogue is complete, and the compiled file matches it."""

from __future__ import annotations

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "fr" / "LC_MESSAGES"


def test_every_message_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    assert len(catalogue) > 100
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


def test_compiled_catalogue_matches_the_source():
    source = {
        (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
        for e in polib.pofile(str(LOCALE / "django.po"))
        if not e.obsolete
    }
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in polib.mofile(str(LOCALE / "django.mo"))}
    compiled.pop((None, ""), None)  # the header
    assert compiled == source, "run `make messages` to recompile locale/fr/LC_MESSAGES/django.mo"


def test_placeholders_survive_translation():
    for entry in polib.pofile(str(LOCALE / "django.po")):
        for placeholder in ("%(", "{{"):
            if placeholder in entry.msgid and entry.msgstr:
                assert entry.msgid.count(placeholder) == entry.msgstr.count(placeholder), entry.msgid
