"""The library's forms: adding files with what they are, changing that, a new version, the filters."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from reseau.accounts.models import User
from reseau.core.forms import DateInput
from reseau.core.uploads import MultipleUploadField, UploadField
from reseau.decisions.models import Decision
from reseau.events.forms.event import ChecklistWidget
from reseau.events.models import Event
from reseau.library import access
from reseau.library.models import LIBRARY_UPLOAD, Document
from reseau.partners.models import Organisation
from reseau.plans.models import Activity
from reseau.projects.models import Project
from reseau.registry.models import Member, Network, Theme

LINKS = ("event", "project", "activity", "decision", "organisation")


class DocumentForm(forms.ModelForm[Document]):
    """What a document is. The network's lists are offered: its events, projects, plan
    activities, decisions, members; a document of another network cannot be linked to them."""

    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.all(), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=Document.Language.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Document
        fields = [
            "title_en",
            "title_fr",
            "description_en",
            "description_fr",
            "kind",
            "access",
            "languages",
            "document_date",
            "themes",
            "members",
            *LINKS,
        ]
        widgets = {
            "document_date": DateInput(),
            "themes": forms.CheckboxSelectMultiple(),
            "members": ChecklistWidget(),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "description_fr": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, user: User, network: Network | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fixed_network = network if network is not None else (self.instance.network if self.instance.pk else None)
        if self.fixed_network is not None:
            del self.fields["network"]
        else:
            self.fields["network"].required = True
        cast(forms.ChoiceField, self.fields["access"]).choices = access.access_levels_for(user)
        self.fields["title_en"].required = False
        self.fields["title_fr"].required = False
        self.fields["title_en"].help_text = _("Left empty, the file's name is the title.")
        self._choices("members").queryset = self._of_network(Member.objects.all()).order_by("search_text")
        self._choices("themes").queryset = Theme.objects.all()
        self._choices("event").queryset = self._of_network(Event.objects.all()).order_by("-starts_at", "pk")
        self._choices("project").queryset = self._of_network(Project.objects.all()).order_by("title_en")
        self._choices("decision").queryset = self._of_network(Decision.objects.all()).order_by("-pk")
        self._choices("activity").queryset = self._of_network(Activity.objects.all(), field="plan__network")
        self._choices("organisation").queryset = Organisation.objects.order_by("name_en")

    def _choices(self, name: str) -> forms.ModelChoiceField[Any]:
        return cast("forms.ModelChoiceField[Any]", self.fields[name])

    def _of_network(self, queryset: QuerySet[Any], field: str = "network") -> QuerySet[Any]:
        if self.fixed_network is None:
            return queryset  # the secretariat chooses the network; clean() checks the links
        return queryset.filter(**{field: self.fixed_network})

    def chosen_network(self) -> Network:
        return self.fixed_network or self.cleaned_data["network"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        network = self.fixed_network or data.get("network")
        if network is None:
            return data
        for name in ("event", "project", "decision"):
            linked = data.get(name)
            if linked is not None and linked.network_id != network.pk:
                self.add_error(name, _("This belongs to another network than the document."))
        activity = data.get("activity")
        if activity is not None and activity.plan.network_id != network.pk:
            self.add_error("activity", _("This belongs to another network than the document."))
        members = data.get("members")
        if members is not None and any(member.network_id != network.pk for member in members):
            self.add_error("members", _("This belongs to another network than the document."))
        return data

    def service_data(self) -> dict[str, Any]:
        data = {name: value for name, value in self.cleaned_data.items() if name not in ("network", "uploads")}
        return data


class DocumentUploadForm(DocumentForm):
    """One or several files, each a document with the same description."""

    uploads = MultipleUploadField(
        label=_("Files"),
        rule=LIBRARY_UPLOAD,
        help_text=_("One or several files (up to 20 at once). Photos lose their location data when added."),
    )

    field_order = ["uploads"]


class VersionForm(forms.Form):
    file = UploadField(label=_("New version"), rule=LIBRARY_UPLOAD)


class LibraryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("All types")), *Document.Kind.choices])
    theme = forms.ModelChoiceField(
        label=_("Theme"), required=False, queryset=Theme.objects.all(), empty_label=_("All themes")
    )
    # Chosen from the facets of the results; kept, hidden, while the search is typed.
    member = forms.ModelChoiceField(
        label=_("Member"), required=False, queryset=Member.objects.all(), widget=forms.HiddenInput
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2100, widget=forms.HiddenInput)
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=Document.Language.choices, widget=forms.HiddenInput
    )
    archived = forms.BooleanField(label=_("Show archived documents"), required=False)
