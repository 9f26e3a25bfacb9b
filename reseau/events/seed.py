"""The RVASE events the 2023 annual meeting deck names: the meeting itself with its programme
and the people it shows, the FSM conference, the partner events of activity 5, the AIMF
congress, the meetings still to be fixed and the monthly focal-point meeting of the road map.

Loaded with the RVASE seed (``manage.py seed_rvase``), after ``load_rvase``, ``load_partners``,
``load_projects`` and ``load_plans``: it needs the network "rvase", its members and people
(the registry seed's LEADERS and OFFICIALS, reused, never duplicated), the themes, the FSM
projects and the 2023 plan's activities. The decisions seed links the meeting's decisions to it.

Every event is keyed on a stable slug and carries a stable calendar UID
(``<slug>@reseau``), so that running the seed twice changes nothing and calendar programs
never see a second copy. An event, a programme item, a speaker or a registration is written
only when it is created: the network keeps its events in the application (dates fixed, status,
minutes completed, programme edited), and a change there raises the event's revision for
calendar programs, which a silent overwrite by the seed would not; so running the seed again
(``make run`` does) never moves anything back. Links to themes, activities and projects are
only ever added.

Times: the deck's times are Phnom Penh's (Asia/Phnom_Penh, UTC+7); they are stored in UTC.
All-day events run from midnight of their first day to midnight after their last day, in
their own zone (as iCalendar's DTEND for dates). Where the deck gives only a month, the event
is dated on the first day of that month, all day, and ``date_note`` says what is known.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from reseau.events.models import Event, Registration, Session, SessionSpeaker
from reseau.plans.models import Activity
from reseau.projects.models import Project
from reseau.registry.models import Country, Member, Network, Person, Theme

NETWORK_CODE = "rvase"
PLAN_CODE = "rvase-2023-action-plan"
PHNOM_PENH = "Asia/Phnom_Penh"
ZONE = zoneinfo.ZoneInfo(PHNOM_PENH)
ANNUAL_MEETING_DATE = datetime.date(2023, 5, 18)
ANNUAL_MEETING_2023 = "rvase-annual-meeting-2023"
FOCAL_POINT_MEETINGS = "rvase-focal-point-meetings"
ANNUAL_MEETING_2024 = "rvase-annual-meeting-2024"
WORK_THEMES = ("urban-governance-smart-cities", "urban-sanitation", "smart-sustainable-tourism")
FSM_PROJECTS = ("rvase-fsm-phnom-penh", "rvase-fsm-siem-reap", "rvase-fsm-vientiane", "rvase-fsm-hue")
# Benin is not an RVASE country: created for the AIMF congress in Cotonou.
BENIN = {"code": "BJ", "name_en": "Benin", "name_fr": "Bénin", "name_local": "Bénin"}

EK = Event.Kind
ES = Event.Status
EV = Event.Visibility
SK = Session.Kind
RR = SessionSpeaker.Role
REG = Registration.Role


def uid_for(slug: str) -> str:
    """The event's calendar identifier: stable across reseeds."""
    return f"{slug}@reseau"


def at(day: datetime.date, hour: int, minute: int = 0, zone: zoneinfo.ZoneInfo = ZONE) -> datetime.datetime:
    """A wall-clock time where the event happens, as an aware datetime (stored in UTC)."""
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zone).astimezone(datetime.UTC)


def whole_days(
    first: datetime.date, last: datetime.date, zone: zoneinfo.ZoneInfo = ZONE
) -> tuple[datetime.datetime, datetime.datetime]:
    """An all-day event's start and end: midnight of the first day to midnight after the last."""
    return at(first, 0, zone=zone), at(last + datetime.timedelta(days=1), 0, zone=zone)


# --- The people of the 2023 annual meeting ------------------------------------------------------


@dataclass(frozen=True)
class SeedPerson:
    member: str | None  # registry member slug; None for the AIMF secretariat
    name: str  # as the registry seed names the person (LEADERS / OFFICIALS)
    title_en: str  # the title printed beside the name in the deck
    title_fr: str
    registration_role: str


# The two speakers of the opening, as the deck prints them.
ARDESI = SeedPerson(
    None,
    "Arianna ARDESI",
    "Advisor, Deputy AIMF Permanent Secretary for cooperation programs",
    "Conseillère, Secrétaire permanente adjointe de l'AIMF chargée des programmes de coopération",
    REG.ORGANISER,
)
KHUONG_SRENG = SeedPerson(
    "phnom-penh",
    "KHUONG Sreng",
    "Governor of Phnom Penh",
    "Gouverneur de Phnom Penh",
    REG.HEAD_OF_DELEGATION,
)
# The round table ("AIMF regional network members share thoughts"), in the deck's order, each
# title as printed under the photo. The Yên Bái title begins with the Vietnamese "Phó Chủ tịch
# Thường trực" (standing vice-chairman), which the deck's text extraction mangles as "Thuởng
# trư'c"; it is written here as it is printed on the slide, with its diacritics restored.
ROUND_TABLE: list[SeedPerson] = [
    SeedPerson(
        "phnom-penh",
        "SUI Seret",
        "Vice Governor of Phnom Penh",
        "Vice-gouverneur de Phnom Penh",
        REG.DELEGATE,  # the Governor heads Phnom Penh's delegation
    ),
    SeedPerson(
        "battambang",
        "CHHAY Matinal",
        "Vice Governor of Battambang Province",
        "Vice-gouverneur de la province de Battambang",
        REG.HEAD_OF_DELEGATION,
    ),
    SeedPerson(
        "kampot",
        "SAEM Nhav",
        "President of the Provincial Council of Kampot Province",
        "Président du conseil provincial de la province de Kampot",
        REG.HEAD_OF_DELEGATION,
    ),
    SeedPerson(
        "vientiane",
        "BANNAVONG Phoukhong",
        "Vice Governor of Vientiane Capitale",
        "Vice-gouverneur de Vientiane Capitale",
        REG.HEAD_OF_DELEGATION,
    ),
    SeedPerson(
        "luang-prabang",
        "HATSACHANH Viengthong",
        "Mayor-Governor of the city of Luang Prabang",
        "Maire-gouverneur de la ville de Luang Prabang",
        REG.HEAD_OF_DELEGATION,
    ),
    SeedPerson(
        "yen-bai",
        "NGUYỄN THẾ PHƯỚC",
        "Phó Chủ tịch Thường trực, Vice President of the People's Committee of Yen Bai Province",
        "Phó Chủ tịch Thường trực, vice-président du Comité populaire de la province de Yên Bái",
        REG.HEAD_OF_DELEGATION,
    ),
    SeedPerson(
        "ho-chi-minh-city",
        "NGUYỄN THỊ Thanh My",
        "Deputy Director of the Department of Natural Resources and Environment, Ho Chi Minh City",
        "Directrice adjointe du Département des ressources naturelles et de l'environnement, Hô-Chi-Minh-Ville",
        REG.HEAD_OF_DELEGATION,
    ),
    SeedPerson(
        "hue",
        "TRẦN Song",
        "Vice President of the People's Committee of the city of Hue",
        "Vice-président du Comité populaire de la ville de Huế",
        REG.HEAD_OF_DELEGATION,
    ),
]
# The attendance recorded is only what the deck shows: the two speakers of the opening and
# the eight members' representatives photographed at the round table (2 women, 8 men). The
# meeting surely had more participants (delegations, partners, the regional office); the deck
# names none of them, so none is invented.
ATTENDED_2023: list[SeedPerson] = [ARDESI, KHUONG_SRENG, *ROUND_TABLE]


# --- The programme of the 2023 annual meeting ----------------------------------------------------


@dataclass(frozen=True)
class SeedSession:
    position: int
    kind: str
    start: tuple[int, int]
    end: tuple[int, int]
    title_en: str
    title_fr: str
    description_en: str = ""
    description_fr: str = ""
    speakers: tuple[SeedPerson, ...] = ()
    role: str = RR.SPEAKER
    times_estimated: bool = True  # the deck gives one time per event, rarely one per item


# The deck gives only "8h – 12h" for the whole meeting and "15 minutes" for the break; the
# times of each item below are a reasonable split of those four hours (short opening words,
# the two sessions at about an hour and a quarter each, half an hour of conclusions).
PROGRAMME_2023: list[SeedSession] = [
    SeedSession(
        1,
        SK.OPENING,
        (8, 0),
        (8, 15),
        "Introduction",
        "Introduction",
        speakers=(ARDESI,),
    ),
    SeedSession(
        2,
        SK.OPENING,
        (8, 15),
        (8, 30),
        "Welcome words",
        "Mot de bienvenue",
        speakers=(KHUONG_SRENG,),
    ),
    SeedSession(
        3,
        SK.SESSION,
        (8, 30),
        (9, 45),
        "Session 1: Network work themes and modalities",
        "Session 1 : thèmes et modalités de travail du réseau",
        "Brief presentation of the AIMF – European Union Strategic Partnership; the network's work themes "
        "and working modalities; the 2023 action plan.",
        "Brève présentation du Partenariat stratégique AIMF – Union européenne ; les thèmes et les modalités "
        "de travail du réseau ; le plan d'action 2023.",
    ),
    SeedSession(
        4,
        SK.BREAK,
        (9, 45),
        (10, 0),
        "Break",
        "Pause",
        "15 minutes",
        "15 minutes",
    ),
    SeedSession(
        5,
        SK.ROUND_TABLE,
        (10, 0),
        (11, 30),
        "Session 2: Round table: suggestions and expectations of network members",
        "Session 2 : table ronde : suggestions et attentes des membres du réseau",
        "Goal of the round table: the 2025 road map — the 2023 action plan, the FSM thematic action plan "
        "(2023–2025), the smart cities thematic action plan (2024–2025) and the sustainable tourism action "
        "plan (2025).",
        "Objectif de la table ronde : la feuille de route 2025 — le plan d'action 2023, le plan d'action "
        "thématique GBV (2023–2025), le plan d'action thématique villes intelligentes (2024–2025) et le plan "
        "d'action tourisme durable (2025).",
        speakers=tuple(ROUND_TABLE),
        role=RR.PANELLIST,
    ),
    SeedSession(
        6,
        SK.CLOSING,
        (11, 30),
        (12, 0),
        "Conclusions",
        "Conclusions",
        "Summary of discussions and proposal of a work schedule.",
        "Synthèse des échanges et proposition d'un calendrier de travail.",
    ),
]

MINUTES_2023_EN = "\n".join(
    [
        "Network functioning",
        (
            "- The network operates on an informal basis, with no presidency or specific roles. AIMF members are "
            "automatically members of the RVASE; when possible, its activities are open to non-member cities and "
            "provinces, and to local governments and associations wishing to join the AIMF."
        ),
        (
            "- Members wish more cities to join, particularly from Laos, and stress the importance of "
            "associations of local governments; ASAC (Cambodia) will take part in the emergency preparedness "
            "project."
        ),
        "- To be included in the activities, members must be up to date with their AIMF membership fees.",
        "- Members can offer to host future events: the 2024 and 2025 annual meetings.",
        "- Members support Huế's bid to host the next AIMF General Assembly.",
        (
            "- Vientiane will host the ASEAN Summit in 2024 and the ASEAN Mayors' and Governors' Forum; the ways "
            "of mobilising the RVASE will be explored."
        ),
        "",
        "Road map",
        (
            "1. The work themes are validated: urban governance and smart cities, urban sanitation, smart and "
            "sustainable tourism; cross-cutting: gender equality, climate change and resilience, youth inclusion "
            "and university cooperation, French language."
        ),
        (
            "2. The thematic approach is validated: three thematic action plans (urban sanitation, smart cities, "
            "sustainable tourism), the first building on the FSM conference and study trip (Cambodia, 18–20 May "
            "2023)."
        ),
        "3. By mid-June 2023, each member officially confirms its focal point.",
        (
            "4. Regional partnerships: ASEAN Mayors' and Governors' Forum and UCLG-ASPAC, the Asian Development "
            "Bank (FSM, CWIS), the ASEAN Smart Cities Network, the EU delegations, UN-ESCAP; a constitutive "
            "document of the network."
        ),
        (
            "5. Events: a monthly meeting between the RVASE and the focal points, a shared calendar, and the AIMF"
            " exchange platform for documents."
        ),
        "6. Members take part in the AIMF gender equality initiative (questionnaire).",
    ]
)

MINUTES_2023_FR = "\n".join(
    [
        "Fonctionnement du réseau",
        (
            "- Le réseau fonctionne de manière informelle, sans présidence ni rôles particuliers. Les membres de "
            "l'AIMF sont automatiquement membres du RVASE ; lorsque c'est possible, ses activités sont ouvertes "
            "aux villes et provinces non membres, ainsi qu'aux collectivités et associations qui souhaitent "
            "adhérer à l'AIMF."
        ),
        (
            "- Les membres souhaitent que davantage de villes rejoignent le réseau, notamment au Laos, et "
            "soulignent l'importance des associations de collectivités ; l'ASAC (Cambodge) participera au projet "
            "de préparation aux situations d'urgence."
        ),
        "- Pour être associés aux activités, les membres doivent être à jour de leurs cotisations à l'AIMF.",
        ("- Les membres peuvent proposer d'accueillir de futurs événements : les réunions annuelles 2024 et 2025."),
        ("- Les membres soutiennent la candidature de Huế pour accueillir la prochaine Assemblée générale de l'AIMF."),
        (
            "- Vientiane accueillera le sommet de l'ASEAN en 2024 et le Forum des maires et gouverneurs de "
            "l'ASEAN ; les modalités de mobilisation du RVASE seront étudiées."
        ),
        "",
        "Feuille de route",
        (
            "1. Les thèmes de travail sont validés : gouvernance urbaine et villes intelligentes, assainissement "
            "urbain, tourisme intelligent et durable ; thèmes transversaux : égalité femmes-hommes, changement "
            "climatique et résilience, inclusion des jeunes et coopération universitaire, langue française."
        ),
        (
            "2. L'approche thématique est validée : trois plans d'action thématiques (assainissement urbain, "
            "villes intelligentes, tourisme durable), le premier s'appuyant sur la conférence GBV et le voyage "
            "d'étude (Cambodge, 18-20 mai 2023)."
        ),
        "3. D'ici la mi-juin 2023, chaque membre confirme officiellement son point focal.",
        (
            "4. Partenariats régionaux : Forum des maires et gouverneurs de l'ASEAN et CGLU-ASPAC, Banque "
            "asiatique de développement (GBV, CWIS), Réseau des villes intelligentes de l'ASEAN, délégations de "
            "l'Union européenne, CESAP ; un document constitutif du réseau."
        ),
        (
            "5. Événements : une réunion mensuelle entre le RVASE et les points focaux, un calendrier partagé, et"
            " la plateforme d'échange de l'AIMF pour les documents."
        ),
        "6. Les membres participent à l'initiative de l'AIMF pour l'égalité femmes-hommes (questionnaire).",
    ]
)


# --- The events -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeedEvent:
    slug: str
    kind: str
    status: str
    visibility: str
    title_en: str
    title_fr: str
    description_en: str
    description_fr: str
    starts_at: datetime.datetime | None = None
    ends_at: datetime.datetime | None = None
    all_day: bool = False
    month_only: bool = False  # the source gives the month, not the day
    schedule_to_be_confirmed: bool = False  # the day and time are an assumption
    time_zone: str = PHNOM_PENH
    date_note: str = ""
    venue: str = ""
    city: str = ""
    country: str = ""  # ISO code
    organiser: str = ""
    host: str = ""  # registry member slug
    themes: tuple[str, ...] = ()
    activities: tuple[int, ...] = ()  # numbers in the 2023 plan
    projects: tuple[str, ...] = ()
    recurrence_rule: str = ""
    minutes_en: str = ""
    minutes_fr: str = ""
    programme: tuple[SeedSession, ...] = field(default_factory=tuple)


_FSM_START, _FSM_END = whole_days(datetime.date(2023, 5, 18), datetime.date(2023, 5, 20))
_CWIS_START, _CWIS_END = whole_days(datetime.date(2022, 12, 1), datetime.date(2022, 12, 1))
_GA_START, _GA_END = whole_days(datetime.date(2023, 3, 1), datetime.date(2023, 3, 1))
COTONOU = zoneinfo.ZoneInfo("Africa/Porto-Novo")
_CONGRESS_START, _CONGRESS_END = whole_days(datetime.date(2023, 10, 23), datetime.date(2023, 10, 23), COTONOU)
# Road map (3/3), item 5: "set up a monthly meeting between RVASE and the focal points". The deck
# fixes neither day nor time: the first Thursday of each month, 10:00–11:00 Phnom Penh time,
# online, from July 2023 (after the focal points' mid-June deadline) is an assumption, said so
# in the description, for the coordinator to confirm. 6 July 2023 is the first Thursday of July.
_FP_FIRST = datetime.date(2023, 7, 6)

FSM_LAUNCH = SeedSession(
    1,
    SK.OPENING,
    (13, 50),
    (13, 50),
    "Launch of the conference on faecal sludge management in South-East Asia",
    "Lancement de la conférence sur la gestion des boues de vidange en Asie du Sud-Est",
    "“Join us at 1:50 pm for the launch of the conference on fecal sludge management in Southeast Asia” "
    "(last slide of the annual meeting, 18 May 2023).",
    "« Rejoignez-nous à 13 h 50 pour le lancement de la conférence sur la gestion des boues de vidange en "
    "Asie du Sud-Est » (dernière diapositive de la réunion annuelle, 18 mai 2023).",
    times_estimated=False,  # the deck gives this very time
)

HOSTING = (
    "Place to be fixed. Network functioning (1/2): “Members can offer to host future events: 2024 and 2025 "
    "annual meetings.” Activity 4 of the 2023 action plan: the location of the 2024 meeting is to be decided "
    "by the time of the AIMF General Assembly."
)
HOSTING_FR = (
    "Lieu à fixer. Fonctionnement du réseau (1/2) : « Les membres peuvent proposer d'accueillir de futurs "
    "événements : les réunions annuelles 2024 et 2025. » Activité 4 du plan d'action 2023 : le lieu de la "
    "réunion 2024 est à décider d'ici l'Assemblée générale de l'AIMF."
)

# The network's history, from the coordinator's terms of reference ("Contexte"): the April 2013
# conferences in Vientiane, the December 2017 meeting in Huế, and the second conference of the
# cities of South-East Asia in Phnom Penh on 2 December 2019. The first two are known to the
# month only: dated on the 1st, which their descriptions and date notes say.
_VIENTIANE_2013_START, _VIENTIANE_2013_END = whole_days(
    datetime.date(2013, 4, 1), datetime.date(2013, 4, 1), zoneinfo.ZoneInfo("Asia/Vientiane")
)
_HUE_2017_START, _HUE_2017_END = whole_days(
    datetime.date(2017, 12, 1), datetime.date(2017, 12, 1), zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
)
_PHNOM_PENH_2019_START, _PHNOM_PENH_2019_END = whole_days(datetime.date(2019, 12, 2), datetime.date(2019, 12, 2))
PHNOM_PENH_CONFERENCE_2019 = "second-conference-south-east-asian-cities-2019"

HISTORY: list[SeedEvent] = [
    SeedEvent(
        slug="vientiane-conferences-heritage-urban-planning-2013",
        kind=EK.CONFERENCE,
        status=ES.HELD,
        visibility=EV.PUBLIC,
        title_en="Conferences on historic heritage preservation and urban planning, Vientiane",
        title_fr="Conférences sur la préservation du patrimoine historique et l'aménagement urbain, Vientiane",
        description_en=(
            "The beginning of the rapprochement of the AIMF member cities of South-East Asia: a cycle of "
            "multi-country conferences on the preservation of historic heritage and on urban planning, and concrete "
            "projects (coordinator's terms of reference). The terms of reference give the month, not the day: dated "
            "on 1 April 2013."
        ),
        description_fr=(
            "Le début du rapprochement des villes membres de l'AIMF d'Asie du Sud-Est : un cycle de conférences "
            "multi-pays sur la préservation du patrimoine historique et l'aménagement urbain, et des projets "
            "concrets (termes de référence du chargé d'animation). Les termes de référence donnent le mois, pas le "
            "jour : datées du 1er avril 2013."
        ),
        starts_at=_VIENTIANE_2013_START,
        ends_at=_VIENTIANE_2013_END,
        all_day=True,
        time_zone="Asia/Vientiane",
        date_note="April 2013",
        month_only=True,
        city="Vientiane",
        country="LA",
        host="vientiane",
    ),
    SeedEvent(
        slug="hue-meeting-regional-network-2017",
        kind=EK.MEETING,
        status=ES.HELD,
        visibility=EV.PUBLIC,
        title_en="Meeting of South-East Asian sub-national authorities in Huế: a regional network is needed",
        title_fr="Réunion des autorités sous-nationales d'Asie du Sud-Est à Hué : la nécessité d'un réseau régional",
        description_en=(
            "Gathered within the AIMF–EU Strategic Partnership, the sub-national authorities of South-East Asia "
            "confirmed the need to create a regional network, to strengthen cooperation based on respect, mutual "
            "trust and sustainable development (coordinator's terms of reference). The terms of reference give the "
            "month, not the day: dated on 1 December 2017."
        ),
        description_fr=(
            "Réunies dans le cadre du Partenariat stratégique AIMF–UE, les autorités sous-nationales d'Asie du "
            "Sud-Est ont confirmé la nécessité de créer un réseau régional, pour renforcer la coopération sur la "
            "base du respect, de la confiance mutuelle et du développement durable (termes de référence du chargé "
            "d'animation). Les termes de référence donnent le mois, pas le jour : datée du 1er décembre 2017."
        ),
        starts_at=_HUE_2017_START,
        ends_at=_HUE_2017_END,
        all_day=True,
        time_zone="Asia/Ho_Chi_Minh",
        date_note="December 2017",
        month_only=True,
        city="Huế",
        country="VN",
        host="hue",
    ),
    SeedEvent(
        slug=PHNOM_PENH_CONFERENCE_2019,
        kind=EK.CONFERENCE,
        status=ES.HELD,
        visibility=EV.PUBLIC,
        title_en="Second conference of the cities of South-East Asia, Phnom Penh",
        title_fr="2e Conférence des villes d'Asie du Sud-Est, Phnom Penh",
        description_en=(
            "The representatives of the cities and local administrations of Cambodia, Vietnam and Laos adopted a "
            "common action plan on priority themes such as urban resilience, the digital transition, data "
            "standardisation and the fight against climate change, and decided to create a regional office of the "
            "network hosted by Phnom Penh City Hall (coordinator's terms of reference)."
        ),
        description_fr=(
            "Les représentants des villes et administrations locales du Cambodge, du Vietnam et du Laos ont adopté "
            "un plan d'action commun autour de thématiques prioritaires telles que la résilience urbaine, la "
            "transition numérique, la standardisation des données et la lutte contre le changement climatique, et "
            "décidé de créer un Bureau régional du réseau hébergé par la Mairie de Phnom Penh (termes de référence "
            "du chargé d'animation)."
        ),
        starts_at=_PHNOM_PENH_2019_START,
        ends_at=_PHNOM_PENH_2019_END,
        all_day=True,
        city="Phnom Penh",
        country="KH",
        host="phnom-penh",
        themes=("climate-change-resilience",),
    ),
]

EVENTS: list[SeedEvent] = [
    SeedEvent(
        slug=ANNUAL_MEETING_2023,
        kind=EK.ANNUAL_MEETING,
        status=ES.HELD,
        visibility=EV.PUBLIC,
        title_en="2023 annual meeting of the RVASE",
        title_fr="Réunion annuelle 2023 du RVASE",
        description_en=(
            "Annual meeting of the AIMF South-East Asian Cities Network: the network's work themes and "
            "modalities, the 2023 action plan, and a round table on the suggestions and expectations of the "
            "members. AIMF – European Union Strategic Partnership; financially supported by the European Union."
        ),
        description_fr=(
            "Réunion annuelle du Réseau des villes d'Asie du Sud-Est de l'AIMF : les thèmes et modalités de "
            "travail du réseau, le plan d'action 2023, et une table ronde sur les suggestions et les attentes "
            "des membres. Partenariat stratégique AIMF – Union européenne ; avec le soutien financier de "
            "l'Union européenne."
        ),
        starts_at=at(ANNUAL_MEETING_DATE, 8),
        ends_at=at(ANNUAL_MEETING_DATE, 12),
        venue="Fairfield Hotel",
        city="Phnom Penh",
        country="KH",
        host="phnom-penh",
        themes=WORK_THEMES,
        activities=(4,),
        minutes_en=MINUTES_2023_EN,
        minutes_fr=MINUTES_2023_FR,
        programme=tuple(PROGRAMME_2023),
    ),
    # One event for the conference and the study trip: the deck gives them one date range together
    # ("the study trip and FSM conference which took place in Cambodia (18-20 may 2023)") and no
    # separate dates, places or programme for the trip; two events would invent a split. All day
    # over the three days; the one time the deck gives (the launch, 13:50 on 18 May in Phnom Penh)
    # is the first item of its programme.
    SeedEvent(
        slug="rvase-fsm-conference-2023",
        kind=EK.CONFERENCE,
        status=ES.HELD,
        visibility=EV.PUBLIC,
        title_en="Thematic conference and study trip on faecal sludge management (FSM)",
        title_fr="Conférence thématique et voyage d'étude sur la gestion des boues de vidange (GBV)",
        description_en=(
            "The network's first thematic conference, on faecal sludge management in South-East Asia, with a "
            "study trip in Cambodia (18–20 May 2023), prepared from March to May 2023. Its recommendations are "
            "the basis of the FSM thematic action plan (road map 1/3, item 2), with the case studies of the FSM "
            "projects of Phnom Penh, Siem Reap, Vientiane and Huế."
        ),
        description_fr=(
            "Première conférence thématique du réseau, sur la gestion des boues de vidange en Asie du Sud-Est, "
            "avec un voyage d'étude au Cambodge (18-20 mai 2023), préparée de mars à mai 2023. Ses "
            "recommandations fondent le plan d'action thématique GBV (feuille de route 1/3, point 2), avec les "
            "études de cas des projets GBV de Phnom Penh, Siem Reap, Vientiane et Huế."
        ),
        starts_at=_FSM_START,
        ends_at=_FSM_END,
        all_day=True,
        city="Phnom Penh",
        country="KH",
        themes=("urban-sanitation",),
        activities=(6, 12),
        projects=FSM_PROJECTS,
        programme=(FSM_LAUNCH,),
    ),
    SeedEvent(
        slug="cwis-presentation-phnom-penh-2022",
        kind=EK.PARTNER_EVENT,
        status=ES.HELD,
        visibility=EV.PUBLIC,
        title_en="Presentation of the CWIS (citywide inclusive sanitation) programme in Phnom Penh",
        title_fr="Présentation du programme CWIS (assainissement inclusif à l'échelle de la ville) à Phnom Penh",
        description_en=(
            "Activity 5 (achieved): “Participation in the presentation of the CWIS in Phnom Penh, funded by ADB "
            "(December 2022)”. The deck gives the month, not the day: dated on 1 December 2022."
        ),
        description_fr=(
            "Activité 5 (réalisé) : participation à la présentation du CWIS à Phnom Penh, financée par la BAD "
            "(décembre 2022). Le document donne le mois, pas le jour : datée du 1er décembre 2022."
        ),
        starts_at=_CWIS_START,
        ends_at=_CWIS_END,
        all_day=True,
        date_note="December 2022",
        month_only=True,
        city="Phnom Penh",
        country="KH",
        organiser="Asian Development Bank (ADB)",
        themes=("urban-sanitation",),
        activities=(5,),
    ),
    # A partner event rather than a congress: "congress" is for the association's own congress and
    # general assembly; this one is the Francophonie's, which the network attended.
    SeedEvent(
        slug="francophonie-general-assembly-cambodia-2023",
        kind=EK.PARTNER_EVENT,
        status=ES.HELD,
        visibility=EV.PUBLIC,
        title_en="General Assembly of the Francophonie in Cambodia",
        title_fr="Assemblée générale de la Francophonie au Cambodge",
        description_en=(
            "Activity 5 (achieved): “Participation in the General Assembly of the Francophonie in Cambodia "
            "(March 2023)”. The deck gives the month, not the day nor the city: dated on 1 March 2023."
        ),
        description_fr=(
            "Activité 5 (réalisé) : participation à l'Assemblée générale de la Francophonie au Cambodge (mars "
            "2023). Le document donne le mois, ni le jour ni la ville : datée du 1er mars 2023."
        ),
        starts_at=_GA_START,
        ends_at=_GA_END,
        all_day=True,
        date_note="March 2023",
        month_only=True,
        country="KH",
        organiser="Francophonie",
        themes=("french-language",),
        activities=(5,),
    ),
    # The deck announces it with a fixed date and place: confirmed. Whether it was then held is not
    # in the deck, so it is not marked held (the coordinator does that in the application).
    SeedEvent(
        slug="aimf-congress-2023-cotonou",
        kind=EK.CONGRESS,
        status=ES.CONFIRMED,
        visibility=EV.PUBLIC,
        title_en="AIMF annual congress 2023",
        title_fr="Congrès annuel 2023 de l'AIMF",
        description_en=(
            "Annual meetings of the global and regional networks: the AIMF annual congress, 23 October 2023, "
            "Cotonou, Benin. The decision on the location of the 2024 RVASE annual meeting is due by then "
            "(activity 4)."
        ),
        description_fr=(
            "Réunions annuelles des réseaux mondial et régionaux : le congrès annuel de l'AIMF, 23 octobre 2023, "
            "Cotonou, Bénin. La décision sur le lieu de la réunion annuelle 2024 du RVASE est attendue d'ici là "
            "(activité 4)."
        ),
        starts_at=_CONGRESS_START,
        ends_at=_CONGRESS_END,
        all_day=True,
        time_zone="Africa/Porto-Novo",
        city="Cotonou",
        country="BJ",
        organiser="AIMF",
        activities=(4,),
    ),
    SeedEvent(
        slug=ANNUAL_MEETING_2024,
        kind=EK.ANNUAL_MEETING,
        status=ES.TO_BE_FIXED,
        visibility=EV.PUBLIC,
        title_en="2024 annual meeting of the RVASE",
        title_fr="Réunion annuelle 2024 du RVASE",
        description_en="Annual meeting of the regional network. Date: 2024. " + HOSTING,
        description_fr="Réunion annuelle du réseau régional. Date : 2024. " + HOSTING_FR,
        date_note="2024",
        activities=(4,),
    ),
    SeedEvent(
        slug="rvase-annual-meeting-2025",
        kind=EK.ANNUAL_MEETING,
        status=ES.TO_BE_FIXED,
        visibility=EV.PUBLIC,
        title_en="2025 annual meeting of the RVASE",
        title_fr="Réunion annuelle 2025 du RVASE",
        description_en="Annual meeting of the regional network. Date: 2025. " + HOSTING,
        description_fr="Réunion annuelle du réseau régional. Date : 2025. " + HOSTING_FR,
        date_note="2025",
        activities=(4,),
    ),
    SeedEvent(
        slug="asean-summit-2024-vientiane",
        kind=EK.PARTNER_EVENT,
        status=ES.TO_BE_FIXED,
        visibility=EV.PUBLIC,
        title_en="ASEAN Summit 2024, Vientiane",
        title_fr="Sommet de l'ASEAN 2024, Vientiane",
        description_en=(
            "Network functioning (2/2): “Vientiane will host the next ASEAN Summit in 2024, as well as the ASEAN "
            "Mayors and Governors Forum.” The Governor of Vientiane wishes the AIMF to support the organisation; "
            "the ways of mobilising the RVASE are to be explored."
        ),
        description_fr=(
            "Fonctionnement du réseau (2/2) : Vientiane accueillera le prochain sommet de l'ASEAN en 2024, ainsi "
            "que le Forum des maires et gouverneurs de l'ASEAN. Le gouverneur de Vientiane souhaite que l'AIMF "
            "appuie l'organisation ; les modalités de mobilisation du RVASE sont à étudier."
        ),
        date_note="2024",
        time_zone="Asia/Vientiane",
        city="Vientiane",
        country="LA",
        organiser="ASEAN",
        host="vientiane",
        activities=(5,),
    ),
    SeedEvent(
        slug="asean-mayors-governors-forum-2024-vientiane",
        kind=EK.PARTNER_EVENT,
        status=ES.TO_BE_FIXED,
        visibility=EV.PUBLIC,
        title_en="ASEAN Mayors' and Governors' Forum 2024, Vientiane",
        title_fr="Forum des maires et gouverneurs de l'ASEAN 2024, Vientiane",
        description_en=(
            "Road map (2/3), item 4: building on the Summit in Vientiane, the regional network will consolidate "
            "its visibility and contributions at the meetings of the mayors' network; a framework agreement will "
            "be sought with UCLG-ASPAC."
        ),
        description_fr=(
            "Feuille de route (2/3), point 4 : en s'appuyant sur le sommet de Vientiane, le réseau régional "
            "consolidera sa visibilité et ses contributions lors des réunions du réseau des maires ; un "
            "accord-cadre sera recherché avec CGLU-ASPAC."
        ),
        date_note="2024",
        time_zone="Asia/Vientiane",
        city="Vientiane",
        country="LA",
        organiser="ASEAN",
        host="vientiane",
        activities=(5,),
    ),
    SeedEvent(
        slug=FOCAL_POINT_MEETINGS,
        kind=EK.FOCAL_POINT_MEETING,
        status=ES.PLANNED,
        visibility=EV.NETWORK,
        title_en="Monthly meeting of the RVASE and the focal points",
        title_fr="Réunion mensuelle du RVASE et des points focaux",
        description_en=(
            "Road map (3/3), item 5: “set up a monthly meeting between RVASE and the focal points to discuss "
            "events and news.” Online. The day and time (the first Thursday of each month, 10:00–11:00 Phnom "
            "Penh time, from July 2023, after the focal points' mid-June deadline) are an assumption, to be "
            "confirmed by the coordinator."
        ),
        description_fr=(
            "Feuille de route (3/3), point 5 : mettre en place une réunion mensuelle entre le RVASE et les points "
            "focaux pour échanger sur les événements et l'actualité. En ligne. Le jour et l'heure (le premier "
            "jeudi de chaque mois, 10 h – 11 h heure de Phnom Penh, à partir de juillet 2023, après l'échéance "
            "de la mi-juin pour les points focaux) sont une hypothèse, à confirmer par le chargé d'animation."
        ),
        starts_at=at(_FP_FIRST, 10),
        ends_at=at(_FP_FIRST, 11),
        venue="",  # online; the link is the coordinator's to add (the deck gives none)
        recurrence_rule="FREQ=MONTHLY;BYDAY=1TH",
        schedule_to_be_confirmed=True,
        activities=(1, 5),
    ),
]


def _person(members: dict[str, Member], seed_person: SeedPerson) -> Person:
    """The registry seed's person (keyed on member and name, as it creates them)."""
    member = members[seed_person.member] if seed_person.member else None
    return Person.objects.get(member=member, name=seed_person.name)


@transaction.atomic
def load_events() -> dict[str, int]:
    """Create or bring up to date the deck's events; returns how many rows were created."""
    created = {"events": 0, "programme_items": 0, "speakers": 0, "registrations": 0}
    network = Network.objects.get(code=NETWORK_CODE)
    members = Member.objects.in_bulk(field_name="slug")
    themes = Theme.objects.in_bulk(field_name="code")
    countries = Country.objects.in_bulk(field_name="code")
    if "BJ" not in countries:
        data = dict(BENIN)
        countries["BJ"], _ = Country.objects.get_or_create(code=data.pop("code"), defaults=data)
    activities = {a.number: a for a in Activity.objects.filter(plan__code=PLAN_CODE)}
    projects = Project.objects.in_bulk(FSM_PROJECTS, field_name="code")
    people = {p.name: _person(members, p) for p in ATTENDED_2023}

    events: dict[str, Event] = {}
    for row in [*HISTORY, *EVENTS]:
        event, new = Event.objects.get_or_create(
            slug=row.slug,
            defaults={
                "network": network,
                "kind": row.kind,
                "uid": uid_for(row.slug),
                "title_en": row.title_en,
                "title_fr": row.title_fr,
                "description_en": row.description_en,
                "description_fr": row.description_fr,
                "minutes_en": row.minutes_en,
                "minutes_fr": row.minutes_fr,
                "status": row.status,
                "visibility": row.visibility,
                "starts_at": row.starts_at,
                "ends_at": row.ends_at,
                "all_day": row.all_day,
                "month_only": row.month_only,
                "schedule_to_be_confirmed": row.schedule_to_be_confirmed,
                "time_zone": row.time_zone,
                "date_note": row.date_note,
                "venue": row.venue,
                "city": row.city,
                "country": countries[row.country] if row.country else None,
                "organiser": row.organiser,
                "host_member": members[row.host] if row.host else None,
                "recurrence_rule": row.recurrence_rule,
            },
        )
        if new:
            event.full_clean()
        events[row.slug] = event
        created["events"] += new
        # Links are only added: what the network links in the application stays.
        event.themes.add(*(themes[code] for code in row.themes))
        event.activities.add(*(activities[number] for number in row.activities if number in activities))
        event.projects.add(*(projects[code] for code in row.projects if code in projects))
        day = event.local_start.date() if event.local_start else None
        for item in row.programme:
            starts_at = at(day, *item.start, zone=event.zone) if day else None
            ends_at = at(day, *item.end, zone=event.zone) if day else None
            session, new = Session.objects.get_or_create(
                event=event,
                position=item.position,
                defaults={
                    "kind": item.kind,
                    "starts_at": starts_at,
                    "ends_at": ends_at,
                    "title_en": item.title_en,
                    "title_fr": item.title_fr,
                    "description_en": item.description_en,
                    "description_fr": item.description_fr,
                    "times_estimated": item.times_estimated,
                },
            )
            created["programme_items"] += new
            for position, seed_person in enumerate(item.speakers, start=1):
                _, new = SessionSpeaker.objects.get_or_create(
                    session=session,
                    person=people[seed_person.name],
                    role=item.role,
                    defaults={
                        "title_on_the_day_en": seed_person.title_en,
                        "title_on_the_day_fr": seed_person.title_fr,
                        "position": position,
                    },
                )
                created["speakers"] += new

    # The attendance of the 2023 meeting is only what the deck shows (see ATTENDED_2023).
    meeting = events[ANNUAL_MEETING_2023]
    for seed_person in ATTENDED_2023:
        person = people[seed_person.name]
        _, new = Registration.objects.get_or_create(
            event=meeting,
            person=person,
            defaults={
                "member": person.member,
                "role": seed_person.registration_role,
                "gender": person.gender,
                "attended": True,
                "registered_at": meeting.starts_at or timezone.now(),
            },
        )
        created["registrations"] += new
    return created
