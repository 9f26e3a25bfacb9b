"""What the communication app does when an app below says something happened."""

from __future__ import annotations

import logging
from typing import Any

from django.dispatch import receiver

from reseau.events.signals import event_changed, members_invited

logger = logging.getLogger(__name__)


@receiver(members_invited, dispatch_uid="communication.members_invited")
def _members_invited(sender: Any, *, event: Any, member_ids: list[int], person_ids: list[int], **_: Any) -> None:
    from reseau.communication.tasks import deliver_event_invitations

    try:
        deliver_event_invitations(event.pk, member_ids, person_ids)
    except Exception:
        # The queue is down: the invitations are saved, and the scheduler's next run writes
        # to the focal points of every member invited who has not been told (reminders.py).
        logger.warning("The job queue did not take the invitations to event %s.", event.pk, exc_info=True)


@receiver(event_changed, dispatch_uid="communication.event_changed")
def _event_changed(sender: Any, *, event: Any, moved: bool, cancelled: bool, **_: Any) -> None:
    from reseau.communication.tasks import deliver_event_change

    try:
        deliver_event_change(event.pk, moved, cancelled)
    except Exception:
        logger.warning("The job queue did not take the change of event %s.", event.pk, exc_info=True)
