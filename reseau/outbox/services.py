"""Queue an e-mail so that a page never fails because the job queue does, and send it once.

A failed attempt is tried again later, each wait longer than the last (``RETRY_STEPS``),
until ``MAX_ATTEMPTS``; a recipient that the mail server refuses for good (5xx) is not
tried again: the message is failed at once and the address recorded (``RefusedAddress``).

These rows are the log of outgoing messages themselves; the action that caused one (an
invitation, a password reset, a resend asked by the secretariat) keeps its own history in
the app that asked for it, so they write no audit row.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timedelta
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reseau.outbox.models import EmailStatus, OutgoingAttachment, OutgoingEmail, RefusedAddress

logger = logging.getLogger(__name__)

# After this many attempts a message is failed: it waits in the outbox, with its last error,
# for a person to resend it.
MAX_ATTEMPTS = 10
# The wait after the 1st, 2nd… failed attempt, in units of settings.EMAIL_RETRY_BASE_SECONDS
# (a minute by default: 1, 5, 15 minutes, 1, 2, 4, 8, 12 and 24 hours, about two days in all).
RETRY_STEPS = (1, 5, 15, 60, 120, 240, 480, 720, 1440)

Attachment = tuple[str, bytes, str]


def email_queue(
    *,
    subject: str,
    body: str,
    to: list[str],
    html: str | None = None,
    headers: dict[str, str] | None = None,
    attachments: list[Attachment] | None = None,
    kind: str = "",
) -> OutgoingEmail:
    """Store the message (``email_store``), then ask the queue to send it; a queue that is down only delays it.

    Inside a transaction, call it from ``transaction.on_commit`` (as invitations do), or call
    ``email_store`` in it and ``email_enqueue`` on commit: a job that ran before the commit
    would find no message, and the minute sweep would send it late.
    """
    email = email_store(
        subject=subject, body=body, to=to, html=html, headers=headers, attachments=attachments, kind=kind
    )
    email_enqueue(key=email.key)
    return email


def email_store(
    *,
    subject: str,
    body: str,
    to: list[str],
    html: str | None = None,
    headers: dict[str, str] | None = None,
    attachments: list[Attachment] | None = None,
    kind: str = "",
) -> OutgoingEmail:
    """Store the message without queueing it: call ``email_enqueue`` once the transaction commits.

    ``headers`` (``List-Unsubscribe``…) and ``attachments`` (file name, content, content type
    such as ``text/calendar; method=REQUEST``) are stored with it and sent on every attempt;
    ``kind`` labels it in the outbox list. A header or file name that would break the
    message (a line break, a Message-ID of its own) raises ``ValueError`` here, not in the worker.
    A message that is stored and never enqueued is still sent, by the minute sweep.
    """
    headers = dict(headers or {})
    _check_headers(headers)
    files = list(attachments or [])
    for filename, content, mimetype in files:
        _check_attachment(filename, content, mimetype)
    with transaction.atomic():
        email = OutgoingEmail.objects.create(
            subject=subject, body=body, to=list(to), html=html or "", headers=headers, kind=kind
        )
        OutgoingAttachment.objects.bulk_create(
            OutgoingAttachment(email=email, filename=filename, content=content, mimetype=mimetype, size=len(content))
            for filename, content, mimetype in files
        )
    return email


def _check_headers(headers: dict[str, str]) -> None:
    for name, value in headers.items():
        if not isinstance(name, str) or not isinstance(value, str):
            raise ValueError(f"E-mail header {name!r}: names and values are text.")
        if not name or any(c in name for c in ":\r\n ") or "\r" in value or "\n" in value:
            raise ValueError(f"E-mail header {name!r} would break the message (a colon, space or line break).")
        if name.lower() == "message-id":
            raise ValueError("The outbox gives every message its own Message-ID, the same on every attempt.")


def _check_attachment(filename: str, content: bytes, mimetype: str) -> None:
    if not filename or any(c in filename for c in "\r\n/\\"):
        raise ValueError(f"Attachment file name {filename!r}: a name without a folder or a line break.")
    if "/" not in mimetype or "\r" in mimetype or "\n" in mimetype:
        raise ValueError(f"Attachment {filename!r}: {mimetype!r} is not a content type such as text/calendar.")
    if not isinstance(content, bytes):
        raise ValueError(f"Attachment {filename!r}: its content is bytes.")


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
    """Take the message for one worker, in one UPDATE: two workers never send it at once.

    Only a queued message that no live worker holds, never tried yet (whatever the clock of
    the server that queued it) or whose next attempt is due.
    """
    hold = timedelta(seconds=settings.EMAIL_OUTBOX_RETRY_SECONDS)
    claimed = (
        OutgoingEmail.objects.filter(key=key, status=EmailStatus.QUEUED, attempts__lt=MAX_ATTEMPTS)
        .filter(Q(attempts=0) | Q(next_attempt_at__lte=now))
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + hold, attempts=F("attempts") + 1, last_attempt_at=now)
    )
    return claimed == 1


def retry_delay(*, attempts: int) -> timedelta:
    """How long a message waits after its ``attempts``-th attempt failed."""
    step = RETRY_STEPS[min(max(attempts, 1), len(RETRY_STEPS)) - 1]
    return timedelta(seconds=settings.EMAIL_RETRY_BASE_SECONDS * step)


def _message(email: OutgoingEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject, body=email.body, to=email.to, headers={**email.headers, "Message-ID": email.message_id}
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    for attachment in email.attachments.all():
        # PostgreSQL gives a BinaryField back as a memoryview.
        message.attach(attachment.filename, bytes(attachment.content), attachment.mimetype)
    return message


def email_deliver(*, key: UUID, now: datetime | None = None) -> bool:
    """Send a queued message whose attempt is due, unless another worker holds it.

    True when it went now. A failure is recorded on the message (``last_error``, and either
    the time of the next attempt or, when it was the last or the server refused the
    recipients for good, ``failed``); it is not raised.
    """
    started = now or timezone.now()
    if not _claim(key, started):
        return False
    email = OutgoingEmail.objects.get(key=key)
    try:
        _message(email).send()
    except Exception as error:
        # The wait is counted from the attempt's start, as ``last_attempt_at`` shows it.
        _record_failure(email, error, started)
        return False
    OutgoingEmail.objects.filter(key=key).update(
        status=EmailStatus.SENT, sent_at=now or timezone.now(), claimed_until=None, last_error=""
    )
    # A server took mail for these addresses again: they are no longer refused.
    RefusedAddress.objects.filter(email__in=[address.lower() for address in email.to]).delete()
    return True


def _refused_for_good(error: Exception) -> dict[str, str]:
    """The recipients a server refused permanently (5xx to RCPT): address → the server's answer.

    Empty unless every recipient was refused with a 5xx: with one refused for a while (4xx,
    greylisting) the message is tried again for all. smtplib raises only when every recipient
    is refused; when some are accepted it sends to those and Django drops the list of the
    others, which the outbox therefore never sees (send one message per person).
    """
    if not isinstance(error, smtplib.SMTPRecipientsRefused) or not error.recipients:
        return {}
    if any(not 500 <= code < 600 for code, _answer in error.recipients.values()):
        return {}
    return {address: _answer_text(code, answer) for address, (code, answer) in error.recipients.items()}


def _answer_text(code: int, answer: bytes | str) -> str:
    text = answer.decode("utf-8", "replace") if isinstance(answer, bytes) else str(answer)
    return f"{code} {text}"


def _describe(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        refused = "; ".join(f"{address}: {_answer_text(*answer)}" for address, answer in error.recipients.items())
        return f"Recipients refused: {refused}"
    if isinstance(error, smtplib.SMTPResponseException):
        return _answer_text(error.smtp_code, error.smtp_error)
    return f"{type(error).__name__}: {error}"


def _is_permanent(error: Exception) -> bool:
    """The server refused the message itself for good (5xx to DATA): sending it again changes nothing.

    A refused sender or failed sign-in (5xx to MAIL FROM or AUTH) is the platform's own
    configuration: the message is tried again, and goes once that is fixed.
    """
    return isinstance(error, smtplib.SMTPDataError) and 500 <= error.smtp_code < 600


def _record_failure(email: OutgoingEmail, error: Exception, now: datetime) -> None:
    refused = _refused_for_good(error)
    reason = _describe(error)[:2000]
    queued = OutgoingEmail.objects.filter(key=email.key, status=EmailStatus.QUEUED)
    if refused or _is_permanent(error) or email.attempts >= MAX_ATTEMPTS:
        logger.warning("E-mail %s failed after %s attempts: %s", email.key, email.attempts, reason)
        queued.update(status=EmailStatus.FAILED, failed_at=now, claimed_until=None, last_error=reason)
    else:
        logger.warning("E-mail %s could not be sent; it will be tried again: %s", email.key, reason)
        queued.update(claimed_until=None, last_error=reason, next_attempt_at=now + retry_delay(attempts=email.attempts))
    if refused:
        RefusedAddress.objects.bulk_create(
            [
                RefusedAddress(email=address.lower(), reason=answer, refused_at=now)
                for address, answer in refused.items()
            ],
            update_conflicts=True,
            unique_fields=["email"],
            update_fields=["reason", "refused_at"],
        )


def email_pending_deliver(
    *, older_than: timedelta = timedelta(seconds=60), limit: int = 200, now: datetime | None = None
) -> int:
    """The worker's minute sweep: retries that are due, and the messages whose job was lost
    (queue down, worker killed); returns how many went.

    A message never tried waits ``older_than`` first: its job is likely still in the queue.
    ``now`` is for tests; without it each message's attempt takes the time it starts at, so
    that the hold of the 200th message of a slow sweep is not already over when it is sent.
    """
    given_now = now
    now = now or timezone.now()
    _give_up_abandoned(now)
    due = Q(attempts=0, next_attempt_at__lte=now - older_than) | Q(attempts__gt=0, next_attempt_at__lte=now)
    pending = (
        OutgoingEmail.objects.filter(due, status=EmailStatus.QUEUED, attempts__lt=MAX_ATTEMPTS)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .order_by("next_attempt_at")
        .values_list("key", flat=True)[:limit]
    )
    sent = 0
    for key in list(pending):
        try:
            sent += email_deliver(key=key, now=given_now)
        except Exception:
            logger.warning("E-mail %s could not be sent; it will be tried again.", key, exc_info=True)
    return sent


def _give_up_abandoned(now: datetime) -> None:
    """A message whose last attempt's worker died (its hold is over) is failed, not left queued."""
    OutgoingEmail.objects.filter(status=EmailStatus.QUEUED, attempts__gte=MAX_ATTEMPTS).filter(
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    ).update(
        status=EmailStatus.FAILED,
        failed_at=now,
        claimed_until=None,
        last_error="The worker stopped during the last attempt; the mail server may or may not have it.",
    )


def email_resend(*, key: UUID) -> OutgoingEmail:
    """Send a failed (or sent) message again, as a new message, and hand it to the queue.

    The new row has its own key, so a fresh Message-ID (a server that had the first one would
    drop a copy with the same one), attempts from 0 and ``resent_from`` pointing at the
    original, which keeps its own status and error. Asked again while that copy still waits,
    it returns the same copy: a double click sends one message. A message still queued is
    refused (``ValidationError``): it is on its way.
    """
    with transaction.atomic():
        # Locked (on PostgreSQL) so that two resends asked at once make one copy.
        original = OutgoingEmail.objects.select_for_update().get(key=key)
        if original.status == EmailStatus.QUEUED:
            raise ValidationError(_("This e-mail is still waiting to be sent."), code="queued")
        waiting = original.resends.filter(status=EmailStatus.QUEUED).order_by("created_at").first()
        if waiting is None:
            waiting = OutgoingEmail.objects.create(
                subject=original.subject,
                body=original.body,
                html=original.html,
                to=list(original.to),
                headers=dict(original.headers),
                kind=original.kind,
                resent_from=original,
            )
            OutgoingAttachment.objects.bulk_create(
                OutgoingAttachment(email=waiting, filename=filename, content=content, mimetype=mimetype, size=size)
                for filename, content, mimetype, size in original.attachments.values_list(
                    "filename", "content", "mimetype", "size"
                )
            )
    email_enqueue(key=waiting.key)
    return waiting


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
