"""Events, their programme, participants and the calendar's recurring series.

Times are stored in UTC; each event keeps the time zone of the place it happens
in, so the programme reads "8:00 to 12:00" in Phnom Penh whoever looks at it, and
calendar feeds carry that zone (TZID) for calendar programs to convert.
"""

from __future__ import annotations

import datetime
import re
import secrets
import uuid
import zoneinfo
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modeltranslation.manager import MultilingualManager

from reseau.core.choices import Tone, TonedChoices, label_said_of
from reseau.core.text import strip_bidi_controls
from reseau.events.recurrence import is_one_rule_value, series_end, validate_rule, validate_rule_text
from reseau.registry.models import Country, Member, Network, Person, Theme, validate_time_zone

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager


_YEAR = re.compile(r"(?<!\d)(19\d\d|2\d\d\d)(?!\d)")


def year_named(*texts: str) -> int | None:
    """The first year the texts name, in order ("Second half of 2031" → 2031); None without one."""
    for text in texts:
        found = _YEAR.search(text or "")
        if found:
            return int(found[1])
    return None


# Longest descriptions, in characters: a page or two of text. The printed programme takes seconds
# per 100,000 characters, and the feeds carry the event's description to every subscriber.
EVENT_DESCRIPTION_LENGTH = 10_000
SESSION_DESCRIPTION_LENGTH = 4_000


def strip_bidi_from(instance: models.Model, names: tuple[str, ...]) -> None:
    """Titles and names as they are shown inline: without bidirectional controls (core.text)."""
    for name in names:
        value = getattr(instance, name, None)
        if isinstance(value, str):
            setattr(instance, name, strip_bidi_controls(value))


def new_event_uid() -> str:
    return f"{uuid.uuid4()}@reseau"


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class Event(models.Model):
    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        ANNUAL_MEETING = "annual_meeting", _("Network annual meeting")
        CONGRESS = "congress", _("Congress or general assembly")
        CONFERENCE = "conference", _("Thematic conference")
        STUDY_TOUR = "study_tour", _("Study tour")
        WORKING_GROUP = "working_group", _("Working group")
        TRAINING = "training", _("Training or workshop")
        WEBINAR = "webinar", _("Webinar or distance learning")
        FOCAL_POINT_MEETING = "focal_point_meeting", _("Focal-point meeting")
        PARTNER_EVENT = "partner_event", _("Partner event")

    class Status(TonedChoices):
        TO_BE_FIXED = "to_be_fixed", _("Date to be fixed")
        PLANNED = "planned", _("Planned")
        CONFIRMED = "confirmed", _("Confirmed")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

        @classmethod
        def tones(cls) -> Mapping[str, Tone]:
            return {cls.CONFIRMED: Tone.OK, cls.TO_BE_FIXED: Tone.WARN, cls.CANCELLED: Tone.BAD}

        @classmethod
        def needs_a_date(cls, value: str | None) -> bool:
            """An event has its start unless its date is still to be fixed or it was cancelled."""
            return value not in (cls.TO_BE_FIXED, cls.CANCELLED)

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        PARTNERS = "partners", _("Network and partners")
        NETWORK = "network", _("Network only")

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="events")
    slug = models.SlugField(_("web address"), max_length=100, unique=True)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices, default=Kind.MEETING)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    visibility = models.CharField(
        _("visible to"), max_length=10, choices=Visibility.choices, default=Visibility.NETWORK
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=EVENT_DESCRIPTION_LENGTH,
        validators=[MaxLengthValidator(EVENT_DESCRIPTION_LENGTH)],
    )
    starts_at = models.DateTimeField(_("start"), null=True, blank=True, db_index=True)
    ends_at = models.DateTimeField(_("end"), null=True, blank=True)
    all_day = models.BooleanField(
        _("all day"), default=False, help_text=_("Whole days, without times (a congress, a study tour).")
    )
    # Sources often give only the month ("December 2022"): the event then starts on the 1st,
    # shows and feeds as that month, never as the 1st.
    month_only = models.BooleanField(
        _("month known only"),
        default=False,
        help_text=_("Tick when only the month is known: the event shows as that month, not as its first day."),
    )
    # A day or time that is an assumption (the deck fixes neither for the monthly meeting) says
    # so wherever it shows, and calendars receive the event as tentative.
    schedule_to_be_confirmed = models.BooleanField(
        _("day and time to be confirmed"),
        default=False,
        help_text=_("Tick while the day or time is an assumption: every date shown says “to be confirmed”."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Asia/Phnom_Penh",
        validators=[validate_time_zone],
        help_text=_("The time zone of the place where the event happens, e.g. Asia/Phnom_Penh."),
    )
    date_note = models.CharField(
        _("about the date"),
        max_length=200,
        blank=True,
        help_text=_(
            "While the date is to be fixed: what is known, e.g. “2024”. Once the year written here "
            "(or in the title) has passed, the event is no longer listed as upcoming."
        ),
    )
    # Kept on save from "about the date" (else the title): the year an undated event is expected
    # in, so that lists stop calling it upcoming once that year has passed.
    expected_year = models.PositiveSmallIntegerField(_("expected year"), null=True, blank=True, editable=False)
    venue = models.CharField(_("place"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=200, blank=True)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    online_url = models.URLField(_("online link"), blank=True)
    organiser = models.CharField(
        _("organiser"), max_length=300, blank=True, help_text=_("When the network is not the organiser.")
    )
    host_member = models.ForeignKey(
        Member,
        verbose_name=_("host member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_events",
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="events")
    activities = models.ManyToManyField(
        "plans.Activity", verbose_name=_("plan activities"), blank=True, related_name="events"
    )
    projects = models.ManyToManyField("projects.Project", verbose_name=_("projects"), blank=True, related_name="events")
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Most participants; leave empty for no limit.")
    )
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    # Recurring series (RFC 5545): the rule and its exceptions live on the first event
    # of the series; a moved or cancelled occurrence is its own row pointing at it.
    recurrence_rule = models.CharField(
        _("repeat rule"),
        max_length=300,
        blank=True,
        validators=[validate_rule_text],
        help_text=_("An iCalendar rule, e.g. FREQ=MONTHLY;BYDAY=1TH for the first Thursday of each month."),
    )
    excluded_starts = models.JSONField(_("occurrences removed"), default=list, blank=True)
    # Kept on save: lets lists and calendars skip series that have ended without expanding them.
    recurrence_ends_at = models.DateTimeField(_("last occurrence ends"), null=True, blank=True, editable=False)
    series = models.ForeignKey(
        "self",
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="overrides",
    )
    recurrence_id = models.DateTimeField(
        _("original start"), null=True, blank=True, help_text=_("For a moved occurrence: when it was due to start.")
    )
    uid = models.CharField(_("calendar identifier"), max_length=200, default=new_event_uid, editable=False)
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MultilingualManager()

    if TYPE_CHECKING:
        sessions: RelatedManager[Session]
        registrations: RelatedManager[Registration]
        invitations: RelatedManager[Invitation]
        hosting_offers: RelatedManager[HostingOffer]
        overrides: RelatedManager[Event]

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(starts_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
            ),
            # An occurrence override shares its series' UID; everything else has its own.
            models.UniqueConstraint(fields=["uid"], condition=Q(series__isnull=True), name="one_event_per_uid"),
            models.UniqueConstraint(
                fields=["series", "recurrence_id"],
                condition=Q(series__isnull=False),
                name="one_override_per_occurrence",
            ),
        ]
        indexes = [models.Index(fields=["network", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.recurrence_ends_at = None
        if self.recurrence_rule and self.starts_at and self.time_zone in zoneinfo.available_timezones():
            self.recurrence_ends_at = series_end(self.recurrence_rule, self.starts_at, self.ends_at, self.zone)
        self.expected_year = (
            year_named(self.date_note, getattr(self, "title_en", "") or "", getattr(self, "title_fr", "") or "")
            if self.starts_at is None
            else None
        )
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "recurrence_ends_at", "expected_year"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("events:event_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        strip_bidi_from(self, ("title", "title_en", "title_fr", "venue", "city", "organiser", "date_note"))
        errors: dict[str, list[ValidationError]] = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors.setdefault("ends_at", []).append(ValidationError(_("The end cannot be before the start.")))
        if self.starts_at is None and self.Status.needs_a_date(self.status):
            errors.setdefault("starts_at", []).append(
                ValidationError(_("Give the start, or set the status to “Date to be fixed”."))
            )
        if self.recurrence_rule:
            if self.series_id is not None:
                errors.setdefault("recurrence_rule", []).append(
                    ValidationError(_("A moved occurrence cannot have a repeat rule of its own."))
                )
            elif self.starts_at is None:
                errors.setdefault("recurrence_rule", []).append(
                    ValidationError(_("A repeating event needs the start of its first occurrence."))
                )
            # A rule that is not one RRULE value is refused by the field's own validator already.
            elif self.time_zone in zoneinfo.available_timezones() and is_one_rule_value(self.recurrence_rule):
                try:
                    validate_rule(self.recurrence_rule, self.starts_at.astimezone(self.zone))
                except ValidationError as error:
                    errors.setdefault("recurrence_rule", []).append(error)
        if self.month_only and not self.all_day:
            errors.setdefault("month_only", []).append(
                ValidationError(_("An event known to the month only lasts whole days: tick “all day” too."))
            )
        if errors:
            raise ValidationError(errors)

    def month_span(self) -> tuple[datetime.date, datetime.date] | None:
        """For an event known to the month only: its month's first day and the first day after it."""
        start = self.local_start
        if not self.month_only or start is None:
            return None
        first = start.date().replace(day=1)
        following = (first + datetime.timedelta(days=32)).replace(day=1)
        return first, following

    @staticmethod
    def awaiting_its_date(now: datetime.datetime) -> Q:
        """Undated events still to come: their expected year (named in "about the date" or the
        title) has not passed. One whose year nobody wrote stays listed: it cannot be said to be over."""
        year = timezone.localdate(now).year
        return Q(starts_at__isnull=True) & (Q(expected_year__isnull=True) | Q(expected_year__gte=year))

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self) -> datetime.datetime | None:
        return self.starts_at.astimezone(self.zone) if self.starts_at else None

    @property
    def local_end(self) -> datetime.datetime | None:
        return self.ends_at.astimezone(self.zone) if self.ends_at else None

    @property
    def duration(self) -> datetime.timedelta | None:
        """How long the event (each date of a series) lasts; None without a start or an end."""
        if self.starts_at is None or self.ends_at is None:
            return None
        return self.ends_at - self.starts_at

    def end_from(self, start: datetime.datetime) -> datetime.datetime | None:
        """The end of one date of the series that starts at ``start`` (same duration as the first)."""
        duration = self.duration
        return start + duration if duration is not None else None

    def last_day(self, local_end: datetime.datetime | None) -> datetime.date | None:
        """The last day of the event ending at ``local_end`` (in its zone). All-day events are stored
        up to midnight after their last day, as iCalendar's DTEND for dates."""
        if local_end is None:
            return None
        if self.all_day and local_end.time() == datetime.time(0, 0):
            return (local_end - datetime.timedelta(days=1)).date()
        return local_end.date()

    @property
    def is_open(self) -> bool:
        """Still to come: neither held nor cancelled."""
        return self.status not in (self.Status.HELD, self.Status.CANCELLED)

    @property
    def can_be_cancelled(self) -> bool:
        """An event that took place is not cancelled afterwards; a cancelled one already is."""
        return self.is_open

    @property
    def accepts_hosting_offers(self) -> bool:
        """Offers to host are for meetings still to come."""
        return self.is_open

    @property
    def accepts_registrations(self) -> bool:
        """Delegations are registered from the event's page while it is still to come."""
        return self.is_open

    @property
    def is_recurring(self) -> bool:
        return bool(self.recurrence_rule) and self.series_id is None

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_confirmed(self) -> bool:
        """Lists that show a status only when it is news leave it out for a confirmed event."""
        return self.status == self.Status.CONFIRMED

    @property
    def registration_closed(self) -> bool:
        return self.registration_deadline is not None and timezone.now() > self.registration_deadline


class HostingOffer(models.Model):
    """A member offering to host a future meeting; the coordinator accepts one."""

    class Status(TonedChoices):
        OFFERED = "offered", _("Offered")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Not retained")

        @classmethod
        def tones(cls) -> Mapping[str, Tone]:
            return {cls.ACCEPTED: Tone.OK, cls.DECLINED: Tone.NEUTRAL, cls.OFFERED: Tone.WARN}

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="hosting_offers")
    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="hosting_offers"
    )
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OFFERED)
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("offered by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    offered_at = models.DateTimeField(_("offered"), auto_now_add=True)

    class Meta:
        ordering = ["offered_at", "pk"]
        verbose_name = _("offer to host")
        verbose_name_plural = _("offers to host")
        constraints = [
            models.UniqueConstraint(fields=["event", "member"], name="one_offer_per_member_and_event"),
            models.UniqueConstraint(
                fields=["event"], condition=Q(status="accepted"), name="one_accepted_offer_per_event"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} → {self.event}"

    @property
    def can_be_accepted(self) -> bool:
        """Not yet the accepted one, for an event that is not cancelled."""
        return self.status != self.Status.ACCEPTED and not self.event.is_cancelled


class Session(models.Model):
    """One line of the programme: a session, a round table, a break…"""

    class Kind(models.TextChoices):
        SESSION = "session", _("Session")
        OPENING = "opening", _("Opening")
        ROUND_TABLE = "round_table", _("Round table")
        BREAK = "break", _("Break")
        VISIT = "visit", _("Site visit")
        CLOSING = "closing", _("Conclusions")

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.SESSION)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    starts_at = models.DateTimeField(_("start"), null=True, blank=True)
    ends_at = models.DateTimeField(_("end"), null=True, blank=True)
    # A time split of a half-day the source gives only as a whole is shown as an estimate.
    times_estimated = models.BooleanField(
        _("times estimated"), default=False, help_text=_("Tick when the times are an estimate, still to be confirmed.")
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=SESSION_DESCRIPTION_LENGTH,
        validators=[MaxLengthValidator(SESSION_DESCRIPTION_LENGTH)],
    )

    objects = MultilingualManager()

    if TYPE_CHECKING:
        speakers: RelatedManager[SessionSpeaker]

    class Meta:
        ordering = ["event", "starts_at", "position", "pk"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(starts_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="session_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        strip_bidi_from(self, ("title", "title_en", "title_fr"))


class SessionSpeaker(models.Model):
    class Role(models.TextChoices):
        SPEAKER = "speaker", _("Speaker")
        MODERATOR = "moderator", _("Moderator")
        PANELLIST = "panellist", _("Round-table participant")

    ROLES_SAID_OF_A_WOMAN: ClassVar[dict[str, Promise]] = {
        Role.SPEAKER: pgettext_lazy("said of a woman", "Speaker"),
        Role.MODERATOR: pgettext_lazy("said of a woman", "Moderator"),
        Role.PANELLIST: pgettext_lazy("said of a woman", "Round-table participant"),
    }

    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="speakers")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="sessions")
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.SPEAKER)
    title_on_the_day = models.CharField(
        _("title on the day"),
        max_length=300,
        blank=True,
        help_text=_("As printed in the programme, e.g. “Governor of Phnom Penh”."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = MultilingualManager()

    class Meta:
        ordering = ["session", "position", "pk"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        constraints = [
            models.UniqueConstraint(fields=["session", "person", "role"], name="one_role_per_person_and_session")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.role_label})"

    @property
    def role_label(self) -> str:
        """The role as said of the person ("Modératrice" of a woman, in French)."""
        woman = self.person.gender == Person.Gender.WOMAN
        return label_said_of(self.Role, self.role, feminine=self.ROLES_SAID_OF_A_WOMAN, woman=woman)

    def clean(self) -> None:
        strip_bidi_from(self, ("title_on_the_day", "title_on_the_day_en", "title_on_the_day_fr"))


class Invitation(models.Model):
    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="invitations")
    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.CASCADE, related_name="invitations")
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)

    class Meta:
        ordering = ["member__country__code", "member__slug"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [models.UniqueConstraint(fields=["event", "member"], name="one_invitation_per_member")]

    def __str__(self) -> str:
        return f"{self.member} → {self.event}"


class Registration(models.Model):
    """A participant of an event: who, for which member, in which role, and whether they came."""

    class Role(models.TextChoices):
        DELEGATE = "delegate", _("Delegate")
        HEAD_OF_DELEGATION = "head", _("Head of delegation")
        SPEAKER = "speaker", _("Speaker")
        ORGANISER = "organiser", _("Organiser")
        PARTNER = "partner", _("Partner")
        OBSERVER = "observer", _("Observer")

    ROLES_SAID_OF_A_WOMAN: ClassVar[dict[str, Promise]] = {
        Role.DELEGATE: pgettext_lazy("said of a woman", "Delegate"),
        Role.HEAD_OF_DELEGATION: pgettext_lazy("said of a woman", "Head of delegation"),
        Role.SPEAKER: pgettext_lazy("said of a woman", "Speaker"),
        Role.ORGANISER: pgettext_lazy("said of a woman", "Organiser"),
        Role.OBSERVER: pgettext_lazy("said of a woman", "Observer"),
    }

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="registrations")
    member = models.ForeignKey(
        Member,
        verbose_name=_("delegation of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.DELEGATE)
    gender = models.CharField(_("gender"), max_length=12, choices=Person.Gender.choices, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registered by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)

    class Meta:
        ordering = ["member__slug", "person__name", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="one_registration_per_person")]

    def __str__(self) -> str:
        return f"{self.person} @ {self.event}"

    @property
    def role_label(self) -> str:
        """The role as said of the participant ("Déléguée" of a woman, in French)."""
        woman = (self.gender or self.person.gender) == Person.Gender.WOMAN
        return label_said_of(self.Role, self.role, feminine=self.ROLES_SAID_OF_A_WOMAN, woman=woman)


class FeedToken(models.Model):
    """The secret in a person's private calendar-feed addresses; resetting it retires the old ones."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="feed_token"
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_feed_token, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self) -> str:
        return str(self.user)
