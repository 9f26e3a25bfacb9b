"""Sections that apps built on plans add to an activity's page.

An app above plans (the decisions register, for one) registers a section in its
``AppConfig.ready()``::

    register_activity_section(my_section, template="myapp/_activity_section.html")

``my_section(activity, user)`` returns the context of its template (available there as
``section``), or None when the section is not shown to this user. The activity page
renders the sections in the order they were registered, below the progress.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reseau.plans.models import Activity

SectionContext = Callable[[Activity, Any], dict[str, Any] | None]


@dataclass(frozen=True)
class ActivitySection:
    context: SectionContext
    template: str


_sections: list[ActivitySection] = []


def register_activity_section(context: SectionContext, *, template: str) -> None:
    """Add a section to the activity page (registering the same one twice adds it once)."""
    section = ActivitySection(context, template)
    if section not in _sections:
        _sections.append(section)


def activity_sections(activity: Activity, user: Any) -> list[tuple[str, dict[str, Any]]]:
    """(template, context) of each section shown to this user on this activity's page."""
    shown = []
    for section in _sections:
        context = section.context(activity, user)
        if context is not None:
            shown.append((section.template, context))
    return shown
