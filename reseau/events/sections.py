"""Sections that apps built on events add to an event's page.

An app above events (the decisions register, for one) registers a section in its
``AppConfig.ready()``::

    register_event_section(my_section, template="myapp/_event_section.html")

``my_section(event, user)`` returns the context of its template (available there as
``section``), or None when the section is not shown to this user. The event page renders
the sections in the order they were registered, below the minutes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reseau.events.models import Event

SectionContext = Callable[[Event, Any], dict[str, Any] | None]


@dataclass(frozen=True)
class EventSection:
    context: SectionContext
    template: str


_sections: list[EventSection] = []


def register_event_section(context: SectionContext, *, template: str) -> None:
    """Add a section to the event page (registering the same one twice adds it once)."""
    section = EventSection(context, template)
    if section not in _sections:
        _sections.append(section)


def event_sections(event: Event, user: Any) -> list[tuple[str, dict[str, Any]]]:
    """(template, context) of each section shown to this user on this event's page."""
    shown = []
    for section in _sections:
        context = section.context(event, user)
        if context is not None:
            shown.append((section.template, context))
    return shown
