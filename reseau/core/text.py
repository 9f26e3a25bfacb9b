"""Text rules: folding names for search, so that "Hue" finds "Huế" and "da nang" finds "Đà Nẵng";
shortening; cleaning out the control and direction characters that no one means to type."""

from __future__ import annotations

import re
import unicodedata

from django.db import models

# Letters that do not decompose into a base letter plus a combining mark.
_LATIN_FOLDS = str.maketrans({"đ": "d", "ð": "d", "ł": "l", "ø": "o"})
_LATIN_BLOCK_END = 0x024F


def fold_for_search(text: str) -> str:
    """Lower-case, and strip accents from Latin letters only.

    Marks that follow Khmer or Lao letters are vowel signs, not accents, so they
    are kept: "ភ្នំពេញ" stays searchable as itself.
    """
    decomposed = unicodedata.normalize("NFD", text.casefold().translate(_LATIN_FOLDS))
    kept: list[str] = []
    # A mark with no letter before it is an accent typed on its own: dropped.
    base_is_latin = True
    for char in decomposed:
        if unicodedata.combining(char):
            if base_is_latin:
                continue
        else:
            base_is_latin = ord(char) <= _LATIN_BLOCK_END
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def translated(instance: models.Model, name: str) -> str:
    """A translated field, such as ``name_en``, as text ("" when empty)."""
    return getattr(instance, name, None) or ""


# The longest free text (notes, descriptions, progress texts) a form or an import takes.
LONG_TEXT_LENGTH = 10_000

# A cut looks for a space in the last part of the allowed length only: Khmer and Lao write
# words without spaces, and cutting a long phrase at its first space would say too little.
_WORD_SEARCH = 0.6


def shorten(text: str, length: int) -> str:
    """``text`` if it fits in ``length`` characters, else cut at the last word that fits, with "…"."""
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    space = cut.rfind(" ")
    if space >= length * _WORD_SEARCH:
        cut = cut[:space]
    return cut.rstrip(" ,;:.—–-") + "…"


# Control characters: C0 but the tab and the line ends, DEL, and C1. XLSX and DOCX cannot hold
# them (one vertical tab pasted from Excel made a whole export fail), and no one types them.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Explicit embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069): pasted into a
# name, an unmatched one turns the text after it around ("\u202eHue" shows as "euH … ") wherever the
# name is shown inline, and "cod.exe\u202etxt" shows as "codtxt.exe". Names and titles never need
# them: the page isolates each one (<bdi>).
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
# The left-to-right and right-to-left marks (U+200E, U+200F) are text in a name written in a
# right-to-left script; a file name has no use for them.
_BIDI_CONTROLS_AND_MARKS = {**_BIDI_CONTROLS, 0x200E: None, 0x200F: None}


def strip_control_characters(text: str) -> str:
    """``text`` without control characters (tabs and line breaks are kept).

    Every form's text fields (``core.forms``), the spreadsheet reader and writer
    (``core.spreadsheets``) and the plan exports go through this one function.
    """
    return _CONTROL_CHARACTERS.sub("", text)


def strip_bidi_controls(text: str, *, marks: bool = False) -> str:
    """``text`` without bidirectional embedding, override and isolate characters; with
    ``marks``, without the left-to-right and right-to-left marks too (file names)."""
    return text.translate(_BIDI_CONTROLS_AND_MARKS if marks else _BIDI_CONTROLS)
