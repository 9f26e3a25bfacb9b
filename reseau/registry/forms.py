from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from reseau.registry.models import (
    FocalPointAppointment,
    LanguageChoice,
    Mandate,
    Member,
    MembershipDues,
    Network,
    Person,
)
from reseau.registry.selectors import DuesStanding, FocalPointStatus


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class MemberForm(forms.ModelForm):
    """What a focal point may change about its own member."""

    class Meta:
        model = Member
        fields = ["name_en", "name_fr", "name_local", "name_alternative", "member_since", "website"]
        labels = {"name_en": _("Name in English"), "name_fr": _("Name in French")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name_en"].required = True


class MemberStaffForm(MemberForm):
    """What the coordinator and the secretariat may change as well."""

    class Meta(MemberForm.Meta):
        fields = ["kind", "country", *MemberForm.Meta.fields]


class MemberCreateForm(MemberStaffForm):
    class Meta(MemberStaffForm.Meta):
        fields = ["slug", *MemberStaffForm.Meta.fields]
        help_texts = {"slug": _("Lower-case letters, digits and hyphens: it appears in the page address.")}


class PersonForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("languages"),
        choices=LanguageChoice.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Person
        fields = [
            "honorific",
            "name",
            "name_local",
            "title_en",
            "title_fr",
            "organisation_en",
            "organisation_fr",
            "email",
            "phone",
            "gender",
            "languages",
        ]
        labels = {
            "title_en": _("Title in English"),
            "title_fr": _("Title in French"),
            "organisation_en": _("Organisation in English"),
            "organisation_fr": _("Organisation in French"),
        }
        error_messages = {"email": {"unique": _("A person with this email is already registered.")}}

    def clean_email(self) -> str | None:
        # Stored lower-case, so the uniqueness check must compare lower-case too.
        email = self.cleaned_data.get("email")
        return email.strip().lower() if email else None


class _MemberPersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} — {obj.title}" if obj.title else obj.name


class MemberPersonFormMixin:
    """Limits the person to the member's own people, with a clear refusal otherwise."""

    def __init__(self, *args: Any, member: Member, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        field = self.fields["person"]  # type: ignore[attr-defined]
        field.queryset = Person.objects.filter(member=member).order_by("name")
        field.error_messages["invalid_choice"] = _(
            "Choose a person who belongs to this member; add them first if needed."
        )
        field.empty_label = _("Choose a person")
        field.help_text = _(
            "Only this member's people are listed. Someone missing? Add them on the member's page first."
        )


class MandateForm(MemberPersonFormMixin, forms.ModelForm):
    class Meta:
        model = Mandate
        fields = ["person", "office", "title_en", "title_fr", "start_date", "end_date"]
        field_classes = {"person": _MemberPersonField}
        labels = {"title_en": _("Title in English"), "title_fr": _("Title in French")}
        widgets = {"start_date": DateInput(), "end_date": DateInput()}


class FocalPointForm(MemberPersonFormMixin, forms.ModelForm):
    class Meta:
        model = FocalPointAppointment
        fields = ["person", "kind", "nominated_on"]
        field_classes = {"person": _MemberPersonField}
        widgets = {"nominated_on": DateInput()}


class FocalPointEndForm(forms.ModelForm):
    class Meta:
        model = FocalPointAppointment
        fields = ["ended_on"]
        widgets = {"ended_on": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ended_on"].required = True


class DuesForm(forms.ModelForm):
    class Meta:
        model = MembershipDues
        fields = ["year", "amount", "currency", "status", "paid_on"]
        widgets = {"paid_on": DateInput()}

    def __init__(self, *args: Any, member: Member, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.member = member
        self.fields["amount"].widget.attrs.update(min="0", step="0.01", inputmode="decimal")

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        others = MembershipDues.objects.filter(member=self.member, year=year).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                _("Dues for %(year)s are already recorded for this member."), params={"year": year}
            )
        return year


class NetworkForm(forms.ModelForm):
    class Meta:
        model = Network
        fields = ["focal_point_deadline", "office_en", "office_fr", "time_zone"]
        labels = {"office_en": _("Regional office in English"), "office_fr": _("Regional office in French")}
        widgets = {"focal_point_deadline": DateInput()}


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    country = forms.ChoiceField(label=_("Country"), required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False)
    dues = forms.ChoiceField(label=_("Dues"), required=False)
    focal_point = forms.ChoiceField(label=_("Focal point"), required=False)

    def __init__(self, *args: Any, countries: list[tuple[str, str]], show_dues: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everyone = [("", _("All"))]
        choices: dict[str, list[tuple[str, Any]]] = {
            "country": countries,
            "kind": list(Member.Kind.choices),
            "focal_point": list(FocalPointStatus.choices),
            "dues": list(DuesStanding.choices),
        }
        for name, options in choices.items():
            cast(forms.ChoiceField, self.fields[name]).choices = everyone + options
        if not show_dues:
            del self.fields["dues"]
