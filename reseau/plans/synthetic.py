"""An invented action plan, logframe and decisions register, for tests and benchmarks.

``generate_plans(network=…, activities=500, periods=12)`` adds to a network one
thematic action plan with 3 to 5 axes and 500 numbered activities (themes, members,
planned dates), the last 12 quarters as reporting periods (reused when the network
already has them), one progress row per activity and quarter (not started, then
ongoing, then done or dropped, as work goes), a logframe (an impact, an outcome per
axis, two outputs per outcome) whose indicators include one of each computation and
others with a value per quarter — the older ones approved, the recent ones drafts — and
a decisions register: about one decision or action item per four activities, linked to
activities, some done, some overdue. Everything is made up.

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
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from reseau.plans.models import (
    Activity,
    ActivityProgress,
    Axis,
    Computation,
    Decision,
    DecisionNote,
    Indicator,
    IndicatorValue,
    Plan,
    ReportingPeriod,
    Result,
)
from reseau.registry.models import Member, Network, Person, Theme
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

# English, French; {member}: a member's name. The flag: a decision (rather than an action item).
DECISIONS: list[tuple[str, str, bool]] = [
    (
        "Share the minutes of the meeting with every focal point.",
        "Partager le compte rendu avec chaque point focal.",
        False,
    ),
    ("{member} confirms its focal point.", "{member_fr} confirme son point focal.", False),
    (
        "Send the draft action plan to the members for comments.",
        "Envoyer le projet de plan d'action aux membres pour avis.",
        False,
    ),
    (
        "Prepare the terms of reference of the study on {theme}.",
        "Préparer les termes de référence de l'étude : {theme_fr}.",
        False,
    ),
    (
        "Contact the EU delegation about the call for proposals.",
        "Contacter la délégation de l'Union européenne au sujet de l'appel à propositions.",
        False,
    ),
    (
        "{member} offers to host the next annual meeting.",
        "{member_fr} propose d'accueillir la prochaine réunion annuelle.",
        True,
    ),
    ("The thematic action plan ({theme}) is validated.", "Le plan d'action thématique ({theme_fr}) est validé.", True),
    ("Set up a working group: {theme}.", "Mettre en place un groupe de travail : {theme_fr}.", False),
    (
        "Collect the members' case studies before the conference.",
        "Recueillir les études de cas des membres avant la conférence.",
        False,
    ),
    (
        "Update the shared calendar with the events of the quarter.",
        "Mettre à jour le calendrier partagé avec les événements du trimestre.",
        False,
    ),
    ("The members adopt the annual work programme.", "Les membres adoptent le programme de travail annuel.", True),
]
MEETINGS = ["Annual meeting", "Monthly meeting with the focal points", "Working group meeting", "Steering committee"]
FOLLOW_UPS = [
    "Reminder sent to the members concerned.",
    "Discussed at the monthly meeting; next step agreed.",
    "Waiting for the member's answer.",
    "Done; documents archived on the AIMF platform.",
]

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

PS = ActivityProgress.Status
DS = Decision.Status


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


def _at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(10), tzinfo=datetime.UTC)


@transaction.atomic
def generate_plans(*, network: Network, activities: int, periods: int = 12, seed: int = 0) -> Plan | None:
    """Add an invented plan of ``activities`` activities reported on over the last ``periods``
    quarters, a logframe and a decisions register to ``network``; returns the plan (None when
    ``activities`` is 0). Deterministic for a seed and a number of plans already generated."""
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
    themes = ensure_themes()
    # (pk, English name, French name) of the seven themes.
    names = {
        pk: (name_en, name_fr)
        for pk, name_en, name_fr in Theme.objects.filter(code__in=WORK_THEMES + CROSS_CUTTING).values_list(
            "pk", "name_en", "name_fr"
        )
    }
    theme_pool = [(themes[code].pk, *names[themes[code].pk]) for code in WORK_THEMES + CROSS_CUTTING]
    members: list[tuple[int, str, str]] = list(
        Member.objects.filter(network=network).order_by("pk").values_list("pk", "name_en", "name_fr")
    )
    people: list[int] = list(Person.objects.filter(member__network=network).order_by("pk").values_list("pk", flat=True))
    reporting = _periods(network, quarters(today, periods))
    yesterday = today - datetime.timedelta(days=1)

    # The plan and its axes.
    theme_pk, theme_en, theme_fr = theme_pool[rng.randrange(len(WORK_THEMES))]
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
    quarter_count = len(reporting)
    for axis, low, high in zip(axes, bounds, bounds[1:], strict=False):
        for offset in range(low, high):
            chosen = [rng.choice(theme_pool)]
            if rng.random() < 0.3:
                extra = rng.choice(theme_pool)
                if extra != chosen[0]:
                    chosen.append(extra)
            host = rng.choice(members) if members else None
            template_en, template_fr = rng.choice(
                ACTIVITIES if host else [t for t in ACTIVITIES if "{member" not in t[0]]
            )
            words = {
                "theme": chosen[0][1],
                "theme_fr": chosen[0][2],
                "member": host[1] if host else "",
                "member_fr": host[2] if host else "",
            }
            begin = rng.randrange(quarter_count)
            length = rng.randint(1, 4)
            rows.append(
                Activity(
                    plan=plan,
                    axis=axis,
                    number=offset + 1,
                    title_en=template_en.format(**words),
                    title_fr=template_fr.format(**words),
                    description_en=NOTE,
                    description_fr="Inventé (données synthétiques), pour les tests et les mesures de performance.",
                    responsible=rng.choice(RESPONSIBLE),
                    planned_start=reporting[begin].starts_on,
                    planned_end=reporting[min(begin + length, quarter_count) - 1].ends_on,
                )
            )
            begins.append(begin)
            theme_links.append([pk for pk, _, _ in chosen])
            joined = {host[0]} if host else set()
            if members and rng.random() < 0.3:
                joined |= {pk for pk, _, _ in rng.sample(members, min(len(members), 2))}
            member_links.append(sorted(joined))
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
        # Work starts in the planned quarter, or one early or late.
        start = max(0, min(quarter_count - 1, begin + rng.choice([-1, 0, 0, 0, 1])))
        end = start + rng.randint(0, 4)  # the quarter it ends in; beyond the last one: still going
        dropped = rng.random() < 0.05
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
    ActivityProgress.objects.bulk_create(progress)

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
        assert indicator.baseline_value is not None and indicator.target_value is not None
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

    # The decisions register: about one per four activities, some overdue.
    decisions: list[Decision] = []
    links: list[list[int]] = []
    for _ in range(max(3, activities // 4)):
        title_en, title_fr, is_decision = rng.choice(DECISIONS)
        host = rng.choice(members) if members else None
        if host is None and "{member" in title_en:
            title_en, title_fr, is_decision = DECISIONS[0]
        subject = rng.choice(theme_pool)
        words = {
            "theme": subject[1].lower(),
            "theme_fr": subject[2].lower(),
            "member": host[1] if host else "",
            "member_fr": host[2] if host else "",
        }
        met = min(
            first.starts_on + datetime.timedelta(days=rng.randint(0, (last.ends_on - first.starts_on).days)),
            yesterday,
        )
        decided = rng.choices([DS.OPEN, DS.IN_PROGRESS, DS.DONE, DS.CANCELLED], [40, 25, 30, 5])[0]
        if is_decision:
            decided = rng.choice([DS.DONE, DS.DONE, DS.IN_PROGRESS])
        due = None if is_decision or rng.random() < 0.15 else met + datetime.timedelta(days=rng.randint(14, 180))
        decisions.append(
            Decision(
                network=network,
                kind=Decision.Kind.DECISION if is_decision else Decision.Kind.ACTION,
                title_en=title_en.format(**words),
                title_fr=title_fr.format(**words),
                meeting=f"{rng.choice(MEETINGS)}, {met:%Y-%m}",
                meeting_date=met,
                owner_member_id=host[0] if host and rng.random() < 0.6 else None,
                owner_person_id=rng.choice(people) if people and rng.random() < 0.3 else None,
                due_date=due,
                status=decided,
            )
        )
        links.append(sorted({activity.pk for activity in rng.sample(rows, min(len(rows), rng.randint(1, 3)))}))
    Decision.objects.bulk_create(decisions)
    DecisionLink = Decision.activities.through
    DecisionLink.objects.bulk_create(
        DecisionLink(decision_id=decision.pk, activity_id=activity_pk)
        for decision, pks in zip(decisions, links, strict=True)
        for activity_pk in pks
    )
    notes = [
        DecisionNote(
            decision=decision,
            date=min(decision.meeting_date + datetime.timedelta(days=rng.randint(7, 90)), today),
            text=rng.choice(FOLLOW_UPS),
        )
        for decision in decisions
        if decision.status != DS.OPEN and decision.meeting_date is not None
        for _ in range(rng.randint(1, 2))
    ]
    DecisionNote.objects.bulk_create(notes)
    return plan
