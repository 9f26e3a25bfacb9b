from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from reseau.accounts.types import AuthenticatedHttpRequest
from reseau.core.spreadsheets import CONTENT_TYPES, CSV, FORMATS, XLSX, FileProblem, write_csv, write_xlsx
from reseau.exchange import access, services
from reseau.exchange.columns import column_label
from reseau.exchange.exports import export_table
from reseau.exchange.forms import ImportUploadForm
from reseau.exchange.guide import column_guide
from reseau.exchange.importers import CREATE, UNCHANGED, UPDATE, RowAction, RowNotSaved, StaleData
from reseau.exchange.messages import WARNING, render_message
from reseau.exchange.models import ImportBatch, ImportKind

UPLOAD_TITLES: dict[str, Promise] = {
    ImportKind.ORGANISATIONS: gettext_lazy("Import organisations"),
    ImportKind.CONTACTS: gettext_lazy("Import contacts"),
    ImportKind.FUNDING: gettext_lazy("Import funding opportunities"),
}

# Where the imported rows are listed.
LIST_URLS: dict[str, str] = {
    ImportKind.ORGANISATIONS: "partners:organisation_list",
    ImportKind.CONTACTS: "partners:organisation_list",
    ImportKind.FUNDING: "funding:opportunity_list",
}


def _kind_or_404(kind: str) -> str:
    if kind not in ImportKind.values:
        raise Http404
    return kind


@login_required
@require_GET
def export(request: AuthenticatedHttpRequest, kind: str, fmt: str) -> HttpResponse:
    kind = _kind_or_404(kind)
    if fmt not in FORMATS:
        raise Http404
    if not access.can_export(request.user, kind):
        raise PermissionDenied
    header, rows = export_table(kind, request.user)
    content = write_xlsx(header, rows, title=kind) if fmt == XLSX else write_csv(header, rows)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    file_name = f"{kind}-{timezone.localdate().isoformat()}.{fmt}"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=file_name)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: AuthenticatedHttpRequest, kind: str) -> HttpResponse:
    kind = _kind_or_404(kind)
    if not access.can_import(request.user):
        raise PermissionDenied
    form = ImportUploadForm(request.POST or None, request.FILES or None, user=request.user, kind=kind)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = services.import_check(
                actor=request.user,
                kind=kind,
                network=form.network_for_import(),
                file_name=upload.name,
                content=upload.read(),
            )
        except FileProblem as problem:
            for message, params in problem.problems:
                form.add_error("file", ValidationError(message, params=params))
        else:
            return redirect(batch)
    context = {
        "title": UPLOAD_TITLES[kind],
        "form": form,
        "kind": kind,
        "columns": column_guide(kind),
        "export_xlsx": reverse("exchange:export", kwargs={"kind": kind, "fmt": XLSX}),
        "export_csv": reverse("exchange:export", kwargs={"kind": kind, "fmt": CSV}),
        "list_url": reverse(LIST_URLS[kind]),
        # The list names the recent files: their rows and reports are not loaded on every visit.
        "recent": ImportBatch.objects.filter(created_by_id=request.user.pk, kind=kind)
        .defer("rows", "report")
        .order_by("-created_at", "-pk")[:5],
    }
    return render(request, "exchange/import_upload.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def import_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    batch = access.batch_for_user(request.user, pk)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "apply":
            _apply(request, batch)
        elif action == "cancel":
            _cancel(request, batch)
        return redirect(batch)
    context = {
        "batch": batch,
        "title": _("Import of “%(file)s”") % {"file": batch.file_name},
        "issues": _issues(batch),
        "rows": batch.rows,
        "list_url": reverse(LIST_URLS[batch.kind]),
        "upload_url": reverse("exchange:import", kwargs={"kind": batch.kind}),
        "RowAction": RowAction,
    }
    return render(request, "exchange/import_review.html", context)


def _issues(batch: ImportBatch) -> list[dict[str, Any]]:
    """The report in the reader's language, in the order of the file."""
    issues = []
    for issue in sorted(batch.report, key=lambda i: (i.get("row") or 0, i.get("level") != "error")):
        params = issue.get("params") or {}
        url = None
        if issue.get("code", "").startswith("matches_existing") and params.get("pk"):
            url = reverse("partners:organisation_detail", kwargs={"pk": params["pk"]})
        issues.append(
            {
                "row": issue.get("row"),
                "column": column_label(issue.get("column", "")),
                "message": render_message(issue.get("code", ""), params),
                "is_warning": issue.get("level") == WARNING,
                "url": url,
            }
        )
    return issues


def _apply(request: AuthenticatedHttpRequest, batch: ImportBatch) -> None:
    try:
        done = services.import_apply(actor=request.user, batch=batch)
    except StaleData as error:
        messages.error(
            request,
            _(
                "Nothing was imported: what row %(row)s refers to has changed since the file was checked. "
                "Upload the file again to check it anew."
            )
            % {"row": error.row},
        )
        return
    except RowNotSaved as error:
        messages.error(
            request,
            _(
                "Nothing was imported: row %(row)s could not be saved (%(reasons)s). "
                "Correct the file and upload it again."
            )
            % {"row": error.row, "reasons": " ".join(error.reasons)},
        )
        return
    if done is None:
        batch.refresh_from_db(fields=["status"])
        if batch.status == ImportBatch.Status.APPLIED:
            messages.info(request, _("This file was already imported: nothing more was done."))
        else:
            messages.info(request, _("This import was cancelled: nothing was done."))
        return
    messages.success(
        request,
        _("Import done. New: %(created)s. Updated: %(updated)s. Unchanged: %(unchanged)s.")
        % {"created": done[CREATE], "updated": done[UPDATE], "unchanged": done[UNCHANGED]},
    )


def _cancel(request: AuthenticatedHttpRequest, batch: ImportBatch) -> None:
    if services.import_cancel(batch=batch):
        messages.success(request, _("Import cancelled: nothing was written."))
    elif batch.status == ImportBatch.Status.APPLIED:
        messages.info(request, _("This file was already imported; it can no longer be cancelled."))
    else:
        messages.info(request, _("This import was already cancelled."))
