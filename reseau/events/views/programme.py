"""The programme (agenda) of an event: its page, its printable PDF, and the staff's changes to it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reseau.accounts.models import User
from reseau.accounts.types import AuthenticatedHttpRequest
from reseau.core.forms import add_service_error
from reseau.core.pages import form_page, form_saved
from reseau.core.text import strip_bidi_controls
from reseau.events import access, presentation, services
from reseau.events import programme_pdf as printed
from reseau.events.forms.programme import SessionForm, SpeakerForm
from reseau.events.models import SESSION_DESCRIPTION_LENGTH, Event, Session, SessionSpeaker
from reseau.events.selectors import event as selectors

# The speaker form shares the session page: its fields get their own ids.
SPEAKER_PREFIX = "speaker"


def _programme_context(request: HttpRequest, event: Event) -> dict[str, Any]:
    items = selectors.programme(event)
    return {
        "event": event,
        "when": presentation.when_text(event),
        "days": presentation.programme_days(event, items),
        "staff": access.can_manage_events(request.user, event),
        # A description stored before descriptions were bounded is cut, with "…", in the programme.
        "description_length": SESSION_DESCRIPTION_LENGTH,
    }


@require_GET
def programme(request: HttpRequest, slug: str) -> HttpResponse:
    event = access.event_for_user(request.user, slug)
    return render(request, "events/programme.html", _programme_context(request, event))


def programme_document(request: HttpRequest, event: Event) -> str:
    """The HTML the PDF is printed from (A4, fonts for Khmer, Lao and Vietnamese names)."""
    context = _programme_context(request, event)
    context["staff"] = False
    emblem = finders.find("img/eu-emblem.svg")
    context["emblem_url"] = Path(emblem).as_uri() if isinstance(emblem, str) else ""
    return render_to_string("events/programme_pdf.html", context, request=request)


@require_GET
def programme_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    event = access.event_for_user(request.user, slug)
    pdf = printed.programme_pdf(
        event_pk=event.pk,
        language=translation.get_language() or "",
        document=programme_document(request, event),
        base_url=request.build_absolute_uri("/"),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        content_disposition_header(
            as_attachment=False, filename=strip_bidi_controls(f"programme-{event.slug}.pdf", marks=True)
        )
        or ""
    )
    return response


def _session_for_manage(user: User, slug: str, pk: int) -> tuple[Event, Session]:
    """An item of the programme of the event in the address (404 for another event's)."""
    event = access.event_for_manage(user, slug)
    return event, get_object_or_404(event.sessions.all(), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    user = request.user
    event = access.event_for_manage(user, slug)
    form = SessionForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(actor=user, event=event, data=form.service_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Programme item added. You can now add its speakers."))
            return redirect("events:session_edit", slug=event.slug, pk=session.pk)
    return form_page(
        request,
        form=form,
        title=_("Add a programme item"),
        cancel_url=reverse("events:programme", kwargs={"slug": event.slug}),
        template="events/session_form.html",
        event=event,
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    user = request.user
    event, session = _session_for_manage(user, slug, pk)
    form = SessionForm(request.POST or None, instance=session, event=event)
    if form_saved(
        request,
        form,
        lambda: services.session_update(actor=user, session=session, data=form.service_data()),
        done=_("Changes saved."),
    ):
        return redirect(f"{reverse('events:programme', kwargs={'slug': event.slug})}#session-{session.pk}")
    stored = Session.objects.get(pk=session.pk)
    return form_page(
        request,
        form=form,
        title=_("Edit a programme item"),
        cancel_url=reverse("events:programme", kwargs={"slug": event.slug}),
        template="events/session_form.html",
        event=event,
        session=stored,
        speakers=list(stored.speakers.select_related("person")),
        speaker_form=SpeakerForm(session=stored, prefix=SPEAKER_PREFIX),
    )


@require_POST
@login_required
def session_delete(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    user = request.user
    event, session = _session_for_manage(user, slug, pk)
    services.session_delete(actor=user, session=session)
    messages.success(request, _("Programme item deleted."))
    return redirect("events:programme", slug=event.slug)


@login_required
@require_http_methods(["GET", "POST"])
def speaker_add(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    user = request.user
    event, session = _session_for_manage(user, slug, pk)
    form = SpeakerForm(request.POST or None, session=session, prefix=SPEAKER_PREFIX)
    if form_saved(
        request,
        form,
        lambda: services.speaker_add(actor=user, session=session, data=form.cleaned_data),
        done=_("Speaker added."),
    ):
        return redirect(f"{reverse('events:session_edit', kwargs={'slug': event.slug, 'pk': pk})}#speakers")
    return form_page(
        request,
        form=form,
        title=_("Add a speaker"),
        cancel_url=f"{reverse('events:session_edit', kwargs={'slug': event.slug, 'pk': pk})}#speakers",
        template="events/session_speaker_form.html",
        submit_label=_("Add"),
        event=event,
        session=session,
    )


@require_POST
@login_required
def speaker_remove(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    user = request.user
    event = access.event_for_manage(user, slug)
    speaker = get_object_or_404(SessionSpeaker.objects.select_related("session", "person"), pk=pk, session__event=event)
    services.speaker_remove(actor=user, speaker=speaker)
    messages.success(request, _("%(name)s is no longer listed in this item.") % {"name": speaker.person.name})
    return redirect(f"{reverse('events:session_edit', kwargs={'slug': event.slug, 'pk': speaker.session_id})}#speakers")
