"""Action plans: the list, the plan table (the deck's layout, per reporting period), axes,
activities, reporting periods and progress."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reseau.accounts.types import AuthenticatedHttpRequest
from reseau.audit.selectors import audit_events_for
from reseau.core.forms import add_service_error
from reseau.core.pages import form_page, form_saved
from reseau.partners.access import organisations_visible_to
from reseau.plans import access, selectors, services
from reseau.plans.forms import ActivityForm, AxisForm, PeriodForm, PlanFilterForm, PlanForm, ProgressForm
from reseau.plans.models import Activity, ActivityProgress, Plan, ReportingPeriod
from reseau.projects.access import projects_visible_to
from reseau.registry.access import can_see_dues_status, members_visible_to
from reseau.registry.models import Theme
from reseau.registry.selectors import members_with_status


def _table_url(plan: Plan, period: ReportingPeriod | None = None, *, anchor: str = "") -> str:
    url = plan.get_absolute_url()
    if period is not None:
        url += "?" + urlencode({"period": period.label})
    return f"{url}#{anchor}" if anchor else url


def _activity(plan: Plan, number: int) -> Activity:
    return get_object_or_404(Activity.objects.select_related("axis"), plan=plan, number=number)


# --- The list of plans -------------------------------------------------------------------------


@login_required
@require_GET
def plan_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = PlanFilterForm(request.GET or None, themes=Theme.objects.all())
    filters = selectors.PlanFilters.from_data(form.filter_values())
    context = {
        "form": form,
        "groups": selectors.plans_by_kind(access.plans_visible_to(user), filters),
        "filtered": any(getattr(filters, name) for name in filters.__dataclass_fields__),
        # One COUNT query, for a partner only: the drafts it knows exist but may not read.
        "not_shared_count": selectors.filter_plans(access.plans_not_shared_with(user), filters).count(),
        "partner_view": access.shows_partner_view(user),
        "can_edit": access.can_edit_plans(user),
        "show_network": access.reads_several_networks(user),
        "show_periods": access.can_see_periods(user),
    }
    template = "plans/_plan_rows.html" if request.headers.get("HX-Request") else "plans/plan_list.html"
    response = render(request, template, context)
    # The partial and the full page share one address: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = PlanForm(request.POST or None, network=access.plan_network_for_staff(user))
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(actor=user, network=form.chosen_network, data=form.service_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Plan created. Add its axes, then its activities."))
            return redirect(plan)
    return form_page(
        request, form=form, title=_("New plan"), cancel_url=reverse("plans:plan_list"), template="plans/plan_form.html"
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    user = request.user
    plan = access.plan_for_edit(user, code)
    # Read before the form copies what was typed onto the plan.
    title = _("Edit %(title)s") % {"title": plan.title}
    form = PlanForm(request.POST or None, instance=plan, network=plan.network)
    if form_saved(
        request,
        form,
        lambda: services.plan_update(actor=user, plan=plan, data=form.service_data()),
        done=_("Changes saved."),
    ):
        return redirect(plan)
    return form_page(
        request, form=form, title=title, cancel_url=plan.get_absolute_url(), template="plans/plan_form.html", plan=plan
    )


# --- Reporting periods ---------------------------------------------------------------------------


@login_required
@require_GET
def period_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The network's reporting periods; the secretariat sees every network's."""
    user = request.user
    if not access.can_see_periods(user):
        raise PermissionDenied
    networks = access.period_networks_for(user)
    periods = selectors.periods_of(networks).order_by("network__position", "network__code", "starts_on", "ends_on")
    by_network: dict[int, list[ReportingPeriod]] = {}
    for period in periods:
        by_network.setdefault(period.network_id, []).append(period)
    context = {
        "networks": [(network, by_network.get(network.pk, [])) for network in networks],
        "show_network": len(networks) > 1,
        "can_edit": access.can_edit_plans(user),
    }
    return render(request, "plans/period_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def period_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = PeriodForm(request.POST or None, network=access.plan_network_for_staff(user))
    if request.method == "POST" and form.is_valid():
        try:
            period = services.period_create(actor=user, network=form.chosen_network, data=form.service_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Reporting period %(label)s added.") % {"label": period.label})
            return redirect("plans:period_list")
    return form_page(
        request,
        form=form,
        title=_("New reporting period"),
        cancel_url=reverse("plans:period_list"),
        lead=_("The network chooses the periods it reports on: quarters, half-years or years."),
    )


# --- The plan table ------------------------------------------------------------------------------------


def _period_from(periods: dict[str, ReportingPeriod], label: str | None) -> ReportingPeriod | None:
    """The period a label names among those offered; an unknown label is a page that does not exist."""
    if not label:
        return None
    try:
        return periods[label]
    except KeyError:
        raise Http404 from None


def _columns(period: ReportingPeriod, *, compared: bool) -> selectors.PeriodColumns:
    """The names of a period's columns on a phone, where each cell says what it is."""
    if not compared:
        return selectors.PeriodColumns(
            period=period,
            achieved=_("Achieved"),
            planned=_("Planned"),
            suggestions=_("Suggestions"),
            status=_("Status"),
        )
    names = {"period": period.label}
    return selectors.PeriodColumns(
        period=period,
        achieved=_("Achieved (%(period)s)") % names,
        planned=_("Planned (%(period)s)") % names,
        suggestions=_("Suggestions (%(period)s)") % names,
        status=_("Status (%(period)s)") % names,
    )


@login_required
@require_GET
def plan_table(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    user = request.user
    plan = access.plan_for_user(user, code)
    periods = selectors.periods_overlapping(plan)
    by_label = {period.label: period for period in periods}
    period = _period_from(by_label, request.GET.get("period")) or selectors.default_period(plan, periods)
    compare = _period_from(by_label, request.GET.get("compare"))
    if compare is not None and compare == period:
        compare = None
    shown = [_columns(p, compared=compare is not None) for p in (period, compare) if p is not None]
    axes = selectors.plan_table(plan, shown)
    can_edit = access.can_edit_plans(user)
    if can_edit:
        for group in axes:
            for row in group.rows:
                for cell in row.cells:
                    cell.record_label = _("Record progress of activity %(number)s for %(period)s") % {
                        "number": row.activity.number,
                        "period": cell.period.label,
                    }
    context = {
        "plan": plan,
        "periods": list(reversed(periods)),
        "period": period,
        "compare": compare,
        "axes": axes,
        "has_activities": any(group.rows for group in axes),
        "can_edit": can_edit,
        "columns": 2 + 4 * len(shown),
    }
    return render(request, "plans/plan_table.html", context)


# --- Axes and activities ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def axis_create(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    user = request.user
    plan = access.plan_for_edit(user, code)
    form = AxisForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            axis = services.axis_create(actor=user, plan=plan, data=form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Axis %(number)s added.") % {"number": axis.number})
            return redirect(_table_url(plan, anchor=f"axis-{axis.number}"))
    title = _("Add an axis to %(plan)s") % {"plan": plan.title}
    return form_page(
        request, form=form, title=title, cancel_url=plan.get_absolute_url(), template="plans/form_page.html", plan=plan
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    user = request.user
    plan = access.plan_for_edit(user, code)
    if not plan.axes.exists():
        messages.info(request, _("Add an axis to the plan before its activities."))
        return redirect("plans:axis_create", code=plan.code)
    form = ActivityForm(request.POST or None, instance=Activity(plan=plan), plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_create(actor=user, plan=plan, data=form.service_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Activity %(number)s added.") % {"number": activity.number})
            return redirect("plans:activity_detail", code=plan.code, number=activity.number)
    title = _("Add an activity to %(plan)s") % {"plan": plan.title}
    return form_page(
        request, form=form, title=title, cancel_url=plan.get_absolute_url(), template="plans/form_page.html", plan=plan
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: AuthenticatedHttpRequest, code: str, number: int) -> HttpResponse:
    user = request.user
    plan = access.plan_for_edit(user, code)
    activity = _activity(plan, number)
    cancel_url = reverse("plans:activity_detail", kwargs={"code": plan.code, "number": activity.number})
    title = _("Edit activity %(number)s") % {"number": activity.number}
    form = ActivityForm(request.POST or None, instance=activity, plan=plan)
    if form_saved(
        request,
        form,
        lambda: services.activity_update(actor=user, activity=activity, data=form.service_data()),
        done=_("Changes saved."),
    ):
        return redirect("plans:activity_detail", code=plan.code, number=activity.number)
    return form_page(request, form=form, title=title, cancel_url=cancel_url, template="plans/form_page.html", plan=plan)


@login_required
@require_GET
def activity_detail(request: AuthenticatedHttpRequest, code: str, number: int) -> HttpResponse:
    user = request.user
    plan = access.plan_for_user(user, code)
    activity = _activity(plan, number)
    staff = access.can_edit_plans(user)
    progress = selectors.activity_progress(activity)
    recorded = {row.period_id for row in progress}
    context = {
        "plan": plan,
        "activity": activity,
        "themes": list(activity.themes.all()),
        "members": list(
            members_with_status(members_visible_to(user).filter(plan_activities=activity)).order_by("search_text")
        ),
        "show_dues": can_see_dues_status(user),
        "partners": list(organisations_visible_to(user).filter(plan_activities=activity).order_by("name")),
        "projects": list(projects_visible_to(user).filter(plan_activities=activity).order_by("code")),
        "progress": progress,
        "can_edit": staff,
        # Staff record progress for the plan's periods that have none yet.
        "periods_to_record": (
            [p for p in selectors.periods_overlapping(plan) if p.pk not in recorded] if staff else []
        ),
        "show_history": staff,
        "history": list(audit_events_for(plan)) if staff else [],
    }
    return render(request, "plans/activity_detail.html", context)


# --- Progress ----------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def progress_edit(request: AuthenticatedHttpRequest, code: str, number: int, period: str) -> HttpResponse:
    user = request.user
    plan = access.plan_for_edit(user, code)
    activity = _activity(plan, number)
    chosen = get_object_or_404(ReportingPeriod, network_id=plan.network_id, label=period)
    existing = ActivityProgress.objects.filter(activity=activity, period=chosen).first()
    form = ProgressForm(request.POST or None, progress=existing)
    if request.method == "POST" and form.is_valid():
        try:
            services.progress_record(actor=user, activity=activity, period=chosen, data=form.service_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Progress of activity %(number)s recorded for %(period)s.")
                % {"number": activity.number, "period": chosen.label},
            )
            return redirect(_table_url(plan, chosen, anchor=f"activity-{activity.number}"))
    title = _("Progress of activity %(number)s in %(period)s") % {"number": activity.number, "period": chosen.label}
    return form_page(
        request,
        form=form,
        title=title,
        cancel_url=_table_url(plan, chosen, anchor=f"activity-{activity.number}"),
        template="plans/form_page.html",
        plan=plan,
        activity=activity,
        period=chosen,
        # Said before anything is typed; saving is refused with the same words.
        outside=not plan.covers(chosen) and not form.errors,
    )
