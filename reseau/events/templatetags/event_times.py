"""``{{ session|session_time:event }}``: a programme item's time in its event's zone (8:00 to 9:30)."""

from __future__ import annotations

from django import template

from reseau.events import presentation
from reseau.events.models import Event, Session

register = template.Library()


@register.filter
def session_time(session: Session, event: Event) -> str:
    return presentation.session_time(event, session)
