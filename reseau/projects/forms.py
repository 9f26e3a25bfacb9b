from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from reseau.accounts.models import User
from reseau.core.forms import AmountField, DateInput
from reseau.projects import access
from reseau.projects.models import Project, Stage
from reseau.registry.forms import MemberWithDuesField
from reseau.registry.models import Member, Network, Theme
from reseau.registry.selectors import members_with_status

# Words the project addresses use after /projects/: a project with such a code could not be reached.
RESERVED_CODES = frozenset({"board", "new", "rates"})


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    stage = forms.ChoiceField(label=_("Stage"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    country = forms.ChoiceField(label=_("Country of the lead member"), required=False)
    member = forms.ChoiceField(label=_("Member (lead or participating)"), required=False)

    def __init__(
        self,
        *args: Any,
        themes: Iterable[Theme],
        countries: list[tuple[str, str]],
        members: Iterable[Member],
        only: Iterable[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        everyone = [("", _("All"))]
        choices: dict[str, list[tuple[str, Any]]] = {
            "stage": list(Stage.choices),
            "theme": [(theme.code, theme.name) for theme in themes],
            "country": countries,
            "member": [(member.slug, member.name) for member in members],
        }
        for name, options in choices.items():
            cast(forms.ChoiceField, self.fields[name]).choices = everyone + options
        if only is not None:
            kept = set(only)
            self.fields = {name: field for name, field in self.fields.items() if name in kept}

    def filter_values(self) -> dict[str, Any]:
        """The filters whose values are valid; one refused value does not cancel the others."""
        self.is_valid()
        return dict(getattr(self, "cleaned_data", {}))


class _ThemesField(forms.ModelMultipleChoiceField[Theme]):
    def label_from_instance(self, obj: Theme) -> str:
        return _("%(theme)s — %(kind)s") % {"theme": obj.name, "kind": obj.get_kind_display()}


class _LeadMemberField(forms.ModelChoiceField[Member]):
    """Names the network too when members of several networks are offered (the secretariat's choice)."""

    show_network = False

    def label_from_instance(self, obj: Member) -> str:
        if self.show_network:
            return _("%(member)s (%(network)s)") % {"member": obj.name, "network": obj.network}
        return obj.name


class ProjectForm(forms.ModelForm[Project]):
    """A project's description. The stage is never changed here: see the transition page."""

    instance: Project

    class Meta:
        model = Project
        fields = [
            "code",
            "title_en",
            "title_fr",
            "summary_en",
            "summary_fr",
            "themes",
            "lead_member",
            "members",
            "proposed_by",
            "start_date",
            "end_date",
            "dates_estimated",
            "total_budget",
            "currency",
            "shared_with_partners",
        ]
        labels = {
            "title_en": _("Title in English"),
            "title_fr": _("Title in French"),
            "summary_en": _("Summary in English"),
            "summary_fr": _("Summary in French"),
            "themes": _("Work themes and cross-cutting themes"),
            "members": _("Participating members"),
        }
        help_texts = {
            "code": _(
                "Lower-case letters, digits and hyphens, for example rvase-2025-fsm-hue. "
                "It appears in the page address and cannot be changed later."
            ),
            "title_en": _("Give the title in at least one of the two languages."),
            "members": _(
                "Members of the lead member's network. Only members up to date with their dues "
                "take part in the network's activities."
            ),
            "shared_with_partners": _("Partner accounts can read this project."),
        }
        field_classes = {
            "total_budget": AmountField,
            "members": MemberWithDuesField,
            "themes": _ThemesField,
            "lead_member": _LeadMemberField,
        }
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "members": forms.CheckboxSelectMultiple,
            "summary_en": forms.Textarea(attrs={"rows": 5}),
            "summary_fr": forms.Textarea(attrs={"rows": 5}),
            "start_date": DateInput(),
            "end_date": DateInput(),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        editing = self.instance.pk is not None
        staff = access.is_staff_proposer(user)
        self.fixed_lead: Member | None = None

        # The lead member: a focal point proposes for its own member; staff choose among theirs.
        leads: QuerySet[Member] = Member.objects.filter(access.member_choices_for(user)).select_related("network")
        if editing:
            leads = leads.filter(network_id=self.instance.network_id)
        if not staff:
            self.fixed_lead = self.instance.lead_member if editing else (user.member if user.member_id else None)
            del self.fields["lead_member"]
        else:
            lead_field = cast(_LeadMemberField, self.fields["lead_member"])
            lead_field.queryset = leads.order_by("network__position", "search_text")
            lead_field.empty_label = _("Choose the lead member")
            lead_field.show_network = access.lead_offers_every_network(user, editing=editing)

        # Participating members and the member whose idea it was: the network's members.
        network = self._network()
        network_members: QuerySet[Member] = Member.objects.all()
        if network is not None:
            network_members = network_members.filter(network=network)
        elif user.network_id:
            network_members = network_members.filter(network_id=user.network_id)
        members_field = cast(MemberWithDuesField, self.fields["members"])
        members_field.queryset = members_with_status(network_members).order_by("network__position", "search_text")
        members_field.show_network = network is None and not user.network_id
        proposed_by = cast("forms.ModelChoiceField[Member]", self.fields["proposed_by"])
        proposed_by.queryset = network_members.order_by("network__position", "search_text")
        proposed_by.empty_label = _("The lead member")

        # Work themes first, then cross-cutting ones (the themes' own order).
        cast(_ThemesField, self.fields["themes"]).queryset = Theme.objects.all()

        if editing:
            code = self.fields["code"]
            code.disabled = True
            code.help_text = _("The code cannot be changed.")
        if not staff:
            del self.fields["shared_with_partners"]
        self.fields["title_en"].required = False
        self.fields["title_fr"].required = False
        self.fields["code"].widget.attrs.update(autocomplete="off", spellcheck="false")

    def _network(self) -> Network | None:
        """The project's network when it is known before validation (editing, or a focal point's own)."""
        if self.instance.pk is not None:
            return self.instance.network
        if self.fixed_lead is not None:
            return self.fixed_lead.network
        return None

    def clean_code(self) -> str:
        code = (self.cleaned_data.get("code") or "").strip().lower()
        if self.instance.pk is not None:
            return self.instance.code
        if code in RESERVED_CODES:
            raise forms.ValidationError(
                _("“%(code)s” is a word the site uses in its addresses: choose another code."),
                code="reserved",
                params={"code": code},
            )
        if Project.objects.filter(code=code).exists():
            raise forms.ValidationError(_("A project with this code already exists."), code="unique")
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("title_en") or "").strip() and not (data.get("title_fr") or "").strip():
            self.add_error("title_en", _("Enter the title in English, in French or in both."))
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start and "end_date" not in self.errors:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        lead = data.get("lead_member") or self.fixed_lead
        if lead is None and "lead_member" not in self.errors:
            # A focal point whose account names no member: nothing to propose for.
            raise forms.ValidationError(_("Your account is not attached to a member."))
        if lead is not None:
            members = data.get("members")
            if members is not None:
                if any(m.network_id != lead.network_id for m in members):
                    self.add_error("members", _("Choose only members of the lead member's network."))
                else:
                    # The lead member takes part already; it is not counted twice.
                    data["members"] = [m for m in members if m.pk != lead.pk]
            proposer = data.get("proposed_by")
            if proposer is not None and proposer.network_id != lead.network_id:
                self.add_error("proposed_by", _("Choose a member of the lead member's network."))
            # The model's own checks, which run next, see the lead member and its network too.
            self.instance.lead_member = lead
            if self.instance.pk is None:
                self.instance.network = lead.network
        return data

    @property
    def network(self) -> Network:
        """The project's network: its lead member's (after validation)."""
        lead = self.cleaned_data.get("lead_member") or self.fixed_lead
        if lead is None:
            raise ValueError("the form has no lead member yet")
        return lead.network

    def service_data(self) -> dict[str, Any]:
        """The values the services store; the code is set once, at creation."""
        data = dict(self.cleaned_data)
        if self.instance.pk is not None:
            data.pop("code", None)
        if self.fixed_lead is not None:
            data["lead_member"] = self.fixed_lead
        return data


class TransitionForm(forms.Form):
    """The stages offered are those the workflow allows this user now; the workflow
    itself checks the choice again, so a stale or forged one is refused with its reason."""

    to_stage = forms.CharField(label=_("New stage"), max_length=20)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required when returning a project for revision or abandoning it: say why."),
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_stage"].widget = forms.RadioSelect(choices=choices)
        self.fields["to_stage"].error_messages["required"] = _("Choose the new stage.")
