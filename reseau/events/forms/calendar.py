"""The calendar's filters: theme, host member and type, kept from one period to the next."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy

from reseau.accounts.types import Viewer
from reseau.events.models import Event
from reseau.registry.access import members_visible_to
from reseau.registry.models import Theme


class CalendarFilterForm(forms.Form):
    theme = forms.ChoiceField(label=gettext_lazy("Theme"), required=False)
    member = forms.ChoiceField(label=gettext_lazy("Host member"), required=False)
    type = forms.ChoiceField(label=gettext_lazy("Type"), required=False)

    def __init__(self, *args: Any, user: Viewer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everyone = [("", gettext_lazy("All"))]
        members = members_visible_to(user).order_by("search_text", "pk").only("slug", "name_en", "name_fr")
        choices: dict[str, list[tuple[str, Any]]] = {
            "theme": [(theme.code, theme.name) for theme in Theme.objects.all()],
            "member": [(member.slug, member.name) for member in members],
            "type": list(Event.Kind.choices),
        }
        for name, options in choices.items():
            cast(forms.ChoiceField, self.fields[name]).choices = everyone + options
        if len(choices["member"]) == 0:
            del self.fields["member"]  # visitors do not read the members list

    def values(self) -> dict[str, str]:
        """The valid filters (a refused value is dropped, the others still apply)."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            "theme": cleaned.get("theme") or "",
            "member": cleaned.get("member") or "",
            "kind": cleaned.get("type") or "",
        }
