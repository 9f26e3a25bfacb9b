"""An invented action plan, for tests and benchmarks.

``generate_plans(network=…, activities=500, periods=12)`` adds to a network one
thematic action plan with 3 to 5 axes and 500 numbered activities (themes, members,
planned dates), the last 12 quarters as reporting periods (reused when the network
already has them), one progress row per activity and quarter (not started, then
ongoing, then done or dropped, as work goes). Everything is made up. Its logframe and
decisions register come from ``reseau.logframe.synthetic`` and ``reseau.decisions.synthetic``.

The output depends only on ``seed`` and on how many plans were already generated for
that network: plan codes carry a running index (``synthetic-plan-000``), a new batch
continues it and seeds its random generator with it, so reruns append another plan. It
also depends on the network's members, and dates follow today's (the quarters end with
the current one).

Rows are written with ``bulk_create``; 500 activities over 12 quarters take well under
a few seconds.
"""

from __future__ import annotations

import datetime
import random
import re

from django.db import transaction
from django.utils import timezone

from reseau.plans.models import Activity, ActivityProgress, Axis, Plan, ReportingPeriod
from reseau.registry.models import Member, Network, Theme
from reseau.registry.synthetic import ensure_themes

NOTE = "Invented (synthetic data), made up for tests and benchmarks."
WORK_THEMES = ["urban-governance-smart-cities", "urban-sanitation", "smart-sustainable-tourism"]
CROSS_CUTTING = ["gender-equality", "climate-change-resilience", "youth-universities", "french-language"]

# English, French. The deck's three axes come first.
AXES: list[tuple[str, str]] = [
    (
        "Facilitate regional dialogue between local authorities and stakeholders",
        "Faciliter le dialogue régional entre les autorités locales et les parties prenantes",
    ),
    ("Supporting local project ownership", "Appuyer la maîtrise d'ouvrage locale des projets"),
    (
        "Support the design, implementation and financing of local and regional projects",
        "Accompagner la conception, la mise en œuvre et le financement de projets locaux et régionaux",
    ),
    ("Strengthen the advocacy of local authorities", "Renforcer le plaidoyer des autorités locales"),
    ("Train the members' staff", "Former les agents des membres"),
]

# English, French; {theme} / {theme_fr}: a theme's name, {member} / {member_fr}: a member's.
ACTIVITIES: list[tuple[str, str]] = [
    ("Study tour: {theme}", "Voyage d'étude : {theme_fr}"),
    ("Working group: {theme}", "Groupe de travail : {theme_fr}"),
    ("Peer exchange hosted by {member}: {theme}", "Échange entre pairs accueilli par {member_fr} : {theme_fr}"),
    (
        "Distance learning (tutoring) for the staff of {member}",
        "Formation à distance (tutorat) des agents de {member_fr}",
    ),
    ("Thematic conference: {theme}", "Conférence thématique : {theme_fr}"),
    (
        "Support for {member} in the design of a concrete project ({theme})",
        "Accompagnement de {member_fr} dans la conception d'un projet concret ({theme_fr})",
    ),
    ("Monitoring of funding opportunities: {theme}", "Veille sur les opportunités de financement : {theme_fr}"),
    ("Advocacy document: {theme}", "Document de plaidoyer : {theme_fr}"),
    ("Needs assessment with {member}", "Diagnostic des besoins avec {member_fr}"),
    ("Workshop hosted by {member}: {theme}", "Atelier accueilli par {member_fr} : {theme_fr}"),
    ("Follow-up of the projects of {member}", "Suivi des projets de {member_fr}"),
    ("Collaboration with universities: {theme}", "Collaboration avec les universités : {theme_fr}"),
    ("Multi-stakeholder dialogue: {theme}", "Dialogue multi-acteurs : {theme_fr}"),
    ("Sharing of working documents: {theme}", "Partage de documents de travail : {theme_fr}"),
]
RESPONSIBLE = ["Regional office", "Network coordinator", "Permanent Secretariat", "Focal points", ""]

# The progress cells are in English, as in the deck's table.
ACHIEVED = [
    "Terms of reference drafted and shared with the focal points.",
    "First meeting held with the members concerned.",
    "Programme validated; participants identified.",
    "Session held; {n} participants.",
    "Case studies collected from {n} members.",
    "Draft report circulated for comments.",
    "Contact made with the partners concerned.",
    "Budget estimated and submitted to the secretariat.",
]
PLANNED = [
    "Finalise the programme with the host city.",
    "Send the invitations to the members.",
    "Hold the next session.",
    "Publish the report on the AIMF platform.",
    "Follow-up meeting with the focal points.",
    "Identify and secure the necessary financing.",
]
SUGGESTIONS = [
    "Open the activity to non-member cities.",
    "Invite the ASAC to share its experience.",
    "Hold the session in French and English.",
    "Combine with the annual meeting.",
    "",
    "",
]
DONE = ["Completed.", "Completed; report shared with the members.", "Activity closed."]
DROPPED = ["Dropped: no host city found.", "Dropped for lack of funding.", "Merged into another activity."]

PS = ActivityProgress.Status


def quarters(today: datetime.date, count: int) -> list[tuple[str, datetime.date, datetime.date]]:
    """The last ``count`` quarters, the current one last: (label, start, end)."""
    index = today.year * 4 + (today.month - 1) // 3
    rows = []
    for q in range(index - count + 1, index + 1):
        year, quarter = divmod(q, 4)
        start = datetime.date(year, quarter * 3 + 1, 1)
        end = datetime.date(year + (quarter == 3), (quarter * 3 + 3) % 12 + 1, 1) - datetime.timedelta(days=1)
        rows.append((f"{year}-Q{quarter + 1}", start, end))
    return rows


def plan_index(plan: Plan) -> int:
    """The running index in a generated plan's code (``…-plan-007``: 7)."""
    return int(plan.code.rsplit("-", 1)[1])


def plan_periods(plan: Plan) -> list[ReportingPeriod]:
    """The quarters a generated plan is reported on, the first one first."""
    return list(
        ReportingPeriod.objects.filter(
            network_id=plan.network_id,
            kind=ReportingPeriod.Kind.QUARTER,
            starts_on__gte=plan.starts_on,
            ends_on__lte=plan.ends_on,
        ).order_by("starts_on")
    )


def theme_pool() -> list[tuple[int, str, str]]:
    """(pk, English name, French name) of the work themes then the cross-cutting ones."""
    themes = ensure_themes()
    names = {
        pk: (name_en, name_fr)
        for pk, name_en, name_fr in Theme.objects.filter(code__in=WORK_THEMES + CROSS_CUTTING).values_list(
            "pk", "name_en", "name_fr"
        )
    }
    return [(themes[code].pk, *names[themes[code].pk]) for code in WORK_THEMES + CROSS_CUTTING]


def _next_index(prefix: str) -> int:
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+)$")
    highest = -1
    for code in Plan.objects.filter(code__startswith=prefix).values_list("code", flat=True):
        match = pattern.match(code)
        if match:
            highest = max(highest, int(match.group(1)))
    return highest + 1


def _periods(network: Network, wanted: list[tuple[str, datetime.date, datetime.date]]) -> list[ReportingPeriod]:
    """The network's periods with these labels, created when missing."""
    labels = [label for label, _, _ in wanted]
    existing = {p.label: p for p in ReportingPeriod.objects.filter(network=network, label__in=labels)}
    missing = [
        ReportingPeriod(network=network, kind=ReportingPeriod.Kind.QUARTER, label=label, starts_on=start, ends_on=end)
        for label, start, end in wanted
        if label not in existing
    ]
    ReportingPeriod.objects.bulk_create(missing)
    existing.update({p.label: p for p in missing})
    return [existing[label] for label in labels]


@transaction.atomic
def generate_plans(*, network: Network, activities: int, periods: int = 12, seed: int = 0) -> Plan | None:
    """Add an invented plan of ``activities`` activities reported on over the last ``periods``
    quarters to ``network``; returns the plan (None when ``activities`` is 0). Deterministic
    for a seed and a number of plans already generated."""
    if activities < 0:
        raise ValueError("activities must not be negative.")
    if periods < 1:
        raise ValueError("periods must be at least 1.")
    if activities == 0:
        return None
    today = timezone.localdate()
    prefix = f"{network.code}-plan-"
    index = _next_index(prefix)
    rng = random.Random(f"plans:{seed}:{index}")  # noqa: S311 — test data, not secrets
    themes = theme_pool()
    members: list[tuple[int, str, str]] = list(
        Member.objects.filter(network=network).order_by("pk").values_list("pk", "name_en", "name_fr")
    )
    reporting = _periods(network, quarters(today, periods))

    # The plan and its axes.
    theme_pk, theme_en, theme_fr = themes[rng.randrange(len(WORK_THEMES))]
    first, last = reporting[0], reporting[-1]
    years = sorted({first.starts_on.year, last.ends_on.year})
    span = "–".join(str(year) for year in years)
    plan = Plan.objects.create(
        network=network,
        code=f"{prefix}{index:03d}",
        kind=Plan.Kind.THEMATIC,
        title_en=f"{theme_en} action plan ({span}) #{index}",
        title_fr=f"Plan d'action {theme_fr} ({span}) n° {index}",
        theme_id=theme_pk,
        starts_on=first.starts_on,
        ends_on=last.ends_on,
        status=Plan.Status.VALIDATED if rng.random() < 0.7 else Plan.Status.DRAFT,
    )
    axis_count = min(activities, rng.randint(3, len(AXES)))
    axes = Axis.objects.bulk_create(
        Axis(plan=plan, number=number, title_en=title_en, title_fr=title_fr)
        for number, (title_en, title_fr) in enumerate(AXES[:axis_count], start=1)
    )

    # Activities, in blocks of consecutive numbers per axis as in the deck.
    cuts = sorted(rng.sample(range(1, activities), axis_count - 1)) if axis_count > 1 else []
    bounds = [0, *cuts, activities]
    rows: list[Activity] = []
    begins: list[int] = []
    theme_links: list[list[int]] = []
    member_links: list[list[int]] = []
    for axis, low, high in zip(axes, bounds, bounds[1:], strict=False):
        for offset in range(low, high):
            activity, begin, theme_pks, member_pks = _invented_activity(
                rng, plan=plan, axis=axis, number=offset + 1, themes=themes, members=members, reporting=reporting
            )
            rows.append(activity)
            begins.append(begin)
            theme_links.append(theme_pks)
            member_links.append(member_pks)
    Activity.objects.bulk_create(rows)
    ThemeLink = Activity.themes.through
    ThemeLink.objects.bulk_create(
        ThemeLink(activity_id=activity.pk, theme_id=theme_pk)
        for activity, pks in zip(rows, theme_links, strict=True)
        for theme_pk in pks
    )
    MemberLink = Activity.members.through
    MemberLink.objects.bulk_create(
        MemberLink(activity_id=activity.pk, member_id=member_pk)
        for activity, pks in zip(rows, member_links, strict=True)
        for member_pk in pks
    )

    # One progress row per activity and quarter: not started, ongoing, then done or dropped.
    progress: list[ActivityProgress] = []
    for activity, begin in zip(rows, begins, strict=True):
        progress.extend(_invented_progress(rng, activity=activity, begin=begin, reporting=reporting))
    ActivityProgress.objects.bulk_create(progress)

    return plan


def _invented_activity(
    rng: random.Random,
    *,
    plan: Plan,
    axis: Axis,
    number: int,
    themes: list[tuple[int, str, str]],
    members: list[tuple[int, str, str]],
    reporting: list[ReportingPeriod],
) -> tuple[Activity, int, list[int], list[int]]:
    """One invented activity (not saved), the quarter it is planned to begin in, its themes' and
    members' keys. Draws from ``rng`` in a fixed order: the same seed gives the same plan."""
    quarter_count = len(reporting)
    chosen = [rng.choice(themes)]
    if rng.random() < 0.3:
        extra = rng.choice(themes)
        if extra != chosen[0]:
            chosen.append(extra)
    host = rng.choice(members) if members else None
    template_en, template_fr = rng.choice(ACTIVITIES if host else [t for t in ACTIVITIES if "{member" not in t[0]])
    words = {
        "theme": chosen[0][1],
        "theme_fr": chosen[0][2],
        "member": host[1] if host else "",
        "member_fr": host[2] if host else "",
    }
    begin = rng.randrange(quarter_count)
    length = rng.randint(1, 4)
    activity = Activity(
        plan=plan,
        axis=axis,
        number=number,
        title_en=template_en.format(**words),
        title_fr=template_fr.format(**words),
        description_en=NOTE,
        description_fr="Inventé (données synthétiques), pour les tests et les mesures de performance.",
        responsible=rng.choice(RESPONSIBLE),
        planned_start=reporting[begin].starts_on,
        planned_end=reporting[min(begin + length, quarter_count) - 1].ends_on,
    )
    joined = {host[0]} if host else set()
    if members and rng.random() < 0.3:
        joined |= {pk for pk, _, _ in rng.sample(members, min(len(members), 2))}
    return activity, begin, [pk for pk, _, _ in chosen], sorted(joined)


def _invented_progress(
    rng: random.Random, *, activity: Activity, begin: int, reporting: list[ReportingPeriod]
) -> list[ActivityProgress]:
    """The activity's progress in each quarter: not started, ongoing, then done or dropped."""
    quarter_count = len(reporting)
    # Work starts in the planned quarter, or one early or late.
    start = max(0, min(quarter_count - 1, begin + rng.choice([-1, 0, 0, 0, 1])))
    end = start + rng.randint(0, 4)  # the quarter it ends in; beyond the last one: still going
    dropped = rng.random() < 0.05
    progress: list[ActivityProgress] = []
    for position, period in enumerate(reporting):
        achieved = planned = suggestions = ""
        if position < start:
            status = PS.NOT_STARTED
            if position == start - 1:
                planned = rng.choice(PLANNED)
                suggestions = rng.choice(SUGGESTIONS)
        elif position < end:
            status = PS.ONGOING
            achieved = rng.choice(ACHIEVED).format(n=rng.randint(5, 60))
            planned = rng.choice(PLANNED)
            suggestions = rng.choice(SUGGESTIONS)
        elif position == end:
            status = PS.DROPPED if dropped else PS.DONE
            achieved = rng.choice(DROPPED if dropped else DONE)
        else:
            status = PS.DROPPED if dropped else PS.DONE
        progress.append(
            ActivityProgress(
                activity=activity,
                period=period,
                achieved=achieved,
                planned=planned,
                suggestions=suggestions,
                status=status,
            )
        )
    return progress
