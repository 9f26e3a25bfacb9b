"""Forms of the decisions register: its filters, a decision or action item, a follow-up note."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from reseau.core.forms import DateInput
from reseau.decisions.models import Decision, DecisionNote
from reseau.decisions.selectors import PENDING
from reseau.events.models import Event
from reseau.plans.forms import ActivitiesField
from reseau.plans.models import Activity
from reseau.registry.models import Member, Network, Person


class DecisionFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False)
    member = forms.ChoiceField(label=_("Owner (member)"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args: Any, members: Iterable[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everyone = [("", _("All"))]
        choices: dict[str, list[tuple[str, Any]]] = {
            "status": [(PENDING, _("Open or in progress")), *Decision.Status.choices],
            "kind": list(Decision.Kind.choices),
            "member": [(member.slug, member.name) for member in members],
        }
        for name, options in choices.items():
            cast(forms.ChoiceField, self.fields[name]).choices = everyone + options

    def filter_values(self) -> dict[str, Any]:
        """The filters whose values are valid; one refused value does not cancel the others."""
        self.is_valid()
        return dict(getattr(self, "cleaned_data", {}))


def _person_label(person: Person) -> str:
    label = f"{person.name} — {person.title}" if person.title else person.name
    return f"{label} ({person.member.name})" if person.member_id and person.member else label


def _member_label(member: Member, *, show_network: bool) -> str:
    return f"{member.name} ({member.network})" if show_network else member.name


class _OwnerPersonField(forms.ModelChoiceField[Person]):
    """Its queryset selects the member, so labels cost no query."""

    def label_from_instance(self, obj: Person) -> str:
        return _person_label(obj)


class _EventField(forms.ModelChoiceField[Event]):
    """Meetings listed by their local date, newest first."""

    def label_from_instance(self, obj: Event) -> str:
        start = obj.local_start
        title = Truncator(obj.title).chars(90)
        return f"{start:%Y-%m-%d} — {title}" if start else title


class _OwnerMemberField(forms.ModelChoiceField[Member]):
    show_network = False

    def label_from_instance(self, obj: Member) -> str:
        return _member_label(obj, show_network=self.show_network)


class DecisionForm(forms.ModelForm[Decision]):
    """A decision or action item of a network.

    With ``network`` given (the coordinator's network, or the network of the item being
    edited) the choices are that network's; without it (the secretariat recording an item),
    the network is a field and what is chosen is checked against it.
    """

    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.none(), empty_label=None)

    class Meta:
        model = Decision
        fields = [
            "kind",
            "title_en",
            "title_fr",
            "event",
            "meeting",
            "meeting_date",
            "owner_person",
            "owner_member",
            "due_date",
            "status",
            "activities",
        ]
        field_classes = {
            "owner_person": _OwnerPersonField,
            "owner_member": _OwnerMemberField,
            "activities": ActivitiesField,
            "event": _EventField,
        }
        labels = {
            "title_en": _("Decision or action, in English"),
            "title_fr": _("Decision or action, in French"),
        }
        widgets = {
            "title_en": forms.Textarea(attrs={"rows": 3}),
            "title_fr": forms.Textarea(attrs={"rows": 3}),
            "meeting_date": DateInput(),
            "due_date": DateInput(),
        }
        help_texts = {
            "kind": _("A decision records what the meeting agreed; an action item is something to do, by someone."),
            "event": _("The meeting in the calendar where it was decided, if it is there."),
            "meeting": _("The meeting that took it, for example “Annual meeting 2025, Huế”."),
            "owner_person": _(
                "Who answers for it: a person of the registry, a member, or both. "
                "An action item needs at least one of the two."
            ),
            "owner_member": _(
                "When a member owns it, its focal point sees it on their home page and can add follow-up notes."
            ),
            "activities": _("The plan activities it concerns. Hold Ctrl (Cmd on a Mac) to choose several."),
        }

    def __init__(self, *args: Any, network: Network | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title_en"].required = True
        self.fixed_network = network
        person = cast(_OwnerPersonField, self.fields["owner_person"])
        member = cast(_OwnerMemberField, self.fields["owner_member"])
        activities = cast(ActivitiesField, self.fields["activities"])
        events = Event.objects.filter(series__isnull=True).order_by(F("starts_at").desc(nulls_last=True), "pk")
        people = Person.objects.select_related("member").order_by("name", "pk")
        members = Member.objects.select_related("network").order_by("network__position", "search_text", "pk")
        plan_activities = Activity.objects.select_related("plan").order_by(
            "-plan__starts_on", "plan__code", "number", "pk"
        )
        if network is None:
            cast("forms.ModelChoiceField[Network]", self.fields["network"]).queryset = Network.objects.all()
            member.show_network = True
            self.order_fields(["network"])
        else:
            del self.fields["network"]
            people = people.filter(Q(member__network=network) | Q(member__isnull=True))
            members = members.filter(network=network)
            plan_activities = plan_activities.filter(plan__network=network)
            events = events.filter(network=network)
        if "event" in self.fields:  # a decision written from the event's page has it already
            event = cast(_EventField, self.fields["event"])
            event.queryset = events
            event.empty_label = _("Not in the calendar")
        person.queryset = people
        person.empty_label = _("Nobody")
        member.queryset = members
        member.empty_label = _("No member")
        activities.queryset = plan_activities
        activities.widget.attrs["size"] = 8

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("kind") == Decision.Kind.ACTION
            and not cleaned.get("owner_person")
            and not cleaned.get("owner_member")
            and not {"owner_person", "owner_member"} & set(self.errors)
        ):
            self.add_error("owner_person", _("Give the action item an owner: a person or a member."))
        meeting_date, due_date = cleaned.get("meeting_date"), cleaned.get("due_date")
        if meeting_date and due_date and due_date < meeting_date:
            self.add_error("due_date", _("The due date cannot be before the meeting date."))
        network = self.fixed_network or cleaned.get("network")
        if network is not None and self.fixed_network is None:
            self._check_network(network, cleaned)
        return cleaned

    def _check_network(self, network: Network, cleaned: dict[str, Any]) -> None:
        """The secretariat chose the network: the owners and activities must belong to it."""
        person: Person | None = cleaned.get("owner_person")
        if person is not None and person.member is not None and person.member.network_id != network.pk:
            self.add_error(
                "owner_person",
                _("Choose a person of one of the chosen network's members, or one who works for no member."),
            )
        member: Member | None = cleaned.get("owner_member")
        if member is not None and member.network_id != network.pk:
            self.add_error("owner_member", _("Choose a member of the chosen network."))
        activities: QuerySet[Activity] | None = cleaned.get("activities")
        if activities is not None and any(a.plan.network_id != network.pk for a in activities):
            self.add_error("activities", _("Choose activities of the chosen network's plans."))
        event: Event | None = cleaned.get("event")
        if event is not None and event.network_id != network.pk:
            self.add_error("event", _("Choose a meeting of the chosen network."))

    def service_data(self) -> dict[str, Any]:
        """What the services write: the model fields of the form."""
        return {name: self.cleaned_data[name] for name in self._meta.fields or [] if name in self.cleaned_data}


class DecisionNoteForm(forms.ModelForm[DecisionNote]):
    class Meta:
        model = DecisionNote
        fields = ["date", "text"]
        widgets = {"date": DateInput(), "text": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "date": _("The date of the news the note reports."),
            "text": _("Where things stand: what was done, what is blocking, what comes next."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].required = True
        self.initial.setdefault("date", timezone.localdate())

    def clean_date(self) -> Any:
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return date


class EventDecisionForm(DecisionForm):
    """A decision or action item taken at the meeting: the meeting and its date come from the event."""

    class Meta(DecisionForm.Meta):
        fields = ["kind", "title_en", "title_fr", "owner_person", "owner_member", "due_date", "activities"]
