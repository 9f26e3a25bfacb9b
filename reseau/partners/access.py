"""Who may see and change partners, contacts, relationships and interactions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from reseau.partners.models import Interaction, Organisation
from reseau.registry.access import is_network_staff


def can_edit_partners(user: Any) -> bool:
    """The coordinator and the secretariat keep the partner list."""
    return is_network_staff(user)


def can_see_interactions(user: Any) -> bool:
    """The interaction log is the network staff's working record: never shown to partners."""
    return is_network_staff(user)


def can_see_stages(user: Any) -> bool:
    """Where each network stands with an organisation, and why it moved, is the
    network's own business: everyone working in the network sees it, partners do not."""
    return user.is_authenticated and not user.is_partner


def organisations_visible_to(user: Any) -> QuerySet[Organisation]:
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    if user.is_partner:
        return Organisation.objects.filter(Q(shared_with_partners=True) | Q(pk=user.organisation_id or 0))
    return Organisation.objects.all()


def interactions_visible_to(user: Any) -> QuerySet[Interaction]:
    if not can_see_interactions(user):
        return Interaction.objects.none()
    if user.is_secretariat:
        return Interaction.objects.all()
    return Interaction.objects.filter(network_id=user.network_id or 0)


def organisation_for_user(user: Any, pk: int) -> Organisation:
    try:
        return organisations_visible_to(user).get(pk=pk)
    except Organisation.DoesNotExist:
        raise Http404 from None


def organisation_for_edit(user: Any, pk: int) -> Organisation:
    organisation = organisation_for_user(user, pk)
    if not can_edit_partners(user):
        raise PermissionDenied
    return organisation


def interaction_for_edit(user: Any, pk: int) -> Interaction:
    if not can_see_interactions(user):
        raise PermissionDenied
    try:
        return interactions_visible_to(user).select_related("organisation").get(pk=pk)
    except Interaction.DoesNotExist:
        raise Http404 from None
