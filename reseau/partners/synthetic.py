"""Invented partner organisations, for tests and benchmarks.

``generate_partners(network=…, organisations=200)`` adds 200 organisations, each
with a relationship to the network (built up through 1 to 4 stage changes), 0 to 3
contacts (new people with no member), 0 to 3 interactions — some with a next step
that is overdue (``funding.synthetic`` adds calls from the donors among them). Names are in
English and French, some with an acronym, a few accented. Everything is made up.

The output depends only on ``seed`` and on how many organisations were already
generated for that network: each organisation carries a running index in its notes
(and its contacts in their e-mail addresses); a new batch continues the index and
seeds its random generator with it, so reruns append other names.

Rows are written with ``bulk_create``, which skips ``Organisation.save``; the
generator therefore fills ``match_names`` itself, exactly as ``save`` does.
"""

from __future__ import annotations

import datetime
import random
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from reseau.partners.models import (
    Interaction,
    Organisation,
    OrganisationContact,
    Relationship,
    Stage,
    StageChange,
    organisation_match_names,
)
from reseau.registry.models import Network, Person
from reseau.registry.seed_rvase import COUNTRIES
from reseau.registry.synthetic import (
    KHMER_SYLLABLES,
    LAO_SYLLABLES,
    VIETNAMESE_SYLLABLES,
    _countries,
    _person_name,
    _random_date,
    ensure_themes,
    strip_accents,
)

NOTE_PREFIX = "Invented organisation (synthetic data) #"

Kind = Organisation.Kind

# Proper nouns that read the same in both languages; a few accented.
WORDS = [
    "Lotus",
    "Mékong",
    "Horizon",
    "Aurora",
    "Émeraude",
    "Boreal",
    "Céleste",
    "Cascade",
    "Lumière",
    "Meridian",
    "Pléiade",
    "Azur",
    "Solstice",
    "Jasmine",
    "Bamboo",
    "Delta",
    "Harmony",
    "Orchid",
    "Monsoon",
    "Tonlé",
    "Sesame",
    "Zenith",
    "Alizé",
    "Pearl",
    "Sapphire",
    "Cedar",
    "Palm",
    "Summit",
    "Keystone",
    "Riverside",
]
FRENCH_TOWN_HEADS = [
    "Valmont",
    "Beaulieu",
    "Montclair",
    "Roche",
    "Villeneuve",
    "Châteaubrun",
    "Saint-Aubin",
    "Bréval",
    "Fontenay",
    "Clairvaux",
    "Sainte-Hélène",
    "Belvès",
]
FRENCH_TOWN_TAILS = ["-sur-Loire", "-les-Prés", "-en-Vexin", "-la-Rivière", "-sur-Orne", "-le-Haut", "-des-Bois", ""]
# English topic, French topic (with its article, after "pour"), theme code
TOPICS: list[tuple[str, str, str]] = [
    ("Urban Sanitation", "l'assainissement urbain", "urban-sanitation"),
    ("Smart Cities", "les villes intelligentes", "urban-governance-smart-cities"),
    ("Urban Governance", "la gouvernance urbaine", "urban-governance-smart-cities"),
    ("Sustainable Tourism", "le tourisme durable", "smart-sustainable-tourism"),
    ("Gender Equality", "l'égalité femmes-hommes", "gender-equality"),
    ("Climate Resilience", "la résilience climatique", "climate-change-resilience"),
    ("University Cooperation", "la coopération universitaire", "youth-universities"),
    ("the French Language", "la langue française", "french-language"),
]
REGIONS: list[tuple[str, str]] = [
    ("South-East Asia", "Asie du Sud-Est"),
    ("Mekong region", "Région du Mékong"),
    ("Asia-Pacific", "Asie-Pacifique"),
    ("ASEAN", "ASEAN"),
]
KIND_WEIGHTS: list[tuple[str, int]] = [
    (Kind.DONOR, 20),
    (Kind.UNIVERSITY, 15),
    (Kind.LOCAL_GOVERNMENT_NETWORK, 12),
    (Kind.NATIONAL_AUTHORITY, 10),
    (Kind.DECENTRALISED_COOPERATION, 15),
    (Kind.LG_ASSOCIATION, 8),
    (Kind.PRIVATE_SECTOR, 10),
    (Kind.OTHER, 10),
]
# Kinds tied to one country (the others cover a region).
NATIONAL_KINDS = {Kind.UNIVERSITY, Kind.NATIONAL_AUTHORITY, Kind.LG_ASSOCIATION}
STAGE_PATH: list[str] = [Stage.IDENTIFIED, Stage.CONTACTED, Stage.IN_DIALOGUE, Stage.COOPERATING]
STAGE_WEIGHTS: list[tuple[str, int]] = [
    (Stage.IDENTIFIED, 30),
    (Stage.CONTACTED, 20),
    (Stage.IN_DIALOGUE, 25),
    (Stage.COOPERATING, 10),
    (Stage.DORMANT, 15),
]
REASONS: dict[str, list[str]] = {
    Stage.IDENTIFIED: [
        "Identified while mapping the actors of the {topic} theme.",
        "Suggested by a member during a working group on {topic}.",
    ],
    Stage.CONTACTED: ["Introductory e-mail sent.", "Met at a regional event; contacts exchanged."],
    Stage.IN_DIALOGUE: ["Regular exchanges started on {topic}.", "Follow-up meeting held; shared interests confirmed."],
    Stage.COOPERATING: ["Memorandum of understanding signed.", "Cooperation agreement signed on {topic}."],
    Stage.DORMANT: ["No answer after several follow-ups.", "Our contact person left; relationship on hold."],
}
SUMMARIES: dict[str, str] = {
    Interaction.Kind.MEETING: "Meeting on {topic}: presented the network and its members' projects.",
    Interaction.Kind.LETTER: "Introductory letter presenting the network's work themes.",
    Interaction.Kind.EMAIL: "E-mail exchange on a possible cooperation on {topic}.",
    Interaction.Kind.CALL: "Call with their team about {topic}.",
    Interaction.Kind.EVENT: "Met at a regional conference on {topic}.",
}
NEXT_STEPS = [
    "Send the network's presentation",
    "Share the recommendations of the FSM conference",
    "Propose a date for a follow-up meeting",
    "Introduce them to the focal points concerned",
    "Send the draft concept note",
    "Ask for their list of open calls",
]
FRENCH_GIVEN: list[tuple[str, str]] = [
    ("Hélène", "woman"),
    ("Céline", "woman"),
    ("Anaïs", "woman"),
    ("Claire", "woman"),
    ("Zoé", "woman"),
    ("Éric", "man"),
    ("François", "man"),
    ("Jérôme", "man"),
    ("Raphaël", "man"),
    ("Thomas", "man"),
]
FRENCH_FAMILY = ["Lefèvre", "Dubois", "Moreau", "Girard", "Rousseau", "Fournier", "Mercier", "Bélanger", "Garnier"]
# English role, French role
CONTACT_ROLES: list[tuple[str, str]] = [
    ("Programme officer", "Chargé·e de programme"),
    ("Head of cooperation", "Chef·fe de la coopération"),
    ("Project manager", "Responsable de projet"),
    ("Director", "Directeur·rice"),
    ("Partnerships officer", "Chargé·e des partenariats"),
]
STOPWORDS = {"of", "for", "the", "and", "in", "on", "&"}


def _place(rng: random.Random, country: str) -> str:
    if country == "VN":
        return " ".join(rng.sample(VIETNAMESE_SYLLABLES, 2))
    syllables = KHMER_SYLLABLES if country == "KH" else LAO_SYLLABLES
    return " ".join(roman for _, roman in rng.sample(syllables, 2))


def _names(rng: random.Random, kind: str, country: str, country_names: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """(English name, French name) of an invented organisation."""
    word = rng.choice(WORDS)
    topic_en, topic_fr, _ = rng.choice(TOPICS)
    if kind == Kind.DONOR:
        if rng.random() < 0.5:
            return f"{word} Foundation for {topic_en}", f"Fondation {word} pour {topic_fr}"
        return f"{word} Development Fund", f"Fonds de développement {word}"
    if kind == Kind.UNIVERSITY:
        place = _place(rng, country)
        if rng.random() < 0.6:
            return f"University of {place}", f"Université de {place}"
        return f"{place} Institute of Technology", f"Institut de technologie de {place}"
    if kind == Kind.LOCAL_GOVERNMENT_NETWORK:
        return f"{word} Network of Cities for {topic_en}", f"Réseau {word} des villes pour {topic_fr}"
    if kind == Kind.NATIONAL_AUTHORITY:
        country_en, country_fr = country_names[country]
        return (
            f"National Committee for {topic_en} ({country_en})",
            f"Comité national pour {topic_fr} ({country_fr})",
        )
    if kind == Kind.DECENTRALISED_COOPERATION:
        town = rng.choice(FRENCH_TOWN_HEADS) + rng.choice(FRENCH_TOWN_TAILS)
        if rng.random() < 0.5:
            return f"{town} Urban Community", f"Communauté urbaine de {town}"
        return f"{town} Departmental Council", f"Conseil départemental de {town}"
    if kind == Kind.LG_ASSOCIATION:
        place = _place(rng, country)
        return f"Association of {place} Municipalities", f"Association des communes de {place}"
    if kind == Kind.PRIVATE_SECTOR:
        if rng.random() < 0.5:
            return f"{word} Water & Sanitation Ltd", f"{word} Eau et Assainissement SARL"
        return f"{word} Smart City Solutions", f"{word} Solutions pour la ville intelligente"
    return f"{word} Institute for {topic_en}", f"Institut {word} pour {topic_fr}"


def _acronym(name_en: str) -> str:
    letters = [w[0] for w in strip_accents(name_en).replace("(", " ").split() if w.lower() not in STOPWORDS]
    return "".join(c for c in letters if c.isalpha()).upper()


def _next_index(network: Network, domain: str) -> int:
    """One past the highest running index already used for this network's organisations."""
    prefix = f"{NOTE_PREFIX}{network.code}-"
    highest = -1
    for notes in Organisation.objects.filter(notes__startswith=prefix).values_list("notes", flat=True):
        match = re.match(rf"{re.escape(prefix)}(\d+)", notes)
        if match:
            highest = max(highest, int(match.group(1)))
    for email in Person.objects.filter(email__endswith=f"@{domain}").values_list("email", flat=True):
        match = re.match(r"o(\d+)-", email or "")
        if match:
            highest = max(highest, int(match.group(1)))
    return highest + 1


def _stage_path(rng: random.Random, final: str) -> list[str]:
    """The stages a relationship went through, ending at ``final``."""
    if final == Stage.DORMANT:
        reached = rng.choice([Stage.CONTACTED, Stage.IN_DIALOGUE, Stage.COOPERATING])
        return [*_stage_path(rng, reached), Stage.DORMANT]
    end = STAGE_PATH.index(Stage(final))
    start = rng.randint(0, end)
    return STAGE_PATH[start : end + 1]


@transaction.atomic
def generate_partners(*, network: Network, organisations: int, seed: int = 0) -> list[tuple[Organisation, list[str]]]:
    """Add ``organisations`` invented organisations, with their relationship to ``network``,
    contacts and interactions. Deterministic for a seed and a number of organisations already
    generated for the network. Returns each new organisation with the countries it covers."""
    if organisations < 0:
        raise ValueError("organisations must not be negative.")
    if organisations == 0:
        return []
    today = timezone.localdate()
    countries = _countries()
    themes = ensure_themes()
    domain = f"partners.{network.code}.reseau.test"
    start = _next_index(network, domain)
    rng = random.Random(f"partners:{seed}:{start}")  # noqa: S311 — test data, not secrets

    # Organisations, with their countries and themes.
    namer = _Namer(rng, {c["code"]: (c["name_en"], c["name_fr"]) for c in COUNTRIES})
    drafts = [_organisation(rng, namer, sorted(countries), network, start + offset) for offset in range(organisations)]
    rows = [draft.organisation for draft in drafts]
    Organisation.objects.bulk_create(rows)
    CountryLink = Organisation.countries.through
    ThemeLink = Organisation.themes.through
    CountryLink.objects.bulk_create(
        CountryLink(organisation_id=draft.organisation.pk, country_id=countries[code].pk)
        for draft in drafts
        for code in draft.covered
    )
    ThemeLink.objects.bulk_create(
        ThemeLink(organisation_id=draft.organisation.pk, theme_id=themes[draft.topic[2]].pk) for draft in drafts
    )

    # Contacts: new people working for no member.
    org_people = [
        _staff(rng, draft, email=f"o{start + offset:05d}-{{k}}@{domain}") for offset, draft in enumerate(drafts)
    ]
    people = [person for staff in org_people for person, _ in staff]
    for person in people:
        person.search_text = person.folded_names()
    Person.objects.bulk_create(people)
    OrganisationContact.objects.bulk_create(
        OrganisationContact(organisation=draft.organisation, person=person, role=role)
        for draft, staff in zip(drafts, org_people, strict=True)
        for person, role in staff
    )

    # Relationships, the stage changes that led to them, and interactions.
    paths = [_relationship_history(rng, today) for _ in rows]
    relationships = [
        Relationship(organisation=org, network=network, stage=dated[-1][0], since=dated[-1][1])
        for org, dated in zip(rows, paths, strict=True)
    ]
    Relationship.objects.bulk_create(relationships)
    changes: list[StageChange] = []
    interactions: list[tuple[Interaction, list[Person]]] = []
    for relationship, dated, draft, staff in zip(relationships, paths, drafts, org_people, strict=True):
        topic = draft.topic[0].lower()
        changes += _stage_changes(rng, relationship, dated, topic)
        people = [person for person, _ in staff]
        interactions += _interactions(rng, relationship, network, topic, people, since=dated[0][1], today=today)
    StageChange.objects.bulk_create(changes)
    Interaction.objects.bulk_create(interaction for interaction, _ in interactions)
    TheirPeople = Interaction.their_people.through
    TheirPeople.objects.bulk_create(
        TheirPeople(interaction_id=interaction.pk, person_id=person.pk)
        for interaction, chosen in interactions
        for person in chosen
    )

    return [(draft.organisation, draft.covered) for draft in drafts]


class _Namer:
    """Draws organisation names, mostly distinct: after a few draws an office tells twins apart."""

    def __init__(self, rng: random.Random, country_names: dict[str, tuple[str, str]]) -> None:
        self.rng = rng
        self.country_names = country_names
        self.used: set[str] = set()

    def names(self, kind: str, country: str) -> tuple[str, str]:
        name_en, name_fr = _names(self.rng, kind, country, self.country_names)
        for _ in range(4):
            if name_en not in self.used:
                break
            name_en, name_fr = _names(self.rng, kind, country, self.country_names)
        if name_en in self.used:
            place = _place(self.rng, country)
            name_en, name_fr = f"{name_en} — {place} office", f"{name_fr} — bureau de {place}"
        self.used.add(name_en)
        return name_en, name_fr


@dataclass(frozen=True)
class _OrganisationDraft:
    organisation: Organisation
    covered: list[str]  # country codes
    names: tuple[str, str]  # English, French
    topic: tuple[str, str, str]  # one of TOPICS


def _organisation(
    rng: random.Random, namer: _Namer, country_codes: list[str], network: Network, index: int
) -> _OrganisationDraft:
    kind = rng.choices([kind for kind, _ in KIND_WEIGHTS], [weight for _, weight in KIND_WEIGHTS])[0]
    country = rng.choice(country_codes)
    name_en, name_fr = namer.names(kind, country)
    acronym = _acronym(name_en) if kind != Kind.DECENTRALISED_COOPERATION and rng.random() < 0.4 else ""
    if kind in NATIONAL_KINDS:
        covered, region = [country], ("", "")
    else:
        covered = sorted(rng.sample(country_codes, rng.randint(1, len(country_codes))))
        region = rng.choice(REGIONS) if kind != Kind.DECENTRALISED_COOPERATION else ("France", "France")
    organisation = Organisation(
        name_en=name_en,
        name_fr=name_fr,
        acronym=acronym,
        kind=kind,
        region_en=region[0],
        region_fr=region[1],
        website=f"https://{slugify(strip_accents(name_en))[:50]}.example.org" if rng.random() < 0.3 else "",
        notes=f"{NOTE_PREFIX}{network.code}-{index:05d}. Made up for tests and benchmarks.",
        shared_with_partners=rng.random() < 0.2,
    )
    organisation.match_names = organisation_match_names([name_en, name_fr, acronym])
    return _OrganisationDraft(organisation, covered, (name_en, name_fr), rng.choice(TOPICS))


def _staff(rng: random.Random, draft: _OrganisationDraft, *, email: str) -> list[tuple[Person, str]]:
    """Zero to three people working for the organisation, each with their role in English;
    ``email`` has a ``{k}`` for their rank."""
    org, (name_en, name_fr) = draft.organisation, draft.names
    staff: list[tuple[Person, str]] = []
    for k in range(1, rng.choices([0, 1, 2, 3], [25, 40, 25, 10])[0] + 1):
        if org.kind == Kind.DECENTRALISED_COOPERATION or rng.random() < 0.3:
            given, gender = rng.choice(FRENCH_GIVEN)
            name, name_local = f"{given} {rng.choice(FRENCH_FAMILY).upper()}", ""
        else:
            person_name = _person_name(rng, rng.choice(draft.covered))
            name, name_local, gender = person_name.name, person_name.local, person_name.gender
        role_en, role_fr = rng.choice(CONTACT_ROLES)
        person = Person(
            member=None,
            honorific=Person.Honorific.MS if gender == Person.Gender.WOMAN else Person.Honorific.MR,
            name=name,
            name_local=name_local,
            title_en=role_en,
            title_fr=role_fr,
            organisation_en=name_en,
            organisation_fr=name_fr,
            email=email.format(k=k),
            gender=gender,
            languages=["en", "fr"] if rng.random() < 0.5 else ["en"],
        )
        staff.append((person, role_en))
    return staff


def _relationship_history(rng: random.Random, today: datetime.date) -> list[tuple[str, datetime.date]]:
    """The stages the relationship went through, each with the day it was reached."""
    path = _stage_path(rng, rng.choices([stage for stage, _ in STAGE_WEIGHTS], [w for _, w in STAGE_WEIGHTS])[0])
    on = _random_date(rng, today - datetime.timedelta(days=3 * 365), today - datetime.timedelta(days=60))
    dated: list[tuple[str, datetime.date]] = []
    for stage in path:
        dated.append((stage, on))
        on = min(on + datetime.timedelta(days=rng.randint(15, 200)), today)
    return dated


def _stage_changes(
    rng: random.Random, relationship: Relationship, dated: list[tuple[str, datetime.date]], topic: str
) -> list[StageChange]:
    changes = []
    previous = ""
    for stage, on in dated:
        reason = rng.choice(REASONS[stage]).format(topic=topic)
        changes.append(
            StageChange(relationship=relationship, from_stage=previous, to_stage=stage, on=on, reason=reason)
        )
        previous = stage
    return changes


def _interactions(
    rng: random.Random,
    relationship: Relationship,
    network: Network,
    topic: str,
    staff: list[Person],
    *,
    since: datetime.date,
    today: datetime.date,
) -> list[tuple[Interaction, list[Person]]]:
    """Up to three interactions since the first contact (one at most while merely identified),
    each with the organisation's people who took part."""
    count = rng.choices([0, 1, 2, 3], [20, 35, 30, 15])[0]
    if relationship.stage == Stage.IDENTIFIED:
        count = min(count, 1)
    interactions = []
    for _ in range(count):
        kind = rng.choice(list(Interaction.Kind))
        date = _random_date(rng, since, today)
        interaction = Interaction(
            organisation=relationship.organisation,
            network=network,
            kind=kind,
            date=date,
            summary=SUMMARIES[kind].format(topic=topic),
        )
        _draw_next_step(rng, interaction, today)
        interactions.append((interaction, rng.sample(staff, rng.randint(0, len(staff))) if staff else []))
    return interactions


def _draw_next_step(rng: random.Random, interaction: Interaction, today: datetime.date) -> None:
    """Most interactions name a next step, most with a due date; past steps are mostly done, the rest overdue."""
    if rng.random() < 0.55:
        interaction.next_step = rng.choice(NEXT_STEPS)
        if rng.random() < 0.85:
            due = interaction.date + datetime.timedelta(days=rng.randint(7, 90))
            interaction.next_step_due = due
            if due < today and rng.random() < 0.6:
                interaction.next_step_done_on = min(due + datetime.timedelta(days=rng.randint(-5, 10)), today)
