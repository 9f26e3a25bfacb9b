"""An invented logframe for a generated plan, for tests and benchmarks.

``generate_logframe(plan=…)`` adds to the plan's network an impact, an outcome per axis
and two outputs per outcome, whose indicators include one of each computation and others
with a value per quarter the plan is reported on — the older ones approved, the recent
ones drafts. Everything is made up; deterministic for a seed and a plan.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from reseau.logframe.models import Computation, Indicator, IndicatorValue, Result
from reseau.plans.models import Plan
from reseau.plans.synthetic import AXES, NOTE, plan_index, plan_periods

# English, French, unit, a share (value 0–100) rather than a running count.
COUNTED: list[tuple[str, str, str, bool]] = [
    ("Number of people trained", "Nombre de personnes formées", "people", False),
    ("Share of women among the people trained", "Part des femmes parmi les personnes formées", "%", True),
    ("Number of study tours organised", "Nombre de voyages d'étude organisés", "study tours", False),
    ("Number of peer exchanges held", "Nombre d'échanges entre pairs tenus", "exchanges", False),
    ("Number of advocacy documents adopted", "Nombre de documents de plaidoyer adoptés", "documents", False),
    ("Number of workshops held", "Nombre d'ateliers tenus", "workshops", False),
]
COMPUTED: list[tuple[str, str, str, str]] = [
    (
        Computation.FOCAL_POINTS_CONFIRMED,
        "Members with a confirmed focal point",
        "Membres ayant un point focal confirmé",
        "members",
    ),
    (
        Computation.MEMBERS_UP_TO_DATE,
        "Members up to date with their dues",
        "Membres à jour de leurs cotisations",
        "members",
    ),
    (
        Computation.PARTNERS_IN_DIALOGUE,
        "Partners in dialogue or cooperating",
        "Partenaires en dialogue ou en coopération",
        "organisations",
    ),
    (
        Computation.PROJECTS_VALIDATED,
        "Projects validated by the secretariat",
        "Projets validés par le Secrétariat",
        "projects",
    ),
    (Computation.PROJECTS_FUNDED, "Projects funded", "Projets financés", "projects"),
    (Computation.EVENTS_HELD, "Events held", "Événements tenus", "events"),
    (
        Computation.PARTICIPANTS_WOMEN,
        "Women among the participants present",
        "Femmes parmi les participants présents",
        "women",
    ),
    (
        Computation.PARTICIPANTS_MEN,
        "Men among the participants present",
        "Hommes parmi les participants présents",
        "men",
    ),
]


def _at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(10), tzinfo=datetime.UTC)


@transaction.atomic
def generate_logframe(*, plan: Plan, seed: int = 0) -> list[Result]:
    """Add an invented logframe for a generated plan; returns its results, the impact first."""
    network = plan.network
    index = plan_index(plan)
    rng = random.Random(f"logframe:{seed}:{index}")  # noqa: S311 — test data, not secrets
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    reporting = plan_periods(plan)
    first, last = reporting[0], reporting[-1]
    quarter_count = len(reporting)
    axes = list(plan.axes.order_by("number"))

    # The logframe: an impact, an outcome per axis, two outputs per outcome.
    suffix = f"-{index}" if Result.objects.filter(network=network, code="IM1").exists() else ""
    impact = Result.objects.create(
        network=network,
        level=Result.Level.IMPACT,
        code=f"IM1{suffix}",
        title_en="Local authorities strengthened as key actors in achieving the Sustainable Development Goals",
        title_fr="Les autorités locales renforcées comme actrices clés de l'atteinte des objectifs de développement "
        "durable",
    )
    outcomes = Result.objects.bulk_create(
        Result(
            network=network,
            level=Result.Level.OUTCOME,
            code=f"OC{axis.number}{suffix}",
            parent=impact,
            title_en=f"{AXES[axis.number - 1][0]}: results achieved",
            title_fr=f"{AXES[axis.number - 1][1]} : résultats atteints",
        )
        for axis in axes
    )
    outputs = Result.objects.bulk_create(
        Result(
            network=network,
            level=Result.Level.OUTPUT,
            code=f"OP{axis.number}.{k}{suffix}",
            parent=outcome,
            title_en=f"{AXES[axis.number - 1][0]}: output {k}",
            title_fr=f"{AXES[axis.number - 1][1]} : produit {k}",
        )
        for axis, outcome in zip(axes, outcomes, strict=True)
        for k in (1, 2)
    )
    indicators: list[Indicator] = []
    counted: list[tuple[Indicator, bool]] = []
    for position, (computation, title_en, title_fr, unit) in enumerate(COMPUTED):
        indicators.append(
            Indicator(
                result=outputs[position % len(outputs)],
                code=f"C{position + 1}",
                title_en=title_en,
                title_fr=title_fr,
                unit=unit,
                computation=computation,
                baseline_year=first.starts_on.year,
                baseline_value=Decimal(rng.randint(0, 5)),
                target_year=last.ends_on.year + 1,
                target_value=Decimal(rng.randint(10, 40)),
                sources="Computed by the platform.",
                assumptions=NOTE,
            )
        )
    for result in [*outcomes, *outputs]:
        title_en, title_fr, unit, share = rng.choice(COUNTED)
        indicator = Indicator(
            result=result,
            code="I1",
            title_en=title_en,
            title_fr=title_fr,
            unit=unit,
            baseline_year=first.starts_on.year,
            baseline_value=Decimal(rng.randint(20, 40) if share else 0),
            target_year=last.ends_on.year + 1,
            target_value=Decimal(rng.randint(45, 60) if share else rng.randint(5, 200)),
            sources="Attendance sheets and reports of the activities.",
            assumptions=NOTE,
            disaggregation=["sex"] if share else [],
        )
        indicators.append(indicator)
        counted.append((indicator, share))
    Indicator.objects.bulk_create(indicators)

    # A value per quarter for the counted indicators: approved, except the last one or two.
    values: list[IndicatorValue] = []
    for indicator, share in counted:
        assert indicator.baseline_value is not None
        assert indicator.target_value is not None
        running = indicator.baseline_value
        drafts = rng.randint(1, 2)
        for position, period in enumerate(reporting):
            running = (
                Decimal(rng.randint(30, 60))
                if share
                else running + rng.randint(0, max(1, int(indicator.target_value) // quarter_count))
            )
            on = min(period.ends_on, yesterday)
            approved = position < quarter_count - drafts
            values.append(
                IndicatorValue(
                    indicator=indicator,
                    date=on,
                    value=running,
                    source=f"Quarterly report {period.label} (synthetic)",
                    status=IndicatorValue.Status.APPROVED if approved else IndicatorValue.Status.DRAFT,
                    approved_at=_at(min(on + datetime.timedelta(days=15), yesterday)) if approved else None,
                )
            )
    IndicatorValue.objects.bulk_create(values)
    return [impact, *outcomes, *outputs]
