from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from reseau.accounts.models import User
from reseau.accounts.types import AuthenticatedHttpRequest
from reseau.communication import access, selectors, services
from reseau.communication.forms import PreferenceForm
from reseau.communication.letters import email_from_token
from reseau.outbox.models import OutgoingEmail
from reseau.outbox.selectors import emails_list


@login_required
@require_safe
def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    notifications = selectors.notifications_for(user=request.user)
    context = {
        "notifications": notifications,
        "can_see_unreachable": access.can_see_unreachable_people(request.user),
        "can_read_outbox": access.can_read_outbox(request.user),
    }
    return render(request, "communication/notification_list.html", context)


@login_required
@require_safe
def notification_open(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    notification = access.notification_for_user(request.user, pk)
    link = services.notification_open(user=request.user, notification=notification)
    # A notification's link is a path on this site (services._notify); anything else stays here.
    return redirect(link if link.startswith("/") and not link.startswith("//") else "communication:notification_list")


@login_required
@require_POST
def notifications_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.notifications_mark_all_read(user=request.user)
    return redirect("communication:notification_list")


def _preferences_page(
    request: HttpRequest, *, email: str, actor: User | None, done_url: str, by_link: bool
) -> HttpResponse:
    preference = services.preference_for(email=email)
    form = PreferenceForm.for_preference(preference, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        changed = services.preference_update(
            actor=actor,
            email=email,
            data=form.preference_data(preference),
        )
        messages.success(request, _("Your choices are saved.") if changed else _("Nothing was changed."))
        return redirect(done_url)
    return render(request, "communication/preferences.html", {"form": form, "email": email, "by_link": by_link})


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _preferences_page(
        request,
        email=request.user.email,
        actor=request.user,
        done_url=reverse("communication:preferences"),
        by_link=False,
    )


def _invalid_link(request: HttpRequest) -> HttpResponse:
    return render(request, "communication/invalid_link.html", status=400)


@require_http_methods(["GET", "POST"])
def preferences_by_link(request: HttpRequest, token: str) -> HttpResponse:
    """The preferences of the address the e-mail was sent to, without signing in."""
    email = email_from_token(token)
    if email is None:
        return _invalid_link(request)
    # Whoever holds the link, signed in or not: the history names an account only when there is one.
    actor = request.user if isinstance(request.user, User) else None
    return _preferences_page(request, email=email, actor=actor, done_url=request.path, by_link=True)


# Mail programs post here without a page or a cookie (RFC 8058 one-click): the signed address
# in the link is the proof, so the form carries no CSRF token.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    email = email_from_token(token)
    if email is None:
        return _invalid_link(request)
    if request.method == "POST":
        services.preference_unsubscribe(actor=None, email=email)
        return render(request, "communication/unsubscribed.html", {"email": email, "token": token})
    return render(request, "communication/unsubscribe.html", {"email": email, "token": token})


@login_required
@require_safe
def outbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not access.can_read_outbox(request.user):
        raise PermissionDenied
    status = request.GET.get("status", "")
    page = Paginator(emails_list(status=status or None), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "communication/outbox.html",
        {"page": page, "emails": page.object_list, "status": status, "skipped": selectors.skipped_deliveries(limit=20)},
    )


@login_required
@require_safe
def outbox_email(request: AuthenticatedHttpRequest, key: UUID) -> HttpResponse:
    if not access.can_read_outbox(request.user):
        raise PermissionDenied
    email = get_object_or_404(OutgoingEmail.objects.select_related("resent_from"), key=key)
    attachments = list(email.attachments.only("filename", "size"))  # their names, not their content
    return render(request, "communication/outbox_email.html", {"email": email, "attachments": attachments})


@login_required
@require_POST
def outbox_resend(request: AuthenticatedHttpRequest, key: UUID) -> HttpResponse:
    if not access.can_read_outbox(request.user):
        raise PermissionDenied
    email = get_object_or_404(OutgoingEmail, key=key)
    try:
        copy = services.outbox_resend(actor=request.user, email=email)
    except ValidationError as error:
        # Still waiting for its own attempts: nothing to send again yet.
        messages.error(request, " ".join(error.messages))
        return redirect("communication:outbox_email", key=email.key)
    messages.success(request, _("A new copy of the message is queued."))
    return redirect("communication:outbox_email", key=copy.key)


@login_required
@require_safe
def unreachable(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not access.can_see_unreachable_people(request.user):
        raise PermissionDenied
    people = selectors.people_without_email(network_id=access.unreachable_network_id(request.user))
    page = Paginator(people, 100).get_page(request.GET.get("page"))
    return render(request, "communication/unreachable.html", {"page": page, "people": page.object_list})
