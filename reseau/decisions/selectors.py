"""Reading the decisions register: the filtered list, overdue items and the home page's share of them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from reseau.accounts.models import User
from reseau.accounts.types import Viewer
from reseau.core.text import fold_for_search
from reseau.decisions.access import can_edit_plans, can_read_register, decisions_visible_to
from reseau.decisions.models import Decision
from reseau.events.models import Event

# The statuses of an item still to be done: past its due date, it is overdue.
PENDING_STATUSES = (Decision.Status.OPEN, Decision.Status.IN_PROGRESS)
# The status filter's choice for "open or in progress".
PENDING = "pending"
HOME_OVERDUE_SHOWN = 10


def overdue(decisions: QuerySet[Decision]) -> QuerySet[Decision]:
    """Open or in progress, with a due date before today (due today is not overdue yet): as Decision.is_overdue."""
    return decisions.filter(status__in=PENDING_STATUSES, due_date__lt=timezone.localdate())


def owned_by(user: User) -> Q:
    """Items whose owner is the user: its member (for a focal point) or the registry person with its email."""
    mine = Q(owner_person__email=user.email.strip().lower()) if user.email else Q(pk__in=[])
    if user.member_id is not None:
        mine |= Q(owner_member_id=user.member_id)
    return mine


def with_rows(decisions: QuerySet[Decision]) -> QuerySet[Decision]:
    """What a line of the register shows, in one query: the network and the owners."""
    return decisions.select_related("network", "owner_person", "owner_member")


def decision_list(decisions: QuerySet[Decision], filters: Mapping[str, Any]) -> QuerySet[Decision]:
    """The register as filtered on the list page, soonest due date first (items without one last)."""
    status = filters.get("status")
    if status == PENDING:
        decisions = decisions.filter(status__in=PENDING_STATUSES)
    elif status:
        decisions = decisions.filter(status=status)
    if filters.get("kind"):
        decisions = decisions.filter(kind=filters["kind"])
    if filters.get("member"):
        decisions = decisions.filter(owner_member__slug=filters["member"])
    if filters.get("overdue"):
        decisions = overdue(decisions)
    for word in (filters.get("q") or "").split():
        decisions = decisions.filter(
            Q(title_en__icontains=word)
            | Q(title_fr__icontains=word)
            | Q(meeting__icontains=word)
            | Q(owner_person__name__icontains=word)
            # Member names are stored folded: "hue" finds Huế.
            | Q(owner_member__search_text__contains=fold_for_search(word))
        )
    return with_rows(decisions).order_by(F("due_date").asc(nulls_last=True), "pk")


def overdue_for_home(user: Viewer) -> tuple[QuerySet[Decision], bool] | None:
    """The overdue items on a user's home page, oldest due first, and whether they are the user's own only.

    The coordinator and the secretariat see every overdue item of the register they keep, the user's own first;
    anyone else who reads the register (a focal point) sees the items whose owner is its member or itself.
    Partners do not read the register: None.
    """
    if not user.is_authenticated or not can_read_register(user):
        return None
    visible = decisions_visible_to(user)
    mine = owned_by(user)
    if can_edit_plans(user):
        decisions = with_rows(overdue(visible)).annotate(
            is_mine=Case(When(mine, then=Value(1)), default=Value(0), output_field=IntegerField())
        )
        return decisions.order_by("-is_mine", "due_date", "pk"), False
    return with_rows(overdue(visible).filter(mine)).order_by("due_date", "pk"), True


def event_decisions(user: Viewer, event: Event) -> list[Decision]:
    return list(
        decisions_visible_to(user).filter(event=event).select_related("owner_person", "owner_member").order_by("pk")
    )
