from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reseau.accounts.types import AuthenticatedHttpRequest
from reseau.audit.selectors import audit_events_for
from reseau.core.forms import add_service_error
from reseau.core.pages import form_page, form_saved
from reseau.core.querystrings import query_without
from reseau.core.spreadsheets import CONTENT_TYPES, FORMATS, XLSX, write_csv, write_xlsx
from reseau.projects import access, selectors, services, workflow
from reseau.projects.follow_up.selectors import project_follow_up
from reseau.projects.forms import ProjectFilterForm, ProjectForm, TransitionForm
from reseau.projects.models import Project, Stage
from reseau.registry import access as registry_access
from reseau.registry.models import Country, Theme
from reseau.registry.selectors import members_with_status

PROJECTS_PER_PAGE = 50
BOARD_FILTERS = ("theme", "country", "member")


def _filter_form(request: AuthenticatedHttpRequest, *, only: Iterable[str] | None = None) -> ProjectFilterForm:
    """The filters, offering the members (and their countries) the user can see."""
    members = registry_access.members_visible_to(request.user)
    return ProjectFilterForm(
        request.GET or None,
        themes=Theme.objects.all(),
        countries=[(c.code, c.name) for c in Country.objects.filter(members__in=members).distinct()],
        members=members.order_by("search_text"),
        only=only,
    )


def _render_list(request: HttpRequest, full: str, partial: str, context: dict[str, Any]) -> HttpResponse:
    template = partial if request.headers.get("HX-Request") else full
    response = render(request, template, context)
    # The partial and the full page share one address: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_GET
def project_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = _filter_form(request)
    filters = selectors.ProjectFilters.from_data(form.filter_values())
    projects = selectors.project_list(access.projects_visible_to(request.user), filters)
    page = Paginator(projects, PROJECTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "query_string": query_without(request, "page"),
        "can_propose": access.can_propose(request.user),
        # One COUNT query, for a partner only: the projects it knows exist but may not read.
        "not_shared_count": selectors.filter_projects(access.projects_not_shared_with(request.user), filters).count(),
        "filtered": any(getattr(filters, name) for name in filters.__dataclass_fields__),
        "partner_view": access.shows_partner_view(request.user),
    }
    return _render_list(request, "projects/project_list.html", "projects/_project_results.html", context)


@login_required
@require_GET
def board(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = _filter_form(request, only=BOARD_FILTERS)
    filters = selectors.ProjectFilters.from_data(form.filter_values())
    columns = selectors.board_columns(access.projects_visible_to(user), filters)
    # Worked out from the user and each card alone: no query per card.
    movable = {card.pk for column in columns for card in column.cards if workflow.allowed_transitions(user, card)}
    context = {
        "form": form,
        "columns": columns,
        "movable": movable,
        "query_string": query_without(request, "page"),
        "can_propose": access.can_propose(user),
        "cards_per_stage": selectors.BOARD_CARDS_PER_STAGE,
        # Outside the columns the filters replace: every project not shared, one COUNT query.
        "not_shared_count": access.projects_not_shared_with(user).count(),
    }
    return render(request, "projects/board.html", context)


@login_required
@require_GET
def project_export(request: AuthenticatedHttpRequest, fmt: str) -> HttpResponse:
    """The list as filtered on the page, as the user sees it, in XLSX or CSV."""
    if fmt not in FORMATS:
        raise Http404
    form = _filter_form(request)
    filters = selectors.ProjectFilters.from_data(form.filter_values())
    rows = selectors.export_rows(access.projects_visible_to(request.user), filters)
    header = selectors.export_header()
    content = write_xlsx(header, rows, title="projects") if fmt == XLSX else write_csv(header, rows)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    file_name = f"projects-{timezone.localdate().isoformat()}.{fmt}"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=file_name)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def project_detail(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    user = request.user
    project = access.project_for_user(user, code)
    staff = access.can_see_project_history(user, project)
    timeline = list(project.transitions.select_related("by").order_by("-at", "-pk"))
    last_return = next((t for t in timeline if t.to_stage == Stage.RETURNED), None)
    context: dict[str, Any] = {
        "project": project,
        "themes": list(project.themes.all()),
        "members": list(members_with_status(project.members.all()).order_by("search_text")),
        "show_dues": registry_access.can_see_dues_status(user),
        "timeline": timeline,
        "returned": last_return if project.stage == Stage.RETURNED else None,
        "can_edit": access.can_edit_project(user, project),
        "can_move": bool(workflow.allowed_transitions(user, project)),
        "show_history": staff,
        "history": list(audit_events_for(project)) if staff else [],
    }
    context.update(project_follow_up(project, user=user))
    return render(request, "projects/project_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if not access.can_propose(user):
        raise PermissionDenied
    form = ProjectForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_propose(actor=user, network=form.network, data=form.service_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Project proposed."))
            return redirect(project)
    return form_page(request, form=form, title=_("Propose a project"), cancel_url=reverse("projects:project_list"))


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    user = request.user
    project = access.project_for_edit(user, code)
    # Read before the form copies what was typed onto the project.
    title = _("Edit %(title)s") % {"title": project.title}
    form = ProjectForm(request.POST or None, instance=project, user=user)
    if form_saved(
        request,
        form,
        lambda: services.project_update(actor=user, project=project, data=form.service_data()),
        done=_("Changes saved."),
    ):
        return redirect(project)
    return form_page(request, form=form, title=title, cancel_url=project.get_absolute_url())


def _choice_label(project: Project, stage: str) -> str:
    label = str(Stage(stage).label)
    if workflow.RULES[(project.stage, stage)].comment_required:
        return _("%(stage)s (say why in the comment)") % {"stage": label}
    return label


def _next_url(request: HttpRequest) -> str:
    """Where to go back after the change (the board, when the card was moved from there)."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def project_transition(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    user = request.user
    project = access.project_for_user(user, code)
    allowed = workflow.allowed_transitions(user, project)
    if not allowed:
        raise PermissionDenied
    form = TransitionForm(request.POST or None, choices=[(stage, _choice_label(project, stage)) for stage in allowed])
    next_url = _next_url(request)
    if request.method == "POST" and form.is_valid():
        to_stage = form.cleaned_data["to_stage"]
        try:
            services.project_transition(
                actor=user, project=project, to_stage=to_stage, comment=form.cleaned_data["comment"]
            )
        except workflow.TransitionRefused as refusal:
            # The reason, on the same page, with the comment kept.
            form.add_error(None, str(refusal.reason))
        else:
            messages.success(
                request,
                _("%(project)s moved from “%(from)s” to “%(to)s”.")
                % {"project": project.title, "from": project.get_stage_display(), "to": Stage(to_stage).label},
            )
            return redirect(next_url or project.get_absolute_url())
    context = {"project": project, "form": form, "next_url": next_url}
    return render(request, "projects/transition.html", context)
