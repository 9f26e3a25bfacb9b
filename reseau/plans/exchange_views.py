"""The plan table of one period as XLSX or DOCX, and the import of an edited XLSX."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods

from reseau.accounts.types import AuthenticatedHttpRequest
from reseau.core import uploads
from reseau.core.spreadsheets import FileProblem
from reseau.core.uploads import UploadField, UploadRule
from reseau.plans import exchange
from reseau.plans.access import plan_for_edit, plan_for_user
from reseau.plans.exchange import (
    CONTENT_TYPES,
    DOCX,
    FORMATS,
    XLSX,
    ImportRefused,
    PlanImport,
    Problem,
)
from reseau.plans.models import ActivityProgress, Plan, ReportingPeriod

PLAN_UPLOAD = UploadRule(
    formats=(uploads.XLSX,),
    size_limit=5 * uploads.MB,
    wrong_type=gettext_lazy("Choose an XLSX file (a name ending in .xlsx): the plan table exported, then edited."),
    unreadable=exchange.UNREADABLE,
)
# A report longer than this is cut: the first problems are enough to correct the file.
MAX_PROBLEMS_SHOWN = 200


def _period(request: HttpRequest, plan: Plan) -> ReportingPeriod | None:
    label = request.GET.get("period")
    if label is None:
        return exchange.default_period(plan)
    period = exchange.period_by_label(plan, label)
    if period is None:
        raise Http404
    return period


@login_required
@require_GET
def plan_export(request: AuthenticatedHttpRequest, code: str, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    plan = plan_for_user(request.user, code)
    table = exchange.plan_table(plan, _period(request, plan))
    content = exchange.write_xlsx(table) if fmt == XLSX else exchange.write_docx(table)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=exchange.file_name(plan, table.period, fmt)
    )
    response["Cache-Control"] = "private, no-store"
    return response


class PlanImportForm(forms.Form):
    file = UploadField(
        rule=PLAN_UPLOAD,
        label=gettext_lazy("Spreadsheet (XLSX)"),
        help_text=gettext_lazy("This plan exported as XLSX, then edited: at most 5 MB."),
    )


def _table_url(plan: Plan, period: ReportingPeriod) -> str:
    return f"{reverse('plans:plan_table', kwargs={'code': plan.code})}?{urlencode({'period': period.label})}"


@login_required
@require_http_methods(["GET", "POST"])
def plan_import(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    plan = plan_for_edit(request.user, code)
    form = PlanImportForm(request.POST or None, request.FILES or None)
    problems: list[Problem] = []
    submitted = request.method == "POST" and form.is_valid()
    # A file input cannot be filled in again: the page names the file that was checked instead,
    # by the safe name the check gave it (no folders, no characters that reverse the text).
    chosen = request.FILES.get("file") if request.method == "POST" else None
    chosen_file = (chosen.name or "") if chosen is not None else ""
    if submitted:
        upload = form.cleaned_data["file"]
        try:
            content = upload.read()
            rows = exchange.read_workbook(content)
        except FileProblem as problem:
            for message, params in problem.problems:
                form.add_error("file", ValidationError(message, params=params))
        else:
            importer = PlanImport(plan=plan, actor=request.user)
            problems = importer.check(rows, exchange.read_workbook_keys(content))
            if not problems:
                try:
                    outcome = importer.apply()
                except ImportRefused as refused:
                    problems = refused.problems
                else:
                    for text in exchange.outcome_messages(outcome):
                        messages.success(request, text)
                    assert importer.period is not None
                    return redirect(_table_url(plan, importer.period))
    period = exchange.default_period(plan)
    export_query = f"?{urlencode({'period': period.label})}" if period else ""
    context = {
        "title": _("Import the plan table: %(plan)s") % {"plan": plan.title},
        "plan": plan,
        "form": form,
        "chosen_file": chosen_file,
        "problems": [
            {"row": p.row, "column": p.column_label, "message": p.text} for p in problems[:MAX_PROBLEMS_SHOWN]
        ],
        "problem_count": len(problems),
        "more_problems": _more(len(problems) - MAX_PROBLEMS_SHOWN),
        "period": period,
        "export_xlsx": reverse("plans:plan_export", kwargs={"code": plan.code, "fmt": XLSX}) + export_query,
        "export_docx": reverse("plans:plan_export", kwargs={"code": plan.code, "fmt": DOCX}) + export_query,
        "plan_url": plan.get_absolute_url(),
        "columns": exchange.column_labels(),
        "statuses": [str(label) for label in ActivityProgress.Status.labels],
    }
    return render(request, "plans/plan_import.html", context)


def _more(count: int) -> str:
    if count <= 0:
        return ""
    return ngettext("%(count)s more problem is not listed.", "%(count)s more problems are not listed.", count) % {
        "count": count
    }
