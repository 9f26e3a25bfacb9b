from __future__ import annotations

import datetime

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.manager import MultilingualManager

from reseau.partners.models import Organisation
from reseau.registry.models import Country, Currency, Member, Network, Theme


class FundingOpportunity(models.Model):
    """A call for proposals or a funding programme the network keeps an eye on."""

    class Status(models.TextChoices):
        WATCHING = "watching", _("Watching")
        PREPARING = "preparing", _("Preparing")
        SUBMITTED = "submitted", _("Submitted")
        AWARDED = "awarded", _("Awarded")
        REJECTED = "rejected", _("Rejected")
        CLOSED = "closed", _("Closed")

    # Statuses in which the call still matters for its deadline.
    OPEN_STATUSES = (Status.WATCHING, Status.PREPARING)

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="funding_opportunities"
    )
    donor = models.ForeignKey(
        Organisation, verbose_name=_("donor"), on_delete=models.PROTECT, related_name="funding_opportunities"
    )
    title = models.CharField(_("call or programme"), max_length=300)
    url = models.URLField(_("link"), blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="+")
    eligible_countries = models.ManyToManyField(
        Country, verbose_name=_("eligible countries"), blank=True, related_name="+"
    )
    eligible_member_kinds = models.JSONField(_("eligible member types"), default=list, blank=True)
    amount_min = models.DecimalField(_("minimum amount"), max_digits=14, decimal_places=2, null=True, blank=True)
    amount_max = models.DecimalField(_("maximum amount"), max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR)
    opens_on = models.DateField(_("opening date"), null=True, blank=True)
    closes_on = models.DateField(_("closing date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.WATCHING)
    members = models.ManyToManyField(Member, verbose_name=_("members concerned"), blank=True, related_name="+")
    notes = models.TextField(_("notes"), blank=True)
    shared_with_partners = models.BooleanField(_("shared with partners"), default=False)
    is_example = models.BooleanField(
        _("example"), default=False, help_text=_("An invented call that shows how the feature works.")
    )

    objects = MultilingualManager()

    class Meta:
        ordering = ["closes_on", "title"]
        verbose_name = _("funding opportunity")
        verbose_name_plural = _("funding opportunities")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True) | Q(opens_on__isnull=True) | Q(closes_on__gte=F("opens_on")),
                name="funding_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(amount_min__isnull=True) | Q(amount_max__isnull=True) | Q(amount_max__gte=F("amount_min")),
                name="funding_amount_range_in_order",
            ),
            models.CheckConstraint(
                condition=(Q(amount_min__isnull=True) | Q(amount_min__gte=0))
                & (Q(amount_max__isnull=True) | Q(amount_max__gte=0)),
                name="funding_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("funding:opportunity_detail", kwargs={"pk": self.pk})

    def days_left(self, today: datetime.date | None = None) -> int | None:
        if self.closes_on is None:
            return None
        return (self.closes_on - (today or timezone.localdate())).days
