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
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from reseau.core.forms import DateInput
from reseau.events.models import Event
from reseau.plans.forms import ActivitiesField
from reseau.plans.models import Activity
from reseau.projects.models import Project
from reseau.registry.models import Member, Network, Theme, validate_time_zone

# Django's form classes are generic for the type checker only (not subscriptable at run time).
# Offered first when typing a time zone; any zone of the tz database is accepted.
COMMON_ZONES = (
    "Asia/Phnom_Penh",
    "Asia/Vientiane",
    "Asia/Ho_Chi_Minh",
    "Asia/Bangkok",
    "Europe/Paris",
    "Africa/Tunis",
    "Africa/Dakar",
    "Indian/Antananarivo",
    "UTC",
)
SLUG_LENGTH = 80


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


class ZoneInput(forms.TextInput):
    """A text box suggesting the usual zones (a <datalist>), without sending 600 of them to a phone."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(attrs={"list": "time-zones", "autocomplete": "off", "spellcheck": "false"}, **kwargs)

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> Any:
        box = super().render(name, value, attrs, renderer)
        options = format_html_join("", '<option value="{}">', ((zone,) for zone in COMMON_ZONES))
        return format_html('{}<datalist id="time-zones">{}</datalist>', box, options)


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
        return f"{obj.code} — {obj.title}"


class _MembersField(forms.ModelChoiceField[Member]):
    show_network = False

    def label_from_instance(self, obj: Member) -> str:
        return f"{obj.name} ({obj.network})" if self.show_network else obj.name


# Errors the model finds on a stored datetime are shown on the date the user typed.
_SPLIT_FIELDS = {"starts_at": "start_date", "ends_at": "end_date", "registration_deadline": "deadline_date"}


class EventForm(forms.ModelForm[Event]):
    """An event of a network. ``network`` None: the secretariat chooses it on the form."""

    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.none(), empty_label=None)
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DateInput())
    start_time = forms.TimeField(label=_("Start time"), required=False, widget=TimeInput())
    end_date = forms.DateField(
        label=_("End date"), required=False, widget=DateInput(), help_text=_("Leave empty for the same day.")
    )
    end_time = forms.TimeField(label=_("End time"), required=False, widget=TimeInput())
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
            "time_zone",
            "date_note",
            "recurrence_rule",
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
            "time_zone": ZoneInput(),
            "themes": forms.CheckboxSelectMultiple(),
            "description_en": forms.Textarea(attrs={"rows": 5}),
            "description_fr": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "time_zone": _(
                "Where the event happens, e.g. Asia/Phnom_Penh, Asia/Ho_Chi_Minh, Europe/Paris. "
                "Dates and times above are in this zone."
            ),
            "visibility": _("Public events are shown to visitors who are not signed in."),
            "host_member": _("The member receiving the meeting."),
            "activities": _("The plan activities it carries out. Hold Ctrl (Cmd on a Mac) to choose several."),
            "projects": _("Hold Ctrl (Cmd on a Mac) to choose several."),
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
        "time_zone",
        "date_note",
        "recurrence_rule",
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
        activities.widget.attrs["size"] = 8
        projects.queryset = network_projects
        if self.instance.pk:
            self._initial_times(self.instance)
        elif network is not None:
            self.initial.setdefault("time_zone", network.time_zone)

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
        if hasattr(errors, "error_dict"):
            errors = ValidationError(
                {_SPLIT_FIELDS.get(name, name): messages for name, messages in errors.error_dict.items()}
            )
        super()._update_errors(errors)  # type: ignore[misc]

    def chosen_network(self) -> Network:
        return self.fixed_network or self.cleaned_data["network"]

    def service_data(self) -> dict[str, Any]:
        """What the services write: the model fields of the form and the combined times."""
        data = {name: self.cleaned_data[name] for name in self._meta.fields or [] if name in self.cleaned_data}
        for name in ("starts_at", "ends_at", "registration_deadline"):
            data[name] = self.cleaned_data.get(name)
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
