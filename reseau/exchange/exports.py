"""The rows of each export, limited to what the reader may see, in the reader's language.

Headers are the columns' labels, choices their labels, countries, themes and members their
names, flags "yes"/"no" in the reader's language (``exchange.columns``); the import reads all of
these back in either language, so an exported file can be edited and imported again. Dates are
YYYY-MM-DD and amounts plain decimals. Each export runs a fixed number of queries, however many
rows it holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.core.exceptions import PermissionDenied

from reseau.accounts.models import User
from reseau.core.spreadsheet_labels import choice_label, yes_no
from reseau.core.text import translated
from reseau.exchange.columns import column_labels
from reseau.exchange.importers import (
    ContactImporter,
    FundingImporter,
    OrganisationImporter,
    display_name,
)
from reseau.exchange.models import ImportKind
from reseau.funding.access import opportunities_visible_to
from reseau.funding.models import FundingOpportunity
from reseau.partners.access import contacts_visible_to, organisations_visible_to
from reseau.partners.models import Organisation
from reseau.registry.access import is_network_staff
from reseau.registry.models import Member

LIST_SEPARATOR = ";"


def _names(values: Any) -> str:
    """Countries, themes or members by their names in the reader's language."""
    return LIST_SEPARATOR.join(sorted(str(v.name) for v in values))


def organisation_rows(user: User) -> Iterator[list[Any]]:
    organisations = organisations_visible_to(user).prefetch_related("countries", "themes").order_by("name_en", "pk")
    for o in organisations:
        yield [
            translated(o, "name_en"),
            translated(o, "name_fr"),
            o.acronym,
            choice_label(Organisation.Kind, o.kind),
            _names(o.countries.all()),
            translated(o, "region_en"),
            translated(o, "region_fr"),
            o.website,
            _names(o.themes.all()),
            o.notes,
            yes_no(o.shared_with_partners),
        ]


def contact_rows(user: User) -> Iterator[list[Any]]:
    if not is_network_staff(user):
        raise PermissionDenied
    contacts = (
        contacts_visible_to(user)
        .select_related("organisation", "person")
        .order_by("organisation__name_en", "organisation_id", "person__name", "pk")
    )
    for c in contacts:
        yield [
            display_name(c.organisation),
            c.organisation.acronym,
            c.person.name,
            c.person.email or "",
            c.role,
        ]


def funding_rows(user: User) -> Iterator[list[Any]]:
    calls = (
        opportunities_visible_to(user)
        .select_related("donor")
        .prefetch_related("themes", "eligible_countries", "members")
        .order_by("closes_on", "title_en", "pk")
    )
    for f in calls:
        yield [
            translated(f, "title_en"),
            translated(f, "title_fr"),
            display_name(f.donor),
            f.url,
            _names(f.themes.all()),
            _names(f.eligible_countries.all()),
            LIST_SEPARATOR.join(choice_label(Member.Kind, kind) for kind in f.eligible_member_kinds or []),
            f.amount_min,
            f.amount_max,
            f.currency,
            f.opens_on,
            f.closes_on,
            choice_label(FundingOpportunity.Status, f.status),
            _names(f.members.all()),
            f.notes,
            yes_no(f.shared_with_partners),
        ]


EXPORTS: dict[str, tuple[tuple[str, ...], Callable[[User], Iterator[list[Any]]]]] = {
    ImportKind.ORGANISATIONS: (OrganisationImporter.columns, organisation_rows),
    ImportKind.CONTACTS: (ContactImporter.columns, contact_rows),
    ImportKind.FUNDING: (FundingImporter.columns, funding_rows),
}


def export_table(kind: str, user: User) -> tuple[tuple[str, ...], list[list[Any]]]:
    """The header and rows of an export; raises PermissionDenied when the user may not have it."""
    columns, rows = EXPORTS[kind]
    return tuple(column_labels(columns)), list(rows(user))
