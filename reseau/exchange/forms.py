from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reseau.accounts.models import User
from reseau.core.spreadsheets import FORMATS
from reseau.exchange.access import can_choose_import_network
from reseau.exchange.models import ImportKind
from reseau.registry.models import Network

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("An XLSX or CSV file of at most 5 MB, whose first row names the columns."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv",
            }
        ),
    )
    network = forms.ModelChoiceField(
        label=_("Network"),
        queryset=Network.objects.all(),
        empty_label=None,
        help_text=_("The network whose funding opportunities the file holds."),
    )

    def __init__(self, *args: Any, user: User, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        # Funding calls belong to a network: the coordinator's own, or the one the secretariat picks.
        if kind != ImportKind.FUNDING or not can_choose_import_network(user):
            del self.fields["network"]
        elif user.network_id:
            self.fields["network"].initial = user.network_id

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in FORMATS:
            raise forms.ValidationError(_("Choose an XLSX or CSV file (a name ending in .xlsx or .csv)."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("This file is larger than 5 MB. Split it into smaller files."))
        return upload

    def network_for_import(self) -> Network | None:
        if "network" in self.fields:
            chosen: Network = self.cleaned_data["network"]
            return chosen
        return self.user.network
