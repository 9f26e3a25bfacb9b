from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from icalendar import Calendar, Event

from reseau.accounts.types import AuthenticatedHttpRequest
from reseau.audit.selectors import audit_events_for
from reseau.core.forms import add_service_error
from reseau.core.pages import form_page, form_saved
from reseau.core.querystrings import query_without
from reseau.funding import access, selectors, services
from reseau.funding.forms import OpportunityFilterForm, OpportunityForm
from reseau.funding.models import FundingOpportunity
from reseau.registry.access import can_see_dues_status
from reseau.registry.models import Country, Member, Theme
from reseau.registry.selectors import members_with_status

CALLS_PER_PAGE = 50


@login_required
@require_GET
def opportunity_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    visible = access.opportunities_visible_to(request.user)
    form = OpportunityFilterForm(
        request.GET or None,
        themes=[(t.code, t.name) for t in Theme.objects.all()],
        countries=[(c.code, c.name) for c in Country.objects.all()],
    )
    filters = selectors.FundingFilters()
    if form.is_valid():
        filters = selectors.FundingFilters(**form.cleaned_data)
    calls = selectors.opportunity_list(visible, filters)
    page = Paginator(calls, CALLS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        # One COUNT query, for a partner only: the calls it knows exist but may not read.
        "not_shared_count": selectors.filter_opportunities(
            access.opportunities_not_shared_with(request.user), filters
        ).count(),
        "partner_view": access.shows_partner_view(request.user),
        "query_string": query_without(request, "page"),
        "can_edit": access.can_edit_funding(request.user),
        "show_network": access.reads_several_networks(request.user),
        "open_statuses": FundingOpportunity.OPEN_STATUSES,
    }
    htmx = bool(request.headers.get("HX-Request"))
    template = "funding/_opportunity_results.html" if htmx else "funding/opportunity_list.html"
    response = render(request, template, context)
    # The partial and the full page share one address: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_GET
def deadlines(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    calls = list(selectors.open_deadlines(access.opportunities_visible_to(request.user), today=today))
    context = {
        "calls": calls,
        "today": today,
        # Open calls a partner knows exist but may not read: the page says so rather than "none".
        "not_shared_count": selectors.open_deadlines(
            access.opportunities_not_shared_with(request.user), today=today
        ).count(),
        "show_network": access.reads_several_networks(request.user),
    }
    return render(request, "funding/deadlines.html", context)


@login_required
@require_GET
def opportunity_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    visible = access.opportunities_visible_to(request.user)
    opportunity = access.opportunity_for_user(
        request.user, pk, visible.select_related("donor", "network").prefetch_related("themes", "eligible_countries")
    )
    can_edit = access.can_edit_funding(request.user)
    members = members_with_status(opportunity.members.all()).order_by("search_text")
    kinds = [Member.Kind(kind).label for kind in opportunity.eligible_member_kinds if kind in Member.Kind.values]
    context = {
        "opportunity": opportunity,
        "themes": list(opportunity.themes.all()),
        "countries": list(opportunity.eligible_countries.all()),
        "member_kinds": kinds,
        "members": list(members),
        "show_dues": can_see_dues_status(request.user),
        "can_edit": can_edit,
        "open_statuses": FundingOpportunity.OPEN_STATUSES,
        "history": list(audit_events_for(opportunity)) if can_edit else [],
    }
    return render(request, "funding/opportunity_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    network = access.network_for_new_opportunity(user)
    form = OpportunityForm(request.POST or None, network=network)
    if request.method == "POST" and form.is_valid():
        try:
            opportunity = services.opportunity_create(actor=user, network=form.chosen_network, data=form.service_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Funding opportunity added."))
            return redirect(opportunity)
    return form_page(
        request, form=form, title=_("Add a funding opportunity"), cancel_url=reverse("funding:opportunity_list")
    )


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    opportunity = access.opportunity_for_edit(request.user, pk)
    # Read before the form copies what was typed onto the instance.
    title = _("Edit %(title)s") % {"title": opportunity.title}
    form = OpportunityForm(request.POST or None, instance=opportunity, network=opportunity.network)
    if form_saved(
        request,
        form,
        lambda: services.opportunity_update(actor=request.user, opportunity=opportunity, data=form.service_data()),
        done=_("Changes saved."),
    ):
        return redirect(opportunity)
    return form_page(request, form=form, title=title, cancel_url=opportunity.get_absolute_url())


@login_required
@require_GET
def opportunity_ics(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The closing date as an all-day event, to add to any calendar."""
    opportunity = access.opportunity_for_user(
        request.user, pk, access.opportunities_visible_to(request.user).select_related("donor")
    )
    closes_on = opportunity.closes_on
    if closes_on is None:  # a call without a closing date has no calendar entry
        raise Http404
    page_url = request.build_absolute_uri(opportunity.get_absolute_url())
    if opportunity.url:
        description = _("Donor: %(donor)s\nCall: %(link)s\nOn Reseau: %(page)s") % {
            "donor": opportunity.donor,
            "link": opportunity.url,
            "page": page_url,
        }
    else:
        description = _("Donor: %(donor)s\nOn Reseau: %(page)s") % {"donor": opportunity.donor, "page": page_url}

    event = Event()
    event.add("uid", f"funding-{opportunity.pk}@reseau")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", closes_on)
    event.add("dtend", closes_on + datetime.timedelta(days=1))
    event.add("summary", _("Deadline: %(title)s") % {"title": opportunity.title})
    event.add("description", description)
    event.add("url", page_url)
    event.add("transp", "TRANSPARENT")
    calendar = Calendar()
    calendar.add("prodid", "-//AIMF//Reseau//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)

    filename = f"{slugify(opportunity.title) or f'funding-{opportunity.pk}'}-deadline.ics"
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response
