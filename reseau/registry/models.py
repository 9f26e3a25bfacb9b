from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modeltranslation.manager import MultilingualManager

from reseau.core.choices import Tone, TonedChoices, label_said_of
from reseau.core.text import fold_for_search

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value})


class Network(models.Model):
    """One of the association's regional networks (RVASE, Maghreb, …)."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    name = models.CharField(_("name"), max_length=200)
    region = models.CharField(_("region"), max_length=200, blank=True)
    office = models.CharField(_("regional office"), max_length=200, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC", validators=[validate_time_zone])
    focal_point_deadline = models.DateField(
        _("focal point confirmation deadline"),
        null=True,
        blank=True,
        help_text=_("Date by which each member officially confirms its focal point."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = MultilingualManager()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("regional network")
        verbose_name_plural = _("regional networks")

    def __str__(self) -> str:
        return self.acronym or self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:network_detail", kwargs={"code": self.code})


class Country(models.Model):
    code = models.CharField(_("ISO code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_local = models.CharField(_("name in the local script"), max_length=100, blank=True)

    objects = MultilingualManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    """A work theme or cross-cutting theme that later objects are tagged with."""

    class Kind(models.TextChoices):
        # Work themes come first wherever themes are listed.
        WORK = "work", _("Work theme")
        CROSS_CUTTING = "cross_cutting", _("Cross-cutting theme")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = MultilingualManager()

    class Meta:
        ordering = ["-kind", "position", "code"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name


class DuesStanding(TonedChoices):
    """Where a member stands with its fees on a day (``registry.selectors.dues_standing``).

    Nothing recorded for the year is "not recorded", never "up to date": the platform does
    not know, and only members known to be up to date count in the network's indicator.
    """

    UP_TO_DATE = "up_to_date", _("Up to date with dues")
    OUTSTANDING = "outstanding", _("Dues outstanding")
    UNKNOWN = "unknown", _("Dues not recorded")

    @classmethod
    def tones(cls) -> Mapping[str, Tone]:
        return {cls.UP_TO_DATE: Tone.OK, cls.OUTSTANDING: Tone.WARN}


class Member(models.Model):
    # For templates: {% badge member.dues_standing member.DuesStanding %}.
    DuesStanding = DuesStanding

    class Kind(models.TextChoices):
        CITY = "city", _("City")
        PROVINCE = "province", _("Province")
        ASSOCIATION = "association", _("Association of local governments")

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="members")
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="members")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    slug = models.SlugField(_("web address"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_local = models.CharField(
        _("name in the local script"),
        max_length=200,
        blank=True,
        help_text=_("In Khmer, Lao or Vietnamese, as the member writes it."),
    )
    name_alternative = models.CharField(
        _("other spelling"),
        max_length=200,
        blank=True,
        help_text=_("For example the unaccented English form: Hue, Can Tho."),
    )
    member_since = models.PositiveSmallIntegerField(
        _("member since (year)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1979), MaxValueValidator(2100)],
    )
    website = models.URLField(_("website"), blank=True)
    # Folded names (see registry.text.fold_for_search), kept up to date on save.
    search_text = models.TextField(editable=False, default="")

    objects = MultilingualManager()

    if TYPE_CHECKING:
        dues: RelatedManager[MembershipDues]
        people: RelatedManager[Person]

    class Meta:
        ordering = ["country__code", "slug"]
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_text = self.folded_names()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("registry:member_detail", kwargs={"slug": self.slug})

    def folded_names(self) -> str:
        """What ``search_text`` holds (for the rows made without ``save``, e.g. in bulk)."""
        names = (self.name_en, self.name_fr, self.name_local, self.name_alternative, self.slug)  # type: ignore[attr-defined]
        return fold_for_search(" ".join(name or "" for name in names))


class Person(models.Model):
    class Honorific(models.TextChoices):
        EXCELLENCY = "he", _("H.E.")
        MR = "mr", _("Mr")
        MS = "ms", _("Ms")
        DR = "dr", _("Dr")

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        OTHER = "other", _("Other")
        UNDISCLOSED = "undisclosed", _("Prefers not to say")

    # "Mr" and "Ms" already say who the person is; "H.E." and "Dr" do not.
    GENDER_OF_HONORIFIC: dict[str, str] = {Honorific.MR: Gender.MAN, Honorific.MS: Gender.WOMAN}

    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
        help_text=_("The member this person works for, if any."),
    )
    honorific = models.CharField(_("honorific"), max_length=10, choices=Honorific.choices, blank=True)
    name = models.CharField(_("name"), max_length=200)
    name_local = models.CharField(_("name in the local script"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    email = models.EmailField(_("email"), null=True, blank=True, unique=True)
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        validators=[
            RegexValidator(
                r"^(?=(?:\D*\d){5})\+?[0-9 ().\-/]{5,40}$",
                _("Enter a phone number with digits, e.g. +855 23 724 156; spaces, dots and dashes may separate them."),
            )
        ],
    )
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    # Names and titles folded (core.text.fold_for_search), kept up to date on save: the header's
    # search compares them as they are, folding no column for each person it reads.
    search_text = models.TextField(editable=False, default="")

    objects = MultilingualManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        # An empty address is "no address", not a second copy of "".
        self.email = self.email.strip().lower() if self.email else None
        self.search_text = self.folded_names()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def folded_names(self) -> str:
        """What ``search_text`` holds (for the rows made without ``save``, e.g. in bulk)."""
        parts = (self.name, self.name_local, self.title_en, self.title_fr)  # type: ignore[attr-defined]
        return fold_for_search(" ".join(part or "" for part in parts))

    @classmethod
    def audit_choices(cls) -> dict[str, Any]:
        """The history names the languages, not their codes."""
        return {"languages": LanguageChoice.choices}


class LanguageChoice(models.TextChoices):
    """Languages a person works in, for meetings, documents and interpreting."""

    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")
    KHMER = "km", _("Khmer")
    LAO = "lo", _("Lao")
    VIETNAMESE = "vi", _("Vietnamese")


class Mandate(models.Model):
    """A leadership role held by a person at a member, between two dates."""

    class Office(models.TextChoices):
        GOVERNOR = "governor", _("Governor")
        VICE_GOVERNOR = "vice_governor", _("Vice-governor")
        MAYOR = "mayor", _("Mayor")
        MAYOR_GOVERNOR = "mayor_governor", _("Mayor-governor")
        DEPUTY_MAYOR = "deputy_mayor", _("Deputy mayor")
        PRESIDENT_PROVINCIAL_COUNCIL = "president_provincial_council", _("President of the provincial council")
        PRESIDENT_PEOPLES_COMMITTEE = "president_peoples_committee", _("President of the People's Committee")
        VICE_PRESIDENT_PEOPLES_COMMITTEE = (
            "vice_president_peoples_committee",
            _("Vice-president of the People's Committee"),
        )
        PRESIDENT = "president", _("President")
        OTHER = "other", _("Other office")

    # Said of a woman: French gives each office its feminine form ("Gouverneure").
    OFFICES_SAID_OF_A_WOMAN: ClassVar[dict[str, Promise]] = {
        Office.GOVERNOR: pgettext_lazy("said of a woman", "Governor"),
        Office.VICE_GOVERNOR: pgettext_lazy("said of a woman", "Vice-governor"),
        Office.MAYOR_GOVERNOR: pgettext_lazy("said of a woman", "Mayor-governor"),
        Office.DEPUTY_MAYOR: pgettext_lazy("said of a woman", "Deputy mayor"),
        Office.PRESIDENT_PROVINCIAL_COUNCIL: pgettext_lazy("said of a woman", "President of the provincial council"),
        Office.PRESIDENT_PEOPLES_COMMITTEE: pgettext_lazy("said of a woman", "President of the People's Committee"),
        Office.VICE_PRESIDENT_PEOPLES_COMMITTEE: pgettext_lazy(
            "said of a woman", "Vice-president of the People's Committee"
        ),
        Office.PRESIDENT: pgettext_lazy("said of a woman", "President"),
    }

    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="mandates")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="mandates")
    office = models.CharField(_("office"), max_length=40, choices=Office.choices)
    title = models.CharField(
        _("title as written"),
        max_length=300,
        blank=True,
        help_text=_("The exact title, e.g. “Standing Vice-president of the People's Committee”."),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    objects = MultilingualManager()

    class Meta:
        ordering = ["end_date", "office", "-start_date"]
        verbose_name = _("leadership role")
        verbose_name_plural = _("leadership roles")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="mandate_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title or self.office_label} — {self.person.name}"

    @property
    def office_label(self) -> str:
        """The office as said of its holder ("Maire adjointe" of a woman, in French)."""
        woman = self.person.gender == Person.Gender.WOMAN
        return label_said_of(self.Office, self.office, feminine=self.OFFICES_SAID_OF_A_WOMAN, woman=woman)

    @property
    def is_current(self) -> bool:
        return self.end_date is None or self.end_date >= timezone.localdate()

    def clean(self) -> None:
        check_date_order(self.start_date, self.end_date)
        check_person_belongs(self.person_id, self.member_id)


class FocalPointAppointment(models.Model):
    """A member's official nomination of its focal point (or deputy), dated."""

    class Kind(models.TextChoices):
        OFFICIAL = "official", _("Focal point")
        DEPUTY = "deputy", _("Deputy focal point")

    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="focal_point_appointments",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="focal_point_appointments",
    )
    kind = models.CharField(_("role"), max_length=10, choices=Kind.choices, default=Kind.OFFICIAL)
    nominated_on = models.DateField(_("nomination date"))
    ended_on = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        ordering = ["member", "kind", "-nominated_on"]
        verbose_name = _("focal point appointment")
        verbose_name_plural = _("focal point appointments")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("nominated_on")),
                name="appointment_ends_after_nomination",
            ),
            # Only one current focal point and one current deputy per member.
            models.UniqueConstraint(
                fields=["member", "kind"],
                condition=Q(ended_on__isnull=True),
                name="one_current_appointment_per_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.person.name}"

    @property
    def is_current(self) -> bool:
        return self.ended_on is None or self.ended_on >= timezone.localdate()

    def clean(self) -> None:
        check_date_order(self.nominated_on, self.ended_on, end_field="ended_on")
        check_person_belongs(self.person_id, self.member_id)


class Currency(models.TextChoices):
    EUR = "EUR", _("euro (EUR)")
    USD = "USD", _("US dollar (USD)")
    KHR = "KHR", _("Cambodian riel (KHR)")
    LAK = "LAK", _("Lao kip (LAK)")
    VND = "VND", _("Vietnamese dong (VND)")


class MembershipDues(models.Model):
    class Status(TonedChoices):
        DUE = "due", _("Due")
        PAID = "paid", _("Paid")
        WAIVED = "waived", _("Waived")

        @classmethod
        def tones(cls) -> Mapping[str, Tone]:
            return {cls.DUE: Tone.WARN, cls.PAID: Tone.OK}

    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="dues")
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1979), MaxValueValidator(2100)])
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DUE)
    paid_on = models.DateField(_("date paid"), null=True, blank=True)

    class Meta:
        ordering = ["member", "-year"]
        verbose_name = _("membership dues")
        verbose_name_plural = _("membership dues")
        constraints = [
            models.UniqueConstraint(fields=["member", "year"], name="one_dues_row_per_member_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="dues_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.member} {self.year}"

    def clean(self) -> None:
        if self.status == self.Status.PAID and self.paid_on is None:
            raise ValidationError({"paid_on": _("Give the date the dues were paid.")})
        if self.status != self.Status.PAID and self.paid_on is not None:
            raise ValidationError({"paid_on": _("Only paid dues have a payment date.")})


def check_date_order(start: datetime.date | None, end: datetime.date | None, *, end_field: str = "end_date") -> None:
    if start and end and end < start:
        raise ValidationError({end_field: _("The end date cannot be before the start date.")})


def check_person_belongs(person_id: int | None, member_id: int | None) -> None:
    if person_id is None or member_id is None:
        return
    if not Person.objects.filter(pk=person_id, member_id=member_id).exists():
        raise ValidationError({"person": _("This person does not belong to this member.")})
