"""Calendar feeds (iCalendar) and the page that gives their addresses.

Public addresses (/calendar/feeds/…) carry public events only, whoever asks.
Private addresses (/calendar/private/<token>/…) carry what the token's owner may see;
anyone holding the address reads them, so the page explains it and offers a reset,
after which the old addresses answer 404.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST, require_safe

from reseau.accounts.types import AuthenticatedHttpRequest, Viewer
from reseau.core.text import strip_bidi_controls
from reseau.events import access, services
from reseau.events.feeds import CONTENT_TYPE, calendar_stream
from reseau.events.models import Event
from reseau.events.selectors import calendar as calendar_selectors
from reseau.registry.models import Member, Network, Theme


def _reader(token: str | None) -> Viewer:
    """Whose view a feed gives: the token's owner, or an anonymous visitor for a public address."""
    if token is None:
        return AnonymousUser()
    return access.user_for_feed_token(token)


def _language(request: HttpRequest, reader: Viewer) -> str:
    """``?lang=fr`` first; then the private feed owner's language; then the request's."""
    available = {code for code, _name in settings.LANGUAGES}
    asked = request.GET.get("lang", "")
    if asked in available:
        return asked
    if reader.is_authenticated and reader.language in available:
        return str(reader.language)
    return translation.get_language() or settings.LANGUAGE_CODE


def _feed(
    request: HttpRequest, events: QuerySet[Event], *, name: str, language: str, private: bool
) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        calendar_stream(events, name=name, base_url=request.build_absolute_uri("/"), language=language),
        content_type=CONTENT_TYPE,
    )
    if private:
        # The address is a secret: no shared cache keeps the answer, no search engine lists it.
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def event_ics(request: HttpRequest, slug: str) -> HttpResponse | StreamingHttpResponse:
    """One event to add to a calendar; a repeating one with its moved dates. An event without a
    date has no calendar file: a page says so (404), with the way back to the event."""
    event = access.event_for_user(request.user, slug)
    if event.starts_at is None:
        return render(request, "events/no_calendar_file.html", {"event": event}, status=404)
    visible = access.events_visible_to(request.user)
    chosen = Q(pk=event.pk) | Q(series_id=event.pk) if event.is_recurring else Q(pk=event.pk)
    language = _language(request, request.user)
    with translation.override(language):
        name = event.title
    response = _feed(request, visible.filter(chosen), name=name, language=language, private=False)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=strip_bidi_controls(f"{event.slug}.ics", marks=True)
    )
    return response


@require_safe
def network_feed(request: HttpRequest, code: str, token: str | None = None) -> StreamingHttpResponse:
    reader = _reader(token)
    network = get_object_or_404(Network, code=code)
    events = calendar_selectors.network_feed_events(access.events_visible_to(reader), network)
    language = _language(request, reader)
    with translation.override(language):
        name = _("%(network)s events") % {"network": network}
    return _feed(request, events, name=name, language=language, private=token is not None)


@require_safe
def theme_feed(request: HttpRequest, code: str, token: str | None = None) -> StreamingHttpResponse:
    reader = _reader(token)
    theme = get_object_or_404(Theme, code=code)
    events = calendar_selectors.theme_feed_events(access.events_visible_to(reader), theme)
    language = _language(request, reader)
    with translation.override(language):
        name = _("Events: %(theme)s") % {"theme": theme.name}
    return _feed(request, events, name=name, language=language, private=token is not None)


@require_safe
def member_feed(request: HttpRequest, slug: str, token: str | None = None) -> StreamingHttpResponse:
    reader = _reader(token)
    member = get_object_or_404(Member, slug=slug)
    events = calendar_selectors.member_feed_events(access.events_visible_to(reader), member)
    language = _language(request, reader)
    with translation.override(language):
        name = _("Events of %(member)s") % {"member": member.name}
    return _feed(request, events, name=name, language=language, private=token is not None)


@require_safe
def my_feed(request: HttpRequest, token: str) -> StreamingHttpResponse:
    """The events the token's owner is registered for."""
    reader = access.user_for_feed_token(token)
    events = calendar_selectors.registered_events(access.events_visible_to(reader), reader)
    language = _language(request, reader)
    with translation.override(language):
        name = _("My events")
    return _feed(request, events, name=name, language=language, private=True)


@login_required
@require_GET
def feed_links(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    token = services.feed_token_for(user=user).token
    absolute = request.build_absolute_uri
    networks = list(access.feed_networks_for(user))
    themes = list(Theme.objects.all())
    member = user.member if user.member_id else None

    def addresses(name: str, **kwargs: str) -> dict[str, str]:
        return {
            "public": absolute(reverse(f"events:feed_{name}", kwargs=kwargs)),
            "private": absolute(reverse(f"events:private_feed_{name}", kwargs={"token": token, **kwargs})),
        }

    feeds = [
        (_("%(network)s events") % {"network": network}, addresses("network", code=network.code))
        for network in networks
    ]
    if member is not None:
        feeds.append((_("Events of %(member)s") % {"member": member.name}, addresses("member", slug=member.slug)))
    feeds += [(_("Events: %(theme)s") % {"theme": theme.name}, addresses("theme", code=theme.code)) for theme in themes]
    context = {
        "mine": absolute(reverse("events:private_feed_mine", kwargs={"token": token})),
        "feeds": feeds,
    }
    return render(request, "events/feed_links.html", context)


@require_POST
@login_required
def feed_token_reset(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.feed_token_reset(actor=request.user)
    messages.success(
        request,
        _(
            "Your private calendar addresses have changed; the old ones no longer work. "
            "Give the new ones to your calendar programs."
        ),
    )
    return redirect("events:feed_links")
