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
# Characters that turn the direction of the text around them: "cod.exe\u202etxt" shows as "codtxt.exe".
BIDI_CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI_CONTROLS = re.compile(f"[{BIDI_CONTROLS}]")


def strip_control_characters(text: str) -> str:
    """``text`` without control characters (tabs and line breaks are kept).

    Every form's text fields (``core.forms``), the spreadsheet reader and writer
    (``core.spreadsheets``) and the plan exports go through this one function.
    """
    return _CONTROL_CHARACTERS.sub("", text)


def strip_bidi_controls(text: str) -> str:
    """``text`` without the characters that reverse the direction of the text around them."""
    return _BIDI_CONTROLS.sub("", text)
