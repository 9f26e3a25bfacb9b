from __future__ import annotations

import logging
from uuid import UUID

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from reseau.outbox.services import email_deliver, email_pending_deliver

logger = logging.getLogger(__name__)


# huey ships no type hints: its decorators are untyped, the functions below are not.
# They return None: huey would keep any other result in Redis until someone read it.
@db_task(retries=3, retry_delay=60)  # type: ignore[untyped-decorator]
def deliver_outgoing_email(key: str) -> None:
    """Send one stored message in the background: a slow mail server never slows a page."""
    email_deliver(key=UUID(key))


@db_periodic_task(crontab(minute="*"))  # type: ignore[untyped-decorator]
def deliver_pending_emails() -> None:
    """Every minute: the messages whose job the queue or a killed worker lost."""
    email_pending_deliver()


@db_task(retries=3, retry_delay=60)  # type: ignore[untyped-decorator]
def deliver_outgoing_emails(keys: list[str]) -> None:
    """Send a batch of stored messages (a digest's): one job instead of one per message."""
    for key in keys:
        try:
            email_deliver(key=UUID(key))
        except Exception:
            # This one waits for its retry (the minute sweep); the others of the batch go on.
            logger.warning("E-mail %s could not be sent; it will be tried again.", key, exc_info=True)
