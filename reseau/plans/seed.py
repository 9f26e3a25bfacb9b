"""The RVASE plans, decisions and a starter logframe, as the 2023 annual meeting deck gives them.

Loaded with the RVASE seed (``manage.py seed_rvase``), after ``load_rvase``,
``load_partners`` and ``load_projects``: it needs the network "rvase", its members,
the themes, the deck's organisations and projects (activities are linked to them).

What it loads:

* the reporting periods 2023, 2024 and 2025 (years);
* the "2023 Annual Action Plan": its three axes and fifteen activities, titled as the
  deck titles them, and the 2023 progress row of each activity with the deck's
  Achieved / Planned / Suggestions cells, word for word and in the deck's spelling;
* the three thematic action plans and the 2025 road map the round table presents,
  as drafts with no activities yet;
* the decisions and action items of the conclusions ("Network Road Map (1/3) to (3/3)"
  and "Network functioning"), linked to the activities they follow up;
* a starter logical framework whose indicators the platform mostly computes from its
  own data (focal points, dues, partners, projects, events and their attendance).

Every row is keyed on a natural key (plan code, axis and activity numbers, period
label, result and indicator codes, the decision's English text), so running it twice
changes nothing. What quotes the deck (titles) is brought up to date on every run;
what the network moves on in the application — progress rows, statuses, owners, due
dates, baselines, targets and values — is written only when the row is created, so
running the seed again (``make run`` does) never moves anything back.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from reseau.partners.models import Organisation
from reseau.plans.models import (
    Activity,
    ActivityProgress,
    Axis,
    Computation,
    Decision,
    Indicator,
    IndicatorValue,
    Plan,
    ReportingPeriod,
    Result,
)
from reseau.projects.models import Project
from reseau.registry.models import Member, Network, Theme

NETWORK_CODE = "rvase"
PLAN_CODE = "rvase-2023-action-plan"
ANNUAL_MEETING = datetime.date(2023, 5, 18)
MEETING = "2023 annual meeting of the RVASE, Phnom Penh"
# Road map (1/3), item 3: "By mid-June, each member officially confirms its focal point".
FOCAL_POINT_DEADLINE = datetime.date(2023, 6, 15)
# "Annual meetings of the global and regional networks — AIMF Annual Congress, Date: 23 october 2023,
# Place: Cotonou, Benin": the association's General Assembly meets at its annual Congress (the glossary
# pairs "General Assembly / Congress"), so "by the time of the AIMF GA" (activity 4) is read as this date.
AIMF_GA_2023 = datetime.date(2023, 10, 23)
# "Study trip and FSM conference which took place in Cambodia (18-20 may 2023)" (road map 1/3, item 2).
FSM_CONFERENCE_END = datetime.date(2023, 5, 20)

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

# --- Decisions and action items of the conclusions ---------------------------------------

DK = Decision.Kind
DS = Decision.Status


@dataclass(frozen=True)
class SeedDecision:
    title_en: str  # the deck's words, as far as a sentence allows; the natural key
    title_fr: str
    kind: str = DK.ACTION
    status: str = DS.OPEN
    owner: str = ""  # registry member slug, only where the deck names the member
    due: datetime.date | None = None  # only where the deck gives a date
    activities: tuple[int, ...] = ()  # numbers in the 2023 plan


DECISIONS: list[SeedDecision] = [
    # Road map (1/3), item 1. Nothing left to do once taken.
    SeedDecision(
        title_en=(
            "The proposed work themes are agreed and validated. The work themes are: urban governance and smart "
            "cities, urban sanitation, intelligent and sustainable tourism. The cross-cutting themes proposed and "
            "also validated are: gender equality, climate change and resilience, youth inclusion and university "
            "cooperation. The suggestion to add support for the use of the French language is included in the "
            "cross-cutting themes."
        ),
        title_fr=(
            "Les thèmes de travail proposés sont approuvés et validés. Les thèmes de travail sont : gouvernance "
            "urbaine et villes intelligentes, assainissement urbain, tourisme intelligent et durable. Les thèmes "
            "transversaux proposés et également validés sont : égalité femmes-hommes, changement climatique et "
            "résilience, inclusion des jeunes et coopération universitaire. La proposition d'ajouter le soutien à "
            "l'usage de la langue française est intégrée aux thèmes transversaux."
        ),
        kind=DK.DECISION,
        status=DS.DONE,
        activities=(2, 3),
    ),
    # Road map (1/3), item 2. Taken, but it commits the network to develop three plans that are
    # still drafts: in progress.
    SeedDecision(
        title_en=(
            "The thematic approach to structuring the network's work over the next three years is validated: three "
            "thematic action plans (urban sanitation, smart cities and sustainable tourism) will be gradually "
            "developed and submitted for validation by all RVASE members. The first action plan on sanitation "
            "builds from the recommendations of the study trip and FSM conference which took place in Cambodia "
            "(18-20 may 2023)."
        ),
        title_fr=(
            "L'approche thématique pour structurer le travail du réseau au cours des trois prochaines années est "
            "validée : trois plans d'action thématiques (assainissement urbain, villes intelligentes et tourisme "
            "durable) seront progressivement élaborés et soumis à la validation de tous les membres du RVASE. Le "
            "premier plan d'action, sur l'assainissement, s'appuie sur les recommandations du voyage d'étude et de "
            "la conférence GBV qui se sont tenus au Cambodge (18-20 mai 2023)."
        ),
        kind=DK.DECISION,
        status=DS.IN_PROGRESS,
        activities=(3, 6),
    ),
    # Road map (1/3), item 3: "each member" — no single owner.
    SeedDecision(
        title_en=(
            "By mid-June, each member officially confirms its focal point, who will communicate and support the "
            "regional office with sharing information and updates and help identify the right people to exchange "
            "with on the selected work topics."
        ),
        title_fr=(
            "D'ici la mi-juin, chaque membre confirme officiellement son point focal, qui communiquera avec le "
            "bureau régional et l'appuiera dans le partage d'informations et d'actualités, et aidera à identifier "
            "les bonnes personnes avec qui échanger sur les thèmes de travail retenus."
        ),
        due=FOCAL_POINT_DEADLINE,
        activities=(1,),
    ),
    # Road map (2/3), the conclusion after item 4.
    SeedDecision(
        title_en=(
            "The network's identity is confirmed through a constitutive document (presentation of the network, "
            "inclusion in the general framework of the AIMF network, values) submitted to RVASE members in order "
            "to create visibility with regional stakeholders."
        ),
        title_fr=(
            "L'identité du réseau est confirmée par un document constitutif (présentation du réseau, inscription "
            "dans le cadre général du réseau de l'AIMF, valeurs) soumis aux membres du RVASE afin de créer de la "
            "visibilité auprès des acteurs régionaux."
        ),
        activities=(2,),
    ),
    # Road map (3/3), item 5: "Identify relevant events where the network could be present; exchange
    # regularly on events and relevant documentation", in three actions.
    SeedDecision(
        title_en="Set up a monthly meeting between RVASE and the focal points to discuss events and news.",
        title_fr=(
            "Mettre en place une réunion mensuelle entre le RVASE et les points focaux pour échanger sur les "
            "événements et l'actualité."
        ),
        activities=(1, 5),
    ),
    SeedDecision(
        title_en="Set up a shared calendar (AIMF platform or Google Cal).",
        title_fr="Mettre en place un calendrier partagé (plateforme de l'AIMF ou Google Agenda).",
        activities=(5,),
    ),
    SeedDecision(
        title_en="Use the AIMF exchange platform to share and archive relevant documents.",
        title_fr="Utiliser la plateforme d'échange de l'AIMF pour partager et archiver les documents utiles.",
        activities=(1, 5),
    ),
    # Road map (2/3), item 4, "Development of regional partnerships and synergies": five actions.
    # "during at meetings" is the deck's own wording.
    SeedDecision(
        title_en=(
            "ASEAN Mayors' and Governors' Forum: Building on the forthcoming Summit in Vientiane, the regional "
            "network will consolidate its visibility and contributions during at meetings of the mayors' network. "
            "A framework agreement will be sought with UCLG-ASPAC."
        ),
        title_fr=(
            "Forum des maires et gouverneurs de l'ASEAN : en s'appuyant sur le prochain sommet de Vientiane, le "
            "réseau régional consolidera sa visibilité et ses contributions lors des réunions du réseau des maires. "
            "Un accord-cadre sera recherché avec CGLU-ASPAC."
        ),
        activities=(2, 5, 15),
    ),
    # "GBV" is the French acronym for faecal sludge management (see the glossary).
    SeedDecision(
        title_en=(
            "FSM theme: initiate dialogue with the Asian Development Bank of Cambodia, and/or its regional office, "
            "as they are interested in the GBV theme via the CWIS program. Present the network's activities and "
            "raise awareness of this theme with other cities and provinces in the region via the recommendations "
            "made at the FSM conference and thanks to the case studies of the FSM projects underway among AIMF "
            "member cities and provinces."
        ),
        title_fr=(
            "Thème GBV : engager le dialogue avec la Banque asiatique de développement au Cambodge et/ou son bureau "
            "régional, intéressés par le thème de la GBV via le programme CWIS. Présenter les activités du réseau "
            "et sensibiliser à ce thème d'autres villes et provinces de la région grâce aux recommandations de la "
            "conférence GBV et aux études de cas des projets GBV en cours chez les villes et provinces membres de "
            "l'AIMF."
        ),
        activities=(2, 6, 15),
    ),
    # "via PPCA": presumably the Phnom Penh Capital Administration, i.e. the member Phnom Penh (the
    # partners seed says the same, "to be confirmed"); the deck names no other owner.
    SeedDecision(
        title_en=(
            "ASEAN Smart Cities Network: via PPCA, make contact this network to find out about its activities and "
            "assess possible synergies."
        ),
        title_fr=(
            "Réseau des villes intelligentes de l'ASEAN : par l'intermédiaire de la PPCA, prendre contact avec ce "
            "réseau pour connaître ses activités et évaluer les synergies possibles."
        ),
        owner="phnom-penh",
        activities=(2, 15),
    ),
    SeedDecision(
        title_en=(
            "Meet the EU delegations in the three countries and the EU office in Bangkok in charge of the "
            "sub-regional approach: send introductory letters, make contact and assess the interests of each DUE in "
            "the network's work themes."
        ),
        title_fr=(
            "Rencontrer les délégations de l'Union européenne dans les trois pays et le bureau de l'UE à Bangkok "
            "chargé de l'approche sous-régionale : envoyer des lettres de présentation, prendre contact et évaluer "
            "l'intérêt de chaque DUE pour les thèmes de travail du réseau."
        ),
        activities=(2, 15),
    ),
    SeedDecision(
        title_en=(
            "UN-ESCAP (regional office of the UN Economic and Social Commission for Asia and the Pacific): make "
            "contact and exchange on smart cities (especially their support for Cambodia's MISTI ministry in "
            "drawing up their 2035 strategy)."
        ),
        title_fr=(
            "CESAP (bureau régional de la Commission économique et sociale des Nations unies pour l'Asie et le "
            "Pacifique) : prendre contact et échanger sur les villes intelligentes (notamment son appui au "
            "ministère cambodgien MISTI pour l'élaboration de sa stratégie 2035)."
        ),
        activities=(2, 15),
    ),
    # Road map (3/3), item 6. The deck names only "Emilie" (presumably at the AIMF; no full name, no
    # member): she stays in the text and the action has no owner. No activity of the 2023 plan covers
    # the AIMF's global gender-equality initiative, so it is linked to none.
    SeedDecision(
        title_en=(
            "Active participation of RVASE members in AIMF's gender equality initiative at global network level: "
            "Emilie shares and monitors the completion of the questionnaire."
        ),
        title_fr=(
            "Participation active des membres du RVASE à l'initiative de l'AIMF pour l'égalité femmes-hommes au "
            "niveau du réseau mondial : Emilie partage le questionnaire et suit son remplissage."
        ),
    ),
    # Network functioning (2/2). The members' support was expressed at the meeting (done); the
    # activity for the regional network depends on the bid succeeding.
    SeedDecision(
        title_en=(
            "Members expressed their support for Hué's bid to host the next AIMF General Assembly to the "
            "vice-chairman of the city's People's Committee, who was present at the meeting. If the bid is "
            "successful, a specific activity could be organized on this occasion for members of the regional "
            "network."
        ),
        title_fr=(
            "Les membres ont exprimé leur soutien à la candidature de Huế pour accueillir la prochaine Assemblée "
            "générale de l'AIMF auprès du vice-président du Comité populaire de la ville, présent à la réunion. Si "
            "la candidature est retenue, une activité spécifique pourrait être organisée à cette occasion pour les "
            "membres du réseau régional."
        ),
        kind=DK.DECISION,
        status=DS.DONE,
        owner="hue",
        activities=(5,),
    ),
    # Network functioning (2/2): the modalities are to be explored, with Vientiane as host.
    SeedDecision(
        title_en=(
            "Vientiane will host the next ASEAN Summit in 2024, as well as the ASEAN Mayors and Governors Forum. "
            "During a meeting with AIMF Permanent Secretary Pierre Baillet on May 16, 2023, the Governor of "
            "Vientiane expressed the wish that AIMF could support the organization of the event. The modalities "
            "for mobilizing the RVASE will be explored."
        ),
        title_fr=(
            "Vientiane accueillera le prochain sommet de l'ASEAN en 2024, ainsi que le Forum des maires et "
            "gouverneurs de l'ASEAN. Lors d'une rencontre avec le Secrétaire permanent de l'AIMF, Pierre Baillet, "
            "le 16 mai 2023, le gouverneur de Vientiane a souhaité que l'AIMF puisse appuyer l'organisation de "
            "l'événement. Les modalités de mobilisation du RVASE seront étudiées."
        ),
        owner="vientiane",
        activities=(5,),
    ),
    # Activity 4's suggestion, with network functioning (1/2) on hosting. Due by the AIMF GA
    # (see AIMF_GA_2023 for how the date is read from the deck).
    SeedDecision(
        title_en=(
            "Decision to be made by the time of the AIMF GA on the location of the RVASE annual meeting in 2024. "
            "Members can offer to host future events: 2024 and 2025 annual meetings."
        ),
        title_fr=(
            "Décision à prendre d'ici l'Assemblée générale de l'AIMF sur le lieu de la réunion annuelle 2024 du "
            "RVASE. Les membres peuvent proposer d'accueillir de futurs événements : les réunions annuelles 2024 et "
            "2025."
        ),
        due=AIMF_GA_2023,
        activities=(4,),
    ),
]

# --- A starter logical framework ---------------------------------------------------------

# Code, level, parent code, English title, French title.
RESULTS: list[tuple[str, str, str, str, str]] = [
    # From the AIMF–EU Strategic Partnership slide: it "aims to strengthen local authorities as key
    # actors in achieving the Sustainable Development Goals of the United Nations."
    (
        "IM1",
        Result.Level.IMPACT,
        "",
        "Local authorities of South-East Asia strengthened as key actors in achieving the Sustainable Development "
        "Goals",
        "Les autorités locales d'Asie du Sud-Est renforcées comme actrices clés de l'atteinte des objectifs de "
        "développement durable",
    ),
    # One outcome per axis of the 2023 plan; OC1 and OC3 also carry the deck's expected results
    # ("Strengthening regional dialogue between local authorities"; "Support for municipal projects in
    # favor of gender equality, the environment, access to essential services and digital technology").
    (
        "OC1",
        Result.Level.OUTCOME,
        "IM1",
        "Regional dialogue between local authorities and stakeholders facilitated and strengthened",
        "Dialogue régional entre les autorités locales et les parties prenantes facilité et renforcé",
    ),
    (
        "OC2",
        Result.Level.OUTCOME,
        "IM1",
        "Members' ownership of their local projects strengthened through training, studies and exchanges of experience",
        "Maîtrise d'ouvrage locale des projets des membres renforcée par la formation, les études et les échanges "
        "d'expériences",
    ),
    (
        "OC3",
        Result.Level.OUTCOME,
        "IM1",
        "Local and regional projects in favour of gender equality, the environment, access to essential services "
        "and digital technology designed, implemented and financed",
        "Projets locaux et régionaux en faveur de l'égalité femmes-hommes, de l'environnement, de l'accès aux "
        "services essentiels et du numérique conçus, mis en œuvre et financés",
    ),
    (
        "OP1.1",
        Result.Level.OUTPUT,
        "OC1",
        "Each member has an official focal point in regular contact with the regional office (activity 1)",
        "Chaque membre a un point focal officiel en contact régulier avec le bureau régional (activité 1)",
    ),
    (
        "OP1.2",
        Result.Level.OUTPUT,
        "OC1",
        "Relationships established with the actors of decentralisation, francophonie and urban development in "
        "South-East Asia (activities 2 and 15)",
        "Relations établies avec les acteurs de la décentralisation, de la francophonie et du développement urbain "
        "en Asie du Sud-Est (activités 2 et 15)",
    ),
    (
        "OP1.3",
        Result.Level.OUTPUT,
        "OC1",
        "Annual thematic conferences held on themes selected by the members (activities 6 and 12)",
        "Conférences thématiques annuelles tenues sur des thèmes choisis par les membres (activités 6 et 12)",
    ),
    (
        "OP2.1",
        Result.Level.OUTPUT,
        "OC2",
        "A budgeted annual programme of trainings and workshops drawn up and carried out according to the members' "
        "needs (activities 8 to 11)",
        "Un programme annuel budgétisé de formations et d'ateliers élaboré et réalisé selon les besoins des membres "
        "(activités 8 à 11)",
    ),
    (
        "OP3.1",
        Result.Level.OUTPUT,
        "OC3",
        "Concrete projects designed with the members and validated by the secretariat (activity 13)",
        "Projets concrets conçus avec les membres et validés par le Secrétariat (activité 13)",
    ),
    (
        "OP3.2",
        Result.Level.OUTPUT,
        "OC3",
        "Validated projects funded and launched (activities 14 and 15)",
        "Projets validés financés et lancés (activités 14 et 15)",
    ),
]

ILLUSTRATIVE = (
    "The target is illustrative: the deck sets none, and the network is to set its own when it validates the logframe."
)


@dataclass(frozen=True)
class SeedIndicator:
    result: str
    code: str
    title_en: str
    title_fr: str
    unit: str
    baseline_value: Decimal | None
    baseline_year: int | None
    target_value: Decimal
    target_year: int
    sources: str
    assumptions: str
    computation: str = ""
    milestones: str = ""
    disaggregation: tuple[str, ...] = ()


# The baselines of the computed indicators are what the platform computes on the seeded data for
# 2023 (the tests check it); where that value would mislead, there is no baseline and the
# assumptions say why.
INDICATORS: list[SeedIndicator] = [
    SeedIndicator(
        result="OC1",
        code="OC1.a",
        title_en="Number of members up to date with their AIMF membership fees",
        title_fr="Nombre de membres à jour de leurs cotisations à l'AIMF",
        unit="members",
        computation=Computation.MEMBERS_UP_TO_DATE,
        baseline_value=None,
        baseline_year=None,
        target_value=Decimal(12),
        target_year=2025,
        disaggregation=("country",),
        sources="Computed by the platform from the membership dues the secretariat records in the registry.",
        assumptions=(
            "Network functioning (1/2): “In order to be included in the activities, members must be up to date "
            "with their AIMF membership fees.” No baseline yet: the RVASE seed records no dues, and a member with "
            "no dues recorded counts as up to date (the computed value is then every member); set the baseline "
            "once the secretariat has recorded the 2023 dues. Target: every member (12 in 2023) by 2025. "
            + ILLUSTRATIVE
        ),
    ),
    # The events indicators count what the events seed (reseau.events.seed, loaded after this one)
    # records: their baselines are the values computed on it at the end of 2023.
    SeedIndicator(
        result="OC1",
        code="OC1.b",
        title_en="Number of network events held (meetings, conferences and partner events the network took part in)",
        title_fr=(
            "Nombre d'événements du réseau tenus (réunions, conférences et événements de partenaires auxquels le "
            "réseau a participé)"
        ),
        unit="events",
        computation=Computation.EVENTS_HELD,
        baseline_value=Decimal(4),
        baseline_year=2023,
        target_value=Decimal(12),
        target_year=2025,
        sources="Computed by the platform from the network's calendar (events marked as held).",
        assumptions=(
            "Baseline: the four events the RVASE seed records as held by the end of 2023 — the presentation of "
            "the CWIS in Phnom Penh (December 2022) and the General Assembly of the Francophonie in Cambodia "
            "(March 2023), both in activity 5; the annual meeting (18 May 2023); the FSM conference and study "
            "trip (18-20 May 2023). A running count. Target: 12 by 2025 (an annual meeting and a thematic "
            "conference a year, and partner events). " + ILLUSTRATIVE
        ),
    ),
    SeedIndicator(
        result="OC1",
        code="OC1.c",
        title_en="Number of women among the participants present at the network's events",
        title_fr="Nombre de femmes parmi les participants présents aux événements du réseau",
        unit="women",
        computation=Computation.PARTICIPANTS_WOMEN,
        baseline_value=Decimal(2),
        baseline_year=2023,
        target_value=Decimal(20),
        target_year=2025,
        disaggregation=("sex",),
        sources="Computed by the platform from the attendance recorded for the network's events held.",
        assumptions=(
            "Baseline: the participants the deck names at the 2023 annual meeting, 2 women and 8 men (the two "
            "speakers of the opening and the eight members' representatives of the round table); the deck names "
            "no other participant. A running count, read with OC1.d: together the targets aim at 40 % women "
            "among the participants present. " + ILLUSTRATIVE
        ),
    ),
    SeedIndicator(
        result="OC1",
        code="OC1.d",
        title_en="Number of men among the participants present at the network's events",
        title_fr="Nombre d'hommes parmi les participants présents aux événements du réseau",
        unit="men",
        computation=Computation.PARTICIPANTS_MEN,
        baseline_value=Decimal(8),
        baseline_year=2023,
        target_value=Decimal(30),
        target_year=2025,
        disaggregation=("sex",),
        sources="Computed by the platform from the attendance recorded for the network's events held.",
        assumptions=(
            "Baseline: the 8 men among the participants the deck names at the 2023 annual meeting (see OC1.c). "
            "A running count, read with OC1.c: together the targets aim at 40 % women among the participants "
            "present. " + ILLUSTRATIVE
        ),
    ),
    SeedIndicator(
        result="OP1.1",
        code="OP1.1.a",
        title_en="Number of members that have officially confirmed their focal point",
        title_fr="Nombre de membres ayant confirmé officiellement leur point focal",
        unit="members",
        computation=Computation.FOCAL_POINTS_CONFIRMED,
        baseline_value=Decimal(0),
        baseline_year=2023,
        target_value=Decimal(12),
        target_year=2025,
        disaggregation=("country",),
        milestones="15 June 2023: each member has officially confirmed its focal point (road map 1/3, item 3).",
        sources="Computed by the platform from the focal point appointments recorded in the registry.",
        assumptions=(
            "Baseline: no member had officially confirmed its focal point at the annual meeting (18 May 2023); "
            "activity 1 lists the eight members contacted, and suggests the “formal appointment of a focal point "
            "within the other members”. The deck's own deadline is mid-June 2023. Target: all 12 members by 2025. "
            + ILLUSTRATIVE
        ),
    ),
    SeedIndicator(
        result="OP1.2",
        code="OP1.2.a",
        title_en="Number of partner organisations in dialogue or cooperating with the network",
        title_fr="Nombre d'organisations partenaires en dialogue ou en coopération avec le réseau",
        unit="organisations",
        computation=Computation.PARTNERS_IN_DIALOGUE,
        baseline_value=Decimal(13),
        baseline_year=2023,
        target_value=Decimal(20),
        target_year=2025,
        sources="Computed by the platform from the partner registry (relationships in dialogue or cooperating).",
        assumptions=(
            "Baseline: the 13 organisations the deck reports contact and dialogue with (activity 2, achieved; "
            "NCDM and ASAC from the work themes), as the RVASE seed records them on 18 May 2023. The road map "
            "(2/3) adds the contacts to make: the ADB, the ASEAN Smart Cities Network, the EU delegations and the "
            "EU office in Bangkok, UN-ESCAP; activity 2 plans the AUF in Laos, the AFD in Cambodia and the French "
            "embassies in Laos and Vietnam. Target: 20 by 2025. " + ILLUSTRATIVE
        ),
    ),
    SeedIndicator(
        result="OP1.3",
        code="OP1.3.a",
        title_en="Number of thematic conferences held",
        title_fr="Nombre de conférences thématiques tenues",
        unit="conferences",
        baseline_value=Decimal(0),
        baseline_year=2022,
        target_value=Decimal(3),
        target_year=2025,
        milestones="One a year, counted from 2023: 1 in 2023, 2 in 2024, 3 in 2025.",
        sources="Programme and report of each conference; the network's narrative reports.",
        assumptions=(
            "Activity 6, suggestions: “Organize annual thematic conferences, on themes selected by the RVASE "
            "members.” The first one is the conference on faecal sludge management (March to May 2023; held in "
            "Cambodia, 18-20 May 2023). Target: one a year to 2025. " + ILLUSTRATIVE
        ),
    ),
    SeedIndicator(
        result="OP3.1",
        code="OP3.1.a",
        title_en="Number of concrete projects validated by the secretariat",
        title_fr="Nombre de projets concrets validés par le Secrétariat",
        unit="projects",
        computation=Computation.PROJECTS_VALIDATED,
        baseline_value=Decimal(2),
        baseline_year=2023,
        target_value=Decimal(4),
        target_year=2025,
        disaggregation=("country", "member"),
        sources="Computed by the platform from the projects' stage histories (validation by the secretariat).",
        assumptions=(
            "Baseline: the two concrete projects for Luang Prabang and Phnom Penh validated at the April 2022 "
            "office (activity 13). Target: 4 by 2025, if the two multi-city projects being developed (CALU and "
            "women in the civil service, activity 13) are validated. " + ILLUSTRATIVE
        ),
    ),
    SeedIndicator(
        result="OP3.2",
        code="OP3.2.a",
        title_en="Number of projects funded",
        title_fr="Nombre de projets financés",
        unit="projects",
        computation=Computation.PROJECTS_FUNDED,
        baseline_value=Decimal(0),
        baseline_year=2023,
        target_value=Decimal(2),
        target_year=2025,
        disaggregation=("country", "member"),
        sources="Computed by the platform from the projects' stage histories (funding secured).",
        assumptions=(
            "Baseline: in 2023 the two validated projects were still looking for funding (activity 14); the four "
            "FSM projects the deck reports underway were entered at the implementation stage with no funding "
            "step, so they are not counted. Target: 2 by 2025, the two validated projects whose launch is "
            "upcoming (activity 14). " + ILLUSTRATIVE
        ),
    ),
]

# The one value of the non-computed indicator. The seed enters it as approved because the deck
# reports the conference as held; nobody approved it in the application (approved_by and
# approved_at stay empty), which its source says.
CONFERENCE_INDICATOR = "OP1.3.a"
CONFERENCE_VALUE = Decimal(1)
CONFERENCE_SOURCE = (
    "2023 annual meeting deck (activity 6; road map 1/3, item 2). Entered as approved by the RVASE seed, "
    "not through the secretariat's approval in the application."
)
CONFERENCE_EVIDENCE = (
    "Activity 6 (achieved): “Organization of the Thematic Conference on Faecal Sludge Management (March to May "
    "2023)”. Road map (1/3), item 2: “The first action plan on sanitation builds from the recommendations of "
    "the study trip and FSM conference which took place in Cambodia (18-20 may 2023).” The meeting's last "
    "slide invites the members to “the launch of the conference on fecal sludge management in Southeast Asia”."
)


@transaction.atomic
def load_plans() -> dict[str, int]:
    """Create or bring up to date the deck's plans, decisions and starter logframe; returns rows created."""
    created = {
        "reporting_periods": 0,
        "plans": 0,
        "axes": 0,
        "activities": 0,
        "activity_progress": 0,
        "decisions": 0,
        "results": 0,
        "indicators": 0,
        "indicator_values": 0,
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
            },
        )
        created["activity_progress"] += new

    for item in DECISIONS:
        decision, new = Decision.objects.update_or_create(
            network=network,
            meeting_date=ANNUAL_MEETING,
            title_en=item.title_en,
            defaults={"title_fr": item.title_fr, "kind": item.kind, "meeting": MEETING},
            create_defaults={
                "title_en": item.title_en,
                "title_fr": item.title_fr,
                "kind": item.kind,
                "meeting": MEETING,
                "status": item.status,
                "owner_member": members[item.owner] if item.owner else None,
                "due_date": item.due,
            },
        )
        decision.activities.add(*(activities[number] for number in item.activities))
        created["decisions"] += new

    results: dict[str, Result] = {}
    for code, level, parent, title_en, title_fr in RESULTS:
        results[code], new = Result.objects.update_or_create(
            network=network,
            code=code,
            defaults={
                "level": level,
                "parent": results[parent] if parent else None,
                "title_en": title_en,
                "title_fr": title_fr,
            },
        )
        created["results"] += new

    indicators: dict[str, Indicator] = {}
    for ind in INDICATORS:
        texts = {
            "title_en": ind.title_en,
            "title_fr": ind.title_fr,
            "unit": ind.unit,
            "computation": ind.computation,
            "sources": ind.sources,
        }
        indicators[ind.code], new = Indicator.objects.update_or_create(
            result=results[ind.result],
            code=ind.code,
            defaults=texts,
            create_defaults={
                **texts,
                "baseline_value": ind.baseline_value,
                "baseline_year": ind.baseline_year,
                "target_value": ind.target_value,
                "target_year": ind.target_year,
                "milestones": ind.milestones,
                "assumptions": ind.assumptions,
                "disaggregation": list(ind.disaggregation),
            },
        )
        created["indicators"] += new

    _, new = IndicatorValue.objects.get_or_create(
        indicator=indicators[CONFERENCE_INDICATOR],
        date=FSM_CONFERENCE_END,
        defaults={
            "value": CONFERENCE_VALUE,
            "source": CONFERENCE_SOURCE,
            "evidence": CONFERENCE_EVIDENCE,
            "status": IndicatorValue.Status.APPROVED,
        },
    )
    created["indicator_values"] += new
    return created
