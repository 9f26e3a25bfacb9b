"""Who may export and import spreadsheets, and see an import's report."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from reseau.exchange.models import ImportBatch, ImportKind
from reseau.registry.access import is_network_staff


def can_export(user: Any, kind: str) -> bool:
    """Organisations and funding calls: what the reader may see. Contacts are personal data: staff only."""
    if kind == ImportKind.CONTACTS:
        return is_network_staff(user)
    return bool(user.is_authenticated)


def can_import(user: Any) -> bool:
    """The coordinator and the secretariat keep the partner and funding lists."""
    return is_network_staff(user)


def can_see_batch(user: Any, batch: ImportBatch) -> bool:
    if not can_import(user):
        return False
    return user.is_secretariat or batch.created_by_id == user.pk


def batch_for_user(user: Any, pk: int) -> ImportBatch:
    try:
        batch = ImportBatch.objects.select_related("network", "created_by").get(pk=pk)
    except ImportBatch.DoesNotExist:
        raise Http404 from None
    if not can_see_batch(user, batch):
        raise PermissionDenied
    return batch
