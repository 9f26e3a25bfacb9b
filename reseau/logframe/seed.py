"""A starter logical framework for the RVASE, from the 2023 annual meeting deck.

Loaded with the RVASE seed (``manage.py seed_rvase``), after the registry seed: its
indicators the platform mostly computes from its own data (focal points, dues,
partners, projects, events and their attendance), and the one value of the thematic
conference.

Every row is keyed on a natural key (result and indicator codes), so running it twice
changes nothing. Titles are brought up to date on every run; baselines, targets and
values are written only when the row is created, so running the seed again never
moves anything back.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from reseau.logframe.models import Computation, Indicator, IndicatorValue, Result
from reseau.registry.models import Network

NETWORK_CODE = "rvase"
# "Study trip and FSM conference which took place in Cambodia (18-20 may 2023)" (road map 1/3, item 2).
FSM_CONFERENCE_END = datetime.date(2023, 5, 20)

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
    # The deck's third expected result ("Recognition and the success of local authorities advocacy
    # from the national to the international level + a deepening of decentralization process"),
    # carried by activities 5 and 7 of the 2023 plan and by the coordinator's terms of reference
    # ("élaboration des messages et des stratégies de plaidoyer").
    (
        "OC4",
        Result.Level.OUTCOME,
        "IM1",
        "Local authorities' advocacy recognised and successful from the national to the international level, and "
        "the decentralisation process deepened",
        "Le plaidoyer des autorités locales reconnu et couronné de succès du niveau national au niveau "
        "international, et le processus de décentralisation approfondi",
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
    (
        "OP4.1",
        Result.Level.OUTPUT,
        "OC4",
        "Advocacy messages and strategies drawn up by the network and carried at national dialogues and at "
        "Francophonie and urban development events (activities 5 and 7)",
        "Messages et stratégies de plaidoyer élaborés par le réseau et portés lors des dialogues nationaux et des "
        "événements de la Francophonie et du développement urbain (activités 5 et 7)",
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
            "with their AIMF membership fees.” No baseline yet: the RVASE seed records no dues, and a member "
            "counts only once that year's dues are recorded as paid or waived (the computed value is 0 until "
            "then); set the baseline once the secretariat has recorded the 2023 dues. Target: every member (12 "
            "in 2023) by 2025. " + ILLUSTRATIVE
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
        baseline_value=Decimal(7),
        baseline_year=2023,
        target_value=Decimal(12),
        target_year=2025,
        sources="Computed by the platform from the network's calendar (events marked as held).",
        assumptions=(
            "Baseline: the seven events the RVASE seed records as held by the end of 2023 — from the network's "
            "history (coordinator's terms of reference), the conferences in Vientiane (April 2013), the meeting in "
            "Huế (December 2017) and the second conference of the cities of South-East Asia in Phnom Penh (2 "
            "December 2019); the presentation of the CWIS in Phnom Penh (December 2022) and the General Assembly "
            "of the Francophonie in Cambodia (March 2023), both in activity 5; the annual meeting (18 May 2023); "
            "the FSM conference and study trip (18-20 May 2023). A running count. Target: 12 by 2025 (an annual "
            "meeting and a thematic conference a year, and partner events). " + ILLUSTRATIVE
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
    SeedIndicator(
        result="OP4.1",
        code="OP4.1.a",
        title_en="Number of advocacy documents adopted by the network",
        title_fr="Nombre de documents de plaidoyer adoptés par le réseau",
        unit="documents",
        baseline_value=Decimal(0),
        baseline_year=2023,
        target_value=Decimal(1),
        target_year=2025,
        sources="The advocacy document as adopted by the network (decisions register); the narrative reports.",
        assumptions=(
            "Activity 7: “Advocacy activities planned following the adoption of an advocacy document by the "
            "network.” No such document is reported in 2023. Target: one by 2025. " + ILLUSTRATIVE
        ),
    ),
]

# Assumptions an earlier seed wrote that are no longer true; replaced on the next run, with the
# baseline they explain, when nobody has edited them since.
SUPERSEDED_ASSUMPTIONS = {
    "OC1.b": (
        "Baseline: the four events the RVASE seed records as held by the end of 2023 — the presentation of "
        "the CWIS in Phnom Penh (December 2022) and the General Assembly of the Francophonie in Cambodia "
        "(March 2023), both in activity 5; the annual meeting (18 May 2023); the FSM conference and study "
        "trip (18-20 May 2023). A running count. Target: 12 by 2025 (an annual meeting and a thematic "
        "conference a year, and partner events). " + ILLUSTRATIVE
    ),
    "OC1.a": (
        "Network functioning (1/2): “In order to be included in the activities, members must be up to date "
        "with their AIMF membership fees.” No baseline yet: the RVASE seed records no dues, and a member with "
        "no dues recorded counts as up to date (the computed value is then every member); set the baseline "
        "once the secretariat has recorded the 2023 dues. Target: every member (12 in 2023) by 2025. " + ILLUSTRATIVE
    ),
}

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
def load_logframe() -> dict[str, int]:
    """Create or bring up to date the starter logframe; returns rows created."""
    created = {"results": 0, "indicators": 0, "indicator_values": 0}
    network = Network.objects.get(code=NETWORK_CODE)

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
                # The deck sets no targets: every seeded baseline and target is an example.
                "values_illustrative": True,
                "milestones": ind.milestones,
                "assumptions": ind.assumptions,
                "disaggregation": list(ind.disaggregation),
            },
        )
        created["indicators"] += new
        if not new and indicators[ind.code].assumptions == SUPERSEDED_ASSUMPTIONS.get(ind.code):
            indicators[ind.code].assumptions = ind.assumptions
            indicators[ind.code].baseline_value = ind.baseline_value
            indicators[ind.code].baseline_year = ind.baseline_year
            indicators[ind.code].save(update_fields=["assumptions", "baseline_value", "baseline_year"])

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
