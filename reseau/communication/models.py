"""Who hears from the platform, about what, how often, and what each person was already told."""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reseau.core.choices import Tone, TonedChoices


class MessageKind(models.TextChoices):
    """Every kind of message the platform sends; a person may turn each off but the digest's."""

    EVENT_INVITATION = "event_invitation", _("Invitations to events")
    EVENT_REGISTRATION_CLOSING = "event_registration_closing", _("Registration deadlines of events")
    EVENT_CHANGED = "event_changed", _("Events moved or cancelled")
    EVENT_TOMORROW = "event_tomorrow", _("Events the day before")
    FOCAL_POINT_UNCONFIRMED = "focal_point_unconfirmed", _("Focal points not confirmed")
    DUES_DUE = "dues_due", _("Membership dues")
    FUNDING_CALL_CLOSING = "funding_call_closing", _("Funding calls closing")
    NEXT_STEP_DUE = "next_step_due", _("Next steps of interactions")
    ACTION_ITEM_DUE = "action_item_due", _("Action items of decisions")
    MEMBER_NEED_DUE = "member_need_due", _("Members' needs to answer")
    PROJECT_STAGE = "project_stage", _("Projects submitted, returned or validated")
    DIGEST = "digest", _("Digest")


class DigestFrequency(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    DAILY = "daily", _("Daily")
    NEVER = "never", _("Never")


class Preference(models.Model):
    """One person's choices, by e-mail address: people without an account hear from us too.

    A row exists only once someone chose something; without one every kind is on and the
    digest is weekly.
    """

    email = models.EmailField(_("email"), unique=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Empty: the language of the account, else the first language of the person."),
    )
    digest = models.CharField(
        _("digest"), max_length=10, choices=DigestFrequency.choices, default=DigestFrequency.WEEKLY
    )
    muted = models.JSONField(_("kinds turned off"), default=list, blank=True)
    themes = models.ManyToManyField(
        "registry.Theme",
        verbose_name=_("themes followed"),
        blank=True,
        related_name="+",
        help_text=_("Funding calls on these themes are announced to you before they close."),
    )
    unsubscribed_at = models.DateTimeField(_("unsubscribed from every e-mail"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("message preference")
        verbose_name_plural = _("message preferences")

    def __str__(self) -> str:
        return self.email

    def save(self, *args: object, **kwargs: object) -> None:
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def wants(self, kind: str) -> bool:
        """Whether an e-mail of this kind may go to this address."""
        if self.unsubscribed_at is not None:
            return False
        if kind == MessageKind.DIGEST:
            return self.digest != DigestFrequency.NEVER
        return kind not in self.muted


class Delivery(models.Model):
    """What one address was told about one thing: the key makes telling it twice impossible.

    The key names the kind, the thing, the occasion and the address (e.g.
    ``funding_call_closing:12:14d:ana@example.org``); the database's unique constraint, not a
    read before the write, is what stops a scheduler run twice or two workers at once.
    """

    class Outcome(TonedChoices):
        QUEUED = "queued", _("E-mail queued")
        SKIPPED_PREFERENCE = "skipped_preference", _("Not sent: turned off by the person")
        SKIPPED_NO_EMAIL = "skipped_no_email", _("Not sent: no e-mail address")
        SKIPPED_INVALID = "skipped_invalid", _("Not sent: the address is not valid")
        SKIPPED_REFUSED = "skipped_refused", _("Not sent: the address was refused before")
        NOTIFIED_ONLY = "notified_only", _("Shown in the platform only")

        @classmethod
        def tones(cls) -> Mapping[str, Tone]:
            return {
                cls.QUEUED: Tone.OK,
                cls.SKIPPED_NO_EMAIL: Tone.WARN,
                cls.SKIPPED_INVALID: Tone.BAD,
                cls.SKIPPED_REFUSED: Tone.BAD,
            }

    key = models.CharField(_("idempotency key"), max_length=400, unique=True)
    kind = models.CharField(_("kind"), max_length=40, choices=MessageKind.choices)
    email = models.CharField(_("email"), max_length=254, blank=True)
    name = models.CharField(_("name"), max_length=300, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    subject = models.CharField(_("subject"), max_length=998)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    outgoing_key = models.UUIDField(_("outgoing e-mail"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self) -> str:
        return self.key


class Notification(models.Model):
    """What a signed-in person sees under the bell in the header, until they open it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=40, choices=MessageKind.choices)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("text"), blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.subject
