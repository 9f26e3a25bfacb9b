from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """One message to send, kept in the database until it is sent.

    The row, not the job queue, is the truth: a queue that is down or a worker killed
    mid-send loses a job, never a message, and the key makes a second delivery a no-op.
    """

    key = models.UUIDField(_("delivery key"), default=uuid.uuid4, unique=True, editable=False)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("body"))
    html = models.TextField(_("HTML body"), blank=True)
    to = models.JSONField(_("recipients"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    # A worker holds the message until this time; one killed mid-send lets it go by itself.
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["sent_at", "created_at"], name="outbox_pending")]

    def __str__(self) -> str:
        return self.subject

    @property
    def message_id(self) -> str:
        """The same Message-ID on every attempt, so a mail server that got it twice keeps one."""
        return f"<{self.key}@reseau.outbox>"
