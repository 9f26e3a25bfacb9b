"""Forms of a project's follow-up: partners, funding lines, milestones, progress notes, exchange rates."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from reseau.core.forms import DateInput
from reseau.core.numbers import FigureField
from reseau.funding.models import FundingOpportunity
from reseau.partners.models import Organisation
from reseau.projects.models import ExchangeRate, FundingLine, Milestone, ProgressNote, Project, ProjectPartner
from reseau.registry.models import Currency


class PartnerForm(forms.ModelForm[ProjectPartner]):
    class Meta:
        model = ProjectPartner
        fields = ["organisation", "role"]
        help_texts = {"organisation": _("Organisation missing? Add it to the partners first.")}

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.project = project
        organisation = cast("forms.ModelChoiceField[Organisation]", self.fields["organisation"])
        organisation.queryset = Organisation.objects.order_by("name", "pk")
        organisation.empty_label = _("Choose an organisation")
        organisation.error_messages["invalid_choice"] = _("Choose an organisation from the list.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        organisation, role = cleaned.get("organisation"), cleaned.get("role")
        if organisation is not None and role:
            taken = ProjectPartner.objects.filter(project=self.project, organisation=organisation, role=role)
            if taken.exists():
                self.add_error("role", _("This organisation already has this role in the project."))
        return cleaned


class FundingLineForm(forms.ModelForm[FundingLine]):
    class Meta:
        model = FundingLine
        fields = ["source", "opportunity", "amount_requested", "amount_secured", "currency", "status", "as_of"]
        field_classes = {"amount_requested": FigureField, "amount_secured": FigureField}
        widgets = {"as_of": DateInput()}
        help_texts = {
            "source": _("The donor or co-financer asked for the money. Missing? Add it to the partners first."),
            "opportunity": _("The call for proposals this request answers, if any."),
            "amount_requested": _("In the currency below, for example 40000 or 40 000,50."),
            "amount_secured": _("What the source has confirmed so far; 0 until then."),
            "as_of": _("The amounts are converted to euros at the exchange rate in force on this date."),
        }

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        source = cast("forms.ModelChoiceField[Organisation]", self.fields["source"])
        source.queryset = Organisation.objects.order_by("name", "pk")
        source.empty_label = _("Choose an organisation")
        source.error_messages["invalid_choice"] = _("Choose an organisation from the list.")
        opportunity = cast("forms.ModelChoiceField[FundingOpportunity]", self.fields["opportunity"])
        opportunity.queryset = FundingOpportunity.objects.filter(network_id=project.network_id).order_by("title", "pk")
        opportunity.empty_label = _("No call")
        opportunity.error_messages["invalid_choice"] = _("Choose one of the network's calls.")
        self.fields["amount_secured"].required = False
        self.fields["currency"].error_messages["invalid_choice"] = _("Choose a currency from the list.")
        if self.instance.pk is None:
            self.initial.setdefault("currency", project.currency)
            self.initial.setdefault("as_of", timezone.localdate())

    def clean_amount_secured(self) -> Decimal:
        # Left empty: nothing is secured yet.
        secured = self.cleaned_data.get("amount_secured")
        return secured if secured is not None else Decimal("0.00")


class MilestoneForm(forms.ModelForm[Milestone]):
    class Meta:
        model = Milestone
        fields = ["title_en", "title_fr", "due_date", "status", "done_on"]
        labels = {"title_en": _("Milestone in English"), "title_fr": _("Milestone in French")}
        widgets = {"due_date": DateInput(), "done_on": DateInput()}
        help_texts = {
            "title_en": _("Give the milestone in at least one of the two languages."),
            "done_on": _("Required when the milestone is done."),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not (cleaned.get("title_en") or "").strip() and not (cleaned.get("title_fr") or "").strip():
            self.add_error("title_en", _("Enter the milestone in English, in French or in both."))
        status, done_on = cleaned.get("status"), cleaned.get("done_on")
        if "done_on" not in self.errors:
            if status == Milestone.Status.DONE and done_on is None:
                self.add_error("done_on", _("Give the date the milestone was done."))
            elif status and status != Milestone.Status.DONE and done_on is not None:
                self.add_error("done_on", _("Remove this date, or set the status to “Done”."))
            elif done_on is not None and done_on > timezone.localdate():
                self.add_error("done_on", _("The date it was done cannot be in the future."))
        return cleaned


class ProgressNoteForm(forms.ModelForm[ProgressNote]):
    class Meta:
        model = ProgressNote
        fields = ["date", "achievements", "difficulties", "next_steps"]
        widgets = {
            "date": DateInput(),
            "achievements": forms.Textarea(attrs={"rows": 4}),
            "difficulties": forms.Textarea(attrs={"rows": 4}),
            "next_steps": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"date": _("The date the note describes the project at.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("date", timezone.localdate())

    def clean_date(self) -> Any:
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return date

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        parts = ("achievements", "difficulties", "next_steps")
        if not any(name in self.errors for name in parts) and not any(
            (cleaned.get(name) or "").strip() for name in parts
        ):
            raise forms.ValidationError(
                _("Write at least one of achievements, difficulties or next steps."), code="empty"
            )
        return cleaned


class _RateCurrencyField(forms.ChoiceField):
    """The currencies other than the euro; the euro itself is refused with the reason."""

    def validate(self, value: Any) -> None:
        if value == Currency.EUR:
            raise forms.ValidationError(_("Rates are kept against the euro."), code="euro")
        super().validate(value)


class ExchangeRateForm(forms.ModelForm[ExchangeRate]):
    currency = _RateCurrencyField(
        label=_("Currency"),
        choices=[("", _("Choose a currency")), *[(c, label) for c, label in Currency.choices if c != Currency.EUR]],
        error_messages={"invalid_choice": _("Choose a currency from the list.")},
    )

    class Meta:
        model = ExchangeRate
        fields = ["currency", "valid_from", "euros_per_unit"]
        field_classes = {"euros_per_unit": FigureField}
        widgets = {"valid_from": DateInput()}
        labels = {"euros_per_unit": _("Euros for one unit")}
        help_texts = {
            "valid_from": _("The rate applies from this date until the next rate of the same currency."),
            "euros_per_unit": _("What one unit of the currency is worth in euros, for example 0.92 or 0,92."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rate = cast(FigureField, self.fields["euros_per_unit"])
        # Rates carry up to ten decimals: a single separator is always the decimal one.
        rate.thousands = False
        rate.quantize = False
        rate.error_messages["negative"] = _("A rate must be greater than zero.")
        self.initial.setdefault("valid_from", timezone.localdate())

    def clean_euros_per_unit(self) -> Decimal:
        rate: Decimal = self.cleaned_data["euros_per_unit"]
        if rate <= 0:
            raise forms.ValidationError(_("A rate must be greater than zero."), code="not_positive")
        return rate

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        currency, valid_from = cleaned.get("currency"), cleaned.get("valid_from")
        if currency and valid_from and ExchangeRate.objects.filter(currency=currency, valid_from=valid_from).exists():
            self.add_error(
                "valid_from",
                _("A rate for %(currency)s from %(date)s is already recorded.")
                % {"currency": currency, "date": formats.date_format(valid_from, "DATE_FORMAT")},
            )
        return cleaned
