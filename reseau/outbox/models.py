from __future__ import annotations

import uuid
from collections.abc import Mapping

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EmailStatus(models.TextChoices):
    """Where a message is: waiting (first attempt or a retry to come), sent, or given up.

    Its tones are those of ``core.choices.Tone`` (the style sheet's badge classes), named by
    their values: ``outbox`` sits below ``core`` and imports nothing of it. Templates show
    it with ``{% badge email.status email.Status %}``, as a ``TonedChoices``.
    """

    QUEUED = "queued", pgettext_lazy("e-mail status", "Queued")
    SENT = "sent", pgettext_lazy("e-mail status", "Sent")
    FAILED = "failed", pgettext_lazy("e-mail status", "Failed")

    @classmethod
    def tones(cls) -> Mapping[str, str]:
        return {cls.SENT: "ok", cls.FAILED: "bad"}

    @property
    def tone(self) -> str:
        return self.tones().get(self.value, "neutral")


class OutgoingEmail(models.Model):
    """One message to send, kept in the database until it is sent or given up.

    The row, not the job queue, is the truth: a queue that is down or a worker killed
    mid-send loses a job, never a message, and the key makes a second delivery a no-op.
    A failed attempt sets ``next_attempt_at`` further away each time; the worker's minute
    sweep tries again then, until ``MAX_ATTEMPTS`` (``services``) or a permanent refusal.
    """

    Status = EmailStatus

    key = models.UUIDField(_("delivery key"), default=uuid.uuid4, unique=True, editable=False)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("body"))
    html = models.TextField(_("HTML body"), blank=True)
    to = models.JSONField(_("recipients"))
    # Extra header lines sent on every attempt (List-Unsubscribe…), name → value.
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    # A short free label for the outbox list, set by the app that wrote it ("event_invitation").
    kind = models.CharField(_("kind"), max_length=64, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=EmailStatus.choices, default=EmailStatus.QUEUED)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    # No attempt before this time: now for a new message, later after each failure.
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    # A worker holds the message until this time; one killed mid-send lets it go by itself.
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)
    # The mail server's answer (or the connection's error) at the last failed attempt.
    last_error = models.TextField(_("last error"), blank=True)
    # A resend is a new message (a new key, so a new Message-ID that no server drops as a
    # duplicate) pointing at the one it repeats, which keeps its own history.
    resent_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resends",
        verbose_name=_("resent from"),
    )

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at"]
        indexes = [
            # The sweep: queued messages whose next attempt is due.
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due"),
            # The outbox list, newest first, all or of one status.
            models.Index(fields=["created_at"], name="outbox_newest"),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def message_id(self) -> str:
        """The same Message-ID on every attempt, so a mail server that got it twice keeps one."""
        return f"<{self.key}@reseau.outbox>"

    @property
    def is_retrying(self) -> bool:
        """Still queued after at least one failed attempt (``last_error`` says why)."""
        return self.status == EmailStatus.QUEUED and bool(self.last_error)


class OutgoingAttachment(models.Model):
    """A file sent with a message (an ``.ics`` invitation…), kept with it in the database."""

    email = models.ForeignKey(
        OutgoingEmail, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("outgoing e-mail")
    )
    filename = models.CharField(_("file name"), max_length=255)
    # With its parameters: "text/calendar; method=REQUEST".
    mimetype = models.CharField(_("content type"), max_length=255)
    content = models.BinaryField(_("content"))
    size = models.PositiveIntegerField(_("size in bytes"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["email", "id"]

    def __str__(self) -> str:
        return self.filename


class RefusedAddress(models.Model):
    """An address a mail server refused for good (5xx to RCPT): the apps above flag the person.

    A later message to it that a server accepts removes the row.
    """

    # Lower-cased: mail servers match addresses without regard to case.
    email = models.CharField(_("e-mail address"), max_length=320, unique=True)
    reason = models.TextField(_("reason"))
    refused_at = models.DateTimeField(_("refused at"), default=timezone.now)

    class Meta:
        verbose_name = _("refused address")
        verbose_name_plural = _("refused addresses")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email
