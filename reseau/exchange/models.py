from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reseau.core.choices import Tone, TonedChoices
from reseau.registry.models import Network


class ImportKind(models.TextChoices):
    """What a spreadsheet holds; the value is also the address segment (exchange/<kind>/…)."""

    ORGANISATIONS = "organisations", _("Organisations")
    CONTACTS = "contacts", _("Contacts")
    FUNDING = "funding", _("Funding opportunities")


class ImportBatch(models.Model):
    """One uploaded spreadsheet, checked but not yet written.

    ``rows`` holds the cleaned valid rows (JSON), ``report`` the problems found,
    as message codes and parameters so that each reader sees them in their own
    language. Nothing reaches the registry until the batch is applied.
    """

    class Status(TonedChoices):
        PENDING = "pending", _("Waiting for confirmation")
        APPLIED = "applied", _("Imported")
        CANCELLED = "cancelled", _("Cancelled")

        @classmethod
        def tones(cls) -> Mapping[str, Tone]:
            # Waiting: someone still has to confirm or cancel it.
            return {cls.PENDING: Tone.WARN, cls.APPLIED: Tone.OK}

    kind = models.CharField(_("type"), max_length=20, choices=ImportKind.choices)
    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="import_batches",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="import_batches",
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    file_name = models.CharField(_("file"), max_length=255)
    rows = models.JSONField(_("valid rows"), default=list, blank=True)
    report = models.JSONField(_("report"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    applied_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    row_count = models.PositiveIntegerField(_("rows in the file"), default=0)
    valid_count = models.PositiveIntegerField(_("valid rows"), default=0)
    invalid_count = models.PositiveIntegerField(_("rows with errors"), default=0)
    new_count = models.PositiveIntegerField(_("new"), default=0)
    update_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    warning_count = models.PositiveIntegerField(_("warnings"), default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("spreadsheet import")
        verbose_name_plural = _("spreadsheet imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_kind_display()}, {self.created_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("exchange:import_review", kwargs={"pk": self.pk})

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def has_errors(self) -> bool:
        return self.invalid_count > 0
