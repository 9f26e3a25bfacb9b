"""What the decisions register adds to the pages of the apps it is built on: the decisions
of a meeting on the event page and those of an activity on the activity page."""

from __future__ import annotations

from typing import Any

from reseau.accounts.types import Viewer
from reseau.decisions import access, selectors
from reseau.events import access as event_access
from reseau.events.models import Event
from reseau.plans.models import Activity


def activity_decisions(user: Viewer, activity: Activity) -> dict[str, Any] | None:
    """The activity page's "Decisions and action items": not shown to partners."""
    if not access.can_read_register(user):
        return None
    decisions = access.decisions_visible_to(user).filter(activities=activity).order_by("due_date", "pk")
    return {"decisions": list(decisions)}


def event_decisions(user: Viewer, event: Event) -> dict[str, Any] | None:
    """The event page's "Decisions and action items": shown to the network, not to partners."""
    if not access.can_read_register(user):
        return None
    return {
        "decisions": selectors.event_decisions(user, event),
        "can_record_decision": event_access.can_manage_events(user, event),
    }
