from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.manager import MultilingualManager

from reseau.partners.models import Organisation
from reseau.projects.models import Project
from reseau.registry.models import Member, Network, Person, Theme

# --- Action plans -----------------------------------------------------------------


class Plan(models.Model):
    """An annual action plan, a thematic action plan or a road map."""

    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Annual action plan")
        THEMATIC = "thematic", _("Thematic action plan")
        ROAD_MAP = "road_map", _("Road map")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        VALIDATED = "validated", _("Validated by the members")

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

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        ONGOING = "ongoing", _("Ongoing")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

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
        if self.period.ends_on < plan.starts_on or self.period.starts_on > plan.ends_on:
            raise ValidationError({"period": _("This period is outside the plan's period.")})


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

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved by the secretariat")

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
        ordering = ["indicator", "-date", "-pk"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.date}: {self.value}"


# --- Decisions register ------------------------------------------------------------------


class Decision(models.Model):
    """A decision or action item from a meeting, with its owner and deadline."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("Decision")
        ACTION = "action", _("Action item")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

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
        ordering = ["due_date", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.title[:100]

    def get_absolute_url(self) -> str:
        return reverse("plans:decision_detail", kwargs={"pk": self.pk})

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
        ordering = ["-date", "-pk"]
        verbose_name = _("follow-up note")
        verbose_name_plural = _("follow-up notes")

    def __str__(self) -> str:
        return f"{self.decision} {self.date}"
