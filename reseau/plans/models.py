from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modeltranslation.manager import MultilingualManager

from reseau.core.choices import Tone, TonedChoices
from reseau.partners.models import Organisation
from reseau.projects.models import Project
from reseau.registry.models import Member, Network, Theme

# --- Action plans -----------------------------------------------------------------


class Plan(models.Model):
    """An annual action plan, a thematic action plan or a road map."""

    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Annual action plan")
        THEMATIC = "thematic", _("Thematic action plan")
        ROAD_MAP = "road_map", _("Road map")

    class Status(TonedChoices):
        DRAFT = "draft", _("Draft")
        VALIDATED = "validated", _("Validated by the members")

        @classmethod
        def tones(cls) -> Mapping[str, Tone]:
            return {cls.DRAFT: Tone.WARN, cls.VALIDATED: Tone.OK}

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="plans")
    code = models.SlugField(_("code"), max_length=60, unique=True)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    starts_on = models.DateField(_("start of the period"))
    ends_on = models.DateField(_("end of the period"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)

    objects = MultilingualManager()

    class Meta:
        ordering = ["-starts_on", "code"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="plan_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:plan_table", kwargs={"code": self.code})

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end of the period cannot be before its start.")})

    # The plan covers a reporting period when their dates overlap: progress is recorded,
    # tabled, exported and imported for those periods only. One rule, read by the pages,
    # the model's own check and the spreadsheet import.
    def covers(self, period: ReportingPeriod) -> bool:
        return period.starts_on <= self.ends_on and period.ends_on >= self.starts_on

    def covered_periods(self) -> models.QuerySet[ReportingPeriod]:
        """The network's reporting periods this plan covers (as ``covers``)."""
        return ReportingPeriod.objects.filter(
            network_id=self.network_id, starts_on__lte=self.ends_on, ends_on__gte=self.starts_on
        )


class Axis(models.Model):
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="axes")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("axis"), max_length=300)

    objects = MultilingualManager()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("axis")
        verbose_name_plural = _("axes")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="one_axis_number_per_plan")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Activity(models.Model):
    """A numbered activity of a plan (numbers run through the whole plan, as in the deck)."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="activities")
    axis = models.ForeignKey(Axis, verbose_name=_("axis"), on_delete=models.CASCADE, related_name="activities")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.TextField(_("activity"))
    description = models.TextField(_("description"), blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="+")
    responsible = models.CharField(_("who is responsible"), max_length=200, blank=True)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    members = models.ManyToManyField(Member, verbose_name=_("members"), blank=True, related_name="plan_activities")
    partners = models.ManyToManyField(
        Organisation, verbose_name=_("partners"), blank=True, related_name="plan_activities"
    )
    projects = models.ManyToManyField(Project, verbose_name=_("projects"), blank=True, related_name="plan_activities")

    objects = MultilingualManager()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_activity_number_per_plan"),
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True)
                | Q(planned_start__isnull=True)
                | Q(planned_end__gte=F("planned_start")),
                name="activity_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title[:80]}"

    def clean(self) -> None:
        if self.axis_id and self.plan_id and self.axis.plan_id != self.plan_id:
            raise ValidationError({"axis": _("This axis belongs to another plan.")})


class ReportingPeriod(models.Model):
    """A period the network reports on: a quarter, a half-year or a year."""

    class Kind(models.TextChoices):
        QUARTER = "quarter", _("Quarter")
        HALF_YEAR = "half_year", _("Half-year")
        YEAR = "year", _("Year")

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="reporting_periods"
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    label = models.CharField(_("label"), max_length=40, help_text=_("For example 2023, 2024-H1 or 2025-Q3."))

    class Meta:
        ordering = ["network", "starts_on", "ends_on"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        constraints = [
            models.UniqueConstraint(fields=["network", "label"], name="one_period_label_per_network"),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="period_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.label


class ActivityProgress(models.Model):
    """What was achieved, what is planned and what is suggested for an activity in a period."""

    class Status(TonedChoices):
        NOT_STARTED = "not_started", _("Not started")
        ONGOING = "ongoing", _("Ongoing")
        DONE = "done", pgettext_lazy("activity progress", "Done")
        DROPPED = "dropped", _("Dropped")

        @classmethod
        def tones(cls) -> Mapping[str, Tone]:
            return {cls.NOT_STARTED: Tone.NEUTRAL, cls.ONGOING: Tone.WARN, cls.DONE: Tone.OK, cls.DROPPED: Tone.BAD}

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="progress"
    )
    period = models.ForeignKey(
        ReportingPeriod, verbose_name=_("period"), on_delete=models.PROTECT, related_name="progress"
    )
    achieved = models.TextField(_("achieved"), blank=True)
    planned = models.TextField(_("planned"), blank=True)
    suggestions = models.TextField(_("suggestions"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    # A status deduced from a source's wording (the 2023 deck) rather than recorded by the network
    # says so wherever it shows; recording the progress (form or import) records a real status.
    status_estimated = models.BooleanField(
        _("status deduced from a source"),
        default=False,
        help_text=_(
            "The status was deduced from a document's wording; it shows as estimated until someone records it."
        ),
    )

    class Meta:
        ordering = ["activity", "period__starts_on"]
        verbose_name = _("progress")
        verbose_name_plural = _("progress")
        constraints = [
            models.UniqueConstraint(fields=["activity", "period"], name="one_progress_row_per_period"),
        ]

    def __str__(self) -> str:
        return f"{self.activity} — {self.period}"

    def clean(self) -> None:
        if self.activity_id is None or self.period_id is None:
            return
        plan = self.activity.plan
        if not plan.covers(self.period):
            raise ValidationError({"period": _("This period is outside the plan's period.")})
