"""Stored text shown inline: ``{% shortened text 120 %}`` (a long text cut at a word, the whole
of it in a tooltip) and ``{{ name|isolated }}``.

Both wrap the text in ``<bdi>``: a name in Arabic script, or one holding a stray right-to-left
override, then reads on its own and never turns the words around it.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from reseau.core.text import shorten

register = template.Library()


@register.simple_tag
def shortened(text: str, length: int = 120) -> SafeString:
    short = shorten(text or "", length)
    if short == (text or ""):
        return isolated(short)
    return format_html('<bdi title="{}">{}</bdi>', text, short)


@register.filter
def isolated(text: object) -> SafeString:
    """The text, escaped, in its own bidirectional context; nothing for an empty one."""
    if text is None or text == "":
        return SafeString("")
    return format_html("<bdi>{}</bdi>", text)
