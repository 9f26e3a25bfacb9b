"""Forms of the programme: one item of the agenda, and a speaker of it.

Times are typed in the event's own zone ("8:00" in Phnom Penh) and stored in UTC.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reseau.core.forms import DateInput
from reseau.events.forms.event import TimeInput, aware
from reseau.events.models import Event, Session, SessionSpeaker
from reseau.registry.models import Network, Person


# Django's form classes are generic for the type checker only (not subscriptable at run time).
def people_of(network: Network) -> Q:
    """The people of a network's members, and those working for no member (the secretariat, guests)."""
    return Q(member__network=network) | Q(member__isnull=True)


class SessionForm(forms.ModelForm[Session]):
    day = forms.DateField(
        label=_("Day"), required=False, widget=DateInput(), help_text=_("Leave empty for the first day of the event.")
    )
    start_time = forms.TimeField(label=_("Start time"), required=False, widget=TimeInput())
    end_time = forms.TimeField(label=_("End time"), required=False, widget=TimeInput())

    class Meta:
        model = Session
        fields = ["kind", "title_en", "title_fr", "description_en", "description_fr", "position", "times_estimated"]
        labels = {
            "title_en": _("Title in English"),
            "title_fr": _("Title in French"),
            "description_en": _("Description in English"),
            "description_fr": _("Description in French"),
        }
        widgets = {
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "description_fr": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"position": _("Orders items that start at the same time.")}

    field_order = ["kind", "day", "start_time", "end_time", "title_en", "title_fr"]

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["title_en"].required = True
        self.fields["start_time"].help_text = _("In the event's time zone: %(zone)s.") % {"zone": event.time_zone}
        session = self.instance
        if session.pk and session.starts_at is not None:
            start = session.starts_at.astimezone(event.zone)
            self.initial.setdefault("day", start.date())
            self.initial.setdefault("start_time", start.time())
        elif event.local_start is not None:
            self.initial.setdefault("day", event.local_start.date())
        if session.pk and session.ends_at is not None:
            self.initial.setdefault("end_time", session.ends_at.astimezone(self.event.zone).time())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day = cleaned.get("day") or (self.event.local_start.date() if self.event.local_start else None)
        start_time, end_time = cleaned.get("start_time"), cleaned.get("end_time")
        starts_at = ends_at = None
        if start_time is not None or end_time is not None:
            if day is None:
                self.add_error("day", _("Give the day: the event has no date yet."))
                return cleaned
            if start_time is None:
                self.add_error("start_time", _("Give the start time as well as the end."))
                return cleaned
            starts_at = aware(day, start_time, self.event.zone)
            if end_time is not None:
                ends_at = aware(day, end_time, self.event.zone)
                if ends_at < starts_at:
                    self.add_error("end_time", _("The end cannot be before the start."))
        cleaned.update(starts_at=starts_at, ends_at=ends_at)
        return cleaned

    def service_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self._meta.fields or [] if name in self.cleaned_data}
        data["starts_at"] = self.cleaned_data.get("starts_at")
        data["ends_at"] = self.cleaned_data.get("ends_at")
        return data


class _PersonField(forms.ModelChoiceField[Person]):
    def label_from_instance(self, obj: Person) -> str:
        label = obj.name
        if obj.name_local:
            label = f"{label} ({obj.name_local})"
        if obj.member_id and obj.member:
            label = f"{label} — {obj.member.name}"
        elif obj.organisation:
            label = f"{label} — {obj.organisation}"
        return label


class SpeakerForm(forms.ModelForm[SessionSpeaker]):
    class Meta:
        model = SessionSpeaker
        fields = ["person", "role", "title_on_the_day_en", "title_on_the_day_fr", "position"]
        field_classes = {"person": _PersonField}
        labels = {
            "title_on_the_day_en": _("Title on the day, in English"),
            "title_on_the_day_fr": _("Title on the day, in French"),
        }
        help_texts = {
            "title_on_the_day_en": _("As printed in the programme, e.g. “Governor of Phnom Penh”."),
            "title_on_the_day_fr": _("For example « Gouverneur de Phnom Penh »."),
            "person": _("Someone missing? Add them to their member's page in the registry first."),
        }

    def __init__(self, *args: Any, session: Session, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.session = session
        person = cast(_PersonField, self.fields["person"])
        person.queryset = (
            Person.objects.filter(people_of(session.event.network)).select_related("member").order_by("name", "pk")
        )
        self.fields["position"].initial = session.speakers.count() + 1

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        person, role = cleaned.get("person"), cleaned.get("role")
        if person is not None and role and self.session.speakers.filter(person=person, role=role).exists():
            self.add_error(
                "person",
                _("%(name)s already has this role in this item.") % {"name": person.name},
            )
        return cleaned
