"""The partners, donors and other actors the 2023 RVASE annual meeting deck names.

Loaded with the RVASE seed (``manage.py seed_rvase``), after ``load_rvase``: it needs
the network "rvase", the KH/LA/VN countries and the themes. Every organisation is
keyed on its English name, so that running it twice changes nothing.

What the deck says is kept as it says it: each relationship starts at the stage the
deck implies, through a first stage change that quotes the deck and is dated on the
annual meeting (18 May 2023), since the deck dates none of these contacts. What the
deck leaves open (which office, which full name) is written in ``notes``, never
guessed into a field.

A relationship that already exists is left alone: once the network has moved it on
in the application, running the seed again does not move it back.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction

from reseau.partners.models import Interaction, MemberNeed, NeedKind, NeedStatus, Organisation, Relationship, Stage
from reseau.partners.services import relationship_set_stage
from reseau.registry.models import Country, Member, Network, Theme

ANNUAL_MEETING = datetime.date(2023, 5, 18)
NETWORK_CODE = "rvase"

# The deck's own words, quoted in the reasons of the first stage changes.
ACTIVITY_2_ACHIEVED = (
    "2023 action plan, activity 2 (achieved): contact and dialogue — “Contact and dialogue with: {quote}”"
)
ACTIVITY_2_PLANNED = "2023 action plan, activity 2 (planned): “{quote}”"
ACTIVITY_15 = "Activity 15 (achieved): “Identification and contact with potential donors (AUF, French Embassies, ...)”."
ROAD_MAP_EU = (
    "2023 road map (2/3), item 4: “Meet the EU delegations in the three countries and the EU office in "
    "Bangkok in charge of the sub-regional approach: send introductory letters, make contact and assess "
    "the interests of each DUE in the network's work themes.”"
)
EU_NOTES = (
    "Introductory letters are planned (road map 2/3, item 4); the deck gives no date for them. "
    "The network itself is funded through the AIMF–EU Strategic Partnership; this row is about "
    "the relationship with this office."
)
SEA = ("KH", "LA", "VN")
ASIA_PACIFIC = ("Asia-Pacific", "Asie-Pacifique")
FRANCE = ("France (Île-de-France)", "France (Île-de-France)")


@dataclass(frozen=True)
class SeedOrganisation:
    name_en: str
    name_fr: str
    acronym: str
    kind: str
    stage: str
    reason: str
    countries: tuple[str, ...] = ()
    region: tuple[str, str] = ("", "")
    themes: tuple[str, ...] = ()
    notes: str = ""
    on: datetime.date = ANNUAL_MEETING


@dataclass(frozen=True)
class SeedInteraction:
    organisation: str  # English name of the organisation
    kind: str
    date: datetime.date
    summary: str
    next_step: str = ""


Kind = Organisation.Kind

ORGANISATIONS: list[SeedOrganisation] = [
    SeedOrganisation(
        name_en="United Cities and Local Governments Asia-Pacific",
        name_fr="Cités et gouvernements locaux unis Asie-Pacifique",
        acronym="UCLG-ASPAC",
        kind=Kind.LOCAL_GOVERNMENT_NETWORK,
        stage=Stage.IN_DIALOGUE,
        reason=ACTIVITY_2_ACHIEVED.format(quote="UCLG-ASPAC, AMF Secretariat; …"),
        countries=SEA,
        region=ASIA_PACIFIC,
        notes="Road map (2/3), item 4: “A framework agreement will be sought with UCLG-ASPAC.”",
    ),
    SeedOrganisation(
        name_en="ASEAN Mayors Forum (AMF) secretariat",
        name_fr="Secrétariat du Forum des maires de l'ASEAN (AMF)",
        acronym="AMF",
        kind=Kind.LOCAL_GOVERNMENT_NETWORK,
        stage=Stage.IN_DIALOGUE,
        reason=ACTIVITY_2_ACHIEVED.format(quote="UCLG-ASPAC, AMF Secretariat; …"),
        countries=SEA,
        region=("ASEAN", "ASEAN"),
        notes=(
            "The deck only says “AMF Secretariat”. In this AIMF South-East Asian context it is read as the "
            "secretariat of the ASEAN Mayors Forum; AMF is also the acronym of the Association des maires de "
            "France, so this is to be confirmed. Road map (2/3), item 4: the ASEAN Mayors' and Governors' Forum "
            "meets with the ASEAN Summit in Vientiane in 2024, where the network will consolidate its "
            "visibility and contributions."
        ),
    ),
    SeedOrganisation(
        name_en="Agence universitaire de la Francophonie — Cambodia",
        name_fr="Agence universitaire de la Francophonie — Cambodge",
        acronym="AUF",
        kind=Kind.UNIVERSITY,
        stage=Stage.IN_DIALOGUE,
        reason=ACTIVITY_2_ACHIEVED.format(quote="… The AUF in Cambodia, and Asia region office; …"),
        countries=("KH",),
        themes=("youth-universities", "french-language"),
        notes=f"The AUF is an association of francophone universities. {ACTIVITY_15}",
    ),
    SeedOrganisation(
        name_en="Agence universitaire de la Francophonie — Asia-Pacific regional office",
        name_fr="Agence universitaire de la Francophonie — Direction régionale Asie-Pacifique",
        acronym="AUF",
        kind=Kind.UNIVERSITY,
        stage=Stage.IN_DIALOGUE,
        reason=ACTIVITY_2_ACHIEVED.format(quote="… The AUF in Cambodia, and Asia region office; …"),
        region=ASIA_PACIFIC,
        themes=("youth-universities", "french-language"),
        notes=f"The deck says “Asia region office” and does not say where it is. {ACTIVITY_15}",
    ),
    SeedOrganisation(
        name_en="Agence universitaire de la Francophonie — Laos",
        name_fr="Agence universitaire de la Francophonie — Laos",
        acronym="AUF",
        kind=Kind.UNIVERSITY,
        stage=Stage.IDENTIFIED,
        reason=ACTIVITY_2_PLANNED.format(quote="AUF Laos"),
        countries=("LA",),
        themes=("youth-universities", "french-language"),
        notes="Contact planned (2023 action plan, activity 2).",
    ),
    SeedOrganisation(
        name_en="French Embassy in Cambodia",
        name_fr="Ambassade de France au Cambodge",
        acronym="",
        kind=Kind.EMBASSY,
        stage=Stage.IN_DIALOGUE,
        reason=ACTIVITY_2_ACHIEVED.format(quote="… The French Embassy in Cambodia; …"),
        countries=("KH",),
        notes=ACTIVITY_15,
    ),
    SeedOrganisation(
        name_en="French Embassy in Laos",
        name_fr="Ambassade de France au Laos",
        acronym="",
        kind=Kind.EMBASSY,
        stage=Stage.IDENTIFIED,
        reason=ACTIVITY_2_PLANNED.format(quote="Ambassies of France in Laos and Vietnam"),
        countries=("LA",),
        notes=f"Contact planned (2023 action plan, activity 2). {ACTIVITY_15}",
    ),
    SeedOrganisation(
        name_en="French Embassy in Vietnam",
        name_fr="Ambassade de France au Viêt Nam",
        acronym="",
        kind=Kind.EMBASSY,
        stage=Stage.IDENTIFIED,
        reason=ACTIVITY_2_PLANNED.format(quote="Ambassies of France in Laos and Vietnam"),
        countries=("VN",),
        notes=f"Contact planned (2023 action plan, activity 2). {ACTIVITY_15}",
    ),
    SeedOrganisation(
        name_en="Agence française de développement — Cambodia",
        name_fr="Agence française de développement — Cambodge",
        acronym="AFD",
        kind=Kind.DONOR,
        stage=Stage.IDENTIFIED,
        reason=ACTIVITY_2_PLANNED.format(quote="AFD Cambodia"),
        countries=("KH",),
        notes="Contact planned (2023 action plan, activity 2).",
    ),
    SeedOrganisation(
        name_en="Paris Île-de-France",
        name_fr="Paris Île-de-France",
        acronym="",
        kind=Kind.DECENTRALISED_COOPERATION,
        stage=Stage.IN_DIALOGUE,
        reason=ACTIVITY_2_ACHIEVED.format(
            quote="… Several decentralized cooperation partners (Paris Ile de France, Val de Marne, SIAAP); …"
        ),
        region=FRANCE,
        notes=(
            "The deck writes “Paris Ile de France”: it may mean the Île-de-France Region (Région Île-de-France), "
            "the City of Paris, or both — to be confirmed, and split into two organisations if need be."
        ),
    ),
    SeedOrganisation(
        name_en="Val-de-Marne",
        name_fr="Val-de-Marne",
        acronym="",
        kind=Kind.DECENTRALISED_COOPERATION,
        stage=Stage.IN_DIALOGUE,
        reason=ACTIVITY_2_ACHIEVED.format(
            quote="… Several decentralized cooperation partners (Paris Ile de France, Val de Marne, SIAAP); …"
        ),
        region=FRANCE,
        notes=(
            "The deck writes “Val de Marne”: presumably the Departmental Council of Val-de-Marne "
            "(Conseil départemental du Val-de-Marne) — to be confirmed."
        ),
    ),
    SeedOrganisation(
        name_en="Greater Paris Sanitation Authority",
        name_fr="Syndicat interdépartemental pour l'assainissement de l'agglomération parisienne",
        acronym="SIAAP",
        kind=Kind.DECENTRALISED_COOPERATION,
        stage=Stage.IN_DIALOGUE,
        reason=ACTIVITY_2_ACHIEVED.format(
            quote="… Several decentralized cooperation partners (Paris Ile de France, Val de Marne, SIAAP); …"
        ),
        region=FRANCE,
        themes=("urban-sanitation",),
        notes="The deck names it by its acronym only, among the decentralised-cooperation partners.",
    ),
    SeedOrganisation(
        name_en="Royal University of Fine Arts",
        name_fr="Université royale des beaux-arts",
        acronym="URBA",
        kind=Kind.UNIVERSITY,
        stage=Stage.IN_DIALOGUE,
        reason=ACTIVITY_2_ACHIEVED.format(quote="… University actors in Cambodia: URBA & URPP. …"),
        countries=("KH",),
        themes=("youth-universities",),
        notes=(
            "The deck names it by its French acronym only (“URBA”, Phnom Penh); the full name is read from that "
            "acronym. Possible partner of the CALU project (cooperation between local authorities and "
            "universities)."
        ),
    ),
    SeedOrganisation(
        name_en="Royal University of Phnom Penh",
        name_fr="Université royale de Phnom Penh",
        acronym="URPP",
        kind=Kind.UNIVERSITY,
        stage=Stage.IN_DIALOGUE,
        reason=ACTIVITY_2_ACHIEVED.format(quote="… University actors in Cambodia: URBA & URPP. …"),
        countries=("KH",),
        themes=("youth-universities",),
        notes=(
            "The deck names it by its French acronym only (“URPP”; in English usually RUPP). Possible partner of "
            "the CALU project (cooperation between local authorities and universities)."
        ),
    ),
    SeedOrganisation(
        name_en="Vietnamese Association of Cities",
        name_fr="Association des villes du Viêt Nam",
        acronym="",
        kind=Kind.LG_ASSOCIATION,
        stage=Stage.IN_DIALOGUE,
        reason=ACTIVITY_2_ACHIEVED.format(quote="… The Vietnamese Association of Cities."),
        countries=("VN",),
        notes=("Named as in the deck; presumably the Association of Cities of Vietnam (ACVN) — to be confirmed."),
    ),
    SeedOrganisation(
        name_en="Asian Development Bank",
        name_fr="Banque asiatique de développement (BAD)",
        acronym="ADB",
        kind=Kind.DONOR,
        stage=Stage.IDENTIFIED,
        reason=(
            "2023 road map (2/3), item 4, FSM theme: “initiate dialogue with the Asian Development Bank of "
            "Cambodia, and/or its regional office, as they are interested in the GBV theme via the CWIS program.”"
        ),
        countries=SEA,
        region=ASIA_PACIFIC,
        themes=("urban-sanitation",),
        notes=(
            "Dialogue to initiate with its Cambodia office and/or its regional office (road map 2/3, item 4). "
            "“GBV” in the deck is the French acronym for faecal sludge management (gestion des boues de "
            "vidange), not gender-based violence. CWIS is presumably Citywide Inclusive Sanitation. "
            "Activity 5: the network took part in the presentation of the CWIS in Phnom Penh, funded by ADB, "
            "in December 2022 (the deck gives no day: logged on 1 December)."
        ),
    ),
    SeedOrganisation(
        name_en="ASEAN Smart Cities Network",
        name_fr="Réseau des villes intelligentes de l'ASEAN",
        acronym="ASCN",
        kind=Kind.LOCAL_GOVERNMENT_NETWORK,
        stage=Stage.IDENTIFIED,
        reason=(
            "2023 road map (2/3), item 4: “ASEAN Smart Cities Network: via PPCA, make contact this network to "
            "find out about its activities and assess possible synergies.”"
        ),
        countries=SEA,
        region=("ASEAN", "ASEAN"),
        themes=("urban-governance-smart-cities",),
        notes="Contact to be made via PPCA (presumably the Phnom Penh Capital Administration — to be confirmed).",
    ),
    SeedOrganisation(
        name_en="Delegation of the European Union to Cambodia",
        name_fr="Délégation de l'Union européenne au Cambodge",
        acronym="",
        kind=Kind.EU,
        stage=Stage.IDENTIFIED,
        reason=ROAD_MAP_EU,
        countries=("KH",),
        notes=EU_NOTES,
    ),
    SeedOrganisation(
        name_en="Delegation of the European Union to Laos",
        name_fr="Délégation de l'Union européenne au Laos",
        acronym="",
        kind=Kind.EU,
        stage=Stage.IDENTIFIED,
        reason=ROAD_MAP_EU,
        countries=("LA",),
        notes=EU_NOTES,
    ),
    SeedOrganisation(
        name_en="Delegation of the European Union to Vietnam",
        name_fr="Délégation de l'Union européenne au Viêt Nam",
        acronym="",
        kind=Kind.EU,
        stage=Stage.IDENTIFIED,
        reason=ROAD_MAP_EU,
        countries=("VN",),
        notes=EU_NOTES,
    ),
    SeedOrganisation(
        name_en="European Union office in Bangkok",
        name_fr="Bureau de l'Union européenne à Bangkok",
        acronym="",
        kind=Kind.EU,
        stage=Stage.IDENTIFIED,
        reason=ROAD_MAP_EU,
        countries=SEA,
        region=("South-East Asia (sub-regional approach)", "Asie du Sud-Est (approche sous-régionale)"),
        notes=(
            "The deck: “the EU office in Bangkok in charge of the sub-regional approach”; which office exactly "
            f"is not given — to be confirmed. {EU_NOTES}"
        ),
    ),
    SeedOrganisation(
        name_en="United Nations Economic and Social Commission for Asia and the Pacific",
        name_fr="Commission économique et sociale des Nations unies pour l'Asie et le Pacifique (CESAP)",
        acronym="UN-ESCAP",
        kind=Kind.UN_AGENCY,
        stage=Stage.IDENTIFIED,
        reason=(
            "2023 road map (2/3), item 4: “UN-ESCAP (regional office of the UN Economic and Social Commission for "
            "Asia and the Pacific): make contact and exchange on smart cities (especially their support for "
            "Cambodia's MISTI ministry in drawing up their 2035 strategy).”"
        ),
        countries=SEA,
        region=ASIA_PACIFIC,
        themes=("urban-governance-smart-cities",),
        notes="To exchange on smart cities, in particular its support for Cambodia's MISTI ministry (2035 strategy).",
    ),
    SeedOrganisation(
        name_en="National Committee for Disaster Management",
        name_fr="Comité national de gestion des catastrophes",
        acronym="NCDM",
        kind=Kind.NATIONAL_AUTHORITY,
        stage=Stage.IN_DIALOGUE,
        reason=(
            "2023 annual meeting, work themes — climate change and resilience: “EMR2: Emergency preparedness: "
            "Phnom Penh, two additional Cambodian cities (selected by NCDM), and ASAC.”"
        ),
        countries=("KH",),
        themes=("climate-change-resilience",),
        notes=(
            "Cambodia's national committee. The deck describes no meeting with it: “in dialogue” is inferred from "
            "its selecting the two additional Cambodian cities of the EMR2 emergency-preparedness project."
        ),
    ),
    SeedOrganisation(
        name_en="Association of Sub-National Administration Councils",
        name_fr="Association des conseils des administrations infranationales",
        acronym="ASAC",
        kind=Kind.LG_ASSOCIATION,
        stage=Stage.IN_DIALOGUE,
        reason=(
            "2023 action plan, activity 1 (achieved): “Making contact with member cities and their focal points; "
            "confirming needs.” — “Cambodia: ASAC, Kampot, Phnom Penh.”"
        ),
        countries=("KH",),
        themes=("gender-equality", "climate-change-resilience"),
        notes=(
            "ASAC is an RVASE member (registry member “asac”); this row lets the partner registry follow it too. "
            "It proposed “Supporting local governments in Cambodia to combat violence against women and "
            "children” (under discussion) and takes part in EMR2 (emergency preparedness), spreading good "
            "practice to all Cambodian local authorities."
        ),
    ),
]

INTERACTIONS: list[SeedInteraction] = [
    SeedInteraction(
        organisation="Asian Development Bank",
        kind=Interaction.Kind.EVENT,
        date=datetime.date(2022, 12, 1),
        summary=(
            "Participation in the presentation of the CWIS in Phnom Penh, funded by ADB "
            "(2023 action plan, activity 5). The deck says “December 2022”: the day is not known."
        ),
    ),
]


@dataclass(frozen=True)
class SeedNeed:
    """A need or request a member expressed, as the deck reports it."""

    member: str  # registry slug
    kind: str
    title: str
    description: str
    status: str
    expressed_on: datetime.date = ANNUAL_MEETING


# The deck's gender-equality theme lists two proposals "under discussion" (in progress here);
# it does not date them, so they are dated on the annual meeting where the deck presents them.
# Vientiane's wish is dated by the deck itself (16 May 2023).
NEEDS: list[SeedNeed] = [
    SeedNeed(
        member="can-tho",
        kind=NeedKind.TRAINING,
        title="Capacity building for women in local government",
        description=(
            "Work themes, gender equality: “Capacity building for women in local government: proposed by the "
            "City of Can Tho, under discussion.” 2023 action plan, activity 8 (diagnosis of training needs, "
            "planned): “Finalization of the training project for women in the public service & "
            "implementation.” The deck does not date the proposal: it is dated on the annual meeting "
            "(18 May 2023) that presents it."
        ),
        status=NeedStatus.IN_PROGRESS,
    ),
    SeedNeed(
        member="asac",
        kind=NeedKind.TECHNICAL_ASSISTANCE,
        title="Supporting local governments in Cambodia to combat violence against women and children",
        description=(
            "Work themes, gender equality: “Supporting local governments in Cambodia to combat violence "
            "against women and children: proposed by ASAC, under discussion.” The deck does not date the "
            "proposal: it is dated on the annual meeting (18 May 2023) that presents it."
        ),
        status=NeedStatus.IN_PROGRESS,
    ),
    SeedNeed(
        member="vientiane",
        kind=NeedKind.OTHER,
        title="Support for the organisation of the ASEAN Mayors and Governors Forum (2024)",
        description=(
            "Network functioning (2/2): “Vientiane will host the next ASEAN Summit in 2024, as well as the "
            "ASEAN Mayors and Governors Forum. During a meeting with AIMF Permanent Secretary Pierre Baillet "
            "on May 16, 2023, the Governor of Vientiane expressed the wish that AIMF could support the "
            "organization of the event. The modalities for mobilizing the RVASE will be explored.”"
        ),
        status=NeedStatus.OPEN,
        expressed_on=datetime.date(2023, 5, 16),
    ),
]


@dataclass(frozen=True)
class SeedMemberInteraction:
    member: str  # registry slug
    kind: str
    date: datetime.date
    summary: str
    next_step: str = ""


MEMBER_INTERACTIONS: list[SeedMemberInteraction] = [
    SeedMemberInteraction(
        member="vientiane",
        kind=Interaction.Kind.MEETING,
        date=datetime.date(2023, 5, 16),
        summary=(
            "Meeting of the Governor of Vientiane with AIMF Permanent Secretary Pierre Baillet (deck, network "
            "functioning 2/2): the Governor expressed the wish that AIMF could support the organization of the "
            "ASEAN Mayors and Governors Forum that Vientiane hosts in 2024."
        ),
        next_step="Explore the modalities for mobilizing the RVASE",
    ),
]


def load_member_contacts(network: Network) -> dict[str, int]:
    """The needs and the meeting with members that the deck reports; keyed on the member and the
    need's title (the interaction's date and kind), so running it twice changes nothing. A need
    the network has since moved on is left as it is."""
    created = {"member_needs": 0, "member_interactions": 0}
    members = Member.objects.filter(network=network).in_bulk(field_name="slug")
    for need in NEEDS:
        member = members.get(need.member)
        if member is None:
            continue
        _, new = MemberNeed.objects.get_or_create(
            member=member,
            title=need.title,
            defaults={
                "kind": need.kind,
                "description": need.description,
                "status": need.status,
                "expressed_on": need.expressed_on,
            },
        )
        created["member_needs"] += new
    for item in MEMBER_INTERACTIONS:
        member = members.get(item.member)
        if member is None:
            continue
        _, new = Interaction.objects.update_or_create(
            member=member,
            network=network,
            kind=item.kind,
            date=item.date,
            defaults={"summary": item.summary, "next_step": item.next_step},
        )
        created["member_interactions"] += new
    return created


@transaction.atomic
def load_partners() -> dict[str, int]:
    """Create or bring up to date the deck's organisations; returns how many rows were created."""
    created = {"organisations": 0, "relationships": 0, "interactions": 0}
    network = Network.objects.get(code=NETWORK_CODE)
    countries = Country.objects.in_bulk(field_name="code")
    themes = Theme.objects.in_bulk(field_name="code")
    organisations: dict[str, Organisation] = {}
    for row in ORGANISATIONS:
        organisation, new = Organisation.objects.update_or_create(
            name_en=row.name_en,
            defaults={
                "name_fr": row.name_fr,
                "acronym": row.acronym,
                "kind": row.kind,
                "region_en": row.region[0],
                "region_fr": row.region[1],
                "notes": row.notes,
            },
        )
        created["organisations"] += new
        organisation.countries.set([countries[code] for code in row.countries])
        organisation.themes.set([themes[code] for code in row.themes])
        organisations[row.name_en] = organisation
        if not Relationship.objects.filter(organisation=organisation, network=network).exists():
            relationship_set_stage(
                actor=None, organisation=organisation, network=network, stage=row.stage, on=row.on, reason=row.reason
            )
            created["relationships"] += 1
    for item in INTERACTIONS:
        _, new = Interaction.objects.update_or_create(
            organisation=organisations[item.organisation],
            network=network,
            kind=item.kind,
            date=item.date,
            defaults={"summary": item.summary, "next_step": item.next_step},
        )
        created["interactions"] += new
    created.update(load_member_contacts(network))
    return created
