from __future__ import annotations

from typing import Any

from django import template

register = template.Library()

# The language a member's own-script name is written in, for the lang attribute
# (screen readers and fonts pick the right voice and glyphs from it).
_LANGUAGE_BY_COUNTRY = {"KH": "km", "LA": "lo", "VN": "vi"}


@register.filter
def local_lang(member: Any) -> str:
    return _LANGUAGE_BY_COUNTRY.get(member.country.code, "")


@register.filter
def differs_from(local_name: str, name: str) -> bool:
    """Whether a local-script name adds something to the name already shown."""
    return bool(local_name) and local_name.casefold() != (name or "").casefold()
