"""The RVASE plans, as the 2023 annual meeting deck gives them.

Loaded with the RVASE seed (``manage.py seed_rvase``), after ``load_rvase``,
``load_partners`` and ``load_projects``: it needs the network "rvase", its members,
the themes, the deck's organisations and projects (activities are linked to them).

What it loads:

* the reporting periods 2023, 2024 and 2025 (years);
* the "2023 Annual Action Plan": its three axes and fifteen activities, titled as the
  deck titles them, and the 2023 progress row of each activity with the deck's
  Achieved / Planned / Suggestions cells, word for word and in the deck's spelling;
* the three thematic action plans and the 2025 road map the round table presents,
  as drafts with no activities yet.

The decisions of the conclusions are loaded by ``reseau.decisions.seed`` and the starter
logframe by ``reseau.logframe.seed``.

Every row is keyed on a natural key (plan code, axis and activity numbers, period
label), so running it twice changes nothing. What quotes the deck (titles) is brought
up to date on every run; what the network moves on in the application — progress rows
and statuses — is written only when the row is created, so running the seed again
(``make run`` does) never moves anything back.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction

from reseau.partners.models import Organisation
from reseau.plans.models import Activity, ActivityProgress, Axis, Plan, ReportingPeriod
from reseau.projects.models import Project
from reseau.registry.models import Member, Network, Theme

NETWORK_CODE = "rvase"
PLAN_CODE = "rvase-2023-action-plan"

# Label, start, end. The 2023 year is the deck's; 2024 and 2025 let the network report on.
PERIODS: list[tuple[str, datetime.date, datetime.date]] = [
    (str(year), datetime.date(year, 1, 1), datetime.date(year, 12, 31)) for year in (2023, 2024, 2025)
]

# --- The 2023 Annual Action Plan --------------------------------------------------------

# Number, English title (the deck's table headings, word for word), French title.
AXES: list[tuple[int, str, str]] = [
    (
        1,
        "Facilitate regional dialogue between local authorities and stakeholders",
        "Faciliter le dialogue régional entre les autorités locales et les parties prenantes",
    ),
    (
        2,
        "Supporting local project ownership",
        "Appuyer la maîtrise d'ouvrage locale des projets",
    ),
    (
        3,
        "Support the design, implementation and financing of local and regional projects",
        "Accompagner la conception, la mise en œuvre et le financement de projets locaux et régionaux",
    ),
]

ST = ActivityProgress.Status


@dataclass(frozen=True)
class SeedActivity:
    number: int
    axis: int
    title_en: str  # the deck's "Activities" column, word for word
    title_fr: str
    # The deck's 2023 cells, word for word and in its spelling ("Under way !", "thematique",
    # "Ambassies"). The extraction joins a cell's lines with spaces; where a cell is
    # plainly a list (one country, contact or event per line), the line breaks are restored.
    achieved: str
    planned: str
    suggestions: str
    status: str
    members: tuple[str, ...] = ()  # registry member slugs the deck names in the row
    partners: tuple[str, ...] = ()  # English names of the deck's organisations (partners seed)
    projects: tuple[str, ...] = ()  # project codes (projects seed)
    themes: tuple[str, ...] = ()


# The status of each 2023 row, from its cells as the deck shows them at the meeting:
# - something achieved and something still planned → ongoing;
# - something achieved and nothing planned → done, unless the Achieved cell itself says the
#   work goes on (activity 13: "Two multi-city projects are being developed" → ongoing);
# - nothing achieved yet → not started, even when work is planned or suggested (activity 7
#   plans national dialogues "within the framework of concrete projects" and advocacy
#   "following the adoption of an advocacy document", neither of which had happened; 9 and 10).
ACTIVITIES: list[SeedActivity] = [
    SeedActivity(
        number=1,
        axis=1,
        title_en="Making contact with member cities and their focal points; confirming needs.",
        title_fr="Prise de contact avec les villes membres et leurs points focaux ; confirmation des besoins.",
        achieved=(
            "Cambodia: ASAC, Kampot, Phnom Penh.\nLaos: Luang Prabang, Vientiane.\nVietnam: Hue, Can Tho, Hai Phong."
        ),
        planned="Ongoing dialogue.",
        suggestions=(
            "Formal appointment of a focal point within the other members of the network to create a regular and "
            "more in-depth dialogue."
        ),
        status=ST.ONGOING,
        members=("asac", "kampot", "phnom-penh", "luang-prabang", "vientiane", "hue", "can-tho", "hai-phong"),
    ),
    SeedActivity(
        number=2,
        axis=1,
        title_en=(
            "Identification and contact with actors supporting decentralization, francophonie and urban development "
            "in SEA, in relation to the pre-identified work themes."
        ),
        title_fr=(
            "Identification des acteurs qui soutiennent la décentralisation, la francophonie et le développement "
            "urbain en Asie du Sud-Est, et prise de contact avec eux, en lien avec les thèmes de travail "
            "pré-identifiés."
        ),
        achieved=(
            "Contact and dialogue with:\n"
            "UCLG-ASPAC, AMF Secretariat;\n"
            "The AUF in Cambodia, and Asia region office;\n"
            "The French Embassy in Cambodia;\n"
            "Several decentralized cooperation partners (Paris Ile de France, Val de Marne, SIAAP);\n"
            "University actors in Cambodia: URBA & URPP.\n"
            "The Vietnamese Association of Cities."
        ),
        planned="AUF Laos\nAFD Cambodia\nAmbassies of France in Laos and Vietnam",
        suggestions=(
            "Continue to establish relationships with actors of cooperation and sustainable urbanism in Southeast Asia."
        ),
        status=ST.ONGOING,
        partners=(
            "United Cities and Local Governments Asia-Pacific",
            "ASEAN Mayors Forum (AMF) secretariat",
            "Agence universitaire de la Francophonie — Cambodia",
            "Agence universitaire de la Francophonie — Asia-Pacific regional office",
            "French Embassy in Cambodia",
            "Paris Île-de-France",
            "Val-de-Marne",
            "Greater Paris Sanitation Authority",
            "Royal University of Fine Arts",
            "Royal University of Phnom Penh",
            "Vietnamese Association of Cities",
            # Planned contacts.
            "Agence universitaire de la Francophonie — Laos",
            "Agence française de développement — Cambodia",
            "French Embassy in Laos",
            "French Embassy in Vietnam",
        ),
    ),
    SeedActivity(
        number=3,
        axis=1,
        title_en=(
            "Elaboration of the 2023 / 2024 Action Plan, including a series of concrete actions (projects), training "
            "actions and experience sharing (training and workshops)."
        ),
        title_fr=(
            "Élaboration du plan d'action 2023 / 2024, comprenant une série d'actions concrètes (projets), "
            "d'actions de formation et de partage d'expériences (formations et ateliers)."
        ),
        achieved=(
            "First draft of the action plan prepared, for discussion and completion at the annual meeting of the "
            "South East Asian Cities Network in May 2023."
        ),
        planned="Completion following the Annual Meeting",
        suggestions="Sharing for validation to all AIMF members in Southeast Asia.",
        status=ST.ONGOING,
    ),
    SeedActivity(
        number=4,
        axis=1,
        title_en=(
            "Preparation and holding of the annual network meeting (program, provisional budget, logistics, "
            "partners, etc.)"
        ),
        title_fr=(
            "Préparation et tenue de la réunion annuelle du réseau (programme, budget prévisionnel, logistique, "
            "partenaires, etc.)"
        ),
        achieved="Annual meeting of the network organized.",
        planned="Under way !",
        suggestions=(
            "Decision to be made by the time of the AIMF GA on the location of the RVASE annual meeting in 2024."
        ),
        status=ST.ONGOING,
    ),
    SeedActivity(
        number=5,
        axis=1,
        title_en=(
            "Participation in Francophonie and urban development events in the region in order to bring the voices "
            "of member cities (advocacy in favor of sub-national authorities) and feed the global advocacy strategy "
            "of the AIMF"
        ),
        title_fr=(
            "Participation aux événements de la Francophonie et du développement urbain dans la région afin de "
            "porter la voix des villes membres (plaidoyer en faveur des autorités sous-nationales) et de nourrir la "
            "stratégie globale de plaidoyer de l'AIMF"
        ),
        achieved=(
            "Participation in the presentation of the CWIS in Phnom Penh, funded by ADB (December 2022)\n"
            "Participation in the General Assembly of the Francophonie in Cambodia (March 2023)"
        ),
        planned="Identify relevant events and participate when possible.",
        suggestions="",
        status=ST.ONGOING,
        partners=("Asian Development Bank",),
    ),
    SeedActivity(
        number=6,
        axis=1,
        title_en="Multicountry dialogue",
        title_fr="Dialogue multi-pays",
        achieved="Organization of the Thematic Conference on Faecal Sludge Management (March to May 2023)",
        planned="FSM thematique conference (mai 2023)",
        suggestions="Organize annual thematic conferences, on themes selected by the RVASE members.",
        status=ST.ONGOING,
        themes=("urban-sanitation",),
    ),
    SeedActivity(
        number=7,
        axis=1,
        title_en="National Dialogue and Advocacy",
        title_fr="Dialogue national et plaidoyer",
        achieved="",
        planned=(
            "National dialogues planned within the framework of concrete projects;\n"
            "Advocacy activities planned following the adoption of an advocacy document by the network."
        ),
        # The extraction puts "Avec le soutien financier de la Commission Européenne" in this cell: it
        # is the slide's footer (the EU funding notice), not a suggestion, and is left out.
        suggestions="",
        status=ST.NOT_STARTED,
    ),
    SeedActivity(
        number=8,
        axis=2,
        title_en="Diagnosis of training needs, exchange of experiences and studies",
        title_fr="Diagnostic des besoins de formation, échanges d'expériences et études",
        achieved="Drafted during the contacts with the members",
        planned="Finalization of the training project for women in the public service & implementation.",
        suggestions="Conduct an in-depth needs assessment on a theme selected by the members",
        status=ST.ONGOING,
        projects=("rvase-women-local-government-can-tho",),
        themes=("gender-equality",),
    ),
    SeedActivity(
        number=9,
        axis=2,
        title_en=(
            "Elaboration of a budgeted annual program of trainings and workshops (integrated in the 2023/2024 "
            "action plan)"
        ),
        title_fr=(
            "Élaboration d'un programme annuel budgétisé de formations et d'ateliers (intégré au plan d'action "
            "2023/2024)"
        ),
        achieved="",
        planned="",
        suggestions="Development of a first workshop program following the annual meeting",
        status=ST.NOT_STARTED,
    ),
    SeedActivity(
        number=10,
        axis=2,
        title_en="Carrying out training according to identified needs",
        title_fr="Réalisation de formations selon les besoins identifiés",
        achieved="",
        planned="",
        suggestions="",
        status=ST.NOT_STARTED,
    ),
    SeedActivity(
        number=11,
        axis=2,
        title_en="Support for the execution of studies",
        title_fr="Appui à la réalisation d'études",
        achieved=(
            "Development of the CALU project in order to allow the realization of small territorialized studies "
            "within the framework of the project"
        ),
        planned="Identify and secure the necessary financing for the project",
        suggestions="",
        status=ST.ONGOING,
        projects=("rvase-calu",),
        themes=("youth-universities",),
    ),
    SeedActivity(
        number=12,
        axis=2,
        title_en="Organization of workshops and exchanges of experience",
        title_fr="Organisation d'ateliers et d'échanges d'expériences",
        achieved="Organization of the Thematic Conference on Faecal Sludge Management (March to May 2023)",
        planned="",
        suggestions="",
        status=ST.DONE,
        themes=("urban-sanitation",),
    ),
    SeedActivity(
        number=13,
        axis=3,
        title_en=(
            "Technical assistance in the design and monitoring of LA projects: Accompanying the cities in the "
            "identification and design of projects; Accompanying the stages of validation of the project with the "
            "headquarters."
        ),
        title_fr=(
            "Assistance technique à la conception et au suivi des projets des collectivités locales : "
            "accompagnement des villes dans l'identification et la conception des projets ; accompagnement des "
            "étapes de validation du projet auprès du siège."
        ),
        achieved=(
            "Setting up and validation of two concrete projects for Luang Prabang and Phnom Penh. Two multi-city "
            "projects are being developed (CALU and women in the civil service)."
        ),
        planned="",
        suggestions="",
        status=ST.ONGOING,
        projects=(
            "rvase-water-kokvan-luang-prabang",
            "rvase-smart-city-hub-phnom-penh",
            "rvase-calu",
            "rvase-women-local-government-can-tho",
        ),
    ),
    SeedActivity(
        number=14,
        axis=3,
        title_en=(
            "Accompaniment in the implementation of pilot projects in local ownership and in connection with the "
            "actors of the territory: Elaboration / feasibility of the projects; Launching of the projects; "
            "Strategy of research of financing; Follow-up of the projects."
        ),
        title_fr=(
            "Accompagnement de la mise en œuvre de projets pilotes en maîtrise d'ouvrage locale et en lien avec les "
            "acteurs du territoire : élaboration / faisabilité des projets ; lancement des projets ; stratégie de "
            "recherche de financements ; suivi des projets."
        ),
        achieved="Evaluation of the feasibility of projects and search for funding.",
        planned="Upcoming launch of the two concrete projects validated at the April 2022 office",
        suggestions="",
        status=ST.ONGOING,
        projects=("rvase-water-kokvan-luang-prabang", "rvase-smart-city-hub-phnom-penh"),
    ),
    SeedActivity(
        number=15,
        axis=3,
        title_en=(
            "Support for the expansion of financial and technical partnerships: Establishment of relationships with "
            "other donors, creation of synergies; Accompaniment and implementation of sub-regional multi-country "
            "projects for the financing of a project by international cooperation donors."
        ),
        title_fr=(
            "Appui à l'élargissement des partenariats financiers et techniques : mise en relation avec d'autres "
            "bailleurs, création de synergies ; accompagnement et mise en œuvre de projets sous-régionaux "
            "multi-pays pour le financement d'un projet par des bailleurs de la coopération internationale."
        ),
        achieved="Identification and contact with potential donors (AUF, French Embassies, ...)",
        planned="Follow-up and development of contacts",
        suggestions="",
        status=ST.ONGOING,
        partners=(
            "Agence universitaire de la Francophonie — Cambodia",
            "Agence universitaire de la Francophonie — Asia-Pacific regional office",
            "Agence universitaire de la Francophonie — Laos",
            "French Embassy in Cambodia",
            "French Embassy in Laos",
            "French Embassy in Vietnam",
        ),
    ),
]


@dataclass(frozen=True)
class SeedPlan:
    code: str
    kind: str
    title_en: str
    title_fr: str
    starts_on: datetime.date
    ends_on: datetime.date
    theme: str = ""


PLANS: list[SeedPlan] = [
    # The plan the deck calls "2023 Action Plan: 15 actions organized around three axes"; activity 3
    # calls it the "2023 / 2024 Action Plan". Its period is the 2023 year the deck reports on.
    SeedPlan(
        code=PLAN_CODE,
        kind=Plan.Kind.ANNUAL,
        title_en="2023 Annual Action Plan",
        title_fr="Plan d'action annuel 2023",
        starts_on=datetime.date(2023, 1, 1),
        ends_on=datetime.date(2023, 12, 31),
    ),
    # The round table's "2025 Road Map" slide groups these three thematic plans with the 2023 plan;
    # road map (1/3), item 2: they "will be gradually developed and submitted for validation by all
    # RVASE members" — drafts, with no activities yet.
    SeedPlan(
        code="rvase-fsm-action-plan-2023-2025",
        kind=Plan.Kind.THEMATIC,
        title_en="FSM thematic action plan (2023–2025)",
        title_fr="Plan d'action thématique GBV (2023–2025)",
        starts_on=datetime.date(2023, 1, 1),
        ends_on=datetime.date(2025, 12, 31),
        theme="urban-sanitation",
    ),
    SeedPlan(
        code="rvase-smart-cities-action-plan-2024-2025",
        kind=Plan.Kind.THEMATIC,
        title_en="Smart Cities thematic action plan (2024–2025)",
        title_fr="Plan d'action thématique Villes intelligentes (2024–2025)",
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2025, 12, 31),
        theme="urban-governance-smart-cities",
    ),
    SeedPlan(
        code="rvase-sustainable-tourism-action-plan-2025",
        kind=Plan.Kind.THEMATIC,
        title_en="Sustainable tourism action plan (2025)",
        title_fr="Plan d'action Tourisme durable (2025)",
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2025, 12, 31),
        theme="smart-sustainable-tourism",
    ),
    # The "2025 Road Map" is the frame over all four (the 2023 plan and the three thematic plans, as
    # its slide lists them) for "the next three years" (road map 1/3, item 2), distinct from each of
    # them: recorded as a road map over 2023–2025 whose content is those plans and the decisions
    # register. The deck gives it no activities of its own.
    SeedPlan(
        code="rvase-2025-road-map",
        kind=Plan.Kind.ROAD_MAP,
        title_en="2025 Road Map",
        title_fr="Feuille de route 2025",
        starts_on=datetime.date(2023, 1, 1),
        ends_on=datetime.date(2025, 12, 31),
    ),
]
# Every plan is a draft. The 2023 plan too: the deck shows a first draft "for discussion and
# completion at the annual meeting" (activity 3, achieved), to be completed "following the Annual
# Meeting" (planned) and then shared "for validation to all AIMF members in Southeast Asia"
# (suggestions). The meeting validated the work themes and the thematic approach (road map 1/3,
# items 1 and 2), not the plan itself, so "Validated by the members" would claim more than the deck.
PLAN_STATUS = Plan.Status.DRAFT


@transaction.atomic
def load_plans() -> dict[str, int]:
    """Create or bring up to date the deck's plans, periods and progress; returns rows created."""
    created = {
        "reporting_periods": 0,
        "plans": 0,
        "axes": 0,
        "activities": 0,
        "activity_progress": 0,
    }
    network = Network.objects.get(code=NETWORK_CODE)
    members = Member.objects.in_bulk(field_name="slug")
    themes = Theme.objects.in_bulk(field_name="code")
    wanted = {name for row in ACTIVITIES for name in row.partners}
    # name_en is not unique: the first organisation of that name, as the partners seed creates one.
    organisations: dict[str, int] = {}
    for name, pk in Organisation.objects.filter(name_en__in=wanted).order_by("-pk").values_list("name_en", "pk"):
        organisations[name] = pk
    projects = Project.objects.in_bulk({code for row in ACTIVITIES for code in row.projects}, field_name="code")

    periods: dict[str, ReportingPeriod] = {}
    for label, starts_on, ends_on in PERIODS:
        periods[label], new = ReportingPeriod.objects.update_or_create(
            network=network,
            label=label,
            defaults={"kind": ReportingPeriod.Kind.YEAR, "starts_on": starts_on, "ends_on": ends_on},
        )
        created["reporting_periods"] += new

    plans: dict[str, Plan] = {}
    for seed_plan in PLANS:
        plan, new = Plan.objects.update_or_create(
            code=seed_plan.code,
            defaults={
                "network": network,
                "kind": seed_plan.kind,
                "title_en": seed_plan.title_en,
                "title_fr": seed_plan.title_fr,
                "theme": themes[seed_plan.theme] if seed_plan.theme else None,
                "starts_on": seed_plan.starts_on,
                "ends_on": seed_plan.ends_on,
            },
            create_defaults={
                "network": network,
                "kind": seed_plan.kind,
                "title_en": seed_plan.title_en,
                "title_fr": seed_plan.title_fr,
                "theme": themes[seed_plan.theme] if seed_plan.theme else None,
                "starts_on": seed_plan.starts_on,
                "ends_on": seed_plan.ends_on,
                "status": PLAN_STATUS,
            },
        )
        plan.full_clean()
        plans[seed_plan.code] = plan
        created["plans"] += new

    plan = plans[PLAN_CODE]
    axes: dict[int, Axis] = {}
    for number, title_en, title_fr in AXES:
        axes[number], new = Axis.objects.update_or_create(
            plan=plan, number=number, defaults={"title_en": title_en, "title_fr": title_fr}
        )
        created["axes"] += new

    activities: dict[int, Activity] = {}
    year = periods["2023"]
    for row in ACTIVITIES:
        activity, new = Activity.objects.update_or_create(
            plan=plan,
            number=row.number,
            defaults={"axis": axes[row.axis], "title_en": row.title_en, "title_fr": row.title_fr},
        )
        created["activities"] += new
        activities[row.number] = activity
        # Links are only added: what the network links in the application stays.
        activity.members.add(*(members[slug] for slug in row.members))
        activity.partners.add(*(organisations[name] for name in row.partners))
        activity.projects.add(*(projects[code] for code in row.projects))
        activity.themes.add(*(themes[code] for code in row.themes))
        _, new = ActivityProgress.objects.get_or_create(
            activity=activity,
            period=year,
            defaults={
                "achieved": row.achieved,
                "planned": row.planned,
                "suggestions": row.suggestions,
                "status": row.status,
                # The deck gives what was achieved and planned, not a status: it is deduced.
                "status_estimated": True,
            },
        )
        created["activity_progress"] += new

    return created
