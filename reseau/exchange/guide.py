"""What to write in each column, shown on the upload page."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from reseau.exchange.columns import column_label
from reseau.exchange.importers import IMPORTERS
from reseau.exchange.models import ImportKind

_SHARED: dict[str, Promise] = {
    "themes": _("Themes by name, separated by “;”, as listed on the themes page."),
    "notes": _("Free text."),
    "shared_with_partners": _("yes or no (oui or non): whether partner accounts may read it."),
}

_BY_KIND: dict[str, dict[str, Promise]] = {
    ImportKind.ORGANISATIONS: {
        "name_en": _("Name in English. An organisation whose name or acronym is already known updates it."),
        "name_fr": _("Name in French."),
        "acronym": _("Acronym, for example AFD."),
        "kind": _("Type, one of: %(choices)s."),
        "countries": _(
            "The countries covered, by name or two-letter ISO code, separated by “;”, for example Cambodia;Laos."
        ),
        "region_en": _("Region covered, in English, for example Asia-Pacific."),
        "region_fr": _("Region covered, in French."),
        "website": _("Web address, for example https://www.example.org."),
    },
    ImportKind.CONTACTS: {
        "organisation": _("The organisation's name in English, as in the organisations export."),
        "acronym": _("The organisation's acronym, to tell apart organisations with similar names."),
        "person_name": _("The contact's full name."),
        "person_email": _("The contact's email; a person already known by this email is reused."),
        "role": _("The contact's role in the organisation."),
    },
    ImportKind.FUNDING: {
        "title_en": _("Title of the call or programme in English. The same donor and title update the call."),
        "title_fr": _("Title in French."),
        "donor": _("The donor organisation's name in English; import the organisations first."),
        "url": _("Link to the call, for example https://www.example.org/call."),
        "eligible_countries": _(
            "Countries by name or two-letter ISO code, separated by “;”, for example Cambodia;Laos."
        ),
        "eligible_member_kinds": _("Types of members that may apply, separated by “;”, among: %(member_kinds)s."),
        "amount_min": _("Minimum amount, a plain number such as 15000 or 15000.50."),
        "amount_max": _("Maximum amount, a plain number, not below the minimum."),
        "currency": _("Currency, one of: %(currencies)s. Empty: EUR for a new call."),
        "opens_on": _("Opening date as YYYY-MM-DD, for example 2026-06-15."),
        "closes_on": _("Closing date as YYYY-MM-DD, not before the opening date."),
        "status": _("Status, one of: %(statuses)s. Empty: watching for a new call."),
        "members": _("Names of the members concerned, separated by “;”, for example Huế;Vientiane."),
    },
}


def column_guide(kind: str) -> list[dict[str, object]]:
    from reseau.funding.models import FundingOpportunity
    from reseau.partners.models import Organisation
    from reseau.registry.models import Currency, Member

    params = {
        "choices": ", ".join(str(label) for label in Organisation.Kind.labels),
        "member_kinds": ", ".join(str(label) for label in Member.Kind.labels),
        "currencies": ", ".join(Currency.values),
        "statuses": ", ".join(str(label) for label in FundingOpportunity.Status.labels),
    }
    importer = IMPORTERS[kind]
    guide = []
    for column in importer.columns:
        help_text = _BY_KIND[kind].get(column) or _SHARED[column]
        guide.append(
            {
                "name": column_label(column),
                "required": column in importer.required_columns,
                "help": str(help_text) % params if "%(" in str(help_text) else str(help_text),
            }
        )
    return guide
