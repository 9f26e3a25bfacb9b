"""The library's pages: thin views that ask ``access``, validate a form and call one service."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reseau.accounts.types import AuthenticatedHttpRequest
from reseau.audit.selectors import audit_events_for
from reseau.core.forms import add_service_error
from reseau.core.pages import form_page, form_saved
from reseau.core.querystrings import query_with, query_without
from reseau.library import access, fulltext, selectors, services
from reseau.library.forms import LINKS, DocumentForm, DocumentUploadForm, LibraryFilterForm, VersionForm
from reseau.library.models import THUMBNAIL_CONTENT_TYPE, Document, DocumentVersion

DOCUMENTS_PER_PAGE = 25


@require_GET
def document_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = LibraryFilterForm(request.GET or None)
    # The valid filters apply; one that is not (a member gone since the link was kept) is left out.
    form.is_valid()
    filters = selectors.LibraryFilters.from_data(getattr(form, "cleaned_data", {}))
    documents = selectors.document_list(documents=access.documents_visible_to(user), filters=filters)
    page = Paginator(documents, DOCUMENTS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    selectors.document_snippets(documents=page.object_list, query=filters.q)
    context = {
        "form": form,
        "page": page,
        "filtered": filters.any,
        "searching": bool(filters.q),
        "more_found": selectors.more_found_than_ranked(documents=documents),
        "ranked_limit": fulltext.RANKED_MATCHES,
        "facets": _facet_links(request, selectors.library_facets(documents=documents)),
        "chosen": _chosen_filters(request, filters),
        "not_shared_count": access.documents_not_shared_with(user).count(),
        "can_add": access.can_add_documents(user),
        "show_network": access.sees_every_network(user),
        "query_string": query_without(request, "page"),
    }
    htmx = bool(request.headers.get("HX-Request"))
    response = render(request, "library/_document_results.html" if htmx else "library/document_list.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _facet_links(request: HttpRequest, facets: list[selectors.Facet]) -> list[dict[str, object]]:
    """Each facet's values, each a link that adds it to the filters (the search is kept); a
    facet already chosen is not offered again."""
    return [
        {
            "label": facet.label,
            "values": [
                {"label": value.label, "count": value.count, "url": "?" + query_with(request, facet.name, value.value)}
                for value in facet.values
            ],
        }
        for facet in facets
        if facet.values and not request.GET.get(facet.name)
    ]


def _chosen_filters(request: HttpRequest, filters: selectors.LibraryFilters) -> list[dict[str, object]]:
    """The filters chosen, each with the link that removes it."""
    chosen: list[tuple[str, object]] = []
    if filters.kind:
        chosen.append(("kind", Document.Kind(filters.kind).label))
    if filters.theme is not None:
        chosen.append(("theme", filters.theme))
    if filters.member is not None:
        chosen.append(("member", filters.member))
    if filters.year is not None:
        chosen.append(("year", filters.year))
    if filters.language:
        chosen.append(("language", Document.Language(filters.language).label))
    return [
        {"label": selectors.FILTER_LABELS[name], "value": value, "url": "?" + query_without(request, "page", name)}
        for name, value in chosen
    ]


@login_required
@require_http_methods(["GET", "POST"])
def document_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    network = access.network_for_new_document(user)
    initial: dict[str, object] = {name: request.GET[name] for name in LINKS if request.GET.get(name, "").isdigit()}
    if user.member_id:
        initial["members"] = [user.member_id]
    elif request.GET.get("member", "").isdigit():
        initial["members"] = [int(request.GET["member"])]
    # Sent from another page (a news post's form) to add its photo: back there, with the document.
    back = _back_url(request)
    form = DocumentUploadForm(request.POST or None, request.FILES or None, user=user, network=network, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            documents = services.document_create(
                actor=user,
                network=form.chosen_network(),
                data=form.service_data(),
                files=form.cleaned_data["uploads"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            count = len(documents)
            messages.success(
                request,
                ngettext("%(count)s document added to the library.", "%(count)s documents added to the library.", count)
                % {"count": count},
            )
            if back:
                separator = "&" if "?" in back else "?"
                return redirect(f"{back}{separator}document={documents[0].pk}" if count == 1 else back)
            return redirect(documents[0].get_absolute_url() if count == 1 else reverse("library:document_list"))
    return form_page(
        request,
        form=form,
        title=_("Add documents"),
        cancel_url=back or reverse("library:document_list"),
        template="library/document_upload.html",
        submit_label=_("Add to the library"),
    )


def _back_url(request: HttpRequest) -> str:
    """The page of this site to go back to once the documents are added (``?next=``), or ""."""
    url = request.GET.get("next", "")
    if url.startswith("/") and url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return ""


@require_GET
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    document = access.document_for_user(user, pk)
    can_edit = access.can_edit_document(user, document)
    can_archive = access.can_archive_document(user, document)
    context = {
        "document": document,
        "versions": selectors.document_versions(document=document),
        "themes": list(document.themes.all()),
        "members": list(document.members.all()),
        "can_edit": can_edit,
        "can_archive": can_archive,
        "can_delete": access.can_delete_documents(user),
        "history": list(audit_events_for(document)) if can_archive else [],
    }
    return render(request, "library/document_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def document_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    document = access.document_for_edit(user, pk)
    form = DocumentForm(request.POST or None, instance=document, user=user, network=document.network)
    if form_saved(
        request,
        form,
        lambda: services.document_update(actor=user, document=document, data=form.service_data()),
        done=_("Document saved."),
    ):
        return redirect(document.get_absolute_url())
    return form_page(
        request,
        form=form,
        title=_("Change the document"),
        cancel_url=document.get_absolute_url(),
        template="library/document_upload.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
def version_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    document = access.document_for_edit(user, pk)
    form = VersionForm(request.POST or None, request.FILES or None)
    if form_saved(
        request,
        form,
        lambda: services.version_add(actor=user, document=document, upload=form.cleaned_data["file"]),
        done=_("New version added; the older ones are kept."),
    ):
        return redirect(document.get_absolute_url())
    return form_page(
        request,
        form=form,
        title=_("New version of “%(title)s”") % {"title": document.title},
        cancel_url=document.get_absolute_url(),
        template="library/document_upload.html",
        submit_label=_("Add the version"),
    )


@login_required
@require_POST
def document_archive(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    document = access.document_for_archive(request.user, pk)
    services.document_archive(actor=request.user, document=document)
    messages.success(request, _("Document archived: it no longer shows in the library; nothing was deleted."))
    return redirect(document.get_absolute_url())


@login_required
@require_POST
def document_restore(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    document = access.document_for_archive(request.user, pk)
    services.document_restore(actor=request.user, document=document)
    messages.success(request, _("Document back in the library."))
    return redirect(document.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def document_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    document = access.document_for_delete(request.user, pk)
    if request.method == "POST":
        services.document_delete(actor=request.user, document=document)
        messages.success(request, _("Document deleted with all its versions. The history keeps what it was."))
        return redirect("library:document_list")
    return render(request, "library/document_delete.html", {"document": document})


def _version_for(request: HttpRequest, pk: int, number: int) -> tuple[Document, DocumentVersion]:
    """The version of a document the reader may open (``access.document_for_user``), or 404."""
    document = access.document_for_user(request.user, pk)
    version = document.versions.defer("text").filter(number=number).first()
    if version is None:
        raise Http404
    return document, version


def _served(request: HttpRequest, document: Document, response: FileResponse) -> FileResponse:
    response["X-Content-Type-Options"] = "nosniff"
    # A shared cache may keep a public file fetched by a visitor; nothing a signed-in person reads.
    public = document.access == Document.Access.PUBLIC and not request.user.is_authenticated
    response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    return response


@require_GET
def version_download(request: HttpRequest, pk: int, number: int) -> FileResponse:
    """A file, only through this view: the document's access is checked on every download.
    PDF and photos may show in the browser; every other kind downloads, and none is sniffed."""
    document, version = _version_for(request, pk, number)
    try:
        handle = version.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=not version.shows_inline, filename=version.name, content_type=version.content_type
    )
    return _served(request, document, response)


@require_GET
def version_thumbnail(request: HttpRequest, pk: int, number: int) -> FileResponse:
    """A photo's thumbnail, read as its file is (``version_download``): the document's access
    is checked every time; a version without a thumbnail (not a photo, or none could be made)
    is not found."""
    document, version = _version_for(request, pk, number)
    if not version.thumbnail:
        raise Http404
    try:
        handle = version.file.storage.open(version.thumbnail, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=False,
        filename=PurePosixPath(version.thumbnail).name,
        content_type=THUMBNAIL_CONTENT_TYPE,
    )
    return _served(request, document, response)
