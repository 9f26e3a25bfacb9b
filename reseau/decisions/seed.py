"""The RVASE decisions and action items of the 2023 annual meeting's conclusions, as the deck gives them.

Loaded with the RVASE seed (``manage.py seed_rvase``), after the plans and events seeds:
the decisions and action items of the conclusions ("Network Road Map (1/3) to (3/3)" and
"Network functioning"), linked to the plan activities they follow up and to the meeting
of 18 May 2023 in the calendar.

Every row is keyed on the decision's English text and the meeting date, so running it
twice changes nothing. Titles are brought up to date on every run; statuses, owners and
due dates are written only when the row is created, so running the seed again never
moves anything back.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction

from reseau.decisions.models import Decision
from reseau.events.models import Event
from reseau.events.seed import ANNUAL_MEETING_2023, PHNOM_PENH_CONFERENCE_2019
from reseau.plans.models import Activity
from reseau.registry.models import Member, Network

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


# What the second conference of the cities of South-East Asia decided (Phnom Penh, 2 December
# 2019), as the coordinator's terms of reference tell it. Both were carried out: the common action
# plan was followed by the 2023 action plan, and the regional office opened at Phnom Penh City
# Hall (its hosting renewed in May 2022).
CONFERENCE_2019 = datetime.date(2019, 12, 2)
CONFERENCE_2019_MEETING = "Second conference of the cities of South-East Asia, Phnom Penh"
DECISIONS_2019: list[SeedDecision] = [
    SeedDecision(
        title_en=(
            "A common action plan is adopted around priority themes such as urban resilience, the digital "
            "transition, data standardisation and the fight against climate change."
        ),
        title_fr=(
            "Un plan d'action commun est adopté autour de thématiques prioritaires telles que la résilience "
            "urbaine, la transition numérique, la standardisation des données et la lutte contre le changement "
            "climatique."
        ),
        kind=DK.DECISION,
        status=DS.DONE,
    ),
    SeedDecision(
        title_en=(
            "A regional office of the AIMF South-East Asian Cities Network is created, hosted by Phnom Penh City Hall."
        ),
        title_fr=(
            "Un Bureau régional du Réseau AIMF des villes d'Asie du Sud-Est est créé, hébergé par la Mairie de "
            "Phnom Penh."
        ),
        kind=DK.DECISION,
        status=DS.DONE,
        owner="phnom-penh",
    ),
]


@transaction.atomic
def load_decisions() -> dict[str, int]:
    """Create or bring up to date the conclusions' decisions and action items; returns rows created."""
    created = {"decisions": 0}
    network = Network.objects.get(code=NETWORK_CODE)
    members = Member.objects.in_bulk(field_name="slug")
    activities = {a.number: a for a in Activity.objects.filter(plan__code=PLAN_CODE)}

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

    for item in DECISIONS_2019:
        _, new = Decision.objects.update_or_create(
            network=network,
            meeting_date=CONFERENCE_2019,
            title_en=item.title_en,
            defaults={"title_fr": item.title_fr, "kind": item.kind, "meeting": CONFERENCE_2019_MEETING},
            create_defaults={
                "title_en": item.title_en,
                "title_fr": item.title_fr,
                "kind": item.kind,
                "meeting": CONFERENCE_2019_MEETING,
                "status": item.status,
                "owner_member": members[item.owner] if item.owner else None,
            },
        )
        created["decisions"] += new

    # They were taken at meetings the events seed puts in the calendar.
    for slug, date in ((ANNUAL_MEETING_2023, ANNUAL_MEETING), (PHNOM_PENH_CONFERENCE_2019, CONFERENCE_2019)):
        meeting = Event.objects.filter(slug=slug).first()
        if meeting is not None:
            Decision.objects.filter(network=network, meeting_date=date, event__isnull=True).update(event=meeting)
    return created
