from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reseau.accounts.models import User
from reseau.core.forms import DateInput
from reseau.partners import access
from reseau.partners.models import (
    Interaction,
    MemberNeed,
    NeedKind,
    NeedStatus,
    Organisation,
    OrganisationContact,
    Relationship,
    Stage,
)
from reseau.partners.selectors import organisation_duplicates
from reseau.registry.models import Member, Network, Person, Theme


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Type"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, *args: Any, themes: list[Theme], show_stages: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everyone = [("", _("All"))]
        choices: dict[str, list[tuple[str, Any]]] = {
            "kind": list(Organisation.Kind.choices),
            "stage": list(Stage.choices),
            "theme": [(theme.code, theme.name) for theme in themes],
        }
        for name, options in choices.items():
            cast(forms.ChoiceField, self.fields[name]).choices = everyone + options
        if not show_stages:
            del self.fields["stage"]


class OrganisationForm(forms.ModelForm[Organisation]):
    """An organisation's names, scope and themes. Warns before creating a duplicate."""

    confirm_not_duplicate = forms.BooleanField(
        label=_("This is a different organisation: save it anyway"),
        required=False,
        # Shown only once a similar organisation has been found (see clean()).
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Organisation
        fields = [
            "name_en",
            "name_fr",
            "acronym",
            "kind",
            "countries",
            "region_en",
            "region_fr",
            "website",
            "themes",
            "notes",
            "shared_with_partners",
        ]
        labels = {
            "name_en": _("Name in English"),
            "name_fr": _("Name in French"),
            "region_en": _("Region covered, in English"),
            "region_fr": _("Region covered, in French"),
        }
        help_texts = {
            "acronym": _("For example AFD, ADB, AUF."),
            "notes": _("What the network should know about this organisation: priorities, procedures, people."),
        }
        widgets = {
            "countries": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name_en"].required = True
        self.duplicates: list[Organisation] = []

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        names_changed = self.instance.pk is None or {"name_en", "name_fr", "acronym"} & set(self.changed_data)
        if not names_changed:
            return cleaned
        names = [cleaned.get("name_en") or "", cleaned.get("name_fr") or "", cleaned.get("acronym") or ""]
        self.duplicates = list(organisation_duplicates(names=names, exclude_pk=self.instance.pk))
        if self.duplicates:
            self.fields["confirm_not_duplicate"].widget = forms.CheckboxInput()
            if not cleaned.get("confirm_not_duplicate"):
                self.add_error(
                    "confirm_not_duplicate",
                    _("Tick this box if the organisation listed above is a different one."),
                )
        return cleaned


class _PersonChoiceField(forms.ModelChoiceField[Person]):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name} — {obj.title}" if obj.title else obj.name


class _PeopleChoiceField(forms.ModelMultipleChoiceField[Person]):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name} — {obj.title}" if obj.title else obj.name


class _OurPeopleChoiceField(_PeopleChoiceField):
    """People of the network's members (named after their member) and of the AIMF.
    Its queryset selects the member, so labels cost no query."""

    def label_from_instance(self, obj: Any) -> str:
        label = super().label_from_instance(obj)
        return f"{label} ({obj.member.name})" if obj.member_id else label


class ContactForm(forms.ModelForm[OrganisationContact]):
    class Meta:
        model = OrganisationContact
        fields = ["person", "role"]
        field_classes = {"person": _PersonChoiceField}
        help_texts = {"role": _("For example “Head of the urban development unit”.")}

    def __init__(self, *args: Any, organisation: Organisation, people: QuerySet[Person], **kwargs: Any) -> None:
        """``people`` are those the reader may see (``registry.access.people_visible_to``): a
        person chosen outside it is refused as an invalid choice."""
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        field = cast(_PersonChoiceField, self.fields["person"])
        field.queryset = people.order_by("name", "pk")
        field.empty_label = _("Choose a person")
        field.help_text = _("Someone missing? Add them to the registry first.")

    def clean_person(self) -> Person:
        person: Person = self.cleaned_data["person"]
        if OrganisationContact.objects.filter(organisation=self.organisation, person=person).exists():
            raise forms.ValidationError(_("This person is already a contact of this organisation."))
        return person


class StageForm(forms.Form):
    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.none(), empty_label=None)
    stage = forms.ChoiceField(label=_("New stage"), choices=Stage.choices)
    on = forms.DateField(label=_("Date"), widget=DateInput())
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Say why, in a sentence: those who come after you will read it. "
            "Especially useful when a relationship becomes dormant."
        ),
    )

    def __init__(self, *args: Any, organisation: Organisation, network: Network | None, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fixed_network = network
        if network is None:
            cast("forms.ModelChoiceField[Network]", self.fields["network"]).queryset = Network.objects.all()
        else:
            del self.fields["network"]

    def clean_on(self) -> Any:
        on = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return on

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        network = self.fixed_network or cleaned.get("network")
        stage = cleaned.get("stage")
        if network is not None and stage:
            cleaned["network"] = network
            current = Relationship.objects.filter(organisation=self.organisation, network=network).first()
            if current is not None and current.stage == stage:
                self.add_error("stage", _("The relationship is already at this stage."))
        return cleaned


# An interaction reads the same with an organisation and with a member; only who is on each side differs.
INTERACTION_FIELDS = [
    "kind",
    "date",
    "summary",
    "our_people",
    "their_people",
    "next_step",
    "next_step_owner",
    "next_step_due",
]
INTERACTION_FIELD_CLASSES = {"our_people": _OurPeopleChoiceField, "their_people": _PeopleChoiceField}
INTERACTION_WIDGETS = {
    "date": DateInput(),
    "next_step_due": DateInput(),
    "summary": forms.Textarea(attrs={"rows": 5}),
    "their_people": forms.CheckboxSelectMultiple,
}


class InteractionForm(forms.ModelForm[Interaction]):
    """One meeting, letter, email, call or encounter, with its next step.

    With ``network`` given (a coordinator's own network, fixed), "our side" lists
    that network's people and the AIMF's; without it (the secretariat), the
    network is a field and the people chosen are checked against it.
    """

    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.none(), empty_label=None)

    class Meta:
        model = Interaction
        fields = INTERACTION_FIELDS
        field_classes = INTERACTION_FIELD_CLASSES
        widgets = INTERACTION_WIDGETS
        help_texts = {
            "our_people": _(
                "People of the network's members and of the AIMF who took part. "
                "Hold Ctrl (Cmd on a Mac) to choose several."
            ),
            "their_people": _("The organisation's contacts who took part. Add a contact first if someone is missing."),
            "next_step": _("What should happen next, for example “Send the concept note”."),
        }

    def __init__(self, *args: Any, organisation: Organisation, network: Network | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fixed_network = network
        our_people = cast("forms.ModelMultipleChoiceField[Person]", self.fields["our_people"])
        if network is None:
            cast("forms.ModelChoiceField[Network]", self.fields["network"]).queryset = Network.objects.all()
            our_people.queryset = Person.objects.select_related("member").order_by("name", "pk")
            self.order_fields(["network"])
        else:
            del self.fields["network"]
            our_people.queryset = (
                Person.objects.filter(Q(member__network=network) | Q(member__isnull=True))
                .select_related("member")
                .order_by("name", "pk")
            )
        our_people.widget.attrs["size"] = 8
        cast("forms.ModelMultipleChoiceField[Person]", self.fields["their_people"]).queryset = Person.objects.filter(
            organisation_contacts__organisation=organisation
        ).order_by("name", "pk")
        owner = cast("forms.ModelChoiceField[User]", self.fields["next_step_owner"])
        owner.queryset = access.next_step_owners(network)
        owner.empty_label = _("Nobody yet")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "next_step" not in self.errors and not (cleaned.get("next_step") or "").strip():
            if cleaned.get("next_step_due"):
                self.add_error("next_step", _("Describe the next step or remove its due date."))
            elif cleaned.get("next_step_done_on"):
                self.add_error("next_step", _("Describe the next step or remove the date it was done."))
        network = self.fixed_network or cleaned.get("network")
        if network is not None:
            # Not a model field of this form, but the interaction needs it to validate.
            self.instance.network = network
        owner = cleaned.get("next_step_owner")
        chosen = self.fixed_network is None and network is not None
        if chosen and owner is not None and owner not in access.next_step_owners(network):
            self.add_error("next_step_owner", _("Choose someone of the chosen network's staff or the secretariat."))
        people = cleaned.get("our_people")
        if self.fixed_network is None and network is not None and people:
            strangers = people.filter(member__isnull=False).exclude(member__network=network)
            if strangers:
                self.add_error(
                    "our_people",
                    _("Choose people of the chosen network or of the AIMF. From another network: %(names)s.")
                    % {"names": ", ".join(p.name for p in strangers)},
                )
        return cleaned

    def service_data(self) -> dict[str, Any]:
        """What the services write: the model fields (and the network when it was chosen)."""
        data = {name: self.cleaned_data[name] for name in self._meta.fields or [] if name in self.cleaned_data}
        if "network" in self.fields:
            data["network"] = self.cleaned_data["network"]
        return data


class InteractionEditForm(InteractionForm):
    class Meta(InteractionForm.Meta):
        fields = [*InteractionForm.Meta.fields, "next_step_done_on"]
        widgets = {**InteractionForm.Meta.widgets, "next_step_done_on": DateInput()}


def _check_next_step(form: forms.BaseForm, cleaned: dict[str, Any]) -> None:
    """A due date or a done date needs a next step to be about."""
    if "next_step" not in form.errors and not (cleaned.get("next_step") or "").strip():
        if cleaned.get("next_step_due"):
            form.add_error("next_step", _("Describe the next step or remove its due date."))
        elif cleaned.get("next_step_done_on"):
            form.add_error("next_step", _("Describe the next step or remove the date it was done."))


class MemberInteractionForm(forms.ModelForm[Interaction]):
    """One meeting, letter, email or call with a member, with its next step. "Our side" lists
    the AIMF's people and the network's other members' people; "their side" the member's own."""

    class Meta:
        model = Interaction
        fields = INTERACTION_FIELDS
        field_classes = INTERACTION_FIELD_CLASSES
        widgets = INTERACTION_WIDGETS
        help_texts = {
            "our_people": _(
                "People of the AIMF and of the network who took part. Hold Ctrl (Cmd on a Mac) to choose several."
            ),
            "their_people": _(
                "The member's people who took part. Add them to the member's page first if someone is missing."
            ),
            "next_step": _("What should happen next, for example “Send the training programme”."),
        }

    def __init__(self, *args: Any, member: Member, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        our_people = cast("forms.ModelMultipleChoiceField[Person]", self.fields["our_people"])
        our_people.queryset = (
            Person.objects.filter(Q(member__network_id=member.network_id) | Q(member__isnull=True))
            .exclude(member=member)
            .select_related("member")
            .order_by("name", "pk")
        )
        our_people.widget.attrs["size"] = 8
        their_people = cast("forms.ModelMultipleChoiceField[Person]", self.fields["their_people"])
        their_people.queryset = access.member_people(member)
        owner = cast("forms.ModelChoiceField[User]", self.fields["next_step_owner"])
        owner.queryset = access.next_step_owners(member.network)
        owner.empty_label = _("Nobody yet")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check_next_step(self, cleaned)
        return cleaned

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields or [] if name in self.cleaned_data}


class MemberInteractionEditForm(MemberInteractionForm):
    class Meta(MemberInteractionForm.Meta):
        fields = [*MemberInteractionForm.Meta.fields, "next_step_done_on"]
        widgets = {**MemberInteractionForm.Meta.widgets, "next_step_done_on": DateInput()}


class NeedForm(forms.ModelForm[MemberNeed]):
    """A need or request the member expressed. The network's staff also say who follows it up,
    by when, and where it stands; a focal point records what its member asks."""

    STAFF_FIELDS = ("status", "owner", "due")

    class Meta:
        model = MemberNeed
        fields = [
            "kind",
            "title",
            "description",
            "expressed_on",
            "expressed_by",
            "status",
            "owner",
            "due",
            "answer",
            "answered_on",
        ]
        field_classes = {"expressed_by": _PersonChoiceField}
        widgets = {
            "expressed_on": DateInput(),
            "due": DateInput(),
            "answered_on": DateInput(),
            "answer": forms.Textarea(attrs={"rows": 4}),
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "title": _("In a few words, for example “Training on faecal sludge management for technicians”."),
            "description": _("What the member asked, in its words if possible, and for whom."),
            "owner": _("Who in the network follows it up until it is answered."),
        }

    def __init__(self, *args: Any, member: Member, keeps: bool, **kwargs: Any) -> None:
        """``keeps``: the reader keeps the member's contacts (the network's staff); otherwise the
        status, owner and due date are left to them."""
        kwargs.setdefault("initial", {}).setdefault("expressed_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        expressed_by = cast(_PersonChoiceField, self.fields["expressed_by"])
        expressed_by.queryset = access.member_people(member)
        expressed_by.empty_label = _("Not recorded")
        closed = self.instance.pk is not None and self.instance.is_closed
        if not closed:
            # An open need is answered through "Answer or decline", which asks for the answer.
            del self.fields["answer"], self.fields["answered_on"]
        if not keeps:
            for name in self.STAFF_FIELDS:
                del self.fields[name]
            return
        owner = cast("forms.ModelChoiceField[User]", self.fields["owner"])
        owner.queryset = access.next_step_owners(member.network)
        owner.empty_label = _("Nobody yet")
        status = cast(forms.ChoiceField, self.fields["status"])
        if not closed:
            status.choices = [
                (NeedStatus.OPEN, NeedStatus.OPEN.label),
                (NeedStatus.IN_PROGRESS, NeedStatus.IN_PROGRESS.label),
            ]
        else:
            status.help_text = _("Choose “Open” or “In progress” to reopen it.")

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields if name in self.cleaned_data}


class NeedCloseForm(forms.Form):
    """Answer a need, or decline it: the answer, or why it is declined, is required."""

    status = forms.ChoiceField(
        label=pgettext_lazy("need", "Outcome"),
        choices=[(NeedStatus.ANSWERED, NeedStatus.ANSWERED.label), (NeedStatus.DECLINED, NeedStatus.DECLINED.label)],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("Answer"),
        error_messages={"required": _("Write the answer given to the member (or why the need is declined).")},
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the network answered or did, or why it declines. The member's focal point reads it."),
    )
    answered_on = forms.DateField(label=_("Answered on"), widget=DateInput())

    def __init__(self, *args: Any, need: MemberNeed, **kwargs: Any) -> None:
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("answered_on", need.answered_on or timezone.localdate())
        initial.setdefault("status", need.status if need.is_closed else NeedStatus.ANSWERED)
        initial.setdefault("answer", need.answer)
        super().__init__(*args, **kwargs)

    def clean_answer(self) -> str:
        answer = (self.cleaned_data.get("answer") or "").strip()
        if not answer:
            raise forms.ValidationError(_("Write the answer given to the member (or why the need is declined)."))
        return answer


class NeedFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    kind = forms.ChoiceField(label=_("Type of need"), required=False)
    member = forms.ChoiceField(label=_("Member"), required=False)

    def __init__(self, *args: Any, members: list[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everyone = [("", _("All"))]
        cast(forms.ChoiceField, self.fields["status"]).choices = everyone + list(NeedStatus.choices)
        cast(forms.ChoiceField, self.fields["kind"]).choices = everyone + list(NeedKind.choices)
        cast(forms.ChoiceField, self.fields["member"]).choices = everyone + [(m.slug, m.name) for m in members]
