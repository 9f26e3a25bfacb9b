"""Folding names for search, so that "Hue" finds "Huế" and "da nang" finds "Đà Nẵng"."""

from __future__ import annotations

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
