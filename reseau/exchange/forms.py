from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reseau.accounts.models import User
from reseau.core.spreadsheets import UNREADABLE
from reseau.core.uploads import CSV, MB, XLSX, UploadField, UploadRule
from reseau.exchange.access import can_choose_import_network
from reseau.exchange.models import ImportKind
from reseau.registry.models import Network

SPREADSHEET_UPLOAD = UploadRule(
    formats=(XLSX, CSV),
    size_limit=5 * MB,
    wrong_type=_("Choose an XLSX or CSV file (a name ending in .xlsx or .csv)."),
    unreadable=UNREADABLE,
)


class ImportUploadForm(forms.Form):
    file = UploadField(
        rule=SPREADSHEET_UPLOAD,
        label=_("Spreadsheet"),
        help_text=_("An XLSX or CSV file of at most 5 MB, whose first row names the columns."),
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

    def network_for_import(self) -> Network | None:
        if "network" in self.fields:
            chosen: Network = self.cleaned_data["network"]
            return chosen
        return self.user.network
