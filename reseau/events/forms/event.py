"""Forms of the event pages: the list's filters, an event, an offer to host, one date of a series,
the minutes.

Dates and times are typed as the people at the event read them (local date, local time) and
combined here with the event's time zone into the aware datetimes the model stores.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reseau.core.forms import DateInput
from reseau.core.zones import zone_label
from reseau.events.models import Event
from reseau.events.recurrence import (
    WEEKS_OF_MONTH,
    Repeat,
    RepeatChoice,
    first_date_fits,
    repeat_of,
    rule_of,
)
from reseau.plans.forms import ActivitiesField
from reseau.plans.models import Activity
from reseau.projects.models import Project
from reseau.registry.models import Member, Network, Theme, validate_time_zone

# The zones of the network's places and of its secretariat, offered first in the zone chooser.
NETWORK_ZONES = ("Asia/Phnom_Penh", "Asia/Vientiane", "Asia/Ho_Chi_Minh", "Europe/Paris")
# The other zones, by region (the tz database's first word); aliases such as "US/Eastern" left out.
_REGIONS = {
    "Africa": _("Africa"),
    "America": _("Americas"),
    "Antarctica": _("Antarctica"),
    "Arctic": _("Arctic"),
    "Asia": _("Asia"),
    "Atlantic": _("Atlantic Ocean"),
    "Australia": _("Australia"),
    "Europe": _("Europe"),
    "Indian": _("Indian Ocean"),
    "Pacific": _("Pacific Ocean"),
}
SLUG_LENGTH = 80


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


def zone_choices(*, keep: str = "", now: datetime.datetime | None = None) -> list[tuple[Any, Any]]:
    """The time zones as people name them ("Phnom Penh time (UTC+7)"): the network's first, then
    the others by region; ``keep``, an event's current zone, is offered even when unusual."""
    now = now or timezone.now()
    regions: dict[str, list[tuple[str, str]]] = {region: [] for region in _REGIONS}
    others = [("UTC", zone_label("UTC", now))]
    for name in zoneinfo.available_timezones():
        region = name.split("/", 1)[0]
        if name in NETWORK_ZONES or name == "UTC":
            continue
        if "/" in name and region in regions:
            regions[region].append((name, zone_label(name, now)))
        elif name == keep:
            others.append((name, zone_label(name, now)))
    groups: list[tuple[Any, Any]] = [
        (_("The network's places"), [(name, zone_label(name, now)) for name in NETWORK_ZONES])
    ]
    for region, label in _REGIONS.items():
        groups.append((label, sorted(regions[region], key=lambda choice: (choice[1], choice[0]))))
    groups.append((_("Other zones"), others))
    return groups


def _weekday_choices() -> list[tuple[str, Any]]:
    days = (_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday"))
    return [("", _("The start date's weekday")), *((str(number), day) for number, day in enumerate(days))]


_WEEKS = {
    1: pgettext_lazy("week of the month", "first"),
    2: pgettext_lazy("week of the month", "second"),
    3: pgettext_lazy("week of the month", "third"),
    4: pgettext_lazy("week of the month", "fourth"),
    -1: pgettext_lazy("week of the month", "last"),
}


class ChecklistWidget(forms.CheckboxSelectMultiple):
    """Checkboxes (usable on a phone, unlike Ctrl-click lists); events/checklist.js adds a filter box."""

    def __init__(self) -> None:
        super().__init__(attrs={"class": "checklist", "data-filter-label": _("Filter the list")})


def unique_slug(title: str, *, taken: Iterable[str] = ()) -> str:
    """A web address from the title ("Réunion annuelle 2025" → "reunion-annuelle-2025"), unique."""
    base = slugify(title)[:SLUG_LENGTH].strip("-") or "event"
    used = set(taken) | set(Event.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in used:
        slug = f"{base}-{number}"
        number += 1
    return slug


def aware(day: datetime.date, time: datetime.time, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    """The moment a local date and time in ``zone`` stand for, in UTC (as the database gives it back)."""
    return datetime.datetime.combine(day, time, tzinfo=zone).astimezone(datetime.UTC)


class EventFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    member = forms.ChoiceField(label=_("Host member"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args: Any, themes: Iterable[Theme], members: Iterable[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everyone = [("", _("All"))]
        choices: dict[str, list[tuple[str, Any]]] = {
            "kind": list(Event.Kind.choices),
            "theme": [(theme.code, theme.name) for theme in themes],
            "member": [(member.slug, member.name) for member in members],
            "status": list(Event.Status.choices),
        }
        for name, options in choices.items():
            cast(forms.ChoiceField, self.fields[name]).choices = everyone + options

    def filter_values(self) -> dict[str, Any]:
        """The filters whose values are valid; one refused value does not cancel the others."""
        self.is_valid()
        return dict(getattr(self, "cleaned_data", {}))


class _ProjectsField(forms.ModelMultipleChoiceField[Project]):
    def label_from_instance(self, obj: Project) -> str:
        return obj.title


class _MembersField(forms.ModelChoiceField[Member]):
    show_network = False

    def label_from_instance(self, obj: Member) -> str:
        return f"{obj.name} ({obj.network})" if self.show_network else obj.name


# Errors the model finds on a stored datetime are shown on the date the user typed.
_SPLIT_FIELDS = {
    "starts_at": "start_date",
    "ends_at": "end_date",
    "registration_deadline": "deadline_date",
    "recurrence_rule": "repeats",
}


class EventForm(forms.ModelForm[Event]):
    """An event of a network. ``network`` None: the secretariat chooses it on the form."""

    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.none(), empty_label=None)
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DateInput())
    start_time = forms.TimeField(label=_("Start time"), required=False, widget=TimeInput())
    end_date = forms.DateField(
        label=_("End date"), required=False, widget=DateInput(), help_text=_("Leave empty for the same day.")
    )
    end_time = forms.TimeField(label=_("End time"), required=False, widget=TimeInput())
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        help_text=_("The time of the place where the event happens; dates and times above are in it."),
    )
    repeats = forms.ChoiceField(label=pgettext_lazy("event form", "Repeats"), required=False)
    repeat_weekday = forms.TypedChoiceField(
        label=_("On"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("For an event every week, every two weeks, or every month on a given weekday."),
    )
    repeat_week = forms.TypedChoiceField(
        label=_("Which week of the month"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("For an event every month on a given weekday, e.g. the first Thursday."),
    )
    repeat_day = forms.IntegerField(
        label=_("Day of the month"),
        required=False,
        min_value=1,
        max_value=31,
        help_text=_("For an event every month on the same day; empty: the start date's day."),
    )
    deadline_date = forms.DateField(label=_("Registration deadline (date)"), required=False, widget=DateInput())
    deadline_time = forms.TimeField(
        label=_("Registration deadline (time)"),
        required=False,
        widget=TimeInput(),
        help_text=_("In the event's time zone; leave empty for the end of the day."),
    )

    class Meta:
        model = Event
        fields = [
            "kind",
            "status",
            "visibility",
            "title_en",
            "title_fr",
            "all_day",
            "month_only",
            "schedule_to_be_confirmed",
            "time_zone",
            "date_note",
            "venue",
            "city",
            "country",
            "online_url",
            "organiser",
            "host_member",
            "themes",
            "activities",
            "projects",
            "capacity",
            "description_en",
            "description_fr",
        ]
        field_classes = {"host_member": _MembersField, "activities": ActivitiesField, "projects": _ProjectsField}
        labels = {
            "title_en": _("Title in English"),
            "title_fr": _("Title in French"),
            "description_en": _("Description in English"),
            "description_fr": _("Description in French"),
        }
        widgets = {
            "themes": forms.CheckboxSelectMultiple(),
            "activities": ChecklistWidget(),
            "projects": ChecklistWidget(),
            "description_en": forms.Textarea(attrs={"rows": 5}),
            "description_fr": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "visibility": _("Public events are shown to visitors who are not signed in."),
            "host_member": _("The member receiving the meeting."),
            "activities": _("The plan activities it carries out; tick as many as apply."),
            "projects": _("Tick as many as apply."),
        }

    field_order = [
        "network",
        "kind",
        "status",
        "visibility",
        "title_en",
        "title_fr",
        "start_date",
        "start_time",
        "end_date",
        "end_time",
        "all_day",
        "month_only",
        "schedule_to_be_confirmed",
        "time_zone",
        "date_note",
        "repeats",
        "repeat_weekday",
        "repeat_week",
        "repeat_day",
    ]

    def __init__(self, *args: Any, network: Network | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title_en"].required = True
        self.fixed_network = network
        host = cast(_MembersField, self.fields["host_member"])
        activities = cast(ActivitiesField, self.fields["activities"])
        projects = cast(_ProjectsField, self.fields["projects"])
        members = Member.objects.select_related("network").order_by("network__position", "search_text", "pk")
        plan_activities = Activity.objects.select_related("plan").order_by(
            "-plan__starts_on", "plan__code", "number", "pk"
        )
        network_projects = Project.objects.order_by("code")
        if network is None:
            cast("forms.ModelChoiceField[Network]", self.fields["network"]).queryset = Network.objects.all()
            host.show_network = True
        else:
            del self.fields["network"]
            members = members.filter(network=network)
            plan_activities = plan_activities.filter(plan__network=network)
            network_projects = network_projects.filter(network=network)
        host.queryset = members
        host.empty_label = _("No host member")
        activities.queryset = plan_activities
        projects.queryset = network_projects
        if self.instance.pk:
            self._initial_times(self.instance)
        elif network is not None:
            self.initial.setdefault("time_zone", network.time_zone)
        zone = cast(forms.ChoiceField, self.fields["time_zone"])
        zone.choices = zone_choices(keep=self.instance.time_zone if self.instance.pk else "")
        self.stored_repeat = repeat_of(self.instance.recurrence_rule if self.instance.pk else "")
        self._repeat_fields(self.stored_repeat)

    def _repeat_fields(self, stored: RepeatChoice) -> None:
        """The chooser, set to the stored rule; a rule it cannot say is kept as it is."""
        choices: list[tuple[str, Any]] = [
            (Repeat.NONE, _("Does not repeat")),
            (Repeat.WEEKLY, _("Every week")),
            (Repeat.FORTNIGHTLY, _("Every two weeks")),
            (Repeat.MONTHLY_WEEKDAY, _("Every month on a given weekday (e.g. the first Thursday)")),
            (Repeat.MONTHLY_DAY, _("Every month on the same day")),
            (Repeat.YEARLY, _("Every year on the same date")),
        ]
        if stored.repeat == Repeat.CUSTOM:
            choices.append((Repeat.CUSTOM, _("Custom rule (kept)")))
            self.fields["repeats"].help_text = _(
                "This event repeats by a rule the chooser cannot show (%(rule)s); it is kept unless you choose another."
            ) % {"rule": self.instance.recurrence_rule}
        cast(forms.ChoiceField, self.fields["repeats"]).choices = choices
        cast(forms.ChoiceField, self.fields["repeat_weekday"]).choices = _weekday_choices()
        cast(forms.ChoiceField, self.fields["repeat_week"]).choices = [
            ("", _("The start date's week")),
            *((str(week), _WEEKS[week]) for week in WEEKS_OF_MONTH),
        ]
        self.initial.setdefault("repeats", stored.repeat)
        parts = {"repeat_weekday": stored.weekday, "repeat_week": stored.week, "repeat_day": stored.day}
        for name, value in parts.items():
            if value is not None:
                self.initial.setdefault(name, value)

    def _initial_times(self, event: Event) -> None:
        start, end = event.local_start, event.local_end
        if start is not None:
            self.initial.setdefault("start_date", start.date())
            if not event.all_day:
                self.initial.setdefault("start_time", start.time())
        if end is not None:
            if event.all_day:
                self.initial.setdefault("end_date", event.last_day(end))
            else:
                self.initial.setdefault("end_date", end.date())
                self.initial.setdefault("end_time", end.time())
        if event.registration_deadline is not None:
            deadline = event.registration_deadline.astimezone(event.zone)
            self.initial.setdefault("deadline_date", deadline.date())
            self.initial.setdefault("deadline_time", deadline.time())

    def clean_time_zone(self) -> str:
        value = (self.cleaned_data.get("time_zone") or "").strip()
        validate_time_zone(value)
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        zone_name = cleaned.get("time_zone")
        if zone_name:
            self._combine(cleaned, zoneinfo.ZoneInfo(zone_name))
        self._repeat_rule(cleaned)
        network = self.fixed_network or cleaned.get("network")
        if network is not None and self.fixed_network is None:
            self._check_network(network, cleaned)
        return cleaned

    def _combine(self, cleaned: dict[str, Any], zone: zoneinfo.ZoneInfo) -> None:
        all_day = bool(cleaned.get("all_day"))
        start_date, start_time = cleaned.get("start_date"), cleaned.get("start_time")
        end_date, end_time = cleaned.get("end_date"), cleaned.get("end_time")
        starts_at = ends_at = None
        if start_date is None:
            if {"start_date", "start_time"} & set(self.errors):
                return
            if Event.Status.needs_a_date(cleaned.get("status")):
                self.add_error("start_date", _("Give the start, or set the status to “Date to be fixed”."))
            elif end_date or end_time:
                self.add_error("start_date", _("Give the start date as well as the end."))
        elif all_day:
            starts_at = aware(start_date, datetime.time(0, 0), zone)
            ends_at = aware((end_date or start_date) + datetime.timedelta(days=1), datetime.time(0, 0), zone)
        elif start_time is None:
            self.add_error("start_time", _("Give the start time, or tick “All day”."))
        else:
            starts_at = aware(start_date, start_time, zone)
            if end_time is not None:
                ends_at = aware(end_date or start_date, end_time, zone)
            elif end_date is not None:
                self.add_error("end_time", _("Give the end time."))
        if starts_at and ends_at and ends_at < starts_at:
            self.add_error("end_date", _("The end cannot be before the start."))
        deadline = None
        if cleaned.get("deadline_date"):
            deadline = aware(cleaned["deadline_date"], cleaned.get("deadline_time") or datetime.time(23, 59), zone)
        cleaned.update(starts_at=starts_at, ends_at=ends_at, registration_deadline=deadline)
        # The model's own checks (a repeat rule needs a start…) read them from the instance.
        self.instance.starts_at, self.instance.ends_at = starts_at, ends_at
        self.instance.registration_deadline = deadline

    def _repeat_rule(self, cleaned: dict[str, Any]) -> None:
        """The RRULE the chooser stands for (the app writes it); the stored one when unchanged."""
        chosen = RepeatChoice(
            cleaned.get("repeats") or Repeat.NONE,
            weekday=cleaned.get("repeat_weekday"),
            week=cleaned.get("repeat_week"),
            day=cleaned.get("repeat_day"),
        )
        stored_rule = self.instance.recurrence_rule if self.instance.pk else ""
        starts_at = cleaned.get("starts_at")
        if chosen.repeat == Repeat.CUSTOM:
            rule = stored_rule
        elif chosen.repeat == Repeat.NONE:
            rule = ""
        elif starts_at is None:
            if not {"start_date", "start_time", "time_zone"} & set(self.errors):
                self.add_error("repeats", _("A repeating event needs the start of its first occurrence."))
            return
        else:
            first = starts_at.astimezone(zoneinfo.ZoneInfo(cleaned["time_zone"])).date()
            if not first_date_fits(chosen, first):
                self.add_error(
                    "repeats", _("The start date is not one of these dates: change the start date or the choice.")
                )
                return
            rule = stored_rule if stored_rule and self._same_as_stored(chosen) else rule_of(chosen, first)
        cleaned["recurrence_rule"] = rule
        self.instance.recurrence_rule = rule

    def _same_as_stored(self, chosen: RepeatChoice) -> bool:
        """The chooser left as it showed the stored rule (its text is then kept as it was)."""
        stored = self.stored_repeat
        return chosen.repeat == stored.repeat and all(
            getattr(chosen, part) in (None, getattr(stored, part)) for part in ("weekday", "week", "day")
        )

    def _check_network(self, network: Network, cleaned: dict[str, Any]) -> None:
        host: Member | None = cleaned.get("host_member")
        if host is not None and host.network_id != network.pk:
            self.add_error("host_member", _("Choose a member of the chosen network."))
        chosen_activities = cleaned.get("activities")
        if chosen_activities is not None and any(a.plan.network_id != network.pk for a in chosen_activities):
            self.add_error("activities", _("Choose activities of the chosen network's plans."))
        chosen_projects = cleaned.get("projects")
        if chosen_projects is not None and any(p.network_id != network.pk for p in chosen_projects):
            self.add_error("projects", _("Choose projects of the chosen network."))

    def _update_errors(self, errors: ValidationError) -> None:
        """The model's errors on the fields the user typed; one the form already gave is not repeated."""
        if hasattr(errors, "error_dict"):
            renamed: dict[str, list[ValidationError]] = {}
            for name, found in errors.error_dict.items():
                field = _SPLIT_FIELDS.get(name, name)
                shown = set(self.errors.get(field, []))
                renamed[field] = [error for error in found if not shown & set(error.messages)]
            errors = ValidationError({name: found for name, found in renamed.items() if found})
            if not errors.error_dict:
                return
        super()._update_errors(errors)  # type: ignore[misc]

    def chosen_network(self) -> Network:
        return self.fixed_network or self.cleaned_data["network"]

    def service_data(self) -> dict[str, Any]:
        """What the services write: the model fields of the form and the combined times."""
        data = {name: self.cleaned_data[name] for name in self._meta.fields or [] if name in self.cleaned_data}
        for name in ("starts_at", "ends_at", "registration_deadline"):
            data[name] = self.cleaned_data.get(name)
        data["recurrence_rule"] = self.cleaned_data.get("recurrence_rule", self.instance.recurrence_rule)
        if not self.instance.pk:
            data["slug"] = unique_slug(self.cleaned_data.get("title_en") or self.cleaned_data.get("title_fr") or "")
        return data


class HostingOfferForm(forms.Form):
    member = _MembersField(label=_("Member offering to host"), queryset=Member.objects.none())
    message = forms.CharField(
        label=_("Message"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example the venue you propose, or the dates that suit you."),
    )

    def __init__(self, *args: Any, members: Any | None, **kwargs: Any) -> None:
        """``members`` None: a focal point offers for its own member, no choice."""
        super().__init__(*args, **kwargs)
        if members is None:
            del self.fields["member"]
        else:
            cast(_MembersField, self.fields["member"]).queryset = members


class OccurrenceForm(forms.Form):
    MOVE, CANCEL = "move", "cancel"
    action = forms.ChoiceField(
        label=_("What to do with this date"),
        choices=[(MOVE, _("Move it to another date or time")), (CANCEL, _("Cancel this date only"))],
        widget=forms.RadioSelect,
        initial=MOVE,
    )
    date = forms.DateField(label=_("New date"), required=False, widget=DateInput())
    start_time = forms.TimeField(label=_("New start time"), required=False, widget=TimeInput())
    end_time = forms.TimeField(label=_("New end time"), required=False, widget=TimeInput())

    def __init__(
        self,
        *args: Any,
        series: Event,
        starts_at: datetime.datetime,
        ends_at: datetime.datetime | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.series = series
        self.duration = (ends_at - starts_at) if ends_at else None
        start = starts_at.astimezone(series.zone)
        self.initial.setdefault("date", start.date())
        if series.all_day:
            del self.fields["start_time"], self.fields["end_time"]
        else:
            self.initial.setdefault("start_time", start.time())
            if ends_at is not None:
                self.initial.setdefault("end_time", ends_at.astimezone(series.zone).time())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("action") != self.MOVE:
            return cleaned
        day = cleaned.get("date")
        if day is None:
            if "date" not in self.errors:
                self.add_error("date", _("Give the new date."))
            return cleaned
        zone = self.series.zone
        if self.series.all_day:
            starts_at = aware(day, datetime.time(0, 0), zone)
            ends_at = starts_at + self.duration if self.duration is not None else None
        else:
            start_time, end_time = cleaned.get("start_time"), cleaned.get("end_time")
            if start_time is None:
                if "start_time" not in self.errors:
                    self.add_error("start_time", _("Give the new start time."))
                return cleaned
            starts_at = aware(day, start_time, zone)
            if end_time is not None:
                ends_at = aware(day, end_time, zone)
            else:
                ends_at = starts_at + self.duration if self.duration is not None else None
            if ends_at is not None and ends_at < starts_at:
                self.add_error("end_time", _("The end cannot be before the start."))
        cleaned.update(starts_at=starts_at, ends_at=ends_at)
        return cleaned


class MinutesForm(forms.ModelForm[Event]):
    class Meta:
        model = Event
        fields = ["minutes_en", "minutes_fr"]
        labels = {"minutes_en": _("Minutes in English"), "minutes_fr": _("Minutes in French")}
        widgets = {
            "minutes_en": forms.Textarea(attrs={"rows": 14}),
            "minutes_fr": forms.Textarea(attrs={"rows": 14}),
        }
        help_texts = {
            "minutes_en": _(
                "What was said and agreed. Record decisions and action items separately, below the minutes."
            ),
        }
