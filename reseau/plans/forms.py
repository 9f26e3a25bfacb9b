"""Forms of the action plans: the plan, its axes and activities, the reporting periods and progress."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, cast

from django import forms
from django.core.validators import MinValueValidator, RegexValidator
from django.db.models import Max, QuerySet
from django.forms.models import ModelChoiceIterator
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from reseau.core.forms import DateInput
from reseau.partners.models import Organisation
from reseau.plans.models import Activity, ActivityProgress, Axis, Plan, ReportingPeriod
from reseau.projects.models import Project
from reseau.registry.forms import MemberWithDuesField
from reseau.registry.models import Member, Network, Theme
from reseau.registry.selectors import members_with_status

# Words the plan addresses use after /plans/: a plan with such a code could not be reached.
RESERVED_CODES = frozenset({"new", "periods"})

# Period labels appear in addresses (…/progress/2024-H1/): letters, digits, dots, hyphens and underscores.
period_label_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]*\Z",
    _("Use letters, digits and hyphens only, for example 2024-H1."),
    code="invalid_label",
)


def _network_field() -> forms.ModelChoiceField[Network]:
    return forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.all(), empty_label=_("Choose a network"))


def _one_title_at_least(form: forms.BaseForm, data: dict[str, Any], field: str = "title") -> None:
    english, french = f"{field}_en", f"{field}_fr"
    if not (data.get(english) or "").strip() and not (data.get(french) or "").strip():
        form.add_error(english, _("Enter the title in English, in French or in both."))


def _numbered_from_one(number: forms.Field) -> None:
    """Numbers start at 1, as in the deck."""
    number.validators.append(MinValueValidator(1))
    number.widget.attrs.update(min=1)


def _next_number(queryset: QuerySet[Any]) -> int:
    return (queryset.aggregate(highest=Max("number"))["highest"] or 0) + 1


class PlanFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Type"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, *args: Any, themes: Iterable[Theme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everyone = [("", _("All"))]
        choices: dict[str, list[tuple[str, Any]]] = {
            "kind": list(Plan.Kind.choices),
            "status": list(Plan.Status.choices),
            "theme": [(theme.code, theme.name) for theme in themes],
        }
        for name, options in choices.items():
            cast(forms.ChoiceField, self.fields[name]).choices = everyone + options

    def filter_values(self) -> dict[str, Any]:
        """The filters whose values are valid; one refused value does not cancel the others."""
        self.is_valid()
        return dict(getattr(self, "cleaned_data", {}))


class PlanForm(forms.ModelForm[Plan]):
    class Meta:
        model = Plan
        fields = ["code", "kind", "title_en", "title_fr", "theme", "starts_on", "ends_on", "status"]
        labels = {
            "kind": _("Type of plan"),
            "title_en": _("Title in English"),
            "title_fr": _("Title in French"),
            "starts_on": _("Start of the period"),
            "ends_on": _("End of the period"),
        }
        help_texts = {
            "code": _(
                "Lower-case letters, digits and hyphens, for example rvase-2023-action-plan. "
                "It appears in the page address and cannot be changed later."
            ),
            "title_en": _("Give the title in at least one of the two languages."),
            "theme": _("For a thematic plan or road map: the theme it is about."),
            "status": _("A plan is validated by the members, usually at the annual meeting."),
        }
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args: Any, network: Network | None, **kwargs: Any) -> None:
        """``network`` is the coordinator's; None lets the secretariat choose it (on creation)."""
        super().__init__(*args, **kwargs)
        editing = self.instance.pk is not None
        if network is None and not editing:
            self.fields = {"network": _network_field(), **self.fields}
        self.network = self.instance.network if editing else network
        theme = cast("forms.ModelChoiceField[Theme]", self.fields["theme"])
        theme.queryset = Theme.objects.all()
        theme.empty_label = _("No particular theme")
        self.fields["title_en"].required = False
        self.fields["title_fr"].required = False
        code = self.fields["code"]
        code.widget.attrs.update(autocomplete="off", spellcheck="false")
        if editing:
            code.disabled = True
            code.help_text = _("The code cannot be changed.")

    def clean_code(self) -> str:
        if self.instance.pk is not None:
            return str(self.instance.code)
        code = (self.cleaned_data.get("code") or "").strip().lower()
        if code in RESERVED_CODES:
            raise forms.ValidationError(
                _("“%(code)s” is a word the site uses in its addresses: choose another code."),
                code="reserved",
                params={"code": code},
            )
        if Plan.objects.filter(code=code).exists():
            raise forms.ValidationError(_("A plan with this code already exists."), code="unique")
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _one_title_at_least(self, data)
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on and "ends_on" not in self.errors:
            self.add_error("ends_on", _("The end of the period cannot be before its start."))
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
        """The values the services store: the network is passed on its own, the code is set once."""
        data = {name: value for name, value in self.cleaned_data.items() if name != "network"}
        if self.instance.pk is not None:
            data.pop("code", None)
        return data


class PeriodForm(forms.ModelForm[ReportingPeriod]):
    class Meta:
        model = ReportingPeriod
        fields = ["kind", "starts_on", "ends_on", "label"]
        labels = {"kind": _("Type of period")}
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args: Any, network: Network | None, **kwargs: Any) -> None:
        """``network`` is the coordinator's; None lets the secretariat choose it."""
        super().__init__(*args, **kwargs)
        if network is None:
            self.fields = {"network": _network_field(), **self.fields}
        self.network = network
        label = self.fields["label"]
        label.validators.append(period_label_validator)
        label.widget.attrs.update(autocomplete="off", spellcheck="false")
        label.help_text = _(
            "For example 2023, 2024-H1 or 2025-Q3: letters, digits and hyphens. "
            "It appears in the page addresses and must be unique in the network."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on and "ends_on" not in self.errors:
            self.add_error("ends_on", _("The end of the period cannot be before its start."))
        network = data.get("network") or self.network
        label = data.get("label")
        if network is not None and label:
            if ReportingPeriod.objects.filter(network=network, label__iexact=label).exists():
                self.add_error(
                    "label",
                    forms.ValidationError(
                        _("The network already has a period labelled “%(label)s”."),
                        code="unique",
                        params={"label": label},
                    ),
                )
            self.instance.network = network
        return data

    @property
    def chosen_network(self) -> Network:
        network = self.cleaned_data.get("network") or self.network
        if network is None:
            raise ValueError("the form has no network yet")
        return network

    def service_data(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name != "network"}


class AxisForm(forms.ModelForm[Axis]):
    class Meta:
        model = Axis
        fields = ["number", "title_en", "title_fr"]
        labels = {"title_en": _("Title in English"), "title_fr": _("Title in French")}
        help_texts = {
            "number": _("Axes are shown in the order of their numbers."),
            "title_en": _("Give the title in at least one of the two languages."),
        }

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["title_en"].required = False
        self.fields["title_fr"].required = False
        _numbered_from_one(self.fields["number"])
        if not self.is_bound:
            self.initial.setdefault("number", _next_number(Axis.objects.filter(plan=plan)))

    def clean_number(self) -> int:
        number: int = self.cleaned_data["number"]
        if Axis.objects.filter(plan=self.plan, number=number).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("Axis number %(number)s already exists in this plan."), code="unique", params={"number": number}
            )
        return number

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _one_title_at_least(self, data)
        return data


class _AxisField(forms.ModelChoiceField[Axis]):
    def label_from_instance(self, obj: Axis) -> str:
        return _("%(number)s. %(title)s") % {"number": obj.number, "title": obj.title}


class _ThemesField(forms.ModelMultipleChoiceField[Theme]):
    def label_from_instance(self, obj: Theme) -> str:
        return _("%(theme)s — %(kind)s") % {"theme": obj.name, "kind": obj.get_kind_display()}


class ActivityForm(forms.ModelForm[Activity]):
    class Meta:
        model = Activity
        fields = [
            "number",
            "axis",
            "title_en",
            "title_fr",
            "description_en",
            "description_fr",
            "themes",
            "responsible",
            "planned_start",
            "planned_end",
            "members",
            "partners",
            "projects",
        ]
        labels = {
            "title_en": _("Activity in English"),
            "title_fr": _("Activity in French"),
            "description_en": _("Description in English"),
            "description_fr": _("Description in French"),
            "themes": _("Work themes and cross-cutting themes"),
            "members": _("Members taking part"),
            "partners": _("Partners"),
            "projects": _("Concrete projects"),
        }
        help_texts = {
            "number": _("Numbers run through the whole plan, as in the deck: 1 to 15 for the 2023 plan."),
            "title_en": _("Give the activity in at least one of the two languages."),
            "responsible": _("A person, a member or a team, for example the network coordinator."),
            "members": _("Only members up to date with their dues take part in the network's activities."),
        }
        field_classes = {"axis": _AxisField, "themes": _ThemesField, "members": MemberWithDuesField}
        widgets = {
            "title_en": forms.Textarea(attrs={"rows": 3}),
            "title_fr": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
            "description_fr": forms.Textarea(attrs={"rows": 5}),
            "themes": forms.CheckboxSelectMultiple,
            "members": forms.CheckboxSelectMultiple,
            "partners": forms.CheckboxSelectMultiple,
            "projects": forms.CheckboxSelectMultiple,
            "planned_start": DateInput(),
            "planned_end": DateInput(),
        }

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        axis = cast(_AxisField, self.fields["axis"])
        axis.queryset = Axis.objects.filter(plan=plan).order_by("number")
        axis.empty_label = _("Choose the axis")
        cast(_ThemesField, self.fields["themes"]).queryset = Theme.objects.all()
        members: QuerySet[Member] = Member.objects.filter(network_id=plan.network_id)
        cast(MemberWithDuesField, self.fields["members"]).queryset = members_with_status(members).order_by(
            "search_text"
        )
        cast(
            "forms.ModelMultipleChoiceField[Organisation]", self.fields["partners"]
        ).queryset = Organisation.objects.order_by("name")
        cast("forms.ModelMultipleChoiceField[Project]", self.fields["projects"]).queryset = Project.objects.filter(
            network_id=plan.network_id
        ).order_by("code")
        self.fields["title_en"].required = False
        self.fields["title_fr"].required = False
        _numbered_from_one(self.fields["number"])
        if not self.is_bound and self.instance.pk is None:
            self.initial.setdefault("number", _next_number(Activity.objects.filter(plan=plan)))

    def clean_number(self) -> int:
        number: int = self.cleaned_data["number"]
        if Activity.objects.filter(plan=self.plan, number=number).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("Activity number %(number)s already exists in this plan."),
                code="unique",
                params={"number": number},
            )
        return number

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _one_title_at_least(self, data)
        start, end = data.get("planned_start"), data.get("planned_end")
        if start and end and end < start and "planned_end" not in self.errors:
            self.add_error("planned_end", _("The planned end cannot be before the planned start."))
        return data

    def service_data(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class ProgressForm(forms.Form):
    """What was achieved, what is planned and what is suggested: the three columns of the deck."""

    achieved = forms.CharField(
        label=_("Achieved"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 5})
    )
    planned = forms.CharField(
        label=_("Planned"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 5})
    )
    suggestions = forms.CharField(
        label=_("Suggestions"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 5})
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ActivityProgress.Status.choices,
        initial=ActivityProgress.Status.NOT_STARTED,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, progress: ActivityProgress | None = None, **kwargs: Any) -> None:
        if progress is not None:
            kwargs.setdefault(
                "initial",
                {
                    "achieved": progress.achieved,
                    "planned": progress.planned,
                    "suggestions": progress.suggestions,
                    "status": progress.status,
                },
            )
        super().__init__(*args, **kwargs)
        if progress is not None and progress.status_estimated:
            self.fields["status"].help_text = _(
                "This status was deduced from a document's wording. Saving records it as the network's status."
            )

    def service_data(self) -> dict[str, Any]:
        """The cleaned values, with the line breaks browsers send (CR LF) stored as plain LF."""
        data = dict(self.cleaned_data)
        for name in ("achieved", "planned", "suggestions"):
            data[name] = data[name].replace("\r\n", "\n").replace("\r", "\n")
        return data


# --- Choosing plan activities (events and decisions link to them) ----------------------------


def activity_label(activity: Activity) -> str:
    """ "N. title", as the activity is chosen and listed under its plan's title (never its code)."""
    return f"{activity.number}. {Truncator(activity.title).chars(90)}"


class _ActivitiesByPlan(ModelChoiceIterator[Activity]):
    """The activities in one group per plan (an <optgroup> named by the plan's title), each "N. title"."""

    def __iter__(self) -> Iterator[Any]:
        groups: dict[int, tuple[str, list[Any]]] = {}
        for activity in self.queryset:
            plan = activity.plan
            group = groups.setdefault(plan.pk, (plan.title, []))
            group[1].append(self.choice(activity))
        yield from groups.values()


class ActivitiesField(forms.ModelMultipleChoiceField[Activity]):
    iterator = _ActivitiesByPlan

    def label_from_instance(self, obj: Activity) -> str:
        return activity_label(obj)
