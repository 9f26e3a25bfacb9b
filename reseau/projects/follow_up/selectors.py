"""What the project page shows of a project's follow-up: partners, funding plan, milestones, notes.

``project_follow_up`` reads everything in a fixed number of queries, whatever the
number of partners, funding lines, milestones and notes: the project page includes
``projects/_follow_up.html`` with what it returns.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from reseau.accounts.types import Viewer
from reseau.funding.access import opportunities_visible_to
from reseau.partners.access import organisations_visible_to
from reseau.projects import access
from reseau.projects.models import FundingLine, Milestone, ProgressNote, Project, ProjectPartner
from reseau.projects.money import FundingPlan, RateBook, funding_plan


@dataclass(frozen=True)
class PartnerRow:
    partner: ProjectPartner
    linked: bool  # whether the reader may open the organisation's page


@dataclass(frozen=True)
class FundingRow:
    line: FundingLine
    requested_eur: Decimal | None
    secured_eur: Decimal | None
    source_linked: bool
    opportunity_linked: bool


@dataclass(frozen=True)
class FollowUp:
    project: Project
    partners: list[PartnerRow]
    funding: list[FundingRow]
    plan: FundingPlan
    budget_on: datetime.date
    milestones: list[Milestone]
    notes: list[ProgressNote]
    can_manage_funding: bool
    can_follow_up: bool
    can_read_rates: bool
    can_keep_rates: bool

    @property
    def budget_missing_rate(self) -> bool:
        """A budget is recorded but no rate converts it to euros on ``budget_on``."""
        return self.project.total_budget is not None and self.plan.budget_eur is None


def project_follow_up(project: Project, *, user: Viewer, on: datetime.date | None = None) -> dict[str, Any]:
    """The context of ``projects/_follow_up.html``; the budget is converted at the rate of ``on`` (today)."""
    on = on or timezone.localdate()
    partners = list(
        ProjectPartner.objects.filter(project=project)
        .select_related("organisation")
        .order_by("role", "organisation__name", "pk")
    )
    lines = list(FundingLine.objects.filter(project=project).select_related("source", "opportunity").order_by("pk"))
    rates = RateBook.for_currencies({project.currency, *(line.currency for line in lines)})
    plan = funding_plan(project, lines, rates, on=on)

    organisation_ids = {p.organisation_id for p in partners} | {line.source_id for line in lines}
    readable_organisations = (
        set(organisations_visible_to(user).filter(pk__in=organisation_ids).order_by().values_list("pk", flat=True))
        if organisation_ids
        else set()
    )
    opportunity_ids = {line.opportunity_id for line in lines if line.opportunity_id is not None}
    readable_calls = (
        set(opportunities_visible_to(user).filter(pk__in=opportunity_ids).order_by().values_list("pk", flat=True))
        if opportunity_ids
        else set()
    )
    funding = [
        FundingRow(
            line=line,
            requested_eur=rates.euros(line.amount_requested, line.currency, line.as_of),
            secured_eur=rates.euros(line.amount_secured, line.currency, line.as_of),
            source_linked=line.source_id in readable_organisations,
            opportunity_linked=line.opportunity_id in readable_calls,
        )
        for line in lines
    ]
    milestones = list(Milestone.objects.filter(project=project).order_by("due_date", "pk"))
    notes = list(ProgressNote.objects.filter(project=project).select_related("author").order_by("-date", "-pk"))
    follow_up = FollowUp(
        project=project,
        partners=[PartnerRow(p, p.organisation_id in readable_organisations) for p in partners],
        funding=funding,
        plan=plan,
        budget_on=on,
        milestones=milestones,
        notes=notes,
        can_manage_funding=access.can_manage_funding(user, project),
        can_follow_up=access.can_follow_up(user, project),
        can_read_rates=access.can_read_rates(user),
        can_keep_rates=access.can_keep_rates(user),
    )
    return {"follow_up": follow_up}
