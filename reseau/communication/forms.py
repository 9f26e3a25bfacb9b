from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reseau.communication.models import DigestFrequency, MessageKind, Preference
from reseau.registry.models import Theme

# The digest has its own field (its frequency, "never" included).
CHOSEN_KINDS = [(value, label) for value, label in MessageKind.choices if value != MessageKind.DIGEST]


class PreferenceForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the messages"),
        choices=[("", _("The language of my account")), *settings.LANGUAGES],
        required=False,
    )
    kinds = forms.MultipleChoiceField(
        label=_("E-mails I receive"),
        choices=CHOSEN_KINDS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Untick a kind to stop its e-mails; the notifications in the platform stay."),
    )
    digest = forms.ChoiceField(label=_("Digest"), choices=DigestFrequency.choices)
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes I follow"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Funding calls on these themes are announced to you 14 and 3 days before they close."),
    )
    unsubscribed = forms.BooleanField(
        label=_("Stop every e-mail from the platform"),
        required=False,
        help_text=_("Nothing is e-mailed to you any more, not even the digest, until you untick this."),
    )

    @classmethod
    def for_preference(cls, preference: Preference, data: Any = None) -> PreferenceForm:
        initial = {
            "language": preference.language,
            "kinds": [k for k, _label in CHOSEN_KINDS if k not in preference.muted],
            "digest": preference.digest,
            "themes": list(preference.themes.all()) if preference.pk else [],
            "unsubscribed": preference.unsubscribed_at is not None,
        }
        return cls(data, initial=initial)

    def preference_data(self, preference: Preference) -> dict[str, Any]:
        """What the service stores: the kinds ticked become the kinds not muted."""
        data = self.cleaned_data
        unsubscribed_at = preference.unsubscribed_at
        if data["unsubscribed"] and unsubscribed_at is None:
            unsubscribed_at = timezone.now()
        elif not data["unsubscribed"]:
            unsubscribed_at = None
        return {
            "language": data["language"],
            "muted": sorted(k for k, _label in CHOSEN_KINDS if k not in data["kinds"]),
            "digest": data["digest"],
            "themes": list(data["themes"]),
            "unsubscribed_at": unsubscribed_at,
        }
