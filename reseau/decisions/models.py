from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modeltranslation.manager import MultilingualManager

from reseau.core.choices import Tone, TonedChoices
from reseau.plans.models import Activity
from reseau.registry.models import Member, Network, Person

# --- Decisions register ------------------------------------------------------------------


class Decision(models.Model):
    """A decision or action item from a meeting, with its owner and deadline."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("Decision")
        ACTION = "action", _("Action item")

    class Status(TonedChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", pgettext_lazy("decision status", "Done")
        CANCELLED = "cancelled", _("Cancelled")

        @classmethod
        def tones(cls) -> Mapping[str, Tone]:
            return {cls.IN_PROGRESS: Tone.WARN, cls.DONE: Tone.OK}

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.ACTION)
    title = models.TextField(_("decision or action"))
    meeting = models.CharField(_("meeting"), max_length=300, blank=True)
    meeting_date = models.DateField(_("meeting date"), null=True, blank=True)
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
        help_text=_("The meeting where it was decided, when it is in the calendar."),
    )
    owner_person = models.ForeignKey(
        Person, verbose_name=_("owner (person)"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    owner_member = models.ForeignKey(
        Member,
        verbose_name=_("owner (member)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions_owned",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    activities = models.ManyToManyField(
        Activity, verbose_name=_("plan activities"), blank=True, related_name="decisions"
    )

    objects = MultilingualManager()

    class Meta:
        db_table = "plans_decision"
        ordering = ["due_date", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.title[:100]

    def get_absolute_url(self) -> str:
        return reverse("decisions:decision_detail", kwargs={"pk": self.pk})

    @property
    def due_tone(self) -> Tone:
        """The badge of an item where its due date matters (the activity page): done, cancelled,
        overdue, or still to be done."""
        if self.status == self.Status.DONE:
            return Tone.OK
        if self.status == self.Status.CANCELLED:
            return Tone.NEUTRAL
        return Tone.BAD if self.is_overdue else Tone.WARN

    @property
    def is_overdue(self) -> bool:
        return (
            self.status in (self.Status.OPEN, self.Status.IN_PROGRESS)
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )


class DecisionNote(models.Model):
    decision = models.ForeignKey(Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="notes")
    date = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("follow-up"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        db_table = "plans_decisionnote"
        ordering = ["-date", "-pk"]
        verbose_name = _("follow-up note")
        verbose_name_plural = _("follow-up notes")

    def __str__(self) -> str:
        return f"{self.decision} {self.date}"
