from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.manager import MultilingualManager

from reseau.core.choices import Tone, TonedChoices
from reseau.funding.models import FundingOpportunity
from reseau.partners.models import Organisation
from reseau.registry.models import Currency, Member, Network, Theme


class Stage(TonedChoices):
    PROPOSED = "proposed", _("Proposed")
    UNDER_DISCUSSION = "under_discussion", _("Under discussion")
    FEASIBILITY = "feasibility", _("Feasibility")
    DESIGN = "design", _("Design")
    SUBMITTED = "submitted", _("Submitted for validation")
    VALIDATED = "validated", _("Validated")
    RETURNED = "returned", _("Returned for revision")
    SEEKING_FUNDING = "seeking_funding", _("Seeking funding")
    FUNDED = "funded", _("Funded")
    IN_IMPLEMENTATION = "in_implementation", _("In implementation")
    COMPLETED = "completed", _("Completed")
    ABANDONED = "abandoned", _("Abandoned")

    @classmethod
    def tones(cls) -> Mapping[str, Tone]:
        # Settled or under way: ok; waiting on the secretariat or on a revision: warn.
        return {
            cls.VALIDATED: Tone.OK,
            cls.FUNDED: Tone.OK,
            cls.IN_IMPLEMENTATION: Tone.OK,
            cls.COMPLETED: Tone.OK,
            cls.SUBMITTED: Tone.WARN,
            cls.RETURNED: Tone.WARN,
            cls.ABANDONED: Tone.BAD,
        }


class Project(models.Model):
    """A concrete project, from a member's idea to its completion."""

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="projects")
    code = models.SlugField(_("code"), max_length=40, unique=True, help_text=_("For example rvase-2023-fsm-hue."))
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes and cross-cutting tags"), blank=True, related_name="projects"
    )
    lead_member = models.ForeignKey(
        Member, verbose_name=_("lead member"), on_delete=models.PROTECT, related_name="projects_led"
    )
    members = models.ManyToManyField(
        Member, verbose_name=_("participating members"), blank=True, related_name="projects_joined"
    )
    proposed_by = models.ForeignKey(
        Member,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects_proposed",
        help_text=_("The member whose idea it was, when it is not the lead member."),
    )
    proposed_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    # The stages, for templates: {% badge obj.stage obj.Stage %}.
    Stage = Stage
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.PROPOSED)
    stage_since = models.DateField(_("at this stage since"), default=timezone.localdate)
    # Values deduced from a source's wording (the 2023 deck) rather than recorded by the network
    # say so wherever they show; moving the project on records a real stage.
    stage_estimated = models.BooleanField(
        _("stage deduced from a source"),
        default=False,
        help_text=_("The stage was deduced from a document's wording; it shows as estimated until the project moves."),
    )
    dates_estimated = models.BooleanField(
        _("dates estimated"),
        default=False,
        help_text=_("Tick when the source gives only the years or months: the dates show as estimated."),
    )
    total_budget = models.DecimalField(
        _("total budget"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR)
    shared_with_partners = models.BooleanField(_("shared with partners"), default=False)

    objects = MultilingualManager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="project_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(total_budget__isnull=True) | Q(total_budget__gte=0), name="project_budget_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:project_detail", kwargs={"code": self.code})

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})


class ProjectPartner(models.Model):
    class Role(models.TextChoices):
        DONOR = "donor", _("Donor")
        CO_FINANCER = "co_financer", _("Co-financer")
        TECHNICAL = "technical", _("Technical partner")
        UNIVERSITY = "university", _("University")

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="project_roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["project", "role", "organisation__name"]
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation", "role"], name="one_partner_row_per_role"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.get_role_display()}"


class Transition(models.Model):
    """One move of a project from a stage to another: who, when, and why."""

    Stage = Stage

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="transitions"
    )
    from_stage = models.CharField(_("from"), max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=20, choices=Stage.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by_label = models.CharField(_("by"), max_length=254, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")

    def __str__(self) -> str:
        return f"{self.project}: {self.from_stage} → {self.to_stage}"


class ExchangeRate(models.Model):
    """What one unit of a currency is worth in euros from a date on (kept by the secretariat)."""

    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    valid_from = models.DateField(_("valid from"))
    euros_per_unit = models.DecimalField(
        _("euros for one unit"), max_digits=20, decimal_places=10, validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["currency", "-valid_from"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(fields=["currency", "valid_from"], name="one_rate_per_currency_and_date"),
            models.CheckConstraint(condition=Q(euros_per_unit__gt=0), name="exchange_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"1 {self.currency} = {self.euros_per_unit} EUR ({self.valid_from})"


class FundingLine(models.Model):
    """What one source is asked for, and what it has secured, for a project."""

    class Status(TonedChoices):
        PLANNED = "planned", _("Planned")
        REQUESTED = "requested", _("Requested")
        SECURED = "secured", _("Secured")
        REFUSED = "refused", _("Refused")

        @classmethod
        def tones(cls) -> Mapping[str, Tone]:
            return {cls.SECURED: Tone.OK, cls.REQUESTED: Tone.WARN, cls.REFUSED: Tone.BAD}

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="funding_lines"
    )
    source = models.ForeignKey(
        Organisation, verbose_name=_("source"), on_delete=models.PROTECT, related_name="project_funding_lines"
    )
    opportunity = models.ForeignKey(
        FundingOpportunity,
        verbose_name=_("funding opportunity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="project_funding_lines",
    )
    amount_requested = models.DecimalField(
        _("amount requested"), max_digits=16, decimal_places=2, validators=[MinValueValidator(0)]
    )
    amount_secured = models.DecimalField(
        _("amount secured"), max_digits=16, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    as_of = models.DateField(
        _("amounts as of"),
        default=timezone.localdate,
        help_text=_("The date whose exchange rate converts them to euros."),
    )

    class Meta:
        ordering = ["project", "pk"]
        verbose_name = _("funding line")
        verbose_name_plural = _("funding lines")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_requested__gte=0) & Q(amount_secured__gte=0), name="funding_line_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} — {self.source}"


class Milestone(models.Model):
    class Status(TonedChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

        @classmethod
        def tones(cls) -> Mapping[str, Tone]:
            return {cls.DONE: Tone.OK}

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=300)
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    objects = MultilingualManager()

    class Meta:
        ordering = ["project", "due_date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title

    @property
    def is_late(self) -> bool:
        return self.status == self.Status.PLANNED and self.due_date < timezone.localdate()


class ProgressNote(models.Model):
    """A dated account of where a project stands; reports quote these."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="progress_notes"
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    achievements = models.TextField(_("achievements"), blank=True)
    difficulties = models.TextField(_("difficulties"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
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
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        constraints = [
            models.CheckConstraint(
                condition=~Q(achievements="") | ~Q(difficulties="") | ~Q(next_steps=""),
                name="progress_note_not_empty",
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.date}"
