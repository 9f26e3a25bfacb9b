from __future__ import annotations

import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control

from reseau.core.full_disk import form_not_received, is_full_disk


class UserPreferencesMiddleware:
    """Show each signed-in person the language they chose and their network's time zone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        zone_name = settings.DEFAULT_DISPLAY_TIME_ZONE
        if user.is_authenticated:
            # The account's choice wins over the browser's, on every device.
            if user.language:
                translation.activate(user.language)
                request.LANGUAGE_CODE = user.language
            if user.network is not None:
                zone_name = user.network.time_zone
        timezone.activate(zoneinfo.ZoneInfo(zone_name))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class ResponseHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not send, on every answer.

    Permissions-Policy switches off the browser features the platform never uses
    (settings.PERMISSIONS_POLICY). A page shown to a signed-in person is never kept
    by the browser or a proxy (no-store), so the back button after signing out, or
    a shared computer's cache, shows nothing of it; static files and the answers to
    anonymous visitors keep their usual caching.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.permissions_policy = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        # A request served before the authentication middleware (a static file) has no user.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Merged with what the view said (an export's "private, no-store" stays as it is).
            patch_cache_control(response, private=True, no_store=True)
        return response


class RefuseNulBytesMiddleware:
    """A NUL character in the path, the query or a form field is refused (400) before any view.

    No text the platform stores may hold one, and PostgreSQL refuses it with an error
    that would otherwise surface as a 500 (issue 12: the private feed addresses among others).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            holds_nul = _holds_nul(request)
        except OSError as error:
            # Reading the form filled the disk (a large upload goes to a temporary file): the
            # full-disk page answers below, once the session and the account are read.
            if not is_full_disk(error):
                raise
            form_not_received(request, error)
            return self.get_response(request)
        if holds_nul:
            return _refused_input(request)
        return self.get_response(request)


def _holds_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path or "\x00" in request.path_info:
        return True
    fields = [request.GET]
    if request.method == "POST" and request.content_type in {
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    }:
        fields.append(request.POST)
    return any(
        "\x00" in key or any("\x00" in value for value in values) for query in fields for key, values in query.lists()
    )


def _refused_input(request: HttpRequest) -> HttpResponse:
    # Nothing below has run (language, session, user): the page speaks the visitor's cookie or
    # browser language and, like Django's own 400 page, needs no context.
    with translation.override(translation.get_language_from_request(request)):
        return HttpResponseBadRequest(render_to_string("400.html"))
