"""Who may export and import spreadsheets, and see an import's report."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from reseau.accounts.models import User
from reseau.accounts.types import Viewer
from reseau.exchange.models import ImportBatch, ImportKind
from reseau.registry.access import is_network_staff


def can_export(user: Viewer, kind: str) -> bool:
    """Organisations and funding calls: what the reader may see. Contacts are personal data: staff only."""
    if kind == ImportKind.CONTACTS:
        return is_network_staff(user)
    return bool(user.is_authenticated)


def can_import(user: Viewer) -> bool:
    """The coordinator and the secretariat keep the partner and funding lists."""
    return is_network_staff(user)


def can_choose_import_network(user: Viewer) -> bool:
    """Funding calls belong to a network: the secretariat picks it; a coordinator imports into its own."""
    return isinstance(user, User) and user.is_authenticated and user.is_secretariat


def can_see_batch(user: Viewer, batch: ImportBatch) -> bool:
    if not can_import(user) or not isinstance(user, User):
        return False
    return user.is_secretariat or batch.created_by_id == user.pk


def batch_for_user(user: Viewer, pk: int) -> ImportBatch:
    try:
        batch = ImportBatch.objects.select_related("network", "created_by").get(pk=pk)
    except ImportBatch.DoesNotExist:
        raise Http404 from None
    if not can_see_batch(user, batch):
        raise PermissionDenied
    return batch
