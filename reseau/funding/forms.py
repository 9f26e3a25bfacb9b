from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from reseau.core.forms import AmountField, DateInput
from reseau.funding.models import FundingOpportunity
from reseau.partners.models import Organisation
from reseau.registry.forms import MemberWithDuesField
from reseau.registry.models import Country, Member, Network, Theme
from reseau.registry.selectors import members_with_status


class OpportunityForm(forms.ModelForm[FundingOpportunity]):
    eligible_member_kinds = forms.MultipleChoiceField(
        label=_("Eligible member types"),
        choices=Member.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty if every type of member may apply."),
    )

    class Meta:
        model = FundingOpportunity
        fields = [
            "donor",
            "title_en",
            "title_fr",
            "url",
            "themes",
            "eligible_countries",
            "eligible_member_kinds",
            "amount_min",
            "amount_max",
            "currency",
            "opens_on",
            "closes_on",
            "status",
            "members",
            "notes",
            "shared_with_partners",
        ]
        labels = {
            "title_en": _("Title in English"),
            "title_fr": _("Title in French"),
            "url": _("Link to the call"),
            "eligible_countries": _("Eligible countries"),
            "members": _("Members concerned"),
        }
        help_texts = {
            "title_en": _("Give the title in at least one of the two languages."),
            "eligible_countries": _("Leave empty if the call is open to every country."),
            "members": _("Only members up to date with their dues take part in the network's activities."),
            "shared_with_partners": _("Partner accounts can read this call."),
        }
        field_classes = {"amount_min": AmountField, "amount_max": AmountField, "members": MemberWithDuesField}
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "eligible_countries": forms.CheckboxSelectMultiple,
            "members": forms.CheckboxSelectMultiple,
            "opens_on": DateInput(),
            "closes_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, network: Network | None, **kwargs: Any) -> None:
        """``network`` is the coordinator's; None lets the secretariat choose it."""
        super().__init__(*args, **kwargs)
        if network is None and self.instance.pk is None:
            self.fields = {
                "network": forms.ModelChoiceField(
                    label=_("Network"), queryset=Network.objects.all(), empty_label=_("Choose a network")
                ),
                **self.fields,
            }
        elif network is None:
            network = self.instance.network
        self.network = network
        donor = cast("forms.ModelChoiceField[Organisation]", self.fields["donor"])
        donor.queryset = Organisation.objects.all()
        donor.empty_label = _("Choose a donor")
        donor.help_text = _("Donor missing? Add it to the partners first.")
        cast("forms.ModelMultipleChoiceField[Theme]", self.fields["themes"]).queryset = Theme.objects.all()
        cast(
            "forms.ModelMultipleChoiceField[Country]", self.fields["eligible_countries"]
        ).queryset = Country.objects.all()
        members: QuerySet[Member] = Member.objects.all()
        if network is not None:
            members = members.filter(network=network)
        members_field = cast(MemberWithDuesField, self.fields["members"])
        members_field.queryset = members_with_status(members).order_by("network__position", "search_text")
        members_field.show_network = network is None
        self.fields["title_en"].required = False
        self.fields["title_fr"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("title_en") or "").strip() and not (data.get("title_fr") or "").strip():
            self.add_error("title_en", _("Enter the title in English, in French or in both."))
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and closes_on and closes_on < opens_on:
            self.add_error("closes_on", _("The closing date cannot be before the opening date."))
        amount_min, amount_max = data.get("amount_min"), data.get("amount_max")
        if amount_min is not None and amount_max is not None and amount_max < amount_min:
            self.add_error("amount_max", _("The maximum amount cannot be less than the minimum amount."))
        network = data.get("network") or self.network
        members = data.get("members")
        if network is not None and members is not None and any(m.network_id != network.pk for m in members):
            self.add_error("members", _("Choose only members of the call's network."))
        if data.get("network") is not None:
            self.instance.network = data["network"]
        return data

    @property
    def chosen_network(self) -> Network:
        """The coordinator's network, or the one the secretariat chose (after validation)."""
        network = self.cleaned_data.get("network") or self.network
        if network is None:
            raise ValueError("the form has no network yet")
        return network

    def service_data(self) -> dict[str, Any]:
        """The cleaned values the services store (the network is passed on its own)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "network"}


class OpportunityFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    country = forms.ChoiceField(label=_("Eligible country"), required=False)

    def __init__(
        self, *args: Any, themes: list[tuple[str, str]], countries: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        everyone = [("", _("All"))]
        choices: dict[str, list[tuple[str, Any]]] = {
            "status": list(FundingOpportunity.Status.choices),
            "theme": themes,
            "country": countries,
        }
        for name, options in choices.items():
            cast(forms.ChoiceField, self.fields[name]).choices = everyone + options
