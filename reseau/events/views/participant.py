"""Invitations, registrations (delegations), attendance and the counts of women and men taking part."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reseau.accounts.types import AuthenticatedHttpRequest
from reseau.core.forms import add_service_error
from reseau.events import access, services
from reseau.events.forms.participant import AttendanceForm, InvitationForm, RegistrationForm
from reseau.events.models import Event
from reseau.events.selectors import participant as participant_selectors
from reseau.registry.models import Member


def _url(name: str, event: Event) -> str:
    return reverse(f"events:{name}", kwargs={"slug": event.slug})


def _invited(member: Member) -> bool:
    return bool(getattr(member, "invited", False))  # annotated by participant_selectors.invitation_rows


@login_required
@require_http_methods(["GET", "POST"])
def invitations(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    user = request.user
    event = access.event_for_manage(user, slug)
    rows = list(participant_selectors.invitation_rows(event))
    form = InvitationForm(
        request.POST if request.method == "POST" else None, members=Member.objects.filter(network_id=event.network_id)
    )
    if request.method == "POST" and form.is_valid():
        chosen = [row for row in rows if not _invited(row)] if form.invite_all else form.cleaned_data["members"]
        try:
            count = services.invitations_send(
                actor=user, event=event, members=chosen, also_tell=form.cleaned_data["also_tell"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if count:
                messages.success(
                    request,
                    ngettext("%(count)s member invited.", "%(count)s members invited.", count) % {"count": count},
                )
            else:
                messages.info(request, _("No new member invited: those chosen were already invited."))
            return redirect(_url("invitations", event))
    context = {
        "event": event,
        "staff": True,
        "form": form,
        "rows": rows,
        "invited_count": sum(1 for row in rows if _invited(row)),
        "outstanding_count": sum(1 for row in rows if getattr(row, "dues_outstanding", False)),
        "ticked": set(request.POST.getlist("members")) if request.method == "POST" else set(),
    }
    return render(request, "events/invitations.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def register(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    user = request.user
    event = access.event_for_registration(user, slug)
    staff = access.can_manage_events(user, event)
    registrable = access.members_registrable_by(user, event)
    members = participant_selectors.registrable_members(registrable)
    form = RegistrationForm(
        request.POST if request.method == "POST" else None,
        members=members,
        people=participant_selectors.people_not_registered(event, registrable, include_unattached=staff),
        staff=staff,
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(actor=user, event=event, **form.service_kwargs())
        except ValidationError as error:
            form.refused(error)
        else:
            messages.success(request, _("%(name)s is registered for this event.") % {"name": registration.person.name})
            return redirect(_url("participants", event))
    member_list = list(members)
    if staff:
        chosen = form["member"].value() if form.is_bound else None
        behind = [m for m in member_list if getattr(m, "dues_outstanding", False) and str(m.pk) == str(chosen)]
    else:
        behind = [m for m in member_list if getattr(m, "dues_outstanding", False)]
    context = {
        "event": event,
        "form": form,
        "staff": staff,
        "dues_outstanding": behind,
        **participant_selectors.registration_context(event),
    }
    return render(request, "events/register.html", context)


@login_required
@require_GET
def participants(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    user = request.user
    event = access.event_for_user(user, slug)
    if not access.can_see_participants(user, event):
        raise PermissionDenied
    staff = access.can_manage_events(user, event)
    visible = access.registrations_visible_to(user, event)
    rows = participant_selectors.participant_rows(visible)
    context = {
        "event": event,
        "staff": staff,
        "groups": participant_selectors.delegations(rows),
        "counts": participant_selectors.gender_counts(visible),
        "withdrawable": {row.pk for row in rows if access.can_withdraw(user, event, row)},
        "own_member": None if staff else user.member,
    }
    return render(request, "events/participants.html", context)


@require_POST
@login_required
def registration_withdraw(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    user = request.user
    event = access.event_for_registration(user, slug)
    registration = access.registration_for_change(user, event, pk)
    name = registration.person.name
    if not access.can_withdraw(user, event, registration):
        messages.error(
            request,
            _("%(name)s's attendance has been recorded: ask the network coordinator to withdraw them.")
            % {"name": name},
        )
    else:
        services.registration_cancel(actor=user, registration=registration)
        messages.success(request, _("The registration of %(name)s has been withdrawn.") % {"name": name})
    return redirect(_url("participants", event))


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    user = request.user
    event = access.event_for_manage(user, slug)
    registrations = event.registrations.all()
    form = AttendanceForm(
        request.POST if request.method == "POST" else None,
        registrations=participant_selectors.participant_rows(registrations),
    )
    if request.method == "POST" and form.is_valid():
        rows = {registration.pk: registration for registration in form.registrations}
        changed = 0
        with transaction.atomic():
            # Genders first: attendance_record reads the rows afresh, these instances would be stale after it.
            for pk, gender in form.gender_values().items():
                changed += services.registration_update(actor=user, registration=rows[pk], data={"gender": gender})
            changed += services.attendance_record(actor=user, event=event, attended=form.attended_values())
        if changed:
            messages.success(
                request,
                ngettext("Attendance saved: %(count)s change.", "Attendance saved: %(count)s changes.", changed)
                % {"count": changed},
            )
        else:
            messages.info(request, _("Nothing was changed."))
        return redirect(_url("attendance", event))
    context = {
        "event": event,
        "staff": True,
        "form": form,
        "counts": participant_selectors.gender_counts(registrations),
    }
    return render(request, "events/attendance.html", context)
