"""The decisions register: decisions and action items from meetings, their owners, due dates and follow-up."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reseau.accounts.types import AuthenticatedHttpRequest
from reseau.audit.selectors import audit_events_for
from reseau.core.forms import add_service_error
from reseau.core.pages import form_page, form_saved
from reseau.core.querystrings import query_without
from reseau.decisions import access, selectors, services
from reseau.decisions.forms import DecisionFilterForm, DecisionForm, DecisionNoteForm, EventDecisionForm
from reseau.decisions.models import Decision
from reseau.events import access as event_access
from reseau.events import presentation as event_presentation
from reseau.registry import access as registry_access

DECISIONS_PER_PAGE = 50


@login_required
@require_GET
def decision_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    access.refuse_partners(user)
    members = registry_access.members_visible_to(user).order_by("search_text", "pk")
    form = DecisionFilterForm(request.GET or None, members=members)
    decisions = selectors.decision_list(access.decisions_visible_to(user), form.filter_values())
    page = Paginator(decisions, DECISIONS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "query_string": query_without(request, "page"),
        "can_edit": access.can_edit_plans(user),
        "show_network": access.sees_every_network(user),
    }
    template = "decisions/_decision_rows.html" if request.headers.get("HX-Request") else "decisions/decision_list.html"
    response = render(request, template, context)
    # The partial and the full page share one address: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_GET
def decision_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    access.refuse_partners(user)
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
        "can_add_note": access.can_add_note(user, decision),
        "show_network": access.sees_every_network(user),
        "history": list(audit_events_for(decision)) if can_edit else [],
    }
    return render(request, "decisions/decision_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if not access.can_edit_plans(user):
        raise PermissionDenied
    # The secretariat belongs to no network: it chooses one on the form.
    network = access.decision_network_for_staff(user)
    form = DecisionForm(request.POST or None, network=network)
    if request.method == "POST" and form.is_valid():
        chosen = network or form.cleaned_data["network"]
        try:
            decision = services.decision_create(actor=user, network=chosen, data=form.service_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect(decision)
    return form_page(
        request,
        form=form,
        title=_("Record a decision"),
        cancel_url=reverse("decisions:decision_list"),
        template="decisions/decision_form.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    decision = access.decision_for_edit(user, pk)
    form = DecisionForm(request.POST or None, instance=decision, network=decision.network)
    if form_saved(
        request,
        form,
        lambda: services.decision_update(actor=user, decision=decision, data=form.service_data()),
        done=_("Changes saved."),
    ):
        return redirect(decision)
    # Read from the database: the form has copied what was typed onto the decision.
    stored = Decision.objects.get(pk=decision.pk)
    return form_page(
        request,
        form=form,
        title=_("Edit a decision"),
        cancel_url=stored.get_absolute_url(),
        template="decisions/decision_form.html",
        decision=stored,
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_note_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    decision = access.decision_for_user(user, pk)
    if not access.can_add_note(user, decision):
        raise PermissionDenied
    form = DecisionNoteForm(request.POST or None)
    if form_saved(
        request,
        form,
        lambda: services.decision_note_add(actor=user, decision=decision, data=form.cleaned_data),
        done=_("Follow-up note added."),
    ):
        return redirect(f"{decision.get_absolute_url()}#notes")
    return form_page(
        request,
        form=form,
        title=_("Add a follow-up note"),
        cancel_url=f"{decision.get_absolute_url()}#notes",
        template="decisions/decision_form.html",
        decision=decision,
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_decision_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    user = request.user
    event = event_access.event_for_manage(user, slug)
    form = EventDecisionForm(request.POST or None, network=event.network)
    if form_saved(
        request,
        form,
        lambda: services.event_decision_create(actor=user, event=event, data=form.service_data()),
        done=_("Decision recorded in the decisions register."),
    ):
        return redirect(f"{event.get_absolute_url()}#decisions")
    return form_page(
        request,
        form=form,
        title=_("Record a decision of this meeting"),
        cancel_url=f"{event.get_absolute_url()}#decisions",
        template="decisions/event_decision_form.html",
        event=event,
        when=event_presentation.when_text(event),
    )
