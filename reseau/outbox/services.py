"""Queue an e-mail so that a page never fails because the job queue does, and send it once.

These rows are the log of outgoing messages themselves; the action that caused one (an
invitation, a password reset) keeps its own history, so they write no audit row.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from uuid import UUID

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.utils import timezone

from reseau.outbox.models import OutgoingEmail

logger = logging.getLogger(__name__)

# After this many attempts a message waits in the admin, with its last error, for a person.
MAX_ATTEMPTS = 10


def email_queue(*, subject: str, body: str, to: list[str], html: str | None = None) -> OutgoingEmail:
    """Store the message, then ask the queue to send it; a queue that is down only delays it.

    Inside a transaction, call it from ``transaction.on_commit`` (as invitations do): a job
    that ran before the commit would find no message, and the minute sweep would send it late.
    """
    email = OutgoingEmail.objects.create(subject=subject, body=body, to=list(to), html=html or "")
    email_enqueue(key=email.key)
    return email


def email_enqueue(*, key: UUID) -> bool:
    """Hand the message to the job queue; False (and a warning) when the queue cannot take it."""
    from reseau.outbox.tasks import deliver_outgoing_email

    try:
        deliver_outgoing_email(str(key))
    except Exception:
        # Redis down, the queue file locked…: the row stays pending and the worker's
        # minute sweep (email_pending_deliver) sends it once the queue is back.
        logger.warning(
            "The job queue did not take e-mail %s; it will be sent when the queue is back.", key, exc_info=True
        )
        return False
    return True


def _claim(key: UUID, now: datetime) -> bool:
    """Take the message for one worker, in one UPDATE: two workers never send it at once."""
    hold = timedelta(seconds=settings.EMAIL_OUTBOX_RETRY_SECONDS)
    claimed = (
        OutgoingEmail.objects.filter(key=key, sent_at__isnull=True)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + hold, attempts=F("attempts") + 1)
    )
    return claimed == 1


def email_deliver(*, key: UUID) -> bool:
    """Send a queued message unless it is sent or held by another worker; True when it went now."""
    if not _claim(key, timezone.now()):
        return False
    email = OutgoingEmail.objects.get(key=key)
    message = EmailMultiAlternatives(
        subject=email.subject, body=email.body, to=email.to, headers={"Message-ID": email.message_id}
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    try:
        message.send()
    except Exception as error:
        OutgoingEmail.objects.filter(key=key).update(claimed_until=None, last_error=str(error)[:2000])
        raise
    OutgoingEmail.objects.filter(key=key).update(sent_at=timezone.now(), claimed_until=None, last_error="")
    return True


def email_pending_deliver(*, older_than: timedelta = timedelta(seconds=60), limit: int = 200) -> int:
    """Send the messages whose job was lost (queue down, worker killed); returns how many went."""
    now = timezone.now()
    pending = (
        OutgoingEmail.objects.filter(sent_at__isnull=True, created_at__lte=now - older_than, attempts__lt=MAX_ATTEMPTS)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .order_by("created_at")
        .values_list("key", flat=True)[:limit]
    )
    sent = 0
    for key in list(pending):
        try:
            sent += email_deliver(key=key)
        except Exception:
            logger.warning("E-mail %s could not be sent; it will be tried again.", key, exc_info=True)
    return sent


def email_store(
    *,
    subject: str,
    body: str,
    to: list[str],
    html: str | None = None,
    headers: dict[str, str] | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
    kind: str = "",
) -> OutgoingEmail:
    """Store the message without queueing it: call ``email_enqueue`` once the transaction commits."""
    # TEMPORARY until the outbox branch lands (headers, attachments, kind stored and sent).
    return OutgoingEmail.objects.create(subject=subject, body=body, to=list(to), html=html or "")


def email_resend(*, key: UUID) -> OutgoingEmail:
    # TEMPORARY until the outbox branch lands.
    email = OutgoingEmail.objects.get(key=key)
    email_enqueue(key=key)
    return email


def email_enqueue_many(*, keys: list[UUID]) -> bool:
    """Hand many stored messages to the queue as one job (a digest's batch)."""
    from reseau.outbox.tasks import deliver_outgoing_emails

    if not keys:
        return True
    try:
        deliver_outgoing_emails([str(key) for key in keys])
    except Exception:
        logger.warning("The job queue did not take %s e-mails; the sweep will send them.", len(keys), exc_info=True)
        return False
    return True
