from __future__ import annotations

import re
from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modeltranslation.manager import MultilingualManager

from reseau.core.choices import Tone, TonedChoices
from reseau.core.text import fold_for_search
from reseau.registry.models import Country, Member, Network, Person, Theme


class Organisation(models.Model):
    """A partner, donor or other actor the networks work with."""

    class Kind(models.TextChoices):
        LOCAL_GOVERNMENT_NETWORK = "lg_network", _("Network of local governments")
        DONOR = "donor", _("Donor or development bank")
        UNIVERSITY = "university", _("University")
        EMBASSY = "embassy", _("Embassy")
        EU = "eu", _("EU delegation or office")
        UN_AGENCY = "un_agency", _("UN agency")
        NATIONAL_AUTHORITY = "national_authority", _("National ministry or committee")
        DECENTRALISED_COOPERATION = "decentralised_cooperation", _("Decentralised-cooperation partner")
        LG_ASSOCIATION = "lg_association", _("Association of local governments")
        PRIVATE_SECTOR = "private_sector", _("Private sector")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    countries = models.ManyToManyField(
        Country, verbose_name=_("countries covered"), blank=True, related_name="organisations"
    )
    region = models.CharField(
        _("region covered"), max_length=200, blank=True, help_text=_("For example “Asia-Pacific” or “ASEAN”.")
    )
    website = models.URLField(_("website"), blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes of interest"), blank=True, related_name="+")
    notes = models.TextField(_("notes"), blank=True)
    shared_with_partners = models.BooleanField(
        _("shared with partners"),
        default=False,
        help_text=_("Partner accounts can read this organisation's page (never its interaction log)."),
    )
    # Folded names without the acronym, for finding duplicates ("AUF" / "Agence universitaire…").
    match_names = models.TextField(editable=False, default="")

    objects = MultilingualManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.match_names = organisation_match_names(
            [getattr(self, "name_en", "") or "", getattr(self, "name_fr", "") or "", self.acronym]
        )
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("partners:organisation_detail", kwargs={"pk": self.pk})


def organisation_match_key(name: str) -> str:
    """One comparable form of a name: folded, punctuation and spaces squeezed."""
    folded = fold_for_search(name)
    return " ".join("".join(c if c.isalnum() else " " for c in folded).split())


def organisation_match_keys(names: list[str]) -> set[str]:
    """Every comparable form of some names: each as written, and without a bracketed
    acronym ("Agence universitaire de la Francophonie (AUF)")."""
    keys = set()
    for name in names:
        if name and name.strip():
            keys.add(organisation_match_key(name))
            keys.add(organisation_match_key(re.sub(r"\([^)]*\)", " ", name)))
    return {k for k in keys if k}


def organisation_match_names(names: list[str]) -> str:
    """The comparable forms of an organisation's names and acronym, one per line."""
    return "\n".join(sorted(organisation_match_keys(names)))


class OrganisationContact(models.Model):
    """A person of the registry who is a contact at an organisation."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="contacts"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="organisation_contacts"
    )
    role = models.CharField(_("role"), max_length=200, blank=True)

    class Meta:
        ordering = ["organisation", "person__name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "person"], name="one_contact_row_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.organisation}"


class Stage(TonedChoices):
    IDENTIFIED = "identified", _("Identified")
    CONTACTED = "contacted", _("Contacted")
    IN_DIALOGUE = "in_dialogue", _("In dialogue")
    COOPERATING = "cooperating", _("Cooperating (agreement signed)")
    DORMANT = "dormant", _("Dormant")

    @classmethod
    def tones(cls) -> Mapping[str, Tone]:
        return {cls.COOPERATING: Tone.OK, cls.IN_DIALOGUE: Tone.WARN, cls.DORMANT: Tone.BAD}


class Relationship(models.Model):
    """Where one network stands with one organisation."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="relationships"
    )
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="relationships"
    )
    # The stages, for templates: {% badge obj.stage obj.Stage %}.
    Stage = Stage
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.IDENTIFIED)
    since = models.DateField(_("since"), default=timezone.localdate)

    class Meta:
        ordering = ["network", "organisation"]
        verbose_name = _("relationship")
        verbose_name_plural = _("relationships")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "network"], name="one_relationship_per_network"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.network}: {self.get_stage_display()}"


class StageChange(models.Model):
    """One move of a relationship from a stage to another: when and why."""

    relationship = models.ForeignKey(
        Relationship, verbose_name=_("relationship"), on_delete=models.CASCADE, related_name="changes"
    )
    from_stage = models.CharField(_("from"), max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=20, choices=Stage.choices)
    on = models.DateField(_("date"))
    reason = models.TextField(_("reason"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-on", "-pk"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")

    def __str__(self) -> str:
        return f"{self.relationship}: {self.from_stage} → {self.to_stage} ({self.on})"


class Interaction(models.Model):
    """A meeting, letter, e-mail, call or encounter with an organisation or with a member.

    Exactly one of ``organisation`` and ``member`` is set (a database constraint says so).
    An interaction with a member belongs to the member's network."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        LETTER = "letter", _("Letter")
        # Contexts: "Email" is also the sign-in field, "Call" also a call for proposals.
        EMAIL = "email", pgettext_lazy("interaction type", "Email")
        CALL = "call", pgettext_lazy("interaction type", "Phone call")
        EVENT = "event", _("Encounter at an event")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="interactions",
        null=True,
        blank=True,
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="interactions",
        null=True,
        blank=True,
    )
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="interactions"
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    date = models.DateField(_("date"))
    summary = models.TextField(_("summary"))
    our_people = models.ManyToManyField(
        Person, verbose_name=_("our side"), blank=True, related_name="interactions_as_network"
    )
    their_people = models.ManyToManyField(
        Person, verbose_name=_("their side"), blank=True, related_name="interactions_as_partner"
    )
    next_step = models.CharField(_("next step"), max_length=500, blank=True)
    next_step_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("next step owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_steps",
    )
    next_step_due = models.DateField(_("next step due"), null=True, blank=True)
    next_step_done_on = models.DateField(_("next step done on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        indexes = [models.Index(fields=["network", "next_step_due"], name="interaction_next_step_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_step_due__isnull=True) | ~Q(next_step=""),
                name="next_step_due_needs_a_next_step",
            ),
            models.CheckConstraint(
                condition=(Q(organisation__isnull=False) & Q(member__isnull=True))
                | (Q(organisation__isnull=True) & Q(member__isnull=False)),
                name="interaction_with_an_organisation_or_a_member",
                violation_error_message=_("An interaction is with an organisation or with a member, not both."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} — {self.subject}"

    def get_absolute_url(self) -> str:
        """The interaction on its organisation's or member's page."""
        subject = self.subject
        assert subject is not None
        anchor = "interaction" if self.organisation_id is not None else "member-interaction"
        return f"{subject.get_absolute_url()}#{anchor}-{self.pk}"

    def clean(self) -> None:
        member = self.member if self.member_id is not None else None
        if member is not None and self.network_id is not None and member.network_id != self.network_id:
            raise ValidationError({"network": _("An interaction with a member belongs to the member's network.")})

    @property
    def subject(self) -> Organisation | Member | None:
        """Whom the interaction was with: the organisation or the member."""
        return self.organisation if self.organisation_id is not None else self.member

    @property
    def next_step_is_overdue(self) -> bool:
        return (
            bool(self.next_step)
            and self.next_step_done_on is None
            and self.next_step_due is not None
            and self.next_step_due < timezone.localdate()
        )


class NeedKind(models.TextChoices):
    TRAINING = "training", _("Training")
    TECHNICAL_ASSISTANCE = "technical_assistance", _("Technical assistance on a project")
    INFORMATION = "information", _("Information or documentation")
    FUNDING_SEARCH = "funding_search", _("Help finding funding")
    EXCHANGE = "exchange", _("Exchange or peer visit")
    OTHER = "other", _("Other")


class NeedStatus(TonedChoices):
    # In French a need ("besoin") is masculine: the context lets its statuses agree.
    OPEN = "open", pgettext_lazy("need status", "Open")
    IN_PROGRESS = "in_progress", pgettext_lazy("need status", "In progress")
    ANSWERED = "answered", pgettext_lazy("need status", "Answered")
    DECLINED = "declined", pgettext_lazy("need status", "Declined")

    @classmethod
    def tones(cls) -> Mapping[str, Tone]:
        return {cls.OPEN: Tone.WARN, cls.IN_PROGRESS: Tone.NEUTRAL, cls.ANSWERED: Tone.OK, cls.DECLINED: Tone.BAD}

    @classmethod
    def closed(cls) -> tuple[str, ...]:
        return (cls.ANSWERED, cls.DECLINED)


class MemberNeed(models.Model):
    """A need or request a member expressed (a training, technical assistance on a project…),
    followed until the network answers it or declines it."""

    Kind = NeedKind
    Status = NeedStatus

    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="needs")
    kind = models.CharField(_("type of need"), max_length=30, choices=NeedKind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    expressed_on = models.DateField(_("expressed on"))
    expressed_by = models.ForeignKey(
        Person,
        verbose_name=_("expressed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="needs_expressed",
    )
    status = models.CharField(_("status"), max_length=20, choices=NeedStatus.choices, default=NeedStatus.OPEN)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("followed up by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="needs_followed",
    )
    due = models.DateField(_("answer due by"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-expressed_on", "-pk"]
        verbose_name = _("member's need")
        verbose_name_plural = _("members' needs")
        indexes = [models.Index(fields=["status", "expressed_on"], name="member_need_status")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=NeedStatus.closed()) | (~Q(answer="") & Q(answered_on__isnull=False)),
                name="closed_need_has_an_answer",
                violation_error_message=_("An answered or declined need has an answer and a date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.member}"

    def get_absolute_url(self) -> str:
        return f"{self.member.get_absolute_url()}#need-{self.pk}"

    def clean(self) -> None:
        """A need is closed with an answer and its date, never dated before it was expressed."""
        errors: dict[str, str] = {}
        if self.is_closed:
            if not (self.answer or "").strip():
                errors["answer"] = str(_("Write the answer given to the member (or why the need is declined)."))
            if self.answered_on is None:
                errors["answered_on"] = str(_("Give the date of the answer."))
        if self.answered_on and self.expressed_on and self.answered_on < self.expressed_on:
            errors["answered_on"] = str(_("The answer cannot be dated before the need was expressed."))
        if self.answered_on and self.answered_on > timezone.localdate():
            errors["answered_on"] = str(_("The date cannot be in the future."))
        if self.expressed_on and self.expressed_on > timezone.localdate():
            errors["expressed_on"] = str(_("The date cannot be in the future."))
        if self.due and self.expressed_on and self.due < self.expressed_on:
            errors["due"] = str(_("The due date cannot be before the need was expressed."))
        if errors:
            raise ValidationError(errors)

    @property
    def is_closed(self) -> bool:
        return self.status in NeedStatus.closed()

    @property
    def is_overdue(self) -> bool:
        return not self.is_closed and self.due is not None and self.due < timezone.localdate()
