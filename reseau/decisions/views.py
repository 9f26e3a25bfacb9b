"""The decisions register: decisions and action items from meetings, their owners, due dates and follow-up."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reseau.audit.selectors import audit_events_for
from reseau.core.querystrings import query_without
from reseau.decisions import access, selectors, services
from reseau.decisions.forms import DecisionFilterForm, DecisionForm, DecisionNoteForm, EventDecisionForm
from reseau.decisions.models import Decision
from reseau.events import access as event_access
from reseau.events import presentation as event_selectors
from reseau.events.models import Event
from reseau.plans.models import Activity
from reseau.registry import access as registry_access
from reseau.registry.models import Network

DECISIONS_PER_PAGE = 50


def _refuse_partners(user: Any) -> None:
    """The register is the network's internal record: partners are refused, not shown an empty page."""
    if user.is_partner:
        raise PermissionDenied


def _decision_for_user(user: Any, pk: int) -> Decision:
    _refuse_partners(user)
    return access.decision_for_user(user, pk)


def _decision_for_edit(user: Any, pk: int) -> Decision:
    _refuse_partners(user)
    return access.decision_for_edit(user, pk)


def can_add_note(user: Any, decision: Decision) -> bool:
    """The staff, and a focal point reporting on the items its member owns."""
    if access.can_edit_plans(user):
        return True
    return (
        user.is_authenticated
        and user.is_focal_point
        and decision.owner_member_id is not None
        and decision.owner_member_id == user.member_id
    )


@login_required
@require_GET
def decision_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    _refuse_partners(user)
    members = registry_access.members_visible_to(user).order_by("search_text", "pk")
    form = DecisionFilterForm(request.GET or None, members=members)
    decisions = selectors.decision_list(access.decisions_visible_to(user), form.filter_values())
    page = Paginator(decisions, DECISIONS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "query_string": query_without(request, "page"),
        "can_edit": access.can_edit_plans(user),
        "show_network": user.is_secretariat,
    }
    template = "decisions/_decision_rows.html" if request.headers.get("HX-Request") else "decisions/decision_list.html"
    response = render(request, template, context)
    # The partial and the full page share one address: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_GET
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    _refuse_partners(user)
    visible = selectors.with_rows(access.decisions_visible_to(user)).select_related("owner_person__member")
    try:
        decision = visible.get(pk=pk)
    except Decision.DoesNotExist:
        raise Http404 from None
    can_edit = access.can_edit_plans(user)
    context = {
        "decision": decision,
        "activities": list(
            decision.activities.select_related("plan").order_by("-plan__starts_on", "plan__code", "number")
        ),
        "notes": list(decision.notes.select_related("author").order_by("-date", "-pk")),
        "can_edit": can_edit,
        "can_add_note": can_add_note(user, decision),
        "show_network": user.is_secretariat,
        "history": list(audit_events_for(decision)) if can_edit else [],
    }
    return render(request, "decisions/decision_detail.html", context)


def _form_page(
    request: HttpRequest, form: BaseForm, title: str, *, cancel_url: str, decision: Decision | None = None
) -> HttpResponse:
    return render(
        request,
        "decisions/decision_form.html",
        {"form": form, "title": title, "cancel_url": cancel_url, "decision": decision},
    )


def _refused(form: BaseForm, error: ValidationError) -> None:
    """The model's own checks refused what the form let through: say why on the form, not on an error page."""
    form.add_error(None, error.messages)


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not access.can_edit_plans(user):
        raise PermissionDenied
    # The secretariat belongs to no network: it chooses one on the form.
    network: Network | None = None if user.is_secretariat else user.network
    form = DecisionForm(request.POST or None, network=network)
    if request.method == "POST" and form.is_valid():
        chosen = network or form.cleaned_data["network"]
        try:
            decision = services.decision_create(actor=user, network=chosen, data=form.service_data())
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect(decision)
    return _form_page(request, form, _("Record a decision"), cancel_url=reverse("decisions:decision_list"))


@login_required
@require_http_methods(["GET", "POST"])
def decision_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    decision = _decision_for_edit(user, pk)
    form = DecisionForm(request.POST or None, instance=decision, network=decision.network)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.decision_update(actor=user, decision=decision, data=form.service_data())
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Changes saved.") if changed else _("Nothing was changed."))
            return redirect(decision)
    # Read from the database: the form has copied what was typed onto the decision.
    stored = Decision.objects.get(pk=decision.pk)
    return _form_page(request, form, _("Edit a decision"), cancel_url=stored.get_absolute_url(), decision=stored)


@login_required
@require_http_methods(["GET", "POST"])
def decision_note_add(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    decision = _decision_for_user(user, pk)
    if not can_add_note(user, decision):
        raise PermissionDenied
    form = DecisionNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_note_add(actor=user, decision=decision, data=form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Follow-up note added."))
            return redirect(f"{decision.get_absolute_url()}#notes")
    return _form_page(
        request,
        form,
        _("Add a follow-up note"),
        cancel_url=f"{decision.get_absolute_url()}#notes",
        decision=decision,
    )


# --- On an activity's and a meeting's page -----------------------------------------------------


def activity_decisions_section(activity: Activity, user: Any) -> dict[str, Any] | None:
    """The activity page's "Decisions and action items": not shown to partners."""
    if user.is_partner:
        return None
    decisions = access.decisions_visible_to(user).filter(activities=activity).order_by("due_date", "pk")
    return {"decisions": list(decisions)}


def event_decisions_section(event: Event, user: Any) -> dict[str, Any] | None:
    """The event page's "Decisions and action items": shown to the network, not to partners."""
    if not user.is_authenticated or user.is_partner:
        return None
    return {"decisions": selectors.event_decisions(user, event), "staff": event_access.can_manage_events(user, event)}


@login_required
@require_http_methods(["GET", "POST"])
def event_decision_create(request: HttpRequest, slug: str) -> HttpResponse:
    user: Any = request.user
    event = event_access.event_for_manage(user, slug)
    form = EventDecisionForm(request.POST or None, network=event.network)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_decision_create(actor=user, event=event, data=form.service_data())
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Decision recorded in the decisions register."))
            return redirect(f"{event.get_absolute_url()}#decisions")
    context = {
        "form": form,
        "title": _("Record a decision of this meeting"),
        "cancel_url": f"{event.get_absolute_url()}#decisions",
        "event": event,
        "when": event_selectors.when_text(event),
    }
    return render(request, "decisions/event_decision_form.html", context)
