"""Forms for invitations, registrations and attendance."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from reseau.events.models import Registration
from reseau.registry.models import Member, Person

# Django's form classes are generic for the type checker only (not subscriptable at run time).
# --- Invitations ------------------------------------------------------------------------------


class InvitationForm(forms.Form):
    """Members ticked on the invitations page; the "invite all" button needs none ticked."""

    members = forms.ModelMultipleChoiceField(
        label=_("Members to invite"), queryset=Member.objects.none(), required=False
    )
    also_tell = forms.ModelMultipleChoiceField(
        label=_("Also send the invitation to"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_(
            "The focal points of each member invited receive the invitation by e-mail, with the "
            "programme, the registration deadline and a calendar file. Choose other contacts to tell."
        ),
    )

    def __init__(self, *args: Any, members: QuerySet[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["members"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = members
        contacts = self.fields["also_tell"]
        assert isinstance(contacts, forms.ModelMultipleChoiceField)
        contacts.queryset = (
            Person.objects.filter(member__in=members, email__isnull=False).select_related("member").order_by("name")
        )
        contacts.label_from_instance = contact_label  # type: ignore[method-assign,assignment]

    @property
    def invite_all(self) -> bool:
        return bool(self.data.get("invite_all"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.invite_all and not cleaned.get("members"):
            raise ValidationError(_("Tick the members to invite, or invite them all."))
        return cleaned


def contact_label(person: Person) -> str:
    label = f"{person.name} ({person.name_local})" if person.name_local else person.name
    return f"{label} — {person.member}" if person.member_id else label


# --- Registration -----------------------------------------------------------------------------


def person_label(person: Person) -> str:
    label = person.name
    if person.name_local:
        label = f"{label} ({person.name_local})"
    if person.title:
        label = f"{label} — {person.title}"
    return label


class _MemberField(forms.ModelChoiceField[Member]):
    """Members are annotated with ``dues_outstanding``; those behind with their dues say so."""

    def label_from_instance(self, obj: Any) -> str:
        if getattr(obj, "dues_outstanding", False):
            return str(_("%(member)s (dues outstanding)") % {"member": obj.name})
        return str(obj.name)


class _PeopleByMember(ModelChoiceIterator[Person]):
    """People in one group per member (an <optgroup>); people of no member in a last group."""

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups: dict[int | None, tuple[str, list[Any]]] = {}
        for person in self.queryset:
            name = person.member.name if person.member is not None else str(_("No member (partners, secretariat…)"))
            groups.setdefault(person.member_id, (name, []))[1].append(self.choice(person))
        without = groups.pop(None, None)
        yield from groups.values()
        if without is not None:
            yield without


class _PersonField(forms.ModelChoiceField[Person]):
    iterator = _PeopleByMember

    def label_from_instance(self, obj: Any) -> str:
        return person_label(obj)


NEW_PERSON_FIELDS = ("honorific", "name", "name_local", "title", "email")


class RegistrationForm(forms.Form):
    """Register an existing person of the delegation, or a new participant typed here.

    ``members`` are those the user may register (only its own for a focal point); ``people``
    those of these members not yet registered.
    """

    member = _MemberField(label=_("Delegation of"), queryset=Member.objects.none(), required=False)
    person = _PersonField(
        label=_("An existing person"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("People already known for this delegation and not yet registered."),
    )
    honorific = forms.ChoiceField(label=_("Honorific"), choices=[("", "—"), *Person.Honorific.choices], required=False)
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("As written in the Latin alphabet, e.g. Nguyễn Thị Lan."),
    )
    name_local = forms.CharField(
        label=_("Name in the local script"),
        max_length=200,
        required=False,
        help_text=_("In Khmer, Lao or Vietnamese, if it differs."),
    )
    title = forms.CharField(label=_("Title"), max_length=300, required=False, help_text=_("e.g. Vice-mayor"))
    email = forms.EmailField(label=_("Email"), required=False)
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=Person.Gender.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Needed for a new participant, unless the honorific says it (Mr, Ms): the network reports women and "
            "men taking part."
        ),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Registration.Role.choices, initial=Registration.Role.DELEGATE)

    def __init__(
        self,
        *args: Any,
        members: QuerySet[Member],
        people: QuerySet[Person],
        staff: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.staff = staff
        self.members, self.people = members, people
        member = self.fields["member"]
        assert isinstance(member, forms.ModelChoiceField)
        member.queryset = members
        if staff:
            member.empty_label = _("No member (a partner, the secretariat…)")
            member.help_text = _("Leave empty for a participant who represents no member.")
        else:
            # A focal point registers its own member's delegation: the only choice, always given.
            member.required = True
            member.empty_label = None
        member.error_messages["invalid_choice"] = _("You cannot register a delegation for this member.")
        person = self.fields["person"]
        assert isinstance(person, forms.ModelChoiceField)
        person.queryset = people
        person.empty_label = _("Someone new (type below)")
        person.error_messages["invalid_choice"] = _("Choose a person of this delegation who is not registered yet.")

    def clean_email(self) -> str | None:
        email = (self.cleaned_data.get("email") or "").strip().lower()
        if not email:
            return None
        known = Person.objects.filter(email=email).only("pk", "member_id").first()
        if known is None:
            return email
        if self.people.filter(pk=known.pk).exists():
            raise ValidationError(
                _("This person is already known: choose them in “An existing person” above."), code="known"
            )
        within_reach = self.members.filter(pk=known.member_id).exists() if known.member_id else self.staff
        if within_reach:
            # One of the delegations this form registers, and not in the list: registered already.
            raise ValidationError(_("This person is already registered for this event."), code="registered")
        # Someone this reader may not see (another network's person, a partner's contact): saying so
        # would tell whether an address is known anywhere. The participant is registered as typed,
        # as for an unknown address, only without the address, which stays that other person's.
        return None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        person: Person | None = cleaned.get("person")
        typed = any(cleaned.get(name) for name in NEW_PERSON_FIELDS)
        if person is not None and typed:
            raise ValidationError(_("Choose an existing person or type a new participant, not both."), code="both")
        if person is None and not cleaned.get("name"):
            if typed or "email" in self.errors:
                self.add_error("name", _("Give the new participant's name."))
            else:
                raise ValidationError(
                    _("Choose an existing person, or type the new participant's name."), code="nobody"
                )
        if person is None and not cleaned.get("gender"):
            cleaned["gender"] = Person.GENDER_OF_HONORIFIC.get(cleaned.get("honorific") or "", "")
        if person is None and not cleaned.get("gender") and "gender" not in self.errors:
            self.add_error("gender", _("Give the new participant's gender."))
        if person is not None and cleaned.get("member") is None and person.member_id and self.staff:
            # The staff picked someone of a member without choosing the delegation: it is theirs.
            cleaned["member"] = person.member
        return cleaned

    def service_kwargs(self) -> dict[str, Any]:
        """Arguments of services.registration_create."""
        data = self.cleaned_data
        values: dict[str, Any] = {"member": data.get("member"), "role": data["role"], "gender": data.get("gender", "")}
        if data.get("person") is not None:
            values["person"] = data["person"]
        else:
            values["new_person"] = {
                "honorific": data.get("honorific", ""),
                "name": data["name"].strip(),
                "name_local": data.get("name_local", "").strip(),
                "title": data.get("title", "").strip(),
                "email": data.get("email"),
                "gender": data.get("gender", ""),
            }
        return values

    def refused(self, error: ValidationError) -> None:
        """Show the service's refusal on the form: on the field it names, else above the form."""
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                self.add_error(name if name in self.fields else None, errors)
        else:
            self.add_error(None, error.messages)


# --- Attendance -------------------------------------------------------------------------------

PRESENT, ABSENT, NOT_MARKED = "yes", "no", ""
ATTENDED_VALUES: dict[str, bool | None] = {PRESENT: True, ABSENT: False, NOT_MARKED: None}


def _attended_key(value: bool | None) -> str:
    if value is None:
        return NOT_MARKED
    return PRESENT if value else ABSENT


@dataclass
class AttendanceRow:
    registration: Registration
    attended: forms.BoundField
    gender: forms.BoundField | None


class AttendanceForm(forms.Form):
    """One present/absent/not-marked choice per participant, and their gender where none is recorded."""

    def __init__(self, *args: Any, registrations: Sequence[Registration], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.registrations = list(registrations)
        for registration in self.registrations:
            self.fields[f"attended_{registration.pk}"] = forms.ChoiceField(
                label=registration.person.name,
                choices=[(PRESENT, _("Present")), (ABSENT, _("Absent")), (NOT_MARKED, _("Not marked"))],
                required=False,
                initial=_attended_key(registration.attended),
                widget=forms.RadioSelect,
            )
            if not (registration.gender or registration.person.gender):
                self.fields[f"gender_{registration.pk}"] = forms.ChoiceField(
                    label=_("Gender of %(name)s") % {"name": registration.person.name},
                    choices=[("", _("Not recorded")), *Person.Gender.choices],
                    required=False,
                )

    def rows(self) -> Iterable[AttendanceRow]:
        for registration in self.registrations:
            gender_name = f"gender_{registration.pk}"
            yield AttendanceRow(
                registration=registration,
                attended=self[f"attended_{registration.pk}"],
                gender=self[gender_name] if gender_name in self.fields else None,
            )

    def attended_values(self) -> dict[int, bool | None]:
        """Only the participants whose choice was sent: one added since the page was shown keeps its mark."""
        values: dict[int, bool | None] = {}
        for registration in self.registrations:
            name = f"attended_{registration.pk}"
            if self.add_prefix(name) in self.data:
                values[registration.pk] = ATTENDED_VALUES.get(self.cleaned_data.get(name) or "")
        return values

    def gender_values(self) -> dict[int, str]:
        return {
            registration.pk: self.cleaned_data[f"gender_{registration.pk}"]
            for registration in self.registrations
            if self.cleaned_data.get(f"gender_{registration.pk}")
        }
