from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from reseau.core.sections import sections_for

register = template.Library()


@register.simple_tag(takes_context=True)
def page_sections(context: template.Context, place: str, subject: Any) -> SafeString:
    """Render the sections other apps registered for ``place``, about ``subject``, for the
    reader, as ``{% include %}`` would: in the page's own context, escaped the same way."""
    request = context.get("request")
    user = getattr(request, "user", None)
    parts = []
    for section in sections_for(place=place):
        extra = section.context(user, subject)
        if extra is None:
            continue
        assert context.template is not None  # a tag always renders inside a template
        included = context.template.engine.get_template(section.template)
        with context.push(**extra):
            parts.append(included.render(context))
    return mark_safe("".join(parts))  # noqa: S308 — each part is a template rendered with autoescaping
