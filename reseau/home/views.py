"""The home page: what is next and what is late for the person signed in, or the public landing page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from reseau.decisions import selectors as decision_selectors
from reseau.home import access as home_access
from reseau.home import search as site_search
from reseau.home.selectors import OVERDUE_NEXT_STEPS_SHOWN, overdue_next_steps, upcoming_events
from reseau.registry import access, selectors
from reseau.registry.models import Network, Theme


def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        return render(
            request,
            "home/landing.html",
            {
                "networks": list(Network.objects.all()),
                "themes": list(Theme.objects.all()),
                "upcoming_events": upcoming_events(user),
            },
        )
    members = access.members_visible_to(user)
    context: dict[str, object] = {
        "show_dues": access.can_see_dues_status(user),
        "upcoming_events": upcoming_events(user),
        "show_delegations": home_access.delegation_member_id(user) is not None,
        "show_network": home_access.sees_every_network(user),
        "show_partner_guide": home_access.shows_partner_guide(user),
        "role_label": user.role_said_of(woman=selectors.account_is_said_of_a_woman(email=user.email)),
    }
    if home_access.shows_own_member(user):
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
    return render(request, "home/home.html", context)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """The header's search: what the reader may see, by kind."""
    query = request.GET.get("q", "").strip()
    groups = site_search.search_everything(user=request.user, query=query) if query else []
    return render(request, "home/search.html", {"query": query, "groups": groups})
