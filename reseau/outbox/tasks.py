from __future__ import annotations

import logging
from uuid import UUID

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from reseau.outbox.services import email_deliver, email_pending_deliver

logger = logging.getLogger(__name__)


# huey ships no type hints: its decorators are untyped, the functions below are not.
# They return None: huey would keep any other result in Redis until someone read it.
# No retries of the job: a failed attempt is recorded on the message, with the time of the
# next one, and the minute sweep below makes it (the row, not the queue, keeps the backoff).
@db_task()  # type: ignore[untyped-decorator]
def deliver_outgoing_email(key: str) -> None:
    """Send one stored message in the background: a slow mail server never slows a page."""
    email_deliver(key=UUID(key))


@db_periodic_task(crontab(minute="*"))  # type: ignore[untyped-decorator]
def deliver_pending_emails() -> None:
    """Every minute: the retries that are due, and the messages whose job the queue or a killed worker lost."""
    email_pending_deliver()


@db_task()  # type: ignore[untyped-decorator]
def deliver_outgoing_emails(keys: list[str]) -> None:
    """Send a batch of stored messages (a digest's): one job instead of one per message."""
    for key in keys:
        try:
            email_deliver(key=UUID(key))
        except Exception:
            # A failed send is recorded by email_deliver and retried by the minute sweep;
            # anything else (the database…) too: the others of the batch go on.
            logger.warning("E-mail %s could not be sent; it will be tried again.", key, exc_info=True)
