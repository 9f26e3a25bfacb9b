"""Who may read, add, change, archive and delete documents, and download their files.

Every view, section and download asks these functions; the route-by-role test exercises them.
A document is read at its access level: public (anyone, signed in or not), partners (the
network's people and the partners of that network, ``partners.access.partner_networks``),
network (its people only) or secretariat (the secretariat only). Archived documents are shown
to those who keep the network's documents, not to readers.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django_stubs_ext import StrOrPromise

from reseau.accounts.models import User
from reseau.accounts.types import Viewer
from reseau.library.models import Document
from reseau.partners.access import partner_scope
from reseau.registry.access import can_manage_network
from reseau.registry.models import Network

Access = Document.Access


def _active(user: Viewer) -> User | None:
    return user if isinstance(user, User) and user.is_active else None


def documents_visible_to(user: Viewer) -> QuerySet[Document]:
    """Every document the reader may open, archived ones only for those who keep them."""
    public = Q(access=Access.PUBLIC, archived_at__isnull=True)
    account = _active(user)
    if account is None:
        return Document.objects.filter(public)
    if account.is_secretariat:
        return Document.objects.all()
    if account.is_partner:
        shared = Q(access=Access.PARTNERS, archived_at__isnull=True) & partner_scope(account)
        return Document.objects.filter(public | shared)
    own = Q(network_id=account.network_id or 0, access__in=[Access.PUBLIC, Access.PARTNERS, Access.NETWORK])
    if not account.is_coordinator:
        own &= Q(archived_at__isnull=True)
    return Document.objects.filter(public | own)


def documents_not_shared_with(user: Viewer) -> QuerySet[Document]:
    """Documents a partner knows exist but may not read (the network's own), counted on the
    library page so that it never says "no document" while some exist. None for anyone else."""
    account = _active(user)
    if account is None or not account.is_partner:
        return Document.objects.none()
    return Document.objects.filter(partner_scope(account), access=Access.NETWORK, archived_at__isnull=True)


def can_add_documents(user: Viewer) -> bool:
    """The secretariat, coordinators and focal points add documents (a focal point's name its member)."""
    account = _active(user)
    if account is None:
        return False
    return (
        account.is_secretariat
        or (account.is_coordinator and account.network_id is not None)
        or (account.is_focal_point and account.member_id is not None)
    )


def network_for_new_document(user: User) -> Network | None:
    """The network a new document belongs to: one's own; the secretariat chooses (None)."""
    if not can_add_documents(user):
        raise PermissionDenied
    return None if user.is_secretariat else user.network


def access_levels_for(user: Viewer) -> list[tuple[str, StrOrPromise]]:
    """The levels a person may give a document: "secretariat only" is the secretariat's own."""
    account = _active(user)
    if account is not None and account.is_secretariat:
        return list(Access.choices)
    return [(value, label) for value, label in Access.choices if value != Access.SECRETARIAT]


def can_edit_document(user: Viewer, document: Document) -> bool:
    """The coordinator of the document's network and the secretariat; a focal point, what it added."""
    account = _active(user)
    if account is None:
        return False
    if can_manage_network(account, document.network):
        return True
    return account.is_focal_point and document.created_by_id == account.pk and document.archived_at is None


def can_archive_document(user: Viewer, document: Document) -> bool:
    return can_manage_network(user, document.network)


def can_delete_documents(user: Viewer) -> bool:
    """Only the secretariat deletes; the history keeps what was deleted."""
    account = _active(user)
    return account is not None and account.is_secretariat


def sees_every_network(user: Viewer) -> bool:
    account = _active(user)
    return account is not None and account.is_secretariat


def document_for_user(user: Viewer, pk: int) -> Document:
    """The document the reader may open; one it may not read is "not shared" for a signed-in
    reader of its network's partners, "not found" otherwise (its existence is not told)."""
    try:
        # What the page names beside it, read with it.
        links = ("network", "event", "project", "activity", "decision", "organisation")
        return documents_visible_to(user).select_related(*links).get(pk=pk)
    except Document.DoesNotExist:
        if documents_not_shared_with(user).filter(pk=pk).exists():
            raise PermissionDenied(_("This document is not shared with partners.")) from None
        raise Http404 from None


def document_for_edit(user: Viewer, pk: int) -> Document:
    document = document_for_user(user, pk)
    if not can_edit_document(user, document):
        raise PermissionDenied
    return document


def document_for_archive(user: Viewer, pk: int) -> Document:
    document = document_for_user(user, pk)
    if not can_archive_document(user, document):
        raise PermissionDenied
    return document


def document_for_delete(user: Viewer, pk: int) -> Document:
    document = document_for_user(user, pk)
    if not can_delete_documents(user):
        raise PermissionDenied
    return document
