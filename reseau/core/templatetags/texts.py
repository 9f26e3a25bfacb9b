"""``{% shortened text 120 %}``: a long text cut at a word, the whole of it kept in a tooltip."""

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
        return format_html("{}", short)
    return format_html('<span title="{}">{}</span>', text, short)
