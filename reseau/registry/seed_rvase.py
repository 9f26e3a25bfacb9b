"""The RVASE network as the 2023 annual meeting deck describes it.

Loaded by ``manage.py seed_rvase``; every row is keyed on a natural key so that
running it twice changes nothing.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from reseau.registry.models import Country, Mandate, Member, Network, Person, Theme

NETWORKS: list[dict[str, Any]] = [
    {
        "code": "rvase",
        "acronym": "RVASE",
        "name_en": "AIMF South-East Asian Cities Network",
        "name_fr": "Réseau des villes d'Asie du Sud-Est de l'AIMF",
        "region_en": "South-East Asia",
        "region_fr": "Asie du Sud-Est",
        "office_en": "Phnom Penh city hall",
        "office_fr": "Mairie de Phnom Penh",
        "time_zone": "Asia/Phnom_Penh",
        # Road map, item 3: "By mid-June, each member officially confirms its focal point."
        "focal_point_deadline": datetime.date(2023, 6, 15),
        "position": 1,
    },
    {
        "code": "maghreb",
        "acronym": "",
        "name_en": "AIMF Maghreb Network",
        "name_fr": "Réseau Maghreb de l'AIMF",
        "region_en": "Maghreb",
        "region_fr": "Maghreb",
        "time_zone": "Africa/Tunis",
        "position": 2,
    },
    {
        "code": "western-africa",
        "acronym": "",
        "name_en": "AIMF Western Africa Network",
        "name_fr": "Réseau Afrique de l'Ouest de l'AIMF",
        "region_en": "Western Africa",
        "region_fr": "Afrique de l'Ouest",
        "time_zone": "Africa/Dakar",
        "position": 3,
    },
    {
        "code": "great-lakes",
        "acronym": "",
        "name_en": "AIMF Great Lakes Region Network",
        "name_fr": "Réseau Grands Lacs de l'AIMF",
        "region_en": "Great Lakes region",
        "region_fr": "Région des Grands Lacs",
        "time_zone": "Africa/Kigali",
        "position": 4,
    },
    {
        "code": "indian-ocean",
        "acronym": "",
        "name_en": "AIMF Indian Ocean Network",
        "name_fr": "Réseau océan Indien de l'AIMF",
        "region_en": "Indian Ocean",
        "region_fr": "Océan Indien",
        "time_zone": "Indian/Antananarivo",
        "position": 5,
    },
]

COUNTRIES = [
    {"code": "KH", "name_en": "Cambodia", "name_fr": "Cambodge", "name_local": "កម្ពុជា"},
    {"code": "LA", "name_en": "Laos", "name_fr": "Laos", "name_local": "ລາວ"},
    {"code": "VN", "name_en": "Vietnam", "name_fr": "Viêt Nam", "name_local": "Việt Nam"},
]

THEMES = [
    (
        "urban-governance-smart-cities",
        "work",
        1,
        "Urban governance and smart cities",
        "Gouvernance urbaine et villes intelligentes",
        "Phnom Penh Smart City Hub (2023/2025); linked to tourism and economic development.",
        "Smart City Hub de Phnom Penh (2023/2025) ; lié au tourisme et au développement économique.",
    ),
    (
        "urban-sanitation",
        "work",
        2,
        "Urban sanitation",
        "Assainissement urbain",
        "Faecal sludge management (FSM) projects in Phnom Penh, Siem Reap, Vientiane and Huế.",
        "Projets de gestion des boues de vidange (GBV) à Phnom Penh, Siem Reap, Vientiane et Huế.",
    ),
    (
        "smart-sustainable-tourism",
        "work",
        3,
        "Smart and sustainable tourism",
        "Tourisme intelligent et durable",
        "Heritage, tourism and economic development; no project identified yet.",
        "Patrimoine, tourisme et développement économique ; aucun projet identifié pour l'instant.",
    ),
    (
        "gender-equality",
        "cross_cutting",
        1,
        "Gender equality",
        "Égalité femmes-hommes",
        "Capacity building for women in local government; combating violence against women and children.",
        "Renforcement des capacités des femmes dans les collectivités locales ; "
        "lutte contre les violences faites aux femmes et aux enfants.",
    ),
    (
        "climate-change-resilience",
        "cross_cutting",
        2,
        "Climate change and resilience",
        "Changement climatique et résilience",
        "Access to drinking water (Luang Prabang); emergency preparedness (EMR2).",
        "Accès à l'eau potable (Luang Prabang) ; préparation aux situations d'urgence (EMR2).",
    ),
    (
        "youth-universities",
        "cross_cutting",
        3,
        "Youth inclusion and university cooperation",
        "Inclusion des jeunes et coopération universitaire",
        "CALU project: cooperation between local authorities and universities.",
        "Projet CALU : coopération entre autorités locales et universités.",
    ),
    (
        "french-language",
        "cross_cutting",
        4,
        "French language",
        "Langue française",
        "Support for the use of the French language.",
        "Soutien à l'usage de la langue française.",
    ),
]

# slug, country, kind, English name, French name, local-script name, unaccented form
MEMBERS = [
    ("phnom-penh", "KH", "city", "Phnom Penh", "Phnom Penh", "ភ្នំពេញ", "Phnom Penh"),
    ("siem-reap", "KH", "province", "Siem Reap", "Siem Reap", "សៀមរាប", "Siem Reap"),
    ("battambang", "KH", "province", "Battambang Province", "Province de Battambang", "ខេត្តបាត់ដំបង", "Battambang"),
    ("kampot", "KH", "province", "Kampot Province", "Province de Kampot", "ខេត្តកំពត", "Kampot"),
    (
        "asac",
        "KH",
        "association",
        "ASAC — Association of Sub-National Administration Councils",
        "ASAC — Association des conseils des administrations infranationales",
        "សមាគមក្រុមប្រឹក្សាថ្នាក់ក្រោមជាតិ",
        "ASAC",
    ),
    ("vientiane", "LA", "city", "Vientiane Capital", "Vientiane Capitale", "ນະຄອນຫຼວງວຽງຈັນ", "Vientiane"),
    ("luang-prabang", "LA", "city", "Luang Prabang", "Luang Prabang", "ຫຼວງພະບາງ", "Luang Prabang"),
    ("hue", "VN", "city", "Huế", "Huế", "Thành phố Huế", "Hue"),
    ("can-tho", "VN", "city", "Cần Thơ", "Cần Thơ", "Thành phố Cần Thơ", "Can Tho"),
    ("hai-phong", "VN", "city", "Hải Phòng", "Hải Phòng", "Thành phố Hải Phòng", "Hai Phong"),
    ("yen-bai", "VN", "province", "Yên Bái Province", "Province de Yên Bái", "Tỉnh Yên Bái", "Yen Bai"),
    (
        "ho-chi-minh-city",
        "VN",
        "city",
        "Hồ Chí Minh City",
        "Hô-Chi-Minh-Ville",
        "Thành phố Hồ Chí Minh",
        "Ho Chi Minh City",
    ),
]

# member slug, honorific, name, local-script name, gender, office, English title, French title
LEADERS = [
    (
        "phnom-penh",
        "he",
        "KHUONG Sreng",
        "ឃួង ស្រេង",
        "man",
        "governor",
        "Governor of Phnom Penh",
        "Gouverneur de Phnom Penh",
    ),
    (
        "phnom-penh",
        "he",
        "SUI Seret",
        "",
        "man",
        "vice_governor",
        "Vice Governor of Phnom Penh",
        "Vice-gouverneur de Phnom Penh",
    ),
    (
        "battambang",
        "he",
        "CHHAY Matinal",
        "",
        "man",
        "vice_governor",
        "Vice Governor of Battambang Province",
        "Vice-gouverneur de la province de Battambang",
    ),
    (
        "kampot",
        "he",
        "SAEM Nhav",
        "",
        "man",
        "president_provincial_council",
        "President of the Provincial Council of Kampot Province",
        "Président du conseil provincial de Kampot",
    ),
    (
        "vientiane",
        "he",
        "BANNAVONG Phoukhong",
        "",
        "man",
        "vice_governor",
        "Vice Governor of Vientiane Capital",
        "Vice-gouverneur de Vientiane Capitale",
    ),
    (
        "luang-prabang",
        "he",
        "HATSACHANH Viengthong",
        "",
        "man",
        "mayor_governor",
        "Mayor-Governor of the city of Luang Prabang",
        "Maire-gouverneur de la ville de Luang Prabang",
    ),
    (
        "yen-bai",
        "mr",
        "NGUYỄN THẾ PHƯỚC",
        "Nguyễn Thế Phước",
        "man",
        "vice_president_peoples_committee",
        "Standing Vice President of the People's Committee of Yên Bái Province",
        "Vice-président permanent du Comité populaire de la province de Yên Bái",
    ),
    (
        "hue",
        "mr",
        "TRẦN Song",
        "Trần Song",
        "man",
        "vice_president_peoples_committee",
        "Vice President of the People's Committee of the city of Huế",
        "Vice-président du Comité populaire de la ville de Huế",
    ),
]

# Officials named in the deck who hold no leadership role: (member slug or None, …)
OFFICIALS = [
    (
        "ho-chi-minh-city",
        "ms",
        "NGUYỄN THỊ Thanh My",
        "Nguyễn Thị Thanh My",
        "woman",
        "Deputy Director of the Department of Natural Resources and Environment, Hồ Chí Minh City",
        "Directrice adjointe du Département des ressources naturelles et de l'environnement, Hô-Chi-Minh-Ville",
        "",
        "",
    ),
    (
        None,
        "ms",
        "Arianna ARDESI",
        "",
        "woman",
        "Advisor, Deputy AIMF Permanent Secretary for cooperation programs",
        "Conseillère, Secrétaire permanente adjointe de l'AIMF chargée des programmes de coopération",
        "AIMF Permanent Secretariat",
        "Secrétariat permanent de l'AIMF",
    ),
    (
        None,
        "mr",
        "Pierre BAILLET",
        "",
        "man",
        "AIMF Permanent Secretary",
        "Secrétaire permanent de l'AIMF",
        "AIMF Permanent Secretariat",
        "Secrétariat permanent de l'AIMF",
    ),
]


@transaction.atomic
def load_rvase() -> dict[str, int]:
    """Create or bring up to date every seeded row; returns how many rows were created."""
    created = {"networks": 0, "countries": 0, "themes": 0, "members": 0, "people": 0, "leaders": 0}
    networks = {}
    for row in NETWORKS:
        data = dict(row)
        code = data.pop("code")
        networks[code], new = Network.objects.update_or_create(code=code, defaults=data)
        created["networks"] += new
    countries = {}
    for row in COUNTRIES:
        data = dict(row)
        code = data.pop("code")
        countries[code], new = Country.objects.update_or_create(code=code, defaults=data)
        created["countries"] += new
    for code, kind, position, name_en, name_fr, description_en, description_fr in THEMES:
        _, new = Theme.objects.update_or_create(
            code=code,
            defaults={
                "kind": kind,
                "position": position,
                "name_en": name_en,
                "name_fr": name_fr,
                "description_en": description_en,
                "description_fr": description_fr,
            },
        )
        created["themes"] += new
    members = {}
    for slug, country, kind, name_en, name_fr, name_local, name_alt in MEMBERS:
        member = Member.objects.filter(slug=slug).first() or Member(slug=slug)
        new = member.pk is None
        member.network = networks["rvase"]
        member.country = countries[country]
        member.kind = kind
        names = {"name_en": name_en, "name_fr": name_fr, "name_local": name_local, "name_alternative": name_alt}
        for field, value in names.items():
            setattr(member, field, value)
        member.save()
        members[slug] = member
        created["members"] += new
    for slug, honorific, name, name_local, gender, office, title_en, title_fr in LEADERS:
        person, new = Person.objects.update_or_create(
            member=members[slug],
            name=name,
            defaults={
                "honorific": honorific,
                "name_local": name_local,
                "gender": gender,
                "title_en": title_en,
                "title_fr": title_fr,
            },
        )
        created["people"] += new
        _, new = Mandate.objects.update_or_create(
            member=members[slug],
            person=person,
            office=office,
            defaults={"title_en": title_en, "title_fr": title_fr},
        )
        created["leaders"] += new
    for member_slug, honorific, name, name_local, gender, title_en, title_fr, org_en, org_fr in OFFICIALS:
        _, new = Person.objects.update_or_create(
            member=members[member_slug] if member_slug else None,
            name=name,
            defaults={
                "honorific": honorific,
                "name_local": name_local,
                "gender": gender,
                "title_en": title_en,
                "title_fr": title_fr,
                "organisation_en": org_en,
                "organisation_fr": org_fr,
            },
        )
        created["people"] += new
    return created
