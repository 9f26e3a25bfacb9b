"""Invented projects, for tests and benchmarks.

``generate_projects(network=…, projects=2000)`` adds 2,000 projects to a network,
spread over every stage. Each one got there through a history of stage changes that
``workflow.RULES`` allows (some went back for revision once or twice, abandoned ones
stopped at any open stage), dated in order over the last four years. Each has a lead
member of the network and sometimes other members, a work theme and perhaps
cross-cutting ones, titles and summaries in English and French; from the design
stage on, a budget and milestones; from "seeking funding" on, funding lines whose
sources are organisations the network has a relationship with (none when it has
none); once funded, progress notes. Everything is made up.

The output depends only on ``seed`` and on how many projects were already generated
for that network: codes carry a running index (``synthetic-prj-00042``) and a new
batch continues it and seeds its random generator with it, so reruns append others.
It also depends on the network's members and organisations, and dates follow today's.

Rows are written with ``bulk_create``. Projects in a currency other than the euro need
exchange rates: the seed's approximate demo rates are added when missing (never over
a rate the secretariat keeps).
"""

from __future__ import annotations

import datetime
import itertools
import random
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from reseau.funding.models import FundingOpportunity
from reseau.partners.models import Organisation
from reseau.projects.models import (
    ExchangeRate,
    FundingLine,
    Milestone,
    ProgressNote,
    Project,
    ProjectPartner,
    Stage,
    Transition,
)
from reseau.projects.seed import EXAMPLE_EXCHANGE_RATES
from reseau.projects.workflow import RULES
from reseau.registry.models import Member, Network, Theme
from reseau.registry.synthetic import ensure_themes

S = Stage
SUMMARY_NOTE_EN = "Invented project (synthetic data), made up for tests and benchmarks."
SUMMARY_NOTE_FR = "Projet inventé (données synthétiques), pour les tests et les mesures de performance."

# The way through the pipeline when nothing goes wrong.
PIPELINE: list[str] = [
    S.PROPOSED,
    S.UNDER_DISCUSSION,
    S.FEASIBILITY,
    S.DESIGN,
    S.SUBMITTED,
    S.VALIDATED,
    S.SEEKING_FUNDING,
    S.FUNDED,
    S.IN_IMPLEMENTATION,
    S.COMPLETED,
]
STAGE_WEIGHTS: list[tuple[str, int]] = [
    (S.PROPOSED, 11),
    (S.UNDER_DISCUSSION, 11),
    (S.FEASIBILITY, 8),
    (S.DESIGN, 9),
    (S.SUBMITTED, 7),
    (S.RETURNED, 4),
    (S.VALIDATED, 6),
    (S.SEEKING_FUNDING, 11),
    (S.FUNDED, 7),
    (S.IN_IMPLEMENTATION, 12),
    (S.COMPLETED, 7),
    (S.ABANDONED, 7),
]
# Where abandoned projects stopped: mostly early.
ABANDONED_FROM: list[tuple[str, int]] = [
    (S.PROPOSED, 25),
    (S.UNDER_DISCUSSION, 25),
    (S.FEASIBILITY, 15),
    (S.DESIGN, 10),
    (S.SUBMITTED, 5),
    (S.RETURNED, 8),
    (S.VALIDATED, 3),
    (S.SEEKING_FUNDING, 7),
    (S.FUNDED, 1),
    (S.IN_IMPLEMENTATION, 1),
]

# Theme code → (English title, French title) of invented projects.
TOPICS: dict[str, list[tuple[str, str]]] = {
    "urban-sanitation": [
        ("Faecal sludge treatment plant", "Station de traitement des boues de vidange"),
        ("Public toilets in markets and schools", "Toilettes publiques dans les marchés et les écoles"),
        ("Citywide inclusive sanitation plan", "Plan d'assainissement inclusif à l'échelle de la ville"),
        ("Rehabilitation of the drainage network", "Réhabilitation du réseau de drainage"),
        ("Desludging service for households", "Service de vidange pour les ménages"),
    ],
    "urban-governance-smart-cities": [
        ("Digital one-stop shop for residents", "Guichet unique numérique pour les habitants"),
        ("Urban data platform", "Plateforme de données urbaines"),
        ("Smart street lighting", "Éclairage public intelligent"),
        ("Digitisation of the land registry", "Numérisation du cadastre"),
        ("Participatory budgeting", "Budget participatif"),
    ],
    "smart-sustainable-tourism": [
        ("Heritage trail and visitor centre", "Circuit du patrimoine et centre d'accueil des visiteurs"),
        ("Sustainable tourism master plan", "Schéma directeur du tourisme durable"),
        ("Restoration of the riverside promenade", "Restauration de la promenade des berges"),
    ],
    "climate-change-resilience": [
        ("Flood early-warning system", "Système d'alerte précoce aux inondations"),
        ("Self-sufficient drinking water network", "Réseau d'eau potable autonome"),
        ("Urban tree planting", "Plantation d'arbres en ville"),
        ("Emergency preparedness plan", "Plan de préparation aux situations d'urgence"),
    ],
    "gender-equality": [
        ("Training for women elected officials", "Formation des élues locales"),
        ("Safe public spaces for women and girls", "Espaces publics sûrs pour les femmes et les filles"),
    ],
    "youth-universities": [
        ("Municipal internships for students", "Stages municipaux pour les étudiants"),
        ("Territorial studies with local universities", "Études territoriales avec les universités locales"),
    ],
    "french-language": [
        ("French classes for municipal staff", "Cours de français pour les agents municipaux"),
    ],
}
WORK_THEMES = ["urban-sanitation", "urban-governance-smart-cities", "smart-sustainable-tourism"]
CROSS_CUTTING = ["gender-equality", "climate-change-resilience", "youth-universities", "french-language"]
TOPIC_WEIGHTS = {
    "urban-sanitation": 30,
    "urban-governance-smart-cities": 25,
    "smart-sustainable-tourism": 12,
    "climate-change-resilience": 15,
    "gender-equality": 8,
    "youth-universities": 7,
    "french-language": 3,
}

COMMENTS: dict[str, list[str]] = {
    S.UNDER_DISCUSSION: ["Presented at the monthly meeting with the focal points.", "Taken up by the network."],
    S.FEASIBILITY: ["Needs confirmed with the city's technical departments.", "Site visit planned."],
    S.DESIGN: ["Feasibility confirmed; logframe being drafted.", "Partners identified."],
    S.SUBMITTED: ["Sent to the Permanent Secretariat with its logframe and budget.", "Revised version sent."],
    S.VALIDATED: ["Validated by the Bureau.", "Validated; to be presented to donors."],
    S.RETURNED: [
        "The budget does not match the activities: please revise.",
        "Indicators and baselines are missing from the logframe.",
        "Clarify the co-financing of the member.",
        "The partnership with the university must be confirmed in writing.",
    ],
    S.SEEKING_FUNDING: ["Two calls for proposals identified.", "Concept note shared with the EU delegation."],
    S.FUNDED: ["Funding agreement signed.", "Co-financing secured."],
    S.IN_IMPLEMENTATION: ["Inception workshop held.", "Project team in place."],
    S.COMPLETED: ["Final report delivered.", "Works handed over to the city."],
    S.ABANDONED: [
        "The member withdrew the proposal after the elections.",
        "No funding found after two calls for proposals.",
        "Merged into a larger national programme.",
        "The site is no longer available.",
        "Duplicate of another proposal.",
    ],
}
LABELS: dict[str, str] = {
    S.PROPOSED: "focal point (synthetic data)",
    S.VALIDATED: "Permanent Secretariat (synthetic data)",
    S.RETURNED: "Permanent Secretariat (synthetic data)",
}
STAFF_LABEL = "network coordinator (synthetic data)"

MILESTONES: list[tuple[str, str]] = [
    ("Inception workshop", "Atelier de lancement"),
    ("Feasibility study delivered", "Étude de faisabilité remise"),
    ("Funding agreement signed", "Convention de financement signée"),
    ("Tender for the works launched", "Appel d'offres des travaux lancé"),
    ("Training of municipal staff", "Formation des agents municipaux"),
    ("Study tour", "Voyage d'étude"),
    ("Mid-term review", "Revue à mi-parcours"),
    ("Works handed over", "Réception des travaux"),
    ("Final report", "Rapport final"),
]
ACHIEVEMENTS = [
    "Inception workshop held with the city's departments.",
    "Baseline survey completed in three districts.",
    "Procurement of equipment completed.",
    "Forty municipal staff trained.",
    "Works 60 % complete.",
]
DIFFICULTIES = [
    "Delays in the transfer of the co-financing.",
    "Heavy rains slowed the works.",
    "Staff turnover in the technical department.",
    "",
]
NEXT_STEPS = [
    "Steering committee next month.",
    "Launch the second phase of training.",
    "Prepare the mid-term narrative report.",
    "Hand over the works to the city.",
]
# Currency → (share of projects, typical budget range in that currency)
CURRENCIES: list[tuple[str, int, int, int]] = [
    ("EUR", 55, 20_000, 800_000),
    ("USD", 30, 20_000, 900_000),
    ("KHR", 5, 80_000_000, 3_000_000_000),
    ("LAK", 5, 400_000_000, 15_000_000_000),
    ("VND", 5, 500_000_000, 20_000_000_000),
]
SOURCE_KINDS = {
    Organisation.Kind.DONOR,
    Organisation.Kind.EU,
    Organisation.Kind.EMBASSY,
    Organisation.Kind.DECENTRALISED_COOPERATION,
    Organisation.Kind.UN_AGENCY,
}
TECHNICAL_KINDS = {
    Organisation.Kind.UNIVERSITY,
    Organisation.Kind.NATIONAL_AUTHORITY,
    Organisation.Kind.LG_ASSOCIATION,
    Organisation.Kind.PRIVATE_SECTOR,
}


def stage_path(rng: random.Random, final: str) -> list[str]:
    """The stages a project went through, from "proposed" to ``final``; every move is in RULES."""
    if final == S.ABANDONED:
        reached = rng.choices([s for s, _ in ABANDONED_FROM], [w for _, w in ABANDONED_FROM])[0]
        return [*stage_path(rng, reached), S.ABANDONED]
    if final == S.RETURNED:
        return [*stage_path(rng, S.SUBMITTED), S.RETURNED]
    path = PIPELINE[: PIPELINE.index(Stage(final)) + 1]
    if S.SUBMITTED in path:
        # Some went back for revision once or twice before the secretariat validated them.
        rounds = rng.choices([0, 1, 2], [72, 22, 6])[0]
        at = path.index(S.SUBMITTED) + 1
        for _ in range(rounds):
            detour = [S.RETURNED, S.DESIGN, S.SUBMITTED] if rng.random() < 0.6 else [S.RETURNED, S.SUBMITTED]
            path[at:at] = detour
            at += len(detour)
    for move in itertools.pairwise(path):
        if move not in RULES:  # pragma: no cover — a guard against an edit of RULES
            raise RuntimeError(f"workflow.RULES no longer allows {move[0]} → {move[1]}.")
    return path


def _next_index(prefix: str) -> int:
    """One past the highest running index among the codes that start with ``prefix``."""
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+)$")
    highest = -1
    for code in Project.objects.filter(code__startswith=prefix).values_list("code", flat=True):
        match = pattern.match(code)
        if match:
            highest = max(highest, int(match.group(1)))
    return highest + 1


def _ensure_rates(currencies: set[str]) -> None:
    """Add the seed's approximate demo rates for these currencies where no such rate exists."""
    ExchangeRate.objects.bulk_create(
        [
            ExchangeRate(currency=currency, valid_from=valid_from, euros_per_unit=euros)
            for currency, valid_from, euros in EXAMPLE_EXCHANGE_RATES
            if currency in currencies
        ],
        ignore_conflicts=True,
    )


def _money(rng: random.Random, low: int, high: int) -> Decimal:
    """A round amount between low and high (two significant digits)."""
    value = rng.randint(low, high)
    magnitude = 10 ** max(len(str(value)) - 2, 0)
    return Decimal(value // magnitude * magnitude)


@dataclass(frozen=True)
class _World:
    """What the network offers the invented projects: members, themes, organisations, calls, rates."""

    members: list[tuple[int, str, str]]  # (pk, English name, French name)
    themes: dict[str, Theme]
    sources: list[int]  # organisations that fund
    technical: list[int]  # organisations that lend a hand
    calls: dict[int, list[int]]  # donor → its calls
    first_rate: dict[str, datetime.date]  # currency → the day its first demo rate applies
    today: datetime.date

    @property
    def yesterday(self) -> datetime.date:
        return self.today - datetime.timedelta(days=1)


@dataclass(frozen=True)
class _Draft:
    """One invented project before it is written, with what is written after it."""

    project: Project
    history: list[tuple[str, datetime.date]]
    theme_codes: list[str]
    joined: list[int]


@dataclass
class _FollowUp:
    transitions: list[Transition] = field(default_factory=list)
    partners: list[ProjectPartner] = field(default_factory=list)
    lines: list[FundingLine] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    notes: list[ProgressNote] = field(default_factory=list)


@transaction.atomic
def generate_projects(*, network: Network, projects: int, seed: int = 0) -> None:
    """Add ``projects`` invented projects to ``network``, at every stage, with consistent histories.

    Deterministic for a seed and a number of projects already generated for the network.
    """
    if projects < 0:
        raise ValueError("projects must not be negative.")
    if projects == 0:
        return
    world = _world(network)
    prefix = f"{network.code}-prj-"
    start = _next_index(prefix)
    rng = random.Random(f"projects:{seed}:{start}")  # noqa: S311 — test data, not secrets
    drafts = [_draft(rng, world, network, f"{prefix}{index:05d}") for index in range(start, start + projects)]
    rows = [draft.project for draft in drafts]
    Project.objects.bulk_create(rows)

    ThemeLink = Project.themes.through
    ThemeLink.objects.bulk_create(
        ThemeLink(project_id=draft.project.pk, theme_id=world.themes[code].pk)
        for draft in drafts
        for code in draft.theme_codes
    )
    MemberLink = Project.members.through
    MemberLink.objects.bulk_create(
        MemberLink(project_id=draft.project.pk, member_id=member_pk) for draft in drafts for member_pk in draft.joined
    )

    follow_up = _FollowUp()
    for draft in drafts:
        _add_follow_up(rng, world, draft, follow_up)
    Transition.objects.bulk_create(follow_up.transitions)
    ProjectPartner.objects.bulk_create(_distinct(follow_up.partners))
    FundingLine.objects.bulk_create(follow_up.lines)
    Milestone.objects.bulk_create(follow_up.milestones)
    ProgressNote.objects.bulk_create(follow_up.notes)
    _ensure_rates({p.currency for p in rows} - {"EUR"})


def _world(network: Network) -> _World:
    members: list[tuple[int, str, str]] = list(
        Member.objects.filter(network=network).order_by("pk").values_list("pk", "name_en", "name_fr")
    )
    if not members:
        raise ValueError("The network has no members to lead projects.")
    organisations = list(
        Organisation.objects.filter(relationships__network=network).order_by("pk").only("pk", "kind").distinct()
    )
    calls: dict[int, list[int]] = {}
    for call_pk, donor_pk in (
        FundingOpportunity.objects.filter(network=network).order_by("pk").values_list("pk", "donor_id")
    ):
        calls.setdefault(donor_pk, []).append(call_pk)
    first_rate: dict[str, datetime.date] = {}
    for currency, valid_from, _ in EXAMPLE_EXCHANGE_RATES:
        first_rate[currency] = min(valid_from, first_rate.get(currency, valid_from))
    return _World(
        members=members,
        themes=ensure_themes(),
        sources=[o.pk for o in organisations if o.kind in SOURCE_KINDS] or [o.pk for o in organisations],
        technical=[o.pk for o in organisations if o.kind in TECHNICAL_KINDS],
        calls=calls,
        first_rate=first_rate,
        today=timezone.localdate(),
    )


def _theme_codes(rng: random.Random, topic: str) -> list[str]:
    """The project's topic, a work theme first when the topic is cross-cutting, and perhaps others."""
    codes = [topic]
    if topic in CROSS_CUTTING:
        codes.insert(0, rng.choice(WORK_THEMES))
    for extra in rng.sample(CROSS_CUTTING, rng.choices([0, 1, 2], [55, 35, 10])[0]):
        if extra not in codes:
            codes.append(extra)
    return codes


def _history(rng: random.Random, world: _World, path: list[str]) -> list[tuple[str, datetime.date]]:
    """Each stage of ``path`` with the day it was reached, in order, none later than yesterday."""
    on = world.today - datetime.timedelta(days=rng.randint(30, 4 * 365))
    dated: list[tuple[str, datetime.date]] = []
    for stage in path:
        dated.append((stage, min(on, world.yesterday)))
        on += datetime.timedelta(days=rng.randint(7, 150))
    return dated


def _draft(rng: random.Random, world: _World, network: Network, code: str) -> _Draft:
    lead_pk, lead_en, lead_fr = rng.choice(world.members)
    topic = rng.choices(list(TOPIC_WEIGHTS), list(TOPIC_WEIGHTS.values()))[0]
    title_en, title_fr = rng.choice(TOPICS[topic])
    codes = _theme_codes(rng, topic)
    others = [pk for pk, _, _ in rng.sample(world.members, min(len(world.members), 4)) if pk != lead_pk]
    joined = others[: rng.choices([0, 1, 2, 3], [50, 25, 15, 10])[0]]

    final = rng.choices([stage for stage, _ in STAGE_WEIGHTS], [weight for _, weight in STAGE_WEIGHTS])[0]
    path = stage_path(rng, final)
    dated = _history(rng, world, path)
    reached = set(path)

    project = Project(
        network=network,
        code=code,
        title_en=f"{title_en} — {lead_en}",
        title_fr=f"{title_fr} — {lead_fr}",
        summary_en=f"{title_en}, led by {lead_en}{_with_others_en(len(joined))}. {SUMMARY_NOTE_EN}",
        summary_fr=f"{title_fr}, porté par {lead_fr}{_with_others_fr(len(joined))}. {SUMMARY_NOTE_FR}",
        lead_member_id=lead_pk,
        proposed_by_id=rng.choice(others) if others and rng.random() < 0.1 else None,
        stage=path[-1],
        stage_since=dated[-1][1],
        shared_with_partners=rng.random() < 0.25,
    )
    if S.DESIGN in reached:
        currency = rng.choices([c for c, *_ in CURRENCIES], [w for _, w, _, _ in CURRENCIES])[0]
        project.currency = currency
        project.total_budget = _money(rng, *{c: (low, high) for c, _, low, high in CURRENCIES}[currency])
    if S.VALIDATED in reached:
        validated_on = next(d for s, d in dated if s == S.VALIDATED)
        begins = validated_on + datetime.timedelta(days=rng.randint(60, 300))
        project.start_date = begins
        project.end_date = begins + datetime.timedelta(days=rng.choice([365, 540, 730, 1095]))
    return _Draft(project=project, history=dated, theme_codes=codes, joined=joined)


def _add_follow_up(rng: random.Random, world: _World, draft: _Draft, follow_up: _FollowUp) -> None:
    """The project's stage changes, then its funding, partners, milestones and notes (in this order)."""
    project = draft.project
    follow_up.transitions += _transitions(rng, project, draft.history)
    when = dict(draft.history)  # the last time each stage was reached

    # Funding, from "seeking funding" on, when the network has organisations to ask.
    if S.SEEKING_FUNDING in when and world.sources and project.total_budget is not None:
        _add_funding(rng, world, project, when, follow_up)
    if world.technical and S.DESIGN in when and rng.random() < 0.3:
        role = rng.choice([ProjectPartner.Role.TECHNICAL, ProjectPartner.Role.UNIVERSITY])
        follow_up.partners.append(
            ProjectPartner(project=project, organisation_id=rng.choice(world.technical), role=role)
        )
    if S.DESIGN in when:
        follow_up.milestones += _milestones(rng, world, project, when)
    # Progress notes once funded.
    if S.FUNDED in when:
        follow_up.notes += _notes(rng, world, project, when)


def _transitions(rng: random.Random, project: Project, dated: list[tuple[str, datetime.date]]) -> list[Transition]:
    transitions = []
    previous_stage, previous_at = "", None
    for stage, on in dated:
        at = datetime.datetime.combine(on, datetime.time(8), tzinfo=datetime.UTC) + datetime.timedelta(
            minutes=rng.randint(0, 540)
        )
        if previous_at is not None and at <= previous_at:
            at = previous_at + datetime.timedelta(minutes=1)
        needs_reason = stage in (S.RETURNED, S.ABANDONED)
        comment = rng.choice(COMMENTS[stage]) if needs_reason or (stage in COMMENTS and rng.random() < 0.5) else ""
        transitions.append(
            Transition(
                project=project,
                from_stage=previous_stage,
                to_stage=stage,
                at=at,
                by_label=LABELS.get(stage, STAFF_LABEL),
                comment=comment,
            )
        )
        previous_stage, previous_at = stage, at
    return transitions


def _line_status(rng: random.Random, *, funded: bool, first: bool) -> str:
    """A funded project's first source secured its share; the others secured or refused."""
    if funded and first:
        return FundingLine.Status.SECURED
    if funded:
        return rng.choice([FundingLine.Status.SECURED, FundingLine.Status.REFUSED])
    return rng.choices(
        [FundingLine.Status.PLANNED, FundingLine.Status.REQUESTED, FundingLine.Status.REFUSED],
        [35, 50, 15],
    )[0]


def _add_funding(
    rng: random.Random, world: _World, project: Project, when: dict[str, datetime.date], follow_up: _FollowUp
) -> None:
    """Funding lines sharing the budget among one to three sources; a source that secured its share is a donor."""
    assert project.total_budget is not None  # checked by the caller
    funded = S.FUNDED in when
    chosen = rng.sample(world.sources, min(len(world.sources), rng.randint(1, 3)))
    remaining = project.total_budget
    for position, source in enumerate(chosen):
        share = remaining if position == len(chosen) - 1 else _share(rng, remaining)
        remaining -= share
        status = _line_status(rng, funded=funded, first=position == 0)
        secured = share if status == FundingLine.Status.SECURED else Decimal(0)
        as_of = min(when[S.SEEKING_FUNDING] + datetime.timedelta(days=rng.randint(0, 120)), world.yesterday)
        if project.currency != "EUR":
            as_of = min(max(as_of, world.first_rate[project.currency]), world.yesterday)
        source_calls = world.calls.get(source, [])
        follow_up.lines.append(
            FundingLine(
                project=project,
                source_id=source,
                opportunity_id=rng.choice(source_calls) if source_calls and rng.random() < 0.5 else None,
                amount_requested=share,
                amount_secured=secured,
                currency=project.currency,
                status=status,
                as_of=as_of,
            )
        )
        if status == FundingLine.Status.SECURED:
            follow_up.partners.append(
                ProjectPartner(project=project, organisation_id=source, role=ProjectPartner.Role.DONOR)
            )


def _milestone_progress(
    rng: random.Random, world: _World, final: str, due: datetime.date
) -> tuple[str, datetime.date | None]:
    """Done ones in the past, some late; all cancelled once the project is abandoned."""
    progress = Milestone.Status.PLANNED
    if final == S.COMPLETED:
        progress = Milestone.Status.CANCELLED if rng.random() < 0.1 else Milestone.Status.DONE
    elif final == S.ABANDONED:
        progress = Milestone.Status.CANCELLED
    elif due < world.today and final == S.IN_IMPLEMENTATION and rng.random() < 0.75:
        progress = Milestone.Status.DONE
    if progress == Milestone.Status.DONE:
        return progress, min(due + datetime.timedelta(days=rng.randint(-20, 30)), world.yesterday)
    return progress, None


def _milestones(rng: random.Random, world: _World, project: Project, when: dict[str, datetime.date]) -> list[Milestone]:
    """Milestones from the design stage on."""
    begin = project.start_date or when[S.DESIGN] + datetime.timedelta(days=90)
    milestones = []
    for step, (milestone_en, milestone_fr) in enumerate(rng.sample(MILESTONES, rng.randint(2, 5)), start=1):
        due = begin + datetime.timedelta(days=step * rng.randint(45, 150))
        progress, done_on = _milestone_progress(rng, world, project.stage, due)
        milestones.append(
            Milestone(
                project=project,
                title_en=milestone_en,
                title_fr=milestone_fr,
                due_date=due,
                status=progress,
                done_on=done_on,
            )
        )
    return milestones


def _notes(rng: random.Random, world: _World, project: Project, when: dict[str, datetime.date]) -> list[ProgressNote]:
    first = when[S.FUNDED]
    last = when.get(S.COMPLETED) or when.get(S.ABANDONED) or world.yesterday
    return [
        ProgressNote(
            project=project,
            date=first + datetime.timedelta(days=rng.randint(0, max((last - first).days, 0))),
            achievements=rng.choice(ACHIEVEMENTS),
            difficulties=rng.choice(DIFFICULTIES),
            next_steps=rng.choice(NEXT_STEPS) if project.stage != S.COMPLETED else "",
        )
        for _ in range(rng.randint(1, 4))
    ]


def _share(rng: random.Random, remaining: Decimal) -> Decimal:
    """Part of what is left to fund: 30 to 70 %, rounded to the hundred."""
    return (remaining * rng.randint(30, 70) / 10_000).quantize(Decimal(1)) * 100


def _with_others_en(count: int) -> str:
    return f" with {count} other member{'s' if count > 1 else ''}" if count else ""


def _with_others_fr(count: int) -> str:
    plural = "s" if count > 1 else ""
    return f" avec {count} autre{plural} membre{plural}" if count else ""


def _distinct(partners: list[ProjectPartner]) -> list[ProjectPartner]:
    """One row per (project, organisation, role), as the unique constraint wants."""
    seen: set[tuple[int, int, str]] = set()
    kept = []
    for partner in partners:
        key = (partner.project.pk, partner.organisation_id, partner.role)
        if key not in seen:
            seen.add(key)
            kept.append(partner)
    return kept
