"""Reads of the partner registry."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from reseau.partners.models import Organisation, organisation_match_keys


def organisation_duplicates(*, names: list[str], exclude_pk: int | None = None) -> QuerySet[Organisation]:
    """Organisations whose name or acronym matches one of ``names``, ignoring case,
    accents, punctuation and a bracketed acronym: "AUF" finds "Agence universitaire
    de la Francophonie" when that is its acronym."""
    keys = organisation_match_keys(names)
    if not keys:
        return Organisation.objects.none()
    condition = Q()
    for key in keys:
        condition |= (
            Q(match_names=key)
            | Q(match_names__startswith=f"{key}\n")
            | Q(match_names__endswith=f"\n{key}")
            | Q(match_names__contains=f"\n{key}\n")
        )
    found = Organisation.objects.filter(condition)
    if exclude_pk is not None:
        found = found.exclude(pk=exclude_pk)
    return found.order_by("name")
