"""Forms of the logical framework: results, indicators, measured values and the date of a computed value."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from reseau.core.forms import DateInput
from reseau.core.numbers import NotANumber, parse_decimal
from reseau.logframe.models import Computation, Indicator, IndicatorValue, Result
from reseau.logframe.selectors import PARENT_LEVEL, network_today
from reseau.registry.models import Network


class NumberField(forms.DecimalField):
    """A number typed with a decimal point or a decimal comma ("12.5", "12,5", "12 500")."""

    default_error_messages = {"invalid": _("Enter a number.")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("localize", None)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]  # the stubs say int
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            return parse_decimal(str(value).strip(), thousands=True)
        except NotANumber:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def prepare_value(self, value: Any) -> Any:
        # A stored 4.00 is shown as 4, 12.50 as 12.5.
        return _plain(value) if isinstance(value, Decimal) else value

    def clean(self, value: Any) -> Decimal | None:
        number: Decimal | None = super().clean(value)
        if number is not None and self.decimal_places is not None:
            # "12" and the stored "12.00" are the same value: no change in the history.
            number = number.quantize(Decimal(1).scaleb(-self.decimal_places))
        return number


class YearField(forms.IntegerField):
    default_error_messages = {
        "invalid": _("Enter a number."),
        "min_value": _("Enter a year from 1900 on."),
        "max_value": _("Enter a year up to 2100."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2100)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
        super().__init__(**kwargs)


def _require_a_title(form: forms.BaseForm, cleaned: dict[str, Any], message: Any) -> None:
    if "title_en" in form.errors or "title_fr" in form.errors:
        return
    if not (cleaned.get("title_en") or "").strip() and not (cleaned.get("title_fr") or "").strip():
        form.add_error("title_en", message)


class _ParentChoiceField(forms.ModelChoiceField[Result]):
    """Names the network too when results of several networks are offered (the secretariat's choice)."""

    show_network = False

    def label_from_instance(self, obj: Result) -> str:
        label = f"{obj.code} — {obj.title[:100]}"
        if self.show_network:
            return str(_("%(result)s (%(network)s)") % {"result": label, "network": obj.network})
        return label


class ResultForm(forms.ModelForm[Result]):
    network = forms.ModelChoiceField(
        label=_("Network"),
        queryset=Network.objects.none(),
        empty_label=_("Choose a network"),
        error_messages={"invalid_choice": _("Choose a network from the list.")},
    )
    parent = _ParentChoiceField(
        label=_("Contributes to"),
        queryset=Result.objects.none(),
        required=False,
        empty_label=_("No higher result"),
        error_messages={"invalid_choice": _("Choose a result from the list.")},
        help_text=_("An outcome contributes to an impact; an output contributes to an outcome."),
    )

    class Meta:
        model = Result
        fields = ["network", "level", "code", "title_en", "title_fr", "parent"]
        labels = {"title_en": _("Result in English"), "title_fr": _("Result in French")}
        widgets = {"title_en": forms.Textarea(attrs={"rows": 3}), "title_fr": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"title_en": _("Give the result in at least one of the two languages.")}

    def __init__(self, *args: Any, network: Network | None, **kwargs: Any) -> None:
        """``network``: the user's own network; None lets the secretariat choose one."""
        super().__init__(*args, **kwargs)
        self.fixed_network = network
        parents: QuerySet[Result] = Result.objects.filter(level__in=list(PARENT_LEVEL.values())).select_related(
            "network"
        )
        parent = cast(_ParentChoiceField, self.fields["parent"])
        if network is not None:
            del self.fields["network"]
            parents = parents.filter(network=network)
        else:
            network_field = cast("forms.ModelChoiceField[Network]", self.fields["network"])
            network_field.queryset = Network.objects.all()
            parent.show_network = True
        parent.queryset = parents.order_by("network__position", "network__code", "level", "code")
        self.fields["level"].error_messages["invalid_choice"] = _("Choose a level from the list.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _require_a_title(self, cleaned, _("Enter the result in English, in French or in both."))
        network = self.fixed_network or cleaned.get("network")
        level, parent, code = cleaned.get("level"), cleaned.get("parent"), (cleaned.get("code") or "").strip()
        if level and parent is not None and "parent" not in self.errors:
            expected = PARENT_LEVEL.get(level)
            if expected is None:
                self.add_error("parent", _("An impact is the highest level: it contributes to no other result."))
            elif parent.level != expected:
                if level == Result.Level.OUTCOME:
                    self.add_error("parent", _("An outcome contributes to an impact: choose an impact."))
                else:
                    self.add_error("parent", _("An output contributes to an outcome: choose an outcome."))
            elif network is not None and parent.network_id != network.pk:
                self.add_error("parent", _("Choose a result of the same network."))
        if (
            network is not None
            and code
            and "code" not in self.errors
            and Result.objects.filter(network=network, code=code).exists()
        ):
            self.add_error("code", _("A result with this code already exists in this network."))
        return cleaned

    @property
    def network_chosen(self) -> Network:
        return self.fixed_network or self.cleaned_data["network"]

    def service_data(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name != "network"}


class IndicatorForm(forms.ModelForm[Indicator]):
    disaggregation = forms.MultipleChoiceField(
        label=_("Disaggregation"),
        choices=Indicator.Disaggregation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("How each measured value is broken down."),
        error_messages={"invalid_choice": _("Choose from the list.")},
    )
    computation = forms.ChoiceField(
        label=_("Computed from the platform"),
        choices=[("", _("No: values are recorded by hand")), *Computation.choices],
        required=False,
        help_text=_("The platform can work out some indicators from its own data, at any date."),
        error_messages={"invalid_choice": _("Choose from the list.")},
    )

    class Meta:
        model = Indicator
        fields = [
            "code",
            "title_en",
            "title_fr",
            "unit",
            "baseline_value",
            "baseline_year",
            "target_value",
            "target_year",
            "values_illustrative",
            "milestones",
            "sources",
            "assumptions",
            "framework_code",
            "disaggregation",
            "computation",
        ]
        field_classes = {
            "baseline_value": NumberField,
            "target_value": NumberField,
            "baseline_year": YearField,
            "target_year": YearField,
        }
        labels = {
            "title_en": _("Indicator in English"),
            "title_fr": _("Indicator in French"),
            "sources": _("Means of verification"),
        }
        widgets = {
            "title_en": forms.Textarea(attrs={"rows": 3}),
            "title_fr": forms.Textarea(attrs={"rows": 3}),
            "milestones": forms.Textarea(attrs={"rows": 3}),
            "sources": forms.Textarea(attrs={"rows": 3}),
            "assumptions": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "title_en": _("Give the indicator in at least one of the two languages."),
            "baseline_value": _("For example 12 or 12,5."),
            "baseline_year": _("For example 2023."),
            "target_value": _("For example 40 or 40,5."),
            "target_year": _("For example 2027. It cannot be before the baseline year."),
            "sources": _("Where the values come from: reports, lists of attendance, minutes…"),
        }

    def __init__(self, *args: Any, result: Result, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.result = result

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _require_a_title(self, cleaned, _("Enter the indicator in English, in French or in both."))
        code = (cleaned.get("code") or "").strip()
        if code and "code" not in self.errors:
            taken = Indicator.objects.filter(result=self.result, code=code).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("code", _("An indicator with this code already exists for this result."))
        return cleaned

    def clean_disaggregation(self) -> list[str]:
        chosen = set(self.cleaned_data.get("disaggregation") or [])
        return [code for code in Indicator.Disaggregation.values if code in chosen]


_LINE = re.compile(r"^\s*(?P<name>[^=]+?)\s*=\s*(?P<number>.+?)\s*$")
_COUNTRY_CODE = re.compile(r"^[A-Za-z]{2}$")


def _plain(number: Decimal) -> str:
    """A number as it reads: 12 as "12", 12.50 as "12.5"."""
    return format(number.normalize(), "f")


class IndicatorValueForm(forms.ModelForm[IndicatorValue]):
    """A measured value: always recorded as a draft, for the secretariat to approve."""

    women = NumberField(label=_("Women"), required=False)
    men = NumberField(label=_("Men"), required=False)
    by_country = forms.CharField(
        label=_("By country"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One line per country: its two-letter code, “=” and the value, for example KH=3."),
    )
    by_member = forms.CharField(
        label=_("By member"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One line per member: its name, “=” and the value, for example Huế=2."),
    )

    field_order = ["date", "value", "women", "men", "by_country", "by_member", "source", "evidence"]

    class Meta:
        model = IndicatorValue
        fields = ["date", "value", "source", "evidence"]
        field_classes = {"value": NumberField}
        widgets = {"date": DateInput(), "evidence": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "date": _("The date the value was measured."),
            "value": _("For example 12 or 12,5."),
            "evidence": _("What shows the value: a report, a list of attendance, a link…"),
        }

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        wanted = set(indicator.disaggregation or [])
        if Indicator.Disaggregation.SEX not in wanted:
            del self.fields["women"], self.fields["men"]
        if Indicator.Disaggregation.COUNTRY not in wanted:
            del self.fields["by_country"]
        if Indicator.Disaggregation.MEMBER not in wanted:
            del self.fields["by_member"]
        self.today = network_today(indicator.result.network)
        self.fields["date"].error_messages["invalid"] = _("Enter a date, for example 2025-03-31.")
        self.initial.setdefault("date", self.today)

    def clean_date(self) -> Any:
        date = self.cleaned_data["date"]
        if date > self.today:
            raise forms.ValidationError(_("The date cannot be in the future."))
        return date

    def _lines(self, name: str, *, country: bool) -> dict[str, str]:
        entries: dict[str, str] = {}
        for number, line in enumerate((self.cleaned_data.get(name) or "").splitlines(), start=1):
            if not line.strip():
                continue
            match = _LINE.match(line)
            key = match["name"] if match else ""
            if country:
                key = key.upper()
            valid_key = bool(_COUNTRY_CODE.match(key)) if country else bool(key)
            try:
                figure = parse_decimal(match["number"], thousands=True) if match else None
            except NotANumber:
                figure = None
            if not valid_key or figure is None:
                if country:
                    message = _("Line %(line)s: write a two-letter country code, “=” and a number, for example KH=3.")
                else:
                    message = _("Line %(line)s: write the member's name, “=” and a number, for example Huế=2.")
                raise forms.ValidationError(message, code="invalid", params={"line": number})
            if key in entries:
                raise forms.ValidationError(
                    _("Line %(line)s: %(name)s is already given above."),
                    code="duplicate",
                    params={"line": number, "name": key},
                )
            entries[key] = _plain(figure)
        return entries

    def clean_by_country(self) -> dict[str, str]:
        return self._lines("by_country", country=True)

    def clean_by_member(self) -> dict[str, str]:
        return self._lines("by_member", country=False)

    def breakdown(self) -> dict[str, Any]:
        data = self.cleaned_data
        breakdown: dict[str, Any] = {}
        for key in ("women", "men"):
            if data.get(key) is not None:
                breakdown[key] = _plain(data[key])
        if data.get("by_country"):
            breakdown[Indicator.Disaggregation.COUNTRY.value] = data["by_country"]
        if data.get("by_member"):
            breakdown[Indicator.Disaggregation.MEMBER.value] = data["by_member"]
        return breakdown

    def service_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self._meta.fields or []}
        data["breakdown"] = self.breakdown()
        return data


class ComputedOnForm(forms.Form):
    """The date at which to work out a computed indicator."""

    on = forms.DateField(
        label=_("Date"),
        widget=DateInput(),
        error_messages={
            "invalid": _("Enter a date, for example 2025-03-31."),
            "required": _("Enter a date, for example 2025-03-31."),
        },
    )

    def __init__(self, *args: Any, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.initial.setdefault("on", today)

    def clean_on(self) -> Any:
        on = self.cleaned_data["on"]
        if on > self.today:
            raise forms.ValidationError(_("Choose a date up to today."))
        return on
