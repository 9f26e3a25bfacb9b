from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.views.decorators.http import require_GET, require_POST

from reseau.partners import access as partner_access
from reseau.partners.models import Interaction
from reseau.plans import decision_selectors
from reseau.registry import access, selectors
from reseau.registry.models import Network, Theme

OVERDUE_NEXT_STEPS_SHOWN = 10


def overdue_next_steps(user: object) -> QuerySet[Interaction]:
    """Next steps of interactions the user may see, not done, whose due date has passed."""
    return (
        partner_access.interactions_visible_to(user)
        .exclude(next_step="")
        .filter(next_step_done_on__isnull=True, next_step_due__lt=timezone.localdate())
        .select_related("organisation", "next_step_owner")
        .order_by("next_step_due", "pk")
    )


def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        return render(
            request,
            "core/landing.html",
            {
                "networks": list(Network.objects.all()),
                "themes": list(Theme.objects.all()),
            },
        )
    members = access.members_visible_to(user)
    context: dict[str, object] = {"show_dues": access.can_see_dues_status(user)}
    if user.is_focal_point:
        context["own_member"] = selectors.members_with_status(members.filter(pk=user.member_id or 0)).first()
    if access.is_network_staff(user):
        context.update(
            focal_points=selectors.focal_point_summary(members),
            late=selectors.late_focal_points(members),
            dues=selectors.outstanding_dues(members),
            dues_count=selectors.outstanding_dues_count(members),
        )
        overdue = overdue_next_steps(user)
        context.update(
            overdue_next_steps=list(overdue[:OVERDUE_NEXT_STEPS_SHOWN]),
            overdue_next_steps_count=overdue.count(),
        )
    # Overdue decisions and action items: the staff see the register's, a focal point those it owns.
    overdue_decisions = decision_selectors.overdue_for_home(user)
    if overdue_decisions is not None:
        decisions, only_mine = overdue_decisions
        context.update(
            show_overdue_decisions=True,
            overdue_decisions=list(decisions[: decision_selectors.HOME_OVERDUE_SHOWN]),
            overdue_decisions_count=decisions.count(),
            overdue_decisions_only_mine=only_mine,
        )
    if user.network_id is not None:
        context["network"] = user.network
    return render(request, "core/home.html", context)


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
            secure=not settings.DEBUG,
        )
        if request.user.is_authenticated and request.user.language != language:
            request.user.language = language
            request.user.save(update_fields=["language"])
    return response


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
