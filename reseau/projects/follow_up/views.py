"""A project's follow-up: partners, funding lines, milestones, progress notes; and the exchange rates."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reseau.accounts.types import AuthenticatedHttpRequest
from reseau.core.pages import form_page, form_saved
from reseau.projects import access, services
from reseau.projects.follow_up.forms import (
    ExchangeRateForm,
    FundingLineForm,
    MilestoneForm,
    PartnerForm,
    ProgressNoteForm,
)
from reseau.projects.models import ExchangeRate, FundingLine, Milestone, Project
from reseau.registry.models import Currency


def _back_to(project: Project, anchor: str) -> str:
    return f"{project.get_absolute_url()}#{anchor}"


# The follow-up forms name the project they add to.
FOLLOW_UP_FORM = "projects/follow_up_form.html"


@login_required
@require_http_methods(["GET", "POST"])
def partner_add(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    project = access.project_for_funding(request.user, code)
    form = PartnerForm(request.POST or None, project=project)
    if form_saved(
        request,
        form,
        lambda: services.partner_add(actor=request.user, project=project, data=form.cleaned_data),
        done=_("Partner added."),
    ):
        return redirect(_back_to(project, "partners"))
    title = _("Add a partner to %(project)s") % {"project": project}
    return form_page(
        request,
        form=form,
        title=title,
        cancel_url=_back_to(project, "partners"),
        template=FOLLOW_UP_FORM,
        project=project,
    )


@login_required
@require_http_methods(["GET", "POST"])
def funding_line_add(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    project = access.project_for_funding(request.user, code)
    form = FundingLineForm(request.POST or None, project=project)
    if form_saved(
        request,
        form,
        lambda: services.funding_line_add(actor=request.user, project=project, data=form.cleaned_data),
        done=_("Funding line added."),
    ):
        return redirect(_back_to(project, "funding-plan"))
    title = _("Add a funding line to %(project)s") % {"project": project}
    return form_page(
        request,
        form=form,
        title=title,
        cancel_url=_back_to(project, "funding-plan"),
        template=FOLLOW_UP_FORM,
        project=project,
    )


@login_required
@require_http_methods(["GET", "POST"])
def funding_line_edit(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    project = access.project_for_funding(request.user, code)
    line = get_object_or_404(FundingLine.objects.select_related("source"), pk=pk, project=project)
    # Read before the form copies what was typed onto the line.
    title = _("Edit the funding line from %(source)s") % {"source": line.source}
    form = FundingLineForm(request.POST or None, project=project, instance=line)
    if form_saved(
        request,
        form,
        lambda: services.funding_line_update(actor=request.user, line=line, data=form.cleaned_data),
        done=_("Changes saved."),
    ):
        return redirect(_back_to(project, "funding-plan"))
    return form_page(
        request,
        form=form,
        title=title,
        cancel_url=_back_to(project, "funding-plan"),
        template=FOLLOW_UP_FORM,
        project=project,
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_add(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    project = access.project_for_follow_up(request.user, code)
    form = MilestoneForm(request.POST or None)
    if form_saved(
        request,
        form,
        lambda: services.milestone_add(actor=request.user, project=project, data=form.cleaned_data),
        done=_("Milestone added."),
    ):
        return redirect(_back_to(project, "milestones"))
    title = _("Add a milestone to %(project)s") % {"project": project}
    return form_page(
        request,
        form=form,
        title=title,
        cancel_url=_back_to(project, "milestones"),
        template=FOLLOW_UP_FORM,
        project=project,
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_edit(request: AuthenticatedHttpRequest, code: str, pk: int) -> HttpResponse:
    project = access.project_for_follow_up(request.user, code)
    milestone = get_object_or_404(Milestone, pk=pk, project=project)
    title = _("Edit the milestone “%(milestone)s”") % {"milestone": milestone}
    form = MilestoneForm(request.POST or None, instance=milestone)
    if form_saved(
        request,
        form,
        lambda: services.milestone_update(actor=request.user, milestone=milestone, data=form.cleaned_data),
        done=_("Changes saved."),
    ):
        return redirect(_back_to(project, "milestones"))
    return form_page(
        request,
        form=form,
        title=title,
        cancel_url=_back_to(project, "milestones"),
        template=FOLLOW_UP_FORM,
        project=project,
    )


@login_required
@require_http_methods(["GET", "POST"])
def note_add(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    project = access.project_for_follow_up(request.user, code)
    form = ProgressNoteForm(request.POST or None)
    if form_saved(
        request,
        form,
        lambda: services.progress_note_add(actor=request.user, project=project, data=form.cleaned_data),
        done=_("Progress note added."),
    ):
        return redirect(_back_to(project, "progress-notes"))
    title = _("Add a progress note to %(project)s") % {"project": project}
    return form_page(
        request,
        form=form,
        title=title,
        cancel_url=_back_to(project, "progress-notes"),
        template=FOLLOW_UP_FORM,
        project=project,
    )


@dataclass(frozen=True)
class RateRow:
    valid_from: datetime.date
    cells: list[tuple[str, str]]  # (currency, formatted rate) per column; "" when no rate starts that day


def _rate_text(value: Decimal) -> str:
    """A rate with the decimals it has (at least two), in the reader's number format."""
    exponent = value.normalize().as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    return formats.number_format(value, decimal_pos=places, use_l10n=True)


@login_required
@require_GET
def rate_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not access.can_read_rates(request.user):
        raise PermissionDenied
    rates = list(ExchangeRate.objects.order_by("-valid_from", "currency"))
    present = {rate.currency for rate in rates}
    currencies = [(code, label) for code, label in Currency.choices if code in present]
    by_day: dict[datetime.date, dict[str, Decimal]] = {}
    for rate in rates:
        by_day.setdefault(rate.valid_from, {})[rate.currency] = rate.euros_per_unit
    rows = [
        RateRow(day, [(code, _rate_text(values[code]) if code in values else "") for code, _label in currencies])
        for day, values in by_day.items()
    ]
    context = {
        "currencies": currencies,
        "rows": rows,
        "can_keep_rates": access.can_keep_rates(request.user),
    }
    return render(request, "projects/rate_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def rate_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not access.can_keep_rates(request.user):
        raise PermissionDenied
    # "Record a rate" links from a funding plan say which currency and date are missing.
    suggested = {name: request.GET[name] for name in ("currency", "valid_from") if request.GET.get(name)}
    form = ExchangeRateForm(request.POST or None, initial=suggested)
    if form_saved(
        request,
        form,
        lambda: services.exchange_rate_add(actor=request.user, data=form.cleaned_data),
        done=_("Exchange rate recorded."),
    ):
        return redirect("projects:rate_list")
    return form_page(
        request,
        form=form,
        title=_("Record an exchange rate"),
        cancel_url=reverse("projects:rate_list"),
        template=FOLLOW_UP_FORM,
    )
