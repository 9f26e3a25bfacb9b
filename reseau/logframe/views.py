"""The logical framework: results, indicators, measured values and their approval by the secretariat."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reseau.accounts.types import AuthenticatedHttpRequest
from reseau.core.forms import add_service_error
from reseau.core.pages import form_page, form_saved
from reseau.logframe import access, services
from reseau.logframe.forms import ComputedOnForm, IndicatorForm, IndicatorValueForm, ResultForm
from reseau.logframe.models import Indicator, IndicatorValue, Result
from reseau.logframe.selectors import (
    ComputedValues,
    disaggregation_labels,
    figure,
    figure_in_year,
    indicator_history,
    logframe_for,
    network_today,
    value_rows,
)
from reseau.registry.models import Network


def _logframe_url(network: Network | None = None) -> str:
    url = reverse("logframe:logframe")
    return f"{url}?network={network.code}" if network is not None else url


def _indicator_url(indicator: Indicator, anchor: str = "") -> str:
    url = reverse("logframe:indicator_detail", kwargs={"pk": indicator.pk})
    return f"{url}#{anchor}" if anchor else url


def _form_page(
    request: AuthenticatedHttpRequest,
    form: BaseForm,
    title: str,
    *,
    cancel_url: str,
    result: Result | None = None,
    indicator: Indicator | None = None,
    note: str = "",
) -> HttpResponse:
    return form_page(
        request,
        form=form,
        title=title,
        cancel_url=cancel_url,
        template="logframe/logframe_form.html",
        result=result,
        indicator=indicator,
        note=note,
    )


@login_required
@require_GET
def logframe(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    networks = list(access.networks_for_logframe(user))
    if not networks:
        raise Http404
    chosen_code = request.GET.get("network", "")
    network = next((n for n in networks if n.code == chosen_code), None)
    unknown_network = bool(chosen_code) and network is None
    if network is None:
        network = networks[0]
    frame = logframe_for(user, network, today=network_today(network))
    context = {
        "frame": frame,
        "network": network,
        "networks": networks,
        "choose_network": len(networks) > 1,
        "unknown_network": unknown_network,
        "can_edit": access.can_edit_plans(user),
        "show_drafts": access.sees_drafts(user),
        # One COUNT query, for a partner only: the values still awaiting the secretariat's approval.
        "not_shared_count": access.values_not_shared_with(
            user, access.indicators_visible_to(user).filter(result__network=network)
        ).count(),
    }
    return render(request, "logframe/logframe.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def result_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    own_network = access.result_network_for_staff(user)
    initial = {}
    if own_network is None and request.GET.get("network"):
        chosen = Network.objects.filter(code=request.GET["network"]).first()
        if chosen is not None:
            initial["network"] = chosen.pk
    form = ResultForm(request.POST or None, network=own_network, initial=initial)
    if request.method == "POST" and form.is_valid():
        network = form.network_chosen
        try:
            result = services.result_create(actor=user, network=network, data=form.service_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Result %(code)s added.") % {"code": result.code})
            return redirect(f"{_logframe_url(network)}#result-{result.pk}")
    return _form_page(request, form, _("Add a result"), cancel_url=_logframe_url(own_network))


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    result = access.result_for_edit(user, pk)
    form = IndicatorForm(request.POST or None, result=result)
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.indicator_create(actor=user, result=result, data=form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Indicator %(code)s added.") % {"code": indicator.code})
            return redirect(_indicator_url(indicator))
    title = _("Add an indicator to %(result)s") % {"result": result.code}
    cancel_url = f"{_logframe_url(result.network)}#result-{result.pk}"
    return _form_page(request, form, title, cancel_url=cancel_url, result=result)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    indicator = access.indicator_for_edit(user, pk)
    # Read before the form copies what was typed onto the indicator.
    title = _("Edit the indicator %(code)s") % {"code": indicator.code}
    form = IndicatorForm(request.POST or None, instance=indicator, result=indicator.result)
    if form_saved(
        request,
        form,
        lambda: services.indicator_update(actor=user, indicator=indicator, data=form.cleaned_data),
        done=_("Changes saved."),
    ):
        return redirect(_indicator_url(indicator))
    return _form_page(request, form, title, cancel_url=_indicator_url(indicator), result=indicator.result)


@login_required
@require_GET
def indicator_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    indicator = access.indicator_for_user(user, pk)
    network = indicator.result.network
    today = network_today(network)
    rows = value_rows(user, indicator)
    staff = access.can_edit_plans(user)
    context: dict[str, Any] = {
        "indicator": indicator,
        "result": indicator.result,
        "network": network,
        "baseline": figure_in_year(indicator.baseline_value, indicator.baseline_year),
        "target": figure_in_year(indicator.target_value, indicator.target_year),
        "disaggregation": disaggregation_labels(indicator.disaggregation),
        "rows": rows,
        "latest": next((row for row in rows if not row.is_draft), None),
        "can_edit": staff,
        "can_approve": access.can_approve_values(user),
        "show_history": staff,
        "history": list(indicator_history(indicator, [row.value.pk for row in rows])) if staff else [],
        "today": today,
        "not_shared_count": access.values_not_shared_with(user, Indicator.objects.filter(pk=indicator.pk)).count(),
    }
    if indicator.computation:
        form = ComputedOnForm(request.GET if "on" in request.GET else None, today=today)
        on: datetime.date | None = today
        if form.is_bound:
            on = form.cleaned_data["on"] if form.is_valid() else None
        context["on_form"] = form
        context["on"] = on
        context["computed"] = figure(ComputedValues().get(indicator.computation, network, on)) if on else None
    return render(request, "logframe/indicator_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def value_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    indicator = access.indicator_for_edit(user, pk)
    form = IndicatorValueForm(request.POST or None, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        try:
            value = services.indicator_value_record(actor=user, indicator=indicator, data=form.service_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Value recorded as a draft: it counts once the secretariat approves it."))
            return redirect(_indicator_url(indicator, f"value-{value.pk}"))
    title = _("Record a value of %(code)s") % {"code": indicator.code}
    note = _("The value is saved as a draft. Only values approved by the Permanent Secretariat count in reports.")
    return _form_page(
        request, form, title, cancel_url=_indicator_url(indicator, "values"), indicator=indicator, note=note
    )


@login_required
@require_POST
def value_approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    try:
        value = IndicatorValue.objects.select_related("indicator__result").get(
            pk=pk, indicator__in=access.indicators_visible_to(user)
        )
    except IndicatorValue.DoesNotExist:
        raise Http404 from None
    try:
        approved = services.indicator_value_approve(actor=user, value=value)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return render(request, "403.html", status=403)
    if approved:
        messages.success(request, _("Value approved: it now counts in reports."))
    else:
        messages.info(request, _("This value was already approved."))
    return redirect(_indicator_url(value.indicator, f"value-{value.pk}"))
