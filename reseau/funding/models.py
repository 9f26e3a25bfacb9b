from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.db import models
from django.db.models import F, Q
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.manager import MultilingualManager

from reseau.core.choices import Tone, TonedChoices
from reseau.partners.models import Organisation
from reseau.registry.models import Country, Currency, Member, Network, Theme


class DeadlineUrgency(TonedChoices):
    """How close a call's closing date is (``FundingOpportunity.deadline_urgency``).

    The labels name the thresholds ``FundingOpportunity.DEADLINE_SOON_DAYS`` and
    ``DEADLINE_NEAR_DAYS`` (a test keeps them in step).
    """

    SOON = "soon", _("Closes within 14 days")
    NEAR = "near", _("Closes within 30 days")

    @classmethod
    def tones(cls) -> Mapping[str, Tone]:
        return {cls.SOON: Tone.BAD, cls.NEAR: Tone.WARN}


class FundingOpportunity(models.Model):
    """A call for proposals or a funding programme the network keeps an eye on."""

    class Status(TonedChoices):
        WATCHING = "watching", _("Watching")
        PREPARING = "preparing", _("Preparing")
        SUBMITTED = "submitted", _("Submitted")
        AWARDED = "awarded", _("Awarded")
        REJECTED = "rejected", _("Rejected")
        CLOSED = "closed", _("Closed")

        @classmethod
        def tones(cls) -> Mapping[str, Tone]:
            return {cls.AWARDED: Tone.OK, cls.PREPARING: Tone.WARN, cls.REJECTED: Tone.BAD}

    # Statuses in which the call still matters for its deadline.
    OPEN_STATUSES = (Status.WATCHING, Status.PREPARING)
    # A deadline this many days away or fewer is close (DeadlineUrgency.SOON), or coming (NEAR).
    DEADLINE_SOON_DAYS = 14
    DEADLINE_NEAR_DAYS = 30

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

    def deadline_urgency(self, today: datetime.date | None = None) -> DeadlineUrgency | None:
        """How close the closing date is; None when it is further, passed, or not known."""
        days = self.days_left(today)
        if days is None or days < 0:
            return None
        if days <= self.DEADLINE_SOON_DAYS:
            return DeadlineUrgency.SOON
        if days <= self.DEADLINE_NEAR_DAYS:
            return DeadlineUrgency.NEAR
        return None

    @property
    def amount_range(self) -> str:
        """The amounts the call offers, as a phrase: “10,000 to 50,000 EUR”, “Up to …”, “From …”."""
        low, high, currency = self.amount_min, self.amount_max, self.currency
        if low is not None and high is not None and low != high:
            return _("%(min)s to %(max)s %(currency)s") % {
                "min": floatformat(low, "2g"),
                "max": floatformat(high, "2g"),
                "currency": currency,
            }
        if high is not None and low is None:
            return _("Up to %(max)s %(currency)s") % {"max": floatformat(high, "2g"), "currency": currency}
        if low is not None and high is None:
            return _("From %(min)s %(currency)s") % {"min": floatformat(low, "2g"), "currency": currency}
        if low is not None:
            return _("%(amount)s %(currency)s") % {"amount": floatformat(low, "2g"), "currency": currency}
        return str(_("Not stated"))
