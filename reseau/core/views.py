"""The platform's own pages: the language switch, the health check and the server-error page."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, HttpResponseServerError, JsonResponse
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.http import require_GET, require_POST

from reseau.core.language import language_choice_remember


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; remembered on the account as well as in a cookie."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language and check_for_language(language) and language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        )
        if request.user.is_authenticated:
            if request.user.language != language:
                request.user.language = language
                request.user.save(update_fields=["language"])
        else:
            # Kept for this session: signing in next keeps it and saves it on the account.
            language_choice_remember(request.session, language)
    return response


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page says where the error went: to the team (ADMINS, Sentry) or only to the log.

    Like Django's own handler it renders without context processors: whatever failed
    (the database, a template) must not fail this page as well.
    """
    team_told = bool(settings.ADMINS) or bool(settings.SENTRY_DSN)
    return HttpResponseServerError(render_to_string("500.html", {"team_told": team_told}))
