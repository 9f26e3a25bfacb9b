"""The RVASE projects the 2023 annual meeting deck names, and a few exchange rates.

Loaded with the RVASE seed (``manage.py seed_rvase``), after ``load_rvase`` and
``load_partners``: it needs the network "rvase", its members, the themes and the
deck's organisations. Every project is keyed on its code, so that running it twice
changes nothing.

Each project starts at the stage the deck implies, through stage changes written
directly (not through ``project_transition``, which checks who acts): they are by
nobody, labelled as coming from the seed, quote the deck, and carry the deck's
dates where it gives them. Where it gives none, the change is dated on the annual
meeting (18 May 2023), or on the April 2022 validation for the steps before it, and
the comment says so. What the deck leaves open (which cities, which lead, which
partners) is said in the summary, never guessed into a field — except the lead
member, which every project needs: where the deck names none, the summary says
which member stands in and why.

A project that already exists keeps its stage and its history: once the network
has moved it on in the application, running the seed again does not move it back.
Its titles, summary, themes, members and partners are brought up to date.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from reseau.partners.models import Organisation
from reseau.projects.models import ExchangeRate, Project, ProjectPartner, Stage, Transition
from reseau.registry.models import Member, Network, Theme

NETWORK_CODE = "rvase"
ANNUAL_MEETING = datetime.date(2023, 5, 18)
# "validated at the April 2022 office": the deck gives the month, not the day.
APRIL_2022_OFFICE = datetime.date(2022, 4, 1)
SEED_LABEL = "seed (2023 annual meeting deck)"

# The deck's own words, quoted in the comments of the stage changes.
ACTIVITY_13 = (
    "2023 action plan, activity 13 (achieved): “Setting up and validation of two concrete projects for "
    "Luang Prabang and Phnom Penh. Two multi-city projects are being developed (CALU and women in the civil "
    "service).”"
)
ACTIVITY_13_SHORT = (
    "Activity 13: “Accompanying the cities in the identification and design of projects; Accompanying the "
    "stages of validation of the project with the headquarters.”"
)
ACTIVITY_14_ACHIEVED = "Activity 14 (achieved): “Evaluation of the feasibility of projects and search for funding.”"
ACTIVITY_14_PLANNED = (
    "Activity 14 (planned): “Upcoming launch of the two concrete projects validated at the April 2022 office.”"
)
BEFORE_VALIDATION = (
    "Before April 2022: the deck dates neither the proposal nor the steps before the validation; "
    "recorded on the validation date."
)
UNDATED = "The deck gives no date: recorded on the annual meeting (18 May 2023)."
VALIDATED = (
    f"Validated at the April 2022 office. {ACTIVITY_14_PLANNED} {ACTIVITY_13} "
    "The deck says “April 2022”: the day is not known (recorded on 1 April)."
)
SEEKING_FUNDING = f"{ACTIVITY_14_ACHIEVED} {ACTIVITY_14_PLANNED} {UNDATED}"
FSM_UNDERWAY = (
    "Work themes, urban sanitation: “{quote}”. Road map (2/3), item 4, FSM theme: “… the case studies of the "
    "FSM projects underway among AIMF member cities and provinces.” Entered at this stage as the deck reports "
    "it; the deck gives neither its dates nor the steps before, and it is not one of the two concrete projects "
    f"validated at the April 2022 office (activity 13). {UNDATED}"
)
FSM_SUMMARY_EN = (
    "Faecal sludge management project of {where}, one of the four FSM projects the deck lists under the urban "
    "sanitation theme. The road map speaks of “the FSM projects underway among AIMF member cities and "
    "provinces”, whose case studies feed the network's FSM work (thematic conference, March to May 2023): it is "
    "therefore recorded as in implementation. The deck names neither its funder, its partners nor its dates."
)
FSM_SUMMARY_FR = (
    "Projet de gestion des boues de vidange (GBV) de {where}, l'un des quatre projets GBV que la présentation "
    "range sous le thème de l'assainissement urbain. La feuille de route parle des « projets GBV en cours chez "
    "les villes et provinces membres de l'AIMF », dont les études de cas nourrissent le travail du réseau sur la "
    "GBV (conférence thématique, mars à mai 2023) : il est donc enregistré « en cours de mise en œuvre ». La "
    "présentation ne nomme ni son bailleur, ni ses partenaires, ni ses dates."
)


@dataclass(frozen=True)
class Step:
    to: str
    on: datetime.date
    comment: str


@dataclass(frozen=True)
class SeedProject:
    code: str
    lead: str  # registry member slug
    title_en: str
    title_fr: str
    summary_en: str
    summary_fr: str
    themes: tuple[str, ...]
    steps: tuple[Step, ...]  # from the first stage on; each one moves from the previous
    members: tuple[str, ...] = ()  # participating members, besides the lead
    partners: tuple[tuple[str, str], ...] = ()  # (organisation English name, ProjectPartner.Role)
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None


def _validated_path(*, proposal: str, validation: str) -> tuple[Step, ...]:
    """The way to "seeking funding" of the two projects validated at the April 2022 office."""
    return (
        Step(Stage.PROPOSED, APRIL_2022_OFFICE, f"{proposal} {BEFORE_VALIDATION}"),
        Step(Stage.UNDER_DISCUSSION, APRIL_2022_OFFICE, f"{ACTIVITY_13_SHORT} {BEFORE_VALIDATION}"),
        Step(Stage.FEASIBILITY, APRIL_2022_OFFICE, f"{ACTIVITY_13_SHORT} {BEFORE_VALIDATION}"),
        Step(Stage.DESIGN, APRIL_2022_OFFICE, f"{ACTIVITY_13_SHORT} {BEFORE_VALIDATION}"),
        Step(Stage.SUBMITTED, APRIL_2022_OFFICE, f"{ACTIVITY_13_SHORT} {BEFORE_VALIDATION}"),
        Step(Stage.VALIDATED, APRIL_2022_OFFICE, f"{VALIDATED} {validation}".strip()),
        Step(Stage.SEEKING_FUNDING, ANNUAL_MEETING, SEEKING_FUNDING),
    )


def _under_discussion(quote: str, extra: str = "") -> tuple[Step, ...]:
    return (
        Step(Stage.PROPOSED, ANNUAL_MEETING, f"{quote} {UNDATED}"),
        Step(Stage.UNDER_DISCUSSION, ANNUAL_MEETING, " ".join(part for part in (quote, extra, UNDATED) if part)),
    )


def _fsm(slug: str, where_en: str, where_fr: str, quote: str) -> SeedProject:
    return SeedProject(
        code=f"rvase-fsm-{slug}",
        lead=slug,
        title_en=f"Faecal sludge management (FSM) project — {where_en}",
        title_fr=f"Projet de gestion des boues de vidange (GBV) — {where_fr}",
        summary_en=FSM_SUMMARY_EN.format(where=where_en),
        summary_fr=FSM_SUMMARY_FR.format(where=where_fr),
        themes=("urban-sanitation",),
        steps=(Step(Stage.IN_IMPLEMENTATION, ANNUAL_MEETING, FSM_UNDERWAY.format(quote=quote)),),
    )


PROJECTS: list[SeedProject] = [
    SeedProject(
        code="rvase-smart-city-hub-phnom-penh",
        lead="phnom-penh",
        title_en="Phnom Penh Smart City Hub",
        title_fr="Smart City Hub de Phnom Penh",
        summary_en=(
            "A smart city hub for Phnom Penh over 2023–2025, the project of the urban governance and smart cities "
            "theme. The deck says two concrete projects, for Luang Prabang and Phnom Penh, were validated at the "
            "April 2022 office and are being assessed for feasibility and funding before their upcoming launch; it "
            "does not say which Phnom Penh project. This one is the likeliest: its 2023–2025 dates fit a launch "
            "still to come, while the Phnom Penh FSM project is already underway and EMR2 is multi-city."
        ),
        summary_fr=(
            "Un pôle « ville intelligente » pour Phnom Penh sur 2023–2025, le projet du thème gouvernance urbaine et "
            "villes intelligentes. La présentation indique que deux projets concrets, pour Luang Prabang et Phnom "
            "Penh, ont été validés par le Bureau d'avril 2022 et font l'objet d'une évaluation de faisabilité et "
            "d'une recherche de financement avant leur lancement prochain ; elle ne dit pas quel projet de Phnom "
            "Penh. Celui-ci est le plus probable : ses dates 2023–2025 vont avec un lancement à venir, alors que le "
            "projet GBV de Phnom Penh est déjà en cours et qu'EMR2 est multi-villes."
        ),
        themes=("urban-governance-smart-cities",),
        start_date=datetime.date(2023, 1, 1),
        end_date=datetime.date(2025, 12, 31),
        steps=_validated_path(
            proposal="Work themes, urban governance and smart cities: “Phnom Penh Smart City Hub (2023/2025)”.",
            validation=(
                "The deck does not name the Phnom Penh project validated in April 2022: the Smart City Hub is the "
                "likeliest (the Phnom Penh FSM project is “underway” per the road map, EMR2 is multi-city)."
            ),
        ),
    ),
    _fsm("phnom-penh", "Phnom Penh", "Phnom Penh", "Phnom Penh FSM project"),
    _fsm("siem-reap", "Siem Reap", "Siem Reap", "Siem Reap FSM project"),
    _fsm("vientiane", "Vientiane", "Vientiane", "Vientiane FSM project"),
    _fsm("hue", "Huế", "Huế", "Hué FSM project"),
    SeedProject(
        code="rvase-water-kokvan-luang-prabang",
        lead="luang-prabang",
        title_en="Access to drinking water: a self-sufficient drinking water network around the village of Kokvan",
        title_fr="Accès à l'eau potable : un réseau d'eau potable autonome autour du village de Kokvan",
        summary_en=(
            "Construction of a self-sufficient drinking water network around the village of Kokvan, Luang Prabang "
            "(climate change and resilience theme). It is the Luang Prabang concrete project the deck says was "
            "validated at the April 2022 office — the only Luang Prabang project it lists — and whose feasibility "
            "and funding are being worked on before its upcoming launch. The deck gives no budget, partner or dates."
        ),
        summary_fr=(
            "Construction d'un réseau d'eau potable autonome autour du village de Kokvan, Luang Prabang (thème "
            "changement climatique et résilience). C'est le projet concret de Luang Prabang que la présentation dit "
            "validé par le Bureau d'avril 2022 — le seul projet de Luang Prabang qu'elle cite — et dont la "
            "faisabilité et le financement sont à l'étude avant son lancement prochain. La présentation ne donne ni "
            "budget, ni partenaire, ni dates."
        ),
        themes=("climate-change-resilience",),
        steps=_validated_path(
            proposal=(
                "Work themes, climate change and resilience: “Access to drinking water: construction of a "
                "self-sufficient drinking water network around the village of Kokvan, Luang Prabang.”"
            ),
            validation="Kokvan is the only Luang Prabang project the deck lists.",
        ),
    ),
    SeedProject(
        code="rvase-emr2-emergency-preparedness",
        lead="phnom-penh",
        title_en="EMR2: Emergency preparedness",
        title_fr="EMR2 : préparation aux situations d'urgence",
        summary_en=(
            "Emergency preparedness in Cambodia with Phnom Penh, two additional Cambodian cities selected by the "
            "National Committee for Disaster Management (NCDM), and ASAC, which will spread good practice to all "
            "Cambodian local authorities. The two additional cities are not yet known: the deck does not name "
            "them. The deck shows the project being set up (ASAC “will be participating in the implementation”) "
            "and gives no validation, funding or dates: it is recorded at the design stage."
        ),
        summary_fr=(
            "Préparation aux situations d'urgence au Cambodge avec Phnom Penh, deux autres villes cambodgiennes "
            "choisies par le Comité national de gestion des catastrophes (NCDM) et l'ASAC, qui diffusera les bonnes "
            "pratiques auprès de toutes les collectivités cambodgiennes. Les deux autres villes ne sont pas encore "
            "connues : la présentation ne les nomme pas. Elle montre un projet en préparation (l'ASAC « participera "
            "à la mise en œuvre ») et ne donne ni validation, ni financement, ni dates : il est enregistré à l'étape "
            "de conception."
        ),
        themes=("climate-change-resilience",),
        members=("asac",),
        partners=(("National Committee for Disaster Management", ProjectPartner.Role.TECHNICAL),),
        steps=(
            Step(
                Stage.DESIGN,
                ANNUAL_MEETING,
                "Work themes, climate change and resilience: “EMR2: Emergency preparedness: Phnom Penh, two "
                "additional Cambodian cities (selected by NCDM), and ASAC.” Network functioning (1/2): “ASAC, in "
                "Cambodia, is already active and will be participating in the implementation of a project on "
                "emergency preparedness in Cambodia, contributing to the dissemination of best practices to all "
                "Cambodian local authorities.” Entered at the design stage: being set up, implementation still to "
                "come; the deck gives neither the steps before nor a validation (it is not one of the two "
                f"projects of activity 13). {UNDATED}",
            ),
        ),
    ),
    SeedProject(
        code="rvase-calu",
        lead="phnom-penh",
        title_en="CALU — Cooperation between Local Authorities and Universities",
        title_fr="CALU — Coopération entre autorités locales et universités",
        summary_en=(
            "A multi-city and multi-actor project of the youth and universities theme, to allow small territorialized "
            "studies to be carried out; financing is still to be identified and secured. The deck names neither the "
            "cities nor the lead member: Phnom Penh, host of the regional office, stands in as lead until the "
            "network names one. The university actors the network is in contact with in Cambodia (URBA and URPP) "
            "are possible partners, but the deck does not tie them to CALU, so none is recorded."
        ),
        summary_fr=(
            "Projet multi-villes et multi-acteurs du thème jeunesse et universités, pour permettre la réalisation "
            "de petites études territorialisées ; son financement reste à identifier et à sécuriser. La "
            "présentation ne nomme ni les villes ni le membre chef de file : Phnom Penh, siège du bureau régional, "
            "en tient lieu jusqu'à ce que le réseau en désigne un. Les acteurs universitaires avec lesquels le "
            "réseau est en contact au Cambodge (URBA et URPP) sont des partenaires possibles, mais la présentation "
            "ne les rattache pas à CALU : aucun n'est enregistré."
        ),
        themes=("youth-universities",),
        steps=_under_discussion(
            "Work themes, youth and universities: “CALU project (Cooperation between Local Authorities and "
            "Universities): Multi-city and multi-actor, under discussion.”",
            "Activity 11 (achieved): “Development of the CALU project in order to allow the realization of small "
            "territorialized studies within the framework of the project”; planned: “Identify and secure the "
            "necessary financing for the project”.",
        ),
    ),
    SeedProject(
        code="rvase-women-local-government-can-tho",
        lead="can-tho",
        title_en="Capacity building for women in local government",
        title_fr="Renforcement des capacités des femmes dans les collectivités locales",
        summary_en=(
            "Proposed by the City of Cần Thơ and under discussion (gender equality theme). Activity 13 counts it "
            "among the two multi-city projects being developed (“women in the civil service”) and activity 8 plans "
            "the “finalization of the training project for women in the public service & implementation”. The deck "
            "does not name the other cities; Cần Thơ, which proposed it, is recorded as lead."
        ),
        summary_fr=(
            "Proposé par la ville de Cần Thơ, en discussion (thème égalité femmes-hommes). L'activité 13 le compte "
            "parmi les deux projets multi-villes en cours d'élaboration (« les femmes dans la fonction publique ») "
            "et l'activité 8 prévoit la « finalisation du projet de formation des femmes dans la fonction publique "
            "et sa mise en œuvre ». La présentation ne nomme pas les autres villes ; Cần Thơ, qui l'a proposé, est "
            "enregistrée comme chef de file."
        ),
        themes=("gender-equality",),
        steps=_under_discussion(
            "Work themes, gender equality: “Capacity building for women in local government: proposed by the City "
            "of Can Tho, under discussion.”",
            "Activity 8 (planned): “Finalization of the training project for women in the public service & "
            "implementation.”",
        ),
    ),
    SeedProject(
        code="rvase-violence-women-children-asac",
        lead="asac",
        title_en="Supporting local governments in Cambodia to combat violence against women and children",
        title_fr=(
            "Accompagner les collectivités locales du Cambodge dans la lutte contre les violences faites aux femmes "
            "et aux enfants"
        ),
        summary_en=(
            "Proposed by ASAC, the association of Cambodia's sub-national administration councils, and under "
            "discussion (gender equality theme). The deck gives no partner, budget or dates."
        ),
        summary_fr=(
            "Proposé par l'ASAC, l'association des conseils des administrations infranationales du Cambodge, en "
            "discussion (thème égalité femmes-hommes). La présentation ne donne ni partenaire, ni budget, ni dates."
        ),
        themes=("gender-equality",),
        steps=_under_discussion(
            "Work themes, gender equality: “Supporting local governments in Cambodia to combat violence against "
            "women and children: proposed by ASAC, under discussion.”"
        ),
    ),
]

# What one unit is worth in euros, from 1 January 2023 and from 1 January 2025: EXAMPLE VALUES
# (rounded market rates of early January of each year) for the demo and invented networks, so
# the funding views have something to convert with. The RVASE seed loads none: the secretariat
# enters the real ones, and an example rate never overwrites a rate that already exists.
EXAMPLE_EXCHANGE_RATES: list[tuple[str, datetime.date, Decimal]] = [
    ("USD", datetime.date(2023, 1, 1), Decimal("0.935")),
    ("KHR", datetime.date(2023, 1, 1), Decimal("0.000227")),
    ("LAK", datetime.date(2023, 1, 1), Decimal("0.0000540")),
    ("VND", datetime.date(2023, 1, 1), Decimal("0.0000396")),
    ("USD", datetime.date(2025, 1, 1), Decimal("0.962")),
    ("KHR", datetime.date(2025, 1, 1), Decimal("0.000239")),
    ("LAK", datetime.date(2025, 1, 1), Decimal("0.0000440")),
    ("VND", datetime.date(2025, 1, 1), Decimal("0.0000378")),
]


def _at(on: datetime.date, order: int) -> datetime.datetime:
    """Midday UTC on that date (the same date in Phnom Penh and Paris), a second apart to keep the order."""
    return datetime.datetime.combine(on, datetime.time(12, 0, order), tzinfo=datetime.UTC)


@transaction.atomic
def load_projects() -> dict[str, int]:
    """Create or bring up to date the deck's projects; returns how many rows were created."""
    created = {"projects": 0, "project_stage_changes": 0, "project_partners": 0}
    network = Network.objects.get(code=NETWORK_CODE)
    members = Member.objects.in_bulk(field_name="slug")
    themes = Theme.objects.in_bulk(field_name="code")
    wanted = {name for row in PROJECTS for name, _ in row.partners}
    organisations = dict(Organisation.objects.filter(name_en__in=wanted).values_list("name_en", "pk"))
    for row in PROJECTS:
        final = row.steps[-1]
        project = Project.objects.filter(code=row.code).first()
        new = project is None
        if project is None:
            # The deck implies a stage; it never records one: shown as estimated until moved.
            project = Project(code=row.code, stage=final.to, stage_since=final.on, stage_estimated=True)
        project.network = network
        project.lead_member = members[row.lead]
        texts = {
            "title_en": row.title_en,
            "title_fr": row.title_fr,
            "summary_en": row.summary_en,
            "summary_fr": row.summary_fr,
        }
        for field, value in texts.items():  # the translated fields, which the type checker does not see
            setattr(project, field, value)
        project.start_date, project.end_date = row.start_date, row.end_date
        # The deck gives years ("2023/2025"): the days are the years' first and last.
        project.dates_estimated = row.start_date is not None or row.end_date is not None
        project.full_clean()
        project.save()
        project.themes.set([themes[code] for code in row.themes])
        project.members.set([members[slug] for slug in row.members])
        for name_en, role in row.partners:
            _, added = ProjectPartner.objects.get_or_create(
                project=project, organisation_id=organisations[name_en], role=role
            )
            created["project_partners"] += added
        if new:
            created["projects"] += 1
            previous = ""
            steps = []
            for order, step in enumerate(row.steps):
                steps.append(
                    Transition(
                        project=project,
                        from_stage=previous,
                        to_stage=step.to,
                        at=_at(step.on, order),
                        by=None,
                        by_label=SEED_LABEL,
                        comment=step.comment,
                    )
                )
                previous = step.to
            Transition.objects.bulk_create(steps)
            created["project_stage_changes"] += len(steps)
    return created


@transaction.atomic
def load_example_rates() -> int:
    """Add the example rates that are missing (the demo only); returns how many were added."""
    added = 0
    for currency, valid_from, euros in EXAMPLE_EXCHANGE_RATES:
        _, new = ExchangeRate.objects.get_or_create(
            currency=currency, valid_from=valid_from, defaults={"euros_per_unit": euros}
        )
        added += new
    return added
