"""A large, invented but realistic network, for tests and benchmarks.

``generate_network(members=500)`` adds 500 members to the network "synthetic"
(created when missing), each with 2 to 4 people, a leader, a focal point for about
60 % of them and three years of dues. Names are written in Khmer, Lao and
Vietnamese as well as in English and French, so searching and sorting meet the
same scripts as on the real RVASE network. Every person and amount is made up.

The output depends only on ``seed`` and on how many synthetic members the
network already holds: running it again *appends* members whose slugs continue
the running index (``synthetic-00500-…`` after ``synthetic-00499-…``); the
random generator is then seeded with both values so that the new batch gets
other names. Dates (dues years, nominations) follow today's date.

Rows are written with ``bulk_create``, which skips ``Member.save``; the
generator therefore fills ``search_text`` itself, exactly as ``Member.save``
does.

Partners grow in proportion: by default half as many invented organisations as
members (at least one) are added with them, with their relationships to the
network, contacts, interactions and funding calls (see ``reseau.partners.synthetic``).
Projects too: by default as many as members, at every stage of the pipeline, with
their histories, funding lines, milestones and progress notes (see
``reseau.projects.synthetic``). And an action plan: by default half as many activities
as members (at least 15, as in the RVASE 2023 plan) over the last 12 quarters, with
their progress, a logframe with values and a decisions register (see
``reseau.plans.synthetic``). And events: by default twice as many as members, over the last three
years and the next one, with a few repeating series, programmes and registrations of the members'
people (see ``reseau.events.synthetic``).
"""

from __future__ import annotations

import datetime
import random
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify

from reseau.registry.models import (
    Country,
    FocalPointAppointment,
    Mandate,
    Member,
    MembershipDues,
    Network,
    Person,
    Theme,
)
from reseau.registry.seed_rvase import COUNTRIES, THEMES

NETWORK_CODE_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,18}[a-z0-9])?$")

# (local script, romanised) — real place-name words, combined two by two.
KHMER_SYLLABLES: list[tuple[str, str]] = [
    ("ស្វាយ", "Svay"),
    ("រៀង", "Rieng"),
    ("ព្រៃ", "Prey"),
    ("វែង", "Veng"),
    ("កំពង់", "Kampong"),
    ("ចាម", "Cham"),
    ("ធំ", "Thom"),
    ("ស្ពឺ", "Speu"),
    ("ឆ្នាំង", "Chhnang"),
    ("តាកែវ", "Takeo"),
    ("ក្រចេះ", "Kratie"),
    ("ស្ទឹង", "Stung"),
    ("ត្រែង", "Treng"),
    ("បាត់", "Bat"),
    ("ដំបង", "Dambang"),
    ("សៀម", "Siem"),
    ("រាប", "Reap"),
    ("កោះ", "Koh"),
    ("កុង", "Kong"),
    ("ព្រះ", "Preah"),
    ("វិហារ", "Vihear"),
    ("មង្គល", "Mongkol"),
    ("បូរី", "Borei"),
    ("សែន", "Sen"),
    ("ស្រី", "Srei"),
    ("ពាម", "Peam"),
    ("ទន្លេ", "Tonle"),
    ("បាទី", "Bati"),
    ("ឧត្តរ", "Oddar"),
    ("មានជ័យ", "Meanchey"),
    ("អង្គរ", "Angkor"),
    ("កែប", "Kep"),
    ("ស្គន់", "Skun"),
    ("ពេញ", "Penh"),
    ("ភ្នំ", "Phnom"),
    ("ត្បូង", "Tbong"),
    ("ឃ្មុំ", "Khmum"),
    ("ជ័យ", "Chey"),
    ("សំរោង", "Samraong"),
    ("ថ្មី", "Thmei"),
]
LAO_SYLLABLES: list[tuple[str, str]] = [
    ("ວຽງ", "Vieng"),
    ("ຈັນ", "Chan"),
    ("ຫຼວງ", "Luang"),
    ("ພະບາງ", "Phabang"),
    ("ສະຫວັນ", "Savan"),
    ("ນະເຂດ", "Nakhet"),
    ("ຈຳປາ", "Champa"),
    ("ສັກ", "Sak"),
    ("ປາກ", "Pak"),
    ("ເຊ", "Xe"),
    ("ໄຊ", "Xai"),
    ("ອຸດົມ", "Oudom"),
    ("ບໍ່", "Bo"),
    ("ແກ້ວ", "Keo"),
    ("ຜົ້ງ", "Phong"),
    ("ສາລີ", "Saly"),
    ("ຄຳ", "Kham"),
    ("ມ່ວນ", "Mouane"),
    ("ທ່າ", "Tha"),
    ("ແຂກ", "Khek"),
    ("ນ້ຳ", "Nam"),
    ("ສີ", "Si"),
    ("ພັນ", "Phan"),
    ("ດອນ", "Don"),
    ("ກອງ", "Kong"),
    ("ວັງ", "Vang"),
    ("ໂພນ", "Phon"),
    ("ໂຮງ", "Hong"),
    ("ທອງ", "Thong"),
    ("ແສງ", "Seng"),
]
VIETNAMESE_SYLLABLES: list[str] = [
    "Đông",
    "Hưng",
    "Phước",
    "Nghệ",
    "An",
    "Hà",
    "Tĩnh",
    "Quảng",
    "Bình",
    "Định",
    "Thái",
    "Nguyên",
    "Long",
    "Khánh",
    "Hòa",
    "Ninh",
    "Thuận",
    "Bắc",
    "Giang",
    "Sơn",
    "Lạng",
    "Vĩnh",
    "Phú",
    "Thọ",
    "Tây",
    "Cao",
    "Bằng",
    "Điện",
    "Biên",
    "Kiên",
    "Sóc",
    "Trăng",
    "Bến",
    "Tre",
    "Đồng",
    "Tháp",
    "Hậu",
    "Trà",
    "Vinh",
    "Mỹ",
    "Gia",
    "Lai",
    "Đắk",
    "Lắk",
    "Lâm",
    "Hải",
    "Dương",
    "Nam",
    "Thanh",
    "Hóa",
    "Tuyên",
    "Quang",
    "Yên",
    "Bái",
    "Hội",
    "Đà",
    "Nẵng",
    "Cần",
    "Thơ",
    "Rạch",
    "Giá",
    "Châu",
    "Đốc",
    "Bảo",
    "Lộc",
    "Tân",
    "Uyên",
    "Phụng",
    "Hiệp",
    "Cẩm",
    "Xuân",
    "Trường",
    "Huế",
    "Sa",
    "Pa",
]

# People: (local script, romanised, gender) for given names; (local, romanised) for family names.
KHMER_FAMILY: list[tuple[str, str]] = [
    ("ជា", "Chea"),
    ("សុខ", "Sok"),
    ("ហេង", "Heng"),
    ("លី", "Ly"),
    ("គឹម", "Kim"),
    ("ចាន់", "Chan"),
    ("ម៉ៅ", "Mao"),
    ("ស៊ុន", "Sun"),
    ("ពេជ្រ", "Pech"),
    ("យឹម", "Yim"),
    ("អ៊ុក", "Ouk"),
    ("ទេព", "Tep"),
]
KHMER_GIVEN: list[tuple[str, str, str]] = [
    ("សុខា", "Sokha", "woman"),
    ("ដារ៉ា", "Dara", "man"),
    ("សុវណ្ណ", "Sovann", "man"),
    ("វិចិត្រ", "Vichet", "man"),
    ("បុប្ផា", "Bopha", "woman"),
    ("ស្រីមុំ", "Sreymom", "woman"),
    ("សុផល", "Sophal", "man"),
    ("រតនា", "Ratana", "woman"),
    ("ពិសិដ្ឋ", "Piseth", "man"),
    ("ធារី", "Theary", "woman"),
    ("វណ្ណា", "Vanna", "man"),
    ("ចាន់ថា", "Chantha", "woman"),
]
LAO_FAMILY: list[tuple[str, str]] = [
    ("ພົມມະຈັນ", "Phommachanh"),
    ("ສີສຸລາດ", "Sisoulath"),
    ("ແກ້ວມະນີ", "Keomany"),
    ("ວົງສາ", "Vongsa"),
    ("ສຸວັນນະວົງ", "Souvannavong"),
    ("ພົມວິຫານ", "Phomvihane"),
    ("ໄຊຍະວົງ", "Xayavong"),
    ("ຈັນທະວົງ", "Chanthavong"),
]
LAO_GIVEN: list[tuple[str, str, str]] = [
    ("ສຸກສະຫວັນ", "Souksavanh", "man"),
    ("ສົມພອນ", "Somphone", "man"),
    ("ບຸນມີ", "Bounmy", "man"),
    ("ຄຳພອນ", "Khamphone", "man"),
    ("ແສງທອງ", "Sengthong", "man"),
    ("ມະນີວອນ", "Manivone", "woman"),
    ("ດາລາ", "Dala", "woman"),
    ("ບົວພັນ", "Bouaphanh", "woman"),
    ("ວັນນາ", "Vanna", "woman"),
]
VIETNAMESE_FAMILY: list[str] = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
]
VIETNAMESE_GIVEN: list[tuple[str, str]] = [
    ("Hoa", "woman"),
    ("Lan", "woman"),
    ("Mai", "woman"),
    ("Hương", "woman"),
    ("Thảo", "woman"),
    ("Linh", "woman"),
    ("Hùng", "man"),
    ("Dũng", "man"),
    ("Tuấn", "man"),
    ("Phước", "man"),
    ("Sơn", "man"),
    ("Quang", "man"),
    ("Hải", "man"),
    ("Minh", "man"),
]
VIETNAMESE_MIDDLE = {"woman": ["Thị", "Ngọc", "Thanh"], "man": ["Văn", "Đức", "Hữu", "Quốc"]}

# English title, French title (masculine), French title (feminine)
STAFF_TITLES: list[tuple[str, str, str]] = [
    (
        "Director of international cooperation",
        "Directeur de la coopération internationale",
        "Directrice de la coopération internationale",
    ),
    ("External relations officer", "Chargé des relations extérieures", "Chargée des relations extérieures"),
    ("Head of the urban planning department", "Chef du service de l'urbanisme", "Cheffe du service de l'urbanisme"),
    (
        "Deputy director of public works",
        "Directeur adjoint des travaux publics",
        "Directrice adjointe des travaux publics",
    ),
    ("Chief of staff", "Directeur de cabinet", "Directrice de cabinet"),
    ("Sanitation project manager", "Responsable du projet d'assainissement", "Responsable du projet d'assainissement"),
]

COUNTRY_PATTERN = ["VN", "VN", "VN", "VN", "KH", "KH", "KH", "LA", "LA", "LA"]
KIND_WEIGHTS = [(Member.Kind.CITY, 50), (Member.Kind.PROVINCE, 35), (Member.Kind.ASSOCIATION, 15)]
DUES_BASE = {Member.Kind.CITY: 1500, Member.Kind.PROVINCE: 1000, Member.Kind.ASSOCIATION: 500}
LOCAL_LANGUAGE = {"KH": "km", "LA": "lo", "VN": "vi"}
DIALLING_CODE = {"KH": 855, "LA": 856, "VN": 84}


@dataclass(frozen=True)
class _Names:
    en: str
    fr: str
    local: str
    alternative: str
    base_en: str  # the place name alone, for titles


@dataclass(frozen=True)
class _PersonName:
    name: str
    local: str
    gender: str


def strip_accents(text: str) -> str:
    """ "Đông Hưng" → "Dong Hung": the unaccented spelling people type."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _place_names(rng: random.Random, country: str, kind: str) -> _Names:
    if country == "VN":
        words = rng.sample(VIETNAMESE_SYLLABLES, 2)
        base = " ".join(words)
        alternative = strip_accents(base)
        if kind == Member.Kind.ASSOCIATION:
            return _Names(
                f"Association of {base} Local Governments",
                f"Association des collectivités de {base}",
                f"Hiệp hội các đô thị {base}",
                alternative,
                base,
            )
        if kind == Member.Kind.PROVINCE:
            return _Names(f"{base} Province", f"Province de {base}", f"Tỉnh {base}", alternative, base)
        return _Names(f"{base} City", f"Ville de {base}", f"Thành phố {base}", alternative, base)
    syllables = KHMER_SYLLABLES if country == "KH" else LAO_SYLLABLES
    pairs = rng.sample(syllables, 2)
    local = "".join(local for local, _ in pairs)
    base = " ".join(roman for _, roman in pairs)
    if country == "KH":
        prefix = {Member.Kind.CITY: "ក្រុង", Member.Kind.PROVINCE: "ខេត្ត", Member.Kind.ASSOCIATION: "សមាគមក្រុមប្រឹក្សាស្រុក"}[
            Member.Kind(kind)
        ]
        local = prefix + local
    else:
        prefix = {Member.Kind.CITY: "ເມືອງ", Member.Kind.PROVINCE: "ແຂວງ", Member.Kind.ASSOCIATION: "ສະມາຄົມເມືອງ"}[
            Member.Kind(kind)
        ]
        local = f"{prefix} {local}"
    if kind == Member.Kind.ASSOCIATION:
        return _Names(f"Association of {base} Councils", f"Association des conseils de {base}", local, base, base)
    if kind == Member.Kind.PROVINCE:
        return _Names(f"{base} Province", f"Province de {base}", local, base, base)
    return _Names(f"{base} City", f"Ville de {base}", local, base, base)


def _person_name(rng: random.Random, country: str) -> _PersonName:
    if country == "KH":
        family_local, family = rng.choice(KHMER_FAMILY)
        given_local, given, gender = rng.choice(KHMER_GIVEN)
        return _PersonName(f"{family.upper()} {given}", f"{family_local} {given_local}", gender)
    if country == "LA":
        family_local, family = rng.choice(LAO_FAMILY)
        given_local, given, gender = rng.choice(LAO_GIVEN)
        return _PersonName(f"{given} {family.upper()}", f"{given_local} {family_local}", gender)
    family = rng.choice(VIETNAMESE_FAMILY)
    given, gender = rng.choice(VIETNAMESE_GIVEN)
    middle = rng.choice(VIETNAMESE_MIDDLE[gender])
    return _PersonName(f"{family.upper()} {middle} {given}", f"{family} {middle} {given}", gender)


def _leader_office(country: str, kind: str, base: str) -> tuple[str, str, str]:
    """(office, English title, French title) of the member's head."""
    if kind == Member.Kind.ASSOCIATION:
        return (
            Mandate.Office.PRESIDENT,
            f"President of the association ({base})",
            f"Président de l'association ({base})",
        )
    where_en = f"{base} Province" if kind == Member.Kind.PROVINCE else f"the city of {base}"
    where_fr = f"la province de {base}" if kind == Member.Kind.PROVINCE else f"la ville de {base}"
    if country == "VN":
        return (
            Mandate.Office.PRESIDENT_PEOPLES_COMMITTEE,
            f"President of the People's Committee of {where_en}",
            f"Président du Comité populaire de {where_fr}",
        )
    if country == "LA" and kind == Member.Kind.CITY:
        return (Mandate.Office.MAYOR_GOVERNOR, f"Mayor-Governor of {where_en}", f"Maire-gouverneur de {where_fr}")
    return (Mandate.Office.GOVERNOR, f"Governor of {where_en}", f"Gouverneur de {where_fr}")


def _random_date(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, max((end - start).days, 0)))


def _next_index(network: Network, prefix: str) -> int:
    """One past the highest running index among this network's generated slugs."""
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+)(?:-|$)")
    highest = -1
    for slug in Member.objects.filter(network=network, slug__startswith=prefix).values_list("slug", flat=True):
        match = pattern.match(slug)
        if match:
            highest = max(highest, int(match.group(1)))
    return highest + 1


def _countries() -> dict[str, Country]:
    countries = {}
    for row in COUNTRIES:
        data = dict(row)
        code = data.pop("code")
        countries[code], _ = Country.objects.get_or_create(code=code, defaults=data)
    return countries


def _network(code: str, today: datetime.date) -> Network:
    network, _ = Network.objects.get_or_create(
        code=code,
        defaults={
            "name_en": f"Synthetic network ({code})",
            "name_fr": f"Réseau synthétique ({code})",
            "region_en": "South-East Asia",
            "region_fr": "Asie du Sud-Est",
            "time_zone": "Asia/Phnom_Penh",
            # Past, so that members without a focal point show as late.
            "focal_point_deadline": datetime.date(today.year - 1, 6, 15),
            "position": 99,
        },
    )
    return network


@transaction.atomic
def generate_members(*, members: int, network_code: str = "synthetic", seed: int = 0) -> Network:
    """Append ``members`` invented members (with people, leaders, focal points, dues) to a network.

    Creates the network and the KH/LA/VN countries when missing. Deterministic for
    a given seed and a given number of members already generated in the network.
    The rest of an invented network (partners, projects, plans, events) is added by
    ``reseau.seeds.synthetic.generate_network``, which builds on this.
    """
    if members < 1:
        raise ValueError("members must be at least 1.")
    if not NETWORK_CODE_RE.match(network_code):
        raise ValueError("The network code must be 1–20 lower-case letters, digits or hyphens.")
    today = timezone.localdate()
    network = _network(network_code, today)
    countries = _countries()
    prefix = f"{network_code}-"
    start = _next_index(network, prefix)
    rng = random.Random(seed if start == 0 else f"{seed}:{start}")  # noqa: S311 — test data, not secrets
    deadline = network.focal_point_deadline or datetime.date(today.year - 1, 6, 15)
    email_domain = f"{network_code}.reseau.test"

    with translation.override(settings.LANGUAGE_CODE):
        member_rows, names = _invent_members(rng, network, countries, prefix=prefix, start=start, count=members)
        Member.objects.bulk_create(member_rows)

        per_member = [
            _invent_staff(rng, member, place, index=index, email_domain=email_domain)
            for index, (member, place) in enumerate(zip(member_rows, names, strict=True), start=start)
        ]
        people = [person for staff in per_member for person in staff]
        for person in people:
            person.search_text = person.folded_names()
        Person.objects.bulk_create(people)

        mandates: list[Mandate] = []
        appointments: list[FocalPointAppointment] = []
        dues: list[MembershipDues] = []
        # One member at a time, in this order, so that a seed gives the same network.
        for member, place, staff in zip(member_rows, names, per_member, strict=True):
            mandates.append(_invent_mandate(rng, member, place, staff, today))
            appointments.extend(_invent_focal_points(rng, member, staff, deadline, today))
            dues.extend(_invent_dues(rng, member, today))
        Mandate.objects.bulk_create(mandates)
        FocalPointAppointment.objects.bulk_create(appointments)
        MembershipDues.objects.bulk_create(dues)
    return network


def _invent_members(
    rng: random.Random, network: Network, countries: dict[str, Country], *, prefix: str, start: int, count: int
) -> tuple[list[Member], list[_Names]]:
    today = timezone.localdate()
    member_rows: list[Member] = []
    names: list[_Names] = []
    pattern = list(COUNTRY_PATTERN)
    kinds = [kind for kind, _ in KIND_WEIGHTS]
    weights = [weight for _, weight in KIND_WEIGHTS]
    for offset in range(count):
        if offset % len(pattern) == 0:
            rng.shuffle(pattern)
        country = pattern[offset % len(pattern)]
        kind = rng.choices(kinds, weights)[0]
        place = _place_names(rng, country, kind)
        slug = f"{prefix}{start + offset:05d}-{slugify(place.alternative)}"[:80]
        member = Member(
            network=network,
            country=countries[country],
            kind=kind,
            slug=slug,
            name_en=place.en,
            name_fr=place.fr,
            name_local=place.local,
            name_alternative=place.alternative,
            member_since=rng.randint(1990, today.year - 1),
            website=f"https://{slugify(place.alternative)}.example.org" if rng.random() < 0.5 else "",
        )
        member.search_text = member.folded_names()
        member_rows.append(member)
        names.append(place)
    return member_rows, names


def _invent_staff(rng: random.Random, member: Member, place: _Names, *, index: int, email_domain: str) -> list[Person]:
    """Two to four people; the first is the member's leader."""
    return [
        _invent_person(rng, member, place, leader=k == 1, email=f"p{index}-{k}@{email_domain}")
        for k in range(1, rng.randint(2, 4) + 1)
    ]


def _invent_person(rng: random.Random, member: Member, place: _Names, *, leader: bool, email: str) -> Person:
    country = member.country.code
    person_name = _person_name(rng, country)
    gender = Person.Gender.UNDISCLOSED if rng.random() < 0.03 else person_name.gender
    plain = Person.Honorific.MS if gender == Person.Gender.WOMAN else Person.Honorific.MR
    if leader:
        _, title_en, title_fr = _leader_office(country, member.kind, place.base_en)
        honorific = Person.Honorific.EXCELLENCY if country != "VN" else plain
    else:
        title_en, title_fr_m, title_fr_f = rng.choice(STAFF_TITLES)
        title_fr = title_fr_f if gender == Person.Gender.WOMAN else title_fr_m
        honorific = Person.Honorific.DR if rng.random() < 0.1 else plain
    languages = [LOCAL_LANGUAGE[country]]
    if rng.random() < 0.8:
        languages.insert(0, "en")
    if rng.random() < 0.4:
        languages.insert(0, "fr")
    return Person(
        member=member,
        honorific=honorific,
        name=person_name.name,
        name_local=person_name.local,
        title_en=title_en,
        title_fr=title_fr,
        email=email,
        phone=f"+{DIALLING_CODE[country]} {rng.randint(10, 99)} {rng.randint(100000, 999999)}",
        gender=gender,
        languages=languages,
    )


def _invent_mandate(
    rng: random.Random, member: Member, place: _Names, staff: list[Person], today: datetime.date
) -> Mandate:
    office, title_en, title_fr = _leader_office(member.country.code, member.kind, place.base_en)
    return Mandate(
        member=member,
        person=staff[0],
        office=office,
        title_en=title_en,
        title_fr=title_fr,
        start_date=_random_date(rng, today - datetime.timedelta(days=5 * 365), today - datetime.timedelta(days=30)),
    )


def _invent_focal_points(
    rng: random.Random, member: Member, staff: list[Person], deadline: datetime.date, today: datetime.date
) -> list[FocalPointAppointment]:
    """Six members in ten have a focal point (some nominated late), two in ten a deputy too."""
    draw = rng.random()
    if draw >= 0.6:
        return []
    late = rng.random() < 0.3
    nominated_on = (
        _random_date(rng, deadline + datetime.timedelta(days=1), deadline + datetime.timedelta(days=120))
        if late
        else _random_date(rng, deadline - datetime.timedelta(days=150), deadline)
    )
    appointments = [
        FocalPointAppointment(
            member=member,
            person=staff[1],
            kind=FocalPointAppointment.Kind.OFFICIAL,
            nominated_on=min(nominated_on, today),
        )
    ]
    if draw < 0.2:
        appointments.append(
            FocalPointAppointment(
                member=member,
                person=staff[-1] if len(staff) > 2 else staff[0],
                kind=FocalPointAppointment.Kind.DEPUTY,
                nominated_on=min(nominated_on + datetime.timedelta(days=rng.randint(0, 60)), today),
            )
        )
    return appointments


def _invent_dues(rng: random.Random, member: Member, today: datetime.date) -> list[MembershipDues]:
    """The last three years; the current one is less often paid yet."""
    base = DUES_BASE[Member.Kind(member.kind)]
    currency = "USD" if rng.random() < 0.25 else "EUR"
    dues = []
    for year in range(today.year - 2, today.year + 1):
        current = year == today.year
        draw = rng.random()
        if draw < (0.55 if current else 0.85):
            status = MembershipDues.Status.PAID
        elif draw < 0.95:
            status = MembershipDues.Status.DUE
        else:
            status = MembershipDues.Status.WAIVED
        paid_on = min(_random_date(rng, datetime.date(year, 1, 15), datetime.date(year, 9, 30)), today)
        amount = Decimal(base) * Decimal(rng.choice(["1", "1", "1.2", "0.8"]))
        dues.append(
            MembershipDues(
                member=member,
                year=year,
                amount=amount.quantize(Decimal("0.01")),
                currency=currency,
                status=status,
                paid_on=paid_on if status == MembershipDues.Status.PAID else None,
            )
        )
    return dues


def ensure_themes() -> dict[str, Theme]:
    """The seven themes, created when missing (as the member generator does for countries)."""
    themes = Theme.objects.in_bulk(field_name="code")
    for code, kind, position, name_en, name_fr, description_en, description_fr in THEMES:
        if code not in themes:
            themes[code] = Theme.objects.create(
                code=code,
                kind=kind,
                position=position,
                name_en=name_en,
                name_fr=name_fr,
                description_en=description_en,
                description_fr=description_fr,
            )
    return themes
