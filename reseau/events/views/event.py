"""The event pages: the list, an event's page, and the staff's changes to it (dates, hosting,
one date of a series, minutes)."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reseau.accounts.types import AuthenticatedHttpRequest
from reseau.audit.selectors import audit_events_for
from reseau.core.forms import add_service_error
from reseau.core.pages import form_page, form_saved
from reseau.core.querystrings import query_without
from reseau.events import access, presentation, services
from reseau.events.forms.event import (
    EventFilterForm,
    EventForm,
    HostingOfferForm,
    MinutesForm,
    OccurrenceForm,
)
from reseau.events.models import Event, HostingOffer
from reseau.events.recurrence import is_occurrence, start_key
from reseau.events.selectors import event as selectors
from reseau.plans.access import plans_visible_to
from reseau.projects.access import projects_visible_to
from reseau.registry.models import Member, Theme

EVENTS_PER_PAGE = 50


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    when = selectors.PAST if request.GET.get("when") == selectors.PAST else selectors.UPCOMING
    visible = access.events_visible_to(user)
    form = EventFilterForm(request.GET or None, themes=Theme.objects.all(), members=selectors.hosts_of(visible))
    events = selectors.event_list(visible, form.filter_values(), when=when)
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "when": when,
        "page": page,
        "rows": presentation.event_rows(list(page.object_list)),
        "query_string": query_without(request, "page"),
        "filter_string": query_without(request, "page", "when"),
        "filtered": any(request.GET.get(name) for name in form.fields),
        "can_create": access.can_create_events(user),
        "show_network": access.reads_several_networks(user),
        # A visitor has no private addresses: the calendar's public feeds are for them.
        "feeds_url": reverse("events:feed_links")
        if user.is_authenticated
        else f"{reverse('events:calendar_month')}#calendar-subscribe",
    }
    return render(request, "events/event_list.html", context)


@require_GET
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user
    event = access.event_for_user(user, slug)
    staff = access.can_manage_events(user, event)
    offers = selectors.hosting_offers(event)
    own_offer = next((o for o in offers if user.is_authenticated and o.member_id == user.member_id), None)
    can_offer = access.can_offer_to_host(user, event) and event.accepts_hosting_offers and (staff or own_offer is None)
    see_participants = access.can_see_participants(user, event)
    context: dict[str, Any] = {
        "event": event,
        "when": presentation.when_text(event),
        "themes": list(event.themes.all()),
        # Only what the user may open: plans and projects are not public pages.
        "activities": list(
            event.activities.filter(plan__in=plans_visible_to(user))
            .select_related("plan")
            .order_by("plan__code", "number")
        ),
        "projects": list(event.projects.filter(pk__in=projects_visible_to(user).values("pk")).order_by("code")),
        "session_count": event.sessions.count(),
        "occurrences": presentation.occurrence_rows(event, selectors.next_occurrences(event))
        if event.is_recurring
        else [],
        "staff": staff,
        "offers": offers if staff else [],
        "own_offer": own_offer,
        "can_offer": can_offer,
        "can_register": access.can_register(user, event) and event.accepts_registrations,
        "can_see_participants": see_participants,
        "participant_count": access.registrations_visible_to(user, event).count() if see_participants else None,
        "show_minutes": access.can_read_minutes(user, event),
        "history": list(audit_events_for(event)) if staff else [],
    }
    return render(request, "events/event_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if not access.can_create_events(user):
        raise PermissionDenied
    # The secretariat belongs to no network: it chooses one on the form.
    form = EventForm(request.POST or None, network=access.network_for_new_event(user))
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(actor=user, network=form.chosen_network(), data=form.service_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Event created."))
            return redirect(event)
    return form_page(
        request,
        form=form,
        title=_("New event"),
        cancel_url=reverse("events:event_list"),
        template="events/event_form.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    user = request.user
    event = access.event_for_manage(user, slug)
    title = _("Edit %(title)s") % {"title": event.title}
    form = EventForm(request.POST or None, instance=event, network=event.network)
    if form_saved(
        request,
        form,
        lambda: services.event_update(actor=user, event=event, data=form.service_data()),
        done=_("Changes saved."),
    ):
        return redirect(event)
    return form_page(
        request, form=form, title=title, cancel_url=event.get_absolute_url(), template="events/event_form.html"
    )


@require_POST
@login_required
def event_cancel(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    user = request.user
    event = access.event_for_manage(user, slug)
    if event.is_cancelled:
        messages.info(request, _("This event was already cancelled."))
    else:
        try:
            services.event_cancel(actor=user, event=event)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Event cancelled. Calendars that follow it will show it as cancelled."))
    return redirect(event)


@login_required
@require_http_methods(["GET", "POST"])
def hosting_offer_make(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    user = request.user
    event = access.event_for_hosting_offer(user, slug)
    staff = access.can_manage_events(user, event)
    members = Member.objects.filter(network=event.network).order_by("search_text", "pk") if staff else None
    form = HostingOfferForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        member = form.cleaned_data["member"] if staff else user.member
        if member is None:  # not reached: event_for_hosting_offer admits the staff and focal points of a member
            raise PermissionDenied
        try:
            services.hosting_offer_make(actor=user, event=event, member=member, message=form.cleaned_data["message"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Offer to host recorded. The coordinator will answer it."))
            return redirect(f"{event.get_absolute_url()}#hosting")
    return form_page(
        request,
        form=form,
        title=_("Offer to host this meeting"),
        cancel_url=event.get_absolute_url(),
        template="events/hosting_offer_form.html",
        submit_label=_("Send the offer"),
        event=event,
        member=None if staff else user.member,
    )


@require_POST
@login_required
def hosting_offer_accept(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    user = request.user
    event = access.event_for_manage(user, slug)
    offer = get_object_or_404(HostingOffer.objects.select_related("member", "event"), event=event, pk=pk)
    try:
        services.hosting_offer_accept(actor=user, offer=offer)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(member)s will host this meeting.") % {"member": offer.member.name})
    return redirect(f"{event.get_absolute_url()}#hosting")


def _original_start(series: Event, original: str) -> datetime.datetime:
    """The occurrence named in the address ("2026-02-12T09:00:00Z"); 404 when the series has none then."""
    try:
        moment = datetime.datetime.strptime(original, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.UTC)
    except ValueError:
        raise Http404 from None
    if not series.is_recurring or not is_occurrence(series, moment) or original in series.excluded_starts:
        raise Http404
    return moment


@login_required
@require_http_methods(["GET", "POST"])
def occurrence_edit(request: AuthenticatedHttpRequest, slug: str, original: str) -> HttpResponse:
    user = request.user
    series = access.event_for_manage(user, slug)
    original_start = _original_start(series, original)
    moved = series.overrides.filter(recurrence_id=original_start).first()
    if moved is not None and moved.is_cancelled:
        raise Http404
    if moved is not None and moved.starts_at is not None:
        starts_at, ends_at = moved.starts_at, moved.ends_at
    else:
        starts_at, ends_at = original_start, series.end_from(original_start)
    form = OccurrenceForm(request.POST or None, series=series, starts_at=starts_at, ends_at=ends_at)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["action"] == OccurrenceForm.CANCEL:
                services.occurrence_remove(actor=user, series=series, original_start=original_start)
                messages.success(request, _("This date is cancelled; the other dates of the series are kept."))
            else:
                services.occurrence_move(
                    actor=user,
                    series=series,
                    original_start=original_start,
                    starts_at=form.cleaned_data["starts_at"],
                    ends_at=form.cleaned_data["ends_at"],
                )
                messages.success(request, _("This date is moved; the other dates of the series are kept."))
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return redirect(f"{series.get_absolute_url()}#occurrences")
    original_end = series.end_from(original_start)
    original_when = presentation.when_text(
        series,
        original_start.astimezone(series.zone),
        original_end.astimezone(series.zone) if original_end is not None else None,
    )
    return form_page(
        request,
        form=form,
        title=_("Change one date of %(title)s") % {"title": series.title},
        cancel_url=f"{series.get_absolute_url()}#occurrences",
        template="events/occurrence_form.html",
        event=series,
        original_when=original_when,
        moved=moved,
        key=start_key(original_start),
    )


@login_required
@require_http_methods(["GET", "POST"])
def minutes_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    user = request.user
    event = access.event_for_manage(user, slug)
    form = MinutesForm(request.POST or None, instance=event)
    if form_saved(
        request,
        form,
        lambda: services.minutes_update(actor=user, event=event, data=form.cleaned_data),
        done=_("Minutes saved."),
    ):
        return redirect(f"{event.get_absolute_url()}#minutes")
    stored = Event.objects.get(pk=event.pk)
    return form_page(
        request,
        form=form,
        title=_("Minutes of %(title)s") % {"title": stored.title},
        cancel_url=f"{event.get_absolute_url()}#minutes",
        template="events/minutes_form.html",
        event=stored,
    )
