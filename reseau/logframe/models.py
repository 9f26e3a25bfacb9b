from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from modeltranslation.manager import MultilingualManager

from reseau.core.choices import Tone, TonedChoices
from reseau.registry.models import Network

# --- Logical framework ---------------------------------------------------------------


class Result(models.Model):
    """A result of the logical framework: an impact, an outcome or an output."""

    class Level(models.TextChoices):
        IMPACT = "impact", _("Impact")
        OUTCOME = "outcome", _("Outcome")
        OUTPUT = "output", _("Output")

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="results")
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    code = models.CharField(_("code"), max_length=20, help_text=_("For example OC1 or OP1.2."))
    title = models.TextField(_("result"))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("contributes to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )

    objects = MultilingualManager()

    class Meta:
        db_table = "plans_result"
        ordering = ["network", "code"]
        verbose_name = _("result")
        verbose_name_plural = _("results")
        constraints = [models.UniqueConstraint(fields=["network", "code"], name="one_result_code_per_network")]

    def __str__(self) -> str:
        return f"{self.code} {self.title[:80]}"


class Computation(models.TextChoices):
    """Indicators the platform computes from its own data."""

    FOCAL_POINTS_CONFIRMED = "focal_points_confirmed", _("Members with a confirmed focal point")
    MEMBERS_UP_TO_DATE = "members_up_to_date", _("Members up to date with their dues")
    PARTNERS_IN_DIALOGUE = "partners_in_dialogue", _("Partners in dialogue or cooperating")
    PROJECTS_VALIDATED = "projects_validated", _("Projects validated by the secretariat")
    PROJECTS_FUNDED = "projects_funded", _("Projects funded")
    EVENTS_HELD = "events_held", _("Events held")
    PARTICIPANTS_WOMEN = "participants_women", _("Women among the participants present")
    PARTICIPANTS_MEN = "participants_men", _("Men among the participants present")


class Indicator(models.Model):
    class Disaggregation(models.TextChoices):
        SEX = "sex", _("Women / men")
        COUNTRY = "country", _("Country")
        MEMBER = "member", _("Member")

    result = models.ForeignKey(Result, verbose_name=_("result"), on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("code"), max_length=20)
    title = models.TextField(_("indicator"))
    unit = models.CharField(_("unit"), max_length=60, help_text=_("For example: members, %, people."))
    baseline_value = models.DecimalField(_("baseline value"), max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    target_value = models.DecimalField(_("target value"), max_digits=14, decimal_places=2, null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    # A baseline or target nobody set (the seed's, from a deck that gives none) is shown as such.
    values_illustrative = models.BooleanField(
        _("baseline and target illustrative"),
        default=False,
        help_text=_("Tick while the baseline and target are examples the network has not set itself."),
    )
    milestones = models.TextField(_("milestones"), blank=True)
    sources = models.TextField(_("sources of data"), blank=True)
    assumptions = models.TextField(_("assumptions"), blank=True)
    framework_code = models.CharField(
        _("EU results framework or SDG code"), max_length=40, blank=True, help_text=_("For example SDG 6.2.")
    )
    disaggregation = models.JSONField(_("disaggregation"), default=list, blank=True)
    computation = models.CharField(
        _("computed from the platform"), max_length=30, choices=Computation.choices, blank=True
    )

    objects = MultilingualManager()

    class Meta:
        db_table = "plans_indicator"
        ordering = ["result", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["result", "code"], name="one_indicator_code_per_result"),
            models.CheckConstraint(
                condition=Q(target_year__isnull=True)
                | Q(baseline_year__isnull=True)
                | Q(target_year__gte=F("baseline_year")),
                name="indicator_target_after_baseline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title[:80]}"

    def clean(self) -> None:
        if self.baseline_year and self.target_year and self.target_year < self.baseline_year:
            raise ValidationError({"target_year": _("The target year cannot be before the baseline year.")})


class IndicatorValue(models.Model):
    """A measured value; only values approved by the secretariat count in reports."""

    class Status(TonedChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved by the secretariat")

        @classmethod
        def tones(cls) -> Mapping[str, Tone]:
            # Only approved values count: a draft is waiting for the secretariat.
            return {cls.DRAFT: Tone.WARN, cls.APPROVED: Tone.OK}

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="values"
    )
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    breakdown = models.JSONField(
        _("breakdown"), default=dict, blank=True, help_text=_("The value per woman/man, country or member.")
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        db_table = "plans_indicatorvalue"
        ordering = ["indicator", "-date", "-pk"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.date}: {self.value}"
