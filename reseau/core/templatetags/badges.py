"""``{% badge value Choices %}``: a status as a coloured badge, its tone from the enum."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from reseau.core.choices import Tone, TonedChoices

register = template.Library()


@register.simple_tag
def badge(value: Any, choices: type[TonedChoices] | None = None) -> SafeString | str:
    """``{% badge plan.status plan.Status %}``, or ``{% badge member %}`` for an enum member.

    A value that is not one of the choices shows as it is, in a neutral badge.
    """
    if value in (None, ""):
        return ""
    member: Any = value
    if choices is not None and not isinstance(value, choices):
        try:
            member = choices(value)
        except ValueError:
            return format_html('<span class="badge {}">{}</span>', Tone.NEUTRAL, value)
    tone = getattr(member, "tone", Tone.NEUTRAL)
    label = getattr(member, "label", member)
    return format_html('<span class="badge {}">{}</span>', tone, label)
