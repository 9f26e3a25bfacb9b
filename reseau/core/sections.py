"""Sections that an app above adds to a page of an app below.

A page names a place (``"funding.opportunity"``) and renders whatever is registered
there with ``{% page_sections "funding.opportunity" opportunity %}``; the app that owns
the section registers it in its ``AppConfig.ready()``. So the funding call's page can
list the projects that count on it without the funding app importing the projects
app, which is built on it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

# Context for the section's template, or None to leave the section out for this reader.
SectionContext = Callable[[Any, Any], Mapping[str, Any] | None]


@dataclass(frozen=True)
class PageSection:
    template: str
    context: SectionContext


_SECTIONS: dict[str, list[PageSection]] = {}


def section_register(*, place: str, template: str, context: SectionContext) -> None:
    """Add a section to ``place``; registering the same template twice keeps one."""
    sections = _SECTIONS.setdefault(place, [])
    if all(section.template != template for section in sections):
        sections.append(PageSection(template=template, context=context))


def sections_for(*, place: str) -> list[PageSection]:
    return list(_SECTIONS.get(place, []))
