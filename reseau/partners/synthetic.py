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
    country_names = {c["code"]: (c["name_en"], c["name_fr"]) for c in COUNTRIES}
    domain = f"partners.{network.code}.reseau.test"
    start = _next_index(network, domain)
    rng = random.Random(f"partners:{seed}:{start}")  # noqa: S311 — test data, not secrets
    kinds = [kind for kind, _ in KIND_WEIGHTS]
    kind_weights = [weight for _, weight in KIND_WEIGHTS]
    stages = [stage for stage, _ in STAGE_WEIGHTS]
    stage_weights = [weight for _, weight in STAGE_WEIGHTS]
    country_codes = sorted(countries)

    # Organisations, with their countries and themes.
    rows: list[Organisation] = []
    org_countries: list[list[str]] = []
    org_topics: list[tuple[str, str, str]] = []
    used: set[str] = set()
    org_names: list[tuple[str, str]] = []
    for offset in range(organisations):
        index = start + offset
        kind = rng.choices(kinds, kind_weights)[0]
        country = rng.choice(country_codes)
        name_en, name_fr = _names(rng, kind, country, country_names)
        for _ in range(4):  # a few draws keep names mostly distinct; then an office tells them apart
            if name_en not in used:
                break
            name_en, name_fr = _names(rng, kind, country, country_names)
        if name_en in used:
            place = _place(rng, country)
            name_en, name_fr = f"{name_en} — {place} office", f"{name_fr} — bureau de {place}"
        used.add(name_en)
        org_names.append((name_en, name_fr))
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
        rows.append(organisation)
        org_countries.append(covered)
        org_topics.append(rng.choice(TOPICS))
    Organisation.objects.bulk_create(rows)
    CountryLink = Organisation.countries.through
    ThemeLink = Organisation.themes.through
    CountryLink.objects.bulk_create(
        CountryLink(organisation_id=org.pk, country_id=countries[code].pk)
        for org, covered in zip(rows, org_countries, strict=True)
        for code in covered
    )
    ThemeLink.objects.bulk_create(
        ThemeLink(organisation_id=org.pk, theme_id=themes[code].pk)
        for org, (_, _, code) in zip(rows, org_topics, strict=True)
    )

    # Contacts: new people working for no member.
    people: list[Person] = []
    contacts: list[OrganisationContact] = []
    org_people: list[list[Person]] = []
    for offset, (org, covered, (name_en, name_fr)) in enumerate(zip(rows, org_countries, org_names, strict=True)):
        staff: list[Person] = []
        for k in range(1, rng.choices([0, 1, 2, 3], [25, 40, 25, 10])[0] + 1):
            if org.kind == Kind.DECENTRALISED_COOPERATION or rng.random() < 0.3:
                given, gender = rng.choice(FRENCH_GIVEN)
                name, name_local = f"{given} {rng.choice(FRENCH_FAMILY).upper()}", ""
            else:
                person_name = _person_name(rng, rng.choice(covered))
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
                email=f"o{start + offset:05d}-{k}@{domain}",
                gender=gender,
                languages=["en", "fr"] if rng.random() < 0.5 else ["en"],
            )
            staff.append(person)
            contacts.append(OrganisationContact(organisation=org, person=person, role=role_en))
        people.extend(staff)
        org_people.append(staff)
    Person.objects.bulk_create(people)
    OrganisationContact.objects.bulk_create(contacts)

    # Relationships, the stage changes that led to them, and interactions.
    relationships: list[Relationship] = []
    paths: list[list[tuple[str, datetime.date]]] = []
    for org in rows:
        path = _stage_path(rng, rng.choices(stages, stage_weights)[0])
        on = _random_date(rng, today - datetime.timedelta(days=3 * 365), today - datetime.timedelta(days=60))
        dated: list[tuple[str, datetime.date]] = []
        for stage in path:
            dated.append((stage, on))
            on = min(on + datetime.timedelta(days=rng.randint(15, 200)), today)
        paths.append(dated)
        relationships.append(Relationship(organisation=org, network=network, stage=path[-1], since=dated[-1][1]))
    Relationship.objects.bulk_create(relationships)
    changes: list[StageChange] = []
    interactions: list[Interaction] = []
    interaction_people: list[list[Person]] = []
    for relationship, dated, topic, staff in zip(relationships, paths, org_topics, org_people, strict=True):
        previous = ""
        for stage, on in dated:
            reason = rng.choice(REASONS[stage]).format(topic=topic[0].lower())
            changes.append(
                StageChange(relationship=relationship, from_stage=previous, to_stage=stage, on=on, reason=reason)
            )
            previous = stage
        first_on = dated[0][1]
        count = rng.choices([0, 1, 2, 3], [20, 35, 30, 15])[0]
        if relationship.stage == Stage.IDENTIFIED:
            count = min(count, 1)
        for _ in range(count):
            kind = rng.choice(list(Interaction.Kind))
            date = _random_date(rng, first_on, today)
            interaction = Interaction(
                organisation=relationship.organisation,
                network=network,
                kind=kind,
                date=date,
                summary=SUMMARIES[kind].format(topic=topic[0].lower()),
            )
            if rng.random() < 0.55:
                interaction.next_step = rng.choice(NEXT_STEPS)
                if rng.random() < 0.85:
                    due = date + datetime.timedelta(days=rng.randint(7, 90))
                    interaction.next_step_due = due
                    # Past steps are mostly done; the rest are overdue.
                    if due < today and rng.random() < 0.6:
                        interaction.next_step_done_on = min(due + datetime.timedelta(days=rng.randint(-5, 10)), today)
            interactions.append(interaction)
            interaction_people.append(rng.sample(staff, rng.randint(0, len(staff))) if staff else [])
    StageChange.objects.bulk_create(changes)
    Interaction.objects.bulk_create(interactions)
    TheirPeople = Interaction.their_people.through
    TheirPeople.objects.bulk_create(
        TheirPeople(interaction_id=interaction.pk, person_id=person.pk)
        for interaction, chosen in zip(interactions, interaction_people, strict=True)
        for person in chosen
    )

    return list(zip(rows, org_countries, strict=True))
