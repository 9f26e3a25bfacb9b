from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from reseau.accounts.models import Role, User, normalize_email
from reseau.core.forms import DateInput
from reseau.registry.access import can_invite_any_role
from reseau.registry.models import (
    DuesStanding,
    FocalPointAppointment,
    LanguageChoice,
    Mandate,
    Member,
    MembershipDues,
    Network,
    Person,
)
from reseau.registry.selectors import FocalPointStatus, members_with_status


class MemberWithDuesField(forms.ModelMultipleChoiceField[Member]):
    """Each member with its dues standing: only members up to date take part in activities."""

    def __init__(self, *args: Any, show_network: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.show_network = show_network

    def label_from_instance(self, obj: Member) -> str:
        standing = DuesStanding(getattr(obj, "dues_standing", DuesStanding.UNKNOWN)).label
        if self.show_network:
            return _("%(member)s (%(network)s) — %(standing)s") % {
                "member": obj.name,
                "network": obj.network,
                "standing": standing,
            }
        return _("%(member)s — %(standing)s") % {"member": obj.name, "standing": standing}


class MemberForm(forms.ModelForm[Member]):
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


class PersonForm(forms.ModelForm[Person]):
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
        widgets = {"phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"})}

    def clean_email(self) -> str | None:
        # Stored lower-case, so the uniqueness check must compare lower-case too.
        email = self.cleaned_data.get("email")
        return email.strip().lower() if email else None


class _MemberPersonField(forms.ModelChoiceField[Person]):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name} — {obj.title}" if obj.title else obj.name


if TYPE_CHECKING:
    _FormBase = forms.BaseForm
else:
    _FormBase = object


class MemberPersonFormMixin(_FormBase):
    """Limits the person to the member's own people, with a clear refusal otherwise."""

    def __init__(self, *args: Any, member: Member, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField[Person], self.fields["person"])
        field.queryset = Person.objects.filter(member=member).order_by("name")
        field.error_messages["invalid_choice"] = _(
            "Choose a person who belongs to this member; add them first if needed."
        )
        field.empty_label = _("Choose a person")
        field.help_text = _(
            "Only this member's people are listed. Someone missing? Add them on the member's page first."
        )


class MandateForm(MemberPersonFormMixin, forms.ModelForm[Mandate]):
    class Meta:
        model = Mandate
        fields = ["person", "office", "title_en", "title_fr", "start_date", "end_date"]
        field_classes = {"person": _MemberPersonField}
        labels = {"title_en": _("Title in English"), "title_fr": _("Title in French")}
        widgets = {"start_date": DateInput(), "end_date": DateInput()}


class FocalPointForm(MemberPersonFormMixin, forms.ModelForm[FocalPointAppointment]):
    class Meta:
        model = FocalPointAppointment
        fields = ["person", "kind", "nominated_on"]
        field_classes = {"person": _MemberPersonField}
        widgets = {"nominated_on": DateInput()}


class FocalPointEndForm(forms.ModelForm[FocalPointAppointment]):
    class Meta:
        model = FocalPointAppointment
        fields = ["ended_on"]
        widgets = {"ended_on": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ended_on"].required = True


class DuesForm(forms.ModelForm[MembershipDues]):
    class Meta:
        model = MembershipDues
        fields = ["year", "amount", "currency", "status", "paid_on"]
        widgets = {"paid_on": DateInput()}

    def __init__(self, *args: Any, member: Member, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.member = member
        self.fields["amount"].widget.attrs.update(min="0", step="0.01", inputmode="decimal")

    def clean_year(self) -> int:
        year: int = self.cleaned_data["year"]
        others = MembershipDues.objects.filter(member=self.member, year=year).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                _("Dues for %(year)s are already recorded for this member."), params={"year": year}
            )
        return year


class NetworkForm(forms.ModelForm[Network]):
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


class MemberChoiceField(forms.ModelChoiceField[Member]):
    """Shows, beside each member, whether it is up to date with its dues: only
    members up to date take part in the network's activities."""

    def label_from_instance(self, obj: Member) -> str:
        standing = getattr(obj, "dues_standing", DuesStanding.UNKNOWN)
        if standing == DuesStanding.OUTSTANDING:
            return _("%(member)s — dues outstanding") % {"member": obj.name}
        if standing == DuesStanding.UP_TO_DATE:
            return _("%(member)s — up to date with dues") % {"member": obj.name}
        return _("%(member)s — dues not recorded") % {"member": obj.name}


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    role = forms.ChoiceField(label=_("Role"))
    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.none(), required=False)
    member = MemberChoiceField(label=_("Member"), queryset=Member.objects.none(), required=False)
    language = forms.ChoiceField(label=_("Language of the invitation"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, inviter: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.inviter = inviter
        role = cast(forms.ChoiceField, self.fields["role"])
        network = cast(forms.ModelChoiceField[Network], self.fields["network"])
        member = cast(forms.ModelChoiceField[Member], self.fields["member"])
        if can_invite_any_role(inviter):
            role.choices = Role.choices
            network.queryset = Network.objects.all()
            member.queryset = members_with_status(Member.objects.all())
        else:
            role.choices = [(Role.FOCAL_POINT, Role.FOCAL_POINT.label), (Role.PARTNER, Role.PARTNER.label)]
            network.queryset = Network.objects.filter(pk=inviter.network_id or 0)
            member.queryset = members_with_status(Member.objects.filter(network_id=inviter.network_id or 0))
        member.error_messages["invalid_choice"] = _("You can only invite focal points of your own network's members.")

    def clean_email(self) -> str:
        email = normalize_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("An account with this email already exists."))
        return email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        role = cleaned.get("role")
        if role == Role.FOCAL_POINT and not cleaned.get("member"):
            self.add_error("member", _("A focal point needs a member."))
        if role == Role.COORDINATOR and not cleaned.get("network"):
            self.add_error("network", _("A network coordinator needs a network."))
        if role != Role.FOCAL_POINT:
            cleaned["member"] = None
        elif cleaned.get("member"):
            cleaned["network"] = cleaned["member"].network
        if not can_invite_any_role(self.inviter) and role == Role.PARTNER:
            cleaned["network"] = self.inviter.network
        return cleaned
