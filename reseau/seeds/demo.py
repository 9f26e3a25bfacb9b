"""Demo accounts and invented day-to-day data (focal points, dues) for trying Reseau.

Never loaded outside DEMO_MODE: the people, e-mails and amounts here are made up.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from reseau.accounts.models import Role, User
from reseau.events.models import Event, Registration
from reseau.news.models import NewsPost
from reseau.partners.models import Interaction, MemberNeed, Organisation
from reseau.projects.models import Project
from reseau.projects.seed import load_example_rates
from reseau.registry.models import FocalPointAppointment, Mandate, Member, MembershipDues, Network, Person

DEMO_PASSWORD = "demo-password"

DEMO_ACCOUNTS = [
    ("secretariat@reseau.test", "Secrétariat permanent (démo)", Role.SECRETARIAT, None, None, "fr"),
    ("coordinator@reseau.test", "RVASE coordinator (demo)", Role.COORDINATOR, "rvase", None, "en"),
    ("focal.hue@reseau.test", "Lê Thị Hoa", Role.FOCAL_POINT, None, "hue", "en"),
    ("focal.vientiane@reseau.test", "Souksavanh Phommachanh", Role.FOCAL_POINT, None, "vientiane", "fr"),
    ("partner@reseau.test", "EU Delegation (demo)", Role.PARTNER, "rvase", None, "en"),
]

# member slug, name, local-script name, title (en, fr), e-mail, gender, nominated on
DEMO_FOCAL_POINTS = [
    (
        "hue",
        "Lê Thị Hoa",
        "Lê Thị Hoa",
        "External relations officer",
        "Chargée des relations extérieures",
        "focal.hue@reseau.test",
        "woman",
        datetime.date(2023, 6, 12),
    ),
    (
        "vientiane",
        "Souksavanh PHOMMACHANH",
        "ສຸກສະຫວັນ ພົມມະຈັນ",
        "International cooperation officer",
        "Chargé de la coopération internationale",
        "focal.vientiane@reseau.test",
        "man",
        datetime.date(2023, 7, 3),
    ),
    (
        "phnom-penh",
        "CHEA Sokha",
        "ជា សុខា",
        "Deputy director, international relations",
        "Directrice adjointe des relations internationales",
        "focal.phnompenh@reseau.test",
        "woman",
        datetime.date(2023, 6, 1),
    ),
]

# Members with dues outstanding in the demo (the rest have paid).
DEMO_DUES_OUTSTANDING = {"kampot": [2025, 2026], "yen-bai": [2026], "hai-phong": [2026]}
DEMO_DUES_YEARS = [2024, 2025, 2026]

# Demo choice (the deck does not say what the network shares with its partners): the projects the
# demo partner reads are the four faecal sludge management projects in implementation, which the
# network has decided and a donor follows; those still under discussion, in design or seeking
# funding stay the network's own, so the partner sees "6 projects are not shared with partners".
# Applied only while the network shares no project at all, so a coordinator's own choice is kept.
DEMO_SHARED_PROJECTS = [
    "rvase-fsm-hue",
    "rvase-fsm-phnom-penh",
    "rvase-fsm-siem-reap",
    "rvase-fsm-vientiane",
]

# Demo registrations (events seeded by seed_rvase): each demo focal point's delegation — the focal
# point, and its member's leader as head — registered to the 2024 annual meeting, and the focal point
# to the monthly focal-point meeting.
DEMO_ANNUAL_MEETING = "rvase-annual-meeting-2024"
DEMO_FOCAL_POINT_MEETING = "rvase-focal-point-meetings"

# Demo news (the deck gives no focal point's news): invented posts, each title saying "(demo)".
# member slug, author's e-mail, title, text, on the public site (put there by the coordinator)
DEMO_NEWS_POSTS = [
    (
        "hue",
        "focal.hue@reseau.test",
        "Huế: the faecal sludge treatment plant welcomes its first school visit (demo)",
        "Forty pupils of a secondary school visited the treatment plant with their teachers.\n\n"
        "The city's sanitation company explained how the sludge collected from septic tanks becomes compost. "
        "Next step: a visit for the ward leaders in the spring.\n\n"
        "Thành phố Huế cảm ơn các đối tác của mạng lưới.",
        False,
    ),
    (
        "vientiane",
        "focal.vientiane@reseau.test",
        "Vientiane Capital trains its district staff in solid waste sorting (demo)",
        "Une formation de trois jours a réuni 25 agents des districts de la capitale sur le tri des déchets.\n\n"
        "ການຝຶກອົບຮົມກ່ຽວກັບການຄັດແຍກສິ່ງເສດເຫຼືອ.",
        True,
    ),
]


def _load_demo_news(members: dict[str, Member]) -> None:
    """The demo's news posts, once each (found again by member and title): one published to the
    network, one on the public site."""
    users = {user.email: user for user in User.objects.filter(email__in=[post[1] for post in DEMO_NEWS_POSTS])}
    coordinator = User.objects.filter(email="coordinator@reseau.test").first()
    now = timezone.now()
    for days_ago, (slug, email, title, body, public) in enumerate(DEMO_NEWS_POSTS, start=2):
        if slug not in members:
            continue
        published = now - datetime.timedelta(days=days_ago)
        NewsPost.objects.get_or_create(
            member=members[slug],
            title=title,
            defaults={
                "author": users.get(email),
                "body": body,
                "status": NewsPost.Status.PROMOTED if public else NewsPost.Status.PUBLISHED,
                "created_at": published,
                "published_at": published,
                "promoted_at": published + datetime.timedelta(days=1) if public else None,
                "promoted_by": coordinator if public else None,
            },
        )


@transaction.atomic
def load_demo() -> int:
    """Create what is missing; never overwrites a demo user's password. Returns accounts created."""
    if not settings.DEMO_MODE:
        raise ImproperlyConfigured("Demo accounts are only created in demo mode (DEBUG on).")
    members = {m.slug: m for m in Member.objects.all()}
    for slug, name, name_local, title_en, title_fr, email, gender, nominated_on in DEMO_FOCAL_POINTS:
        person, _ = Person.objects.update_or_create(
            email=email,
            defaults={
                "member": members[slug],
                "name": name,
                "name_local": name_local,
                "gender": gender,
                "title_en": title_en,
                "title_fr": title_fr,
                "languages": ["en", "fr"],
            },
        )
        FocalPointAppointment.objects.get_or_create(
            member=members[slug],
            person=person,
            kind=FocalPointAppointment.Kind.OFFICIAL,
            defaults={"nominated_on": nominated_on},
        )
    for slug, member in members.items():
        outstanding = DEMO_DUES_OUTSTANDING.get(slug, [])
        for year in DEMO_DUES_YEARS:
            MembershipDues.objects.get_or_create(
                member=member,
                year=year,
                defaults={
                    "amount": Decimal("1500.00") if member.kind == Member.Kind.CITY else Decimal("1000.00"),
                    "currency": "EUR",
                    "status": MembershipDues.Status.DUE if year in outstanding else MembershipDues.Status.PAID,
                    "paid_on": None if year in outstanding else datetime.date(year, 3, 31),
                },
            )
    # Example exchange rates, so the demo's funding plans convert to euros (marked as demo data).
    load_example_rates()
    created = 0
    for email, full_name, role, network_code, member_slug, language in DEMO_ACCOUNTS:
        if User.objects.filter(email=email).exists():
            continue
        account_member = members.get(member_slug) if member_slug else None
        User.objects.create_user(
            email,
            DEMO_PASSWORD,
            full_name=full_name,
            role=role,
            network=account_member.network
            if account_member
            else (Network.objects.get(code=network_code) if network_code else None),
            member=account_member,
            language=language,
            is_staff=role == Role.SECRETARIAT,
            is_superuser=role == Role.SECRETARIAT,
            # Their password is public: marked, so that they cannot sign in outside demo mode
            # and `check --deploy` refuses a database that still has them.
            is_demo=True,
        )
        created += 1
    # The demo partner works at the EU delegation in Cambodia (seeded by seed_rvase).
    delegation = Organisation.objects.filter(name_en="Delegation of the European Union to Cambodia").first()
    if delegation is not None:
        User.objects.filter(email="partner@reseau.test", organisation__isnull=True).update(organisation=delegation)
    _register_demo_delegations(members)
    _demo_member_contacts(members)
    _load_demo_news(members)
    if not Project.objects.filter(network__code="rvase", shared_with_partners=True).exists():
        Project.objects.filter(code__in=DEMO_SHARED_PROJECTS).update(shared_with_partners=True)
    return created


def _register_demo_delegations(members: dict[str, Member]) -> None:
    events = Event.objects.in_bulk([DEMO_ANNUAL_MEETING, DEMO_FOCAL_POINT_MEETING], field_name="slug")
    users = {user.member_id: user for user in User.objects.filter(role=Role.FOCAL_POINT, member__isnull=False)}
    for slug, _name, _local, _title_en, _title_fr, email, _gender, _nominated in DEMO_FOCAL_POINTS:
        member = members[slug]
        focal_point = Person.objects.get(email=email)
        leader = Mandate.objects.filter(member=member).select_related("person").order_by("pk").first()
        wanted = [(DEMO_ANNUAL_MEETING, focal_point, Registration.Role.DELEGATE)]
        if leader is not None:
            wanted.append((DEMO_ANNUAL_MEETING, leader.person, Registration.Role.HEAD_OF_DELEGATION))
        wanted.append((DEMO_FOCAL_POINT_MEETING, focal_point, Registration.Role.DELEGATE))
        for event_slug, person, role in wanted:
            if event_slug not in events:
                continue
            Registration.objects.get_or_create(
                event=events[event_slug],
                person=person,
                defaults={
                    "member": member,
                    "role": role,
                    "gender": person.gender,
                    "registered_by": users.get(member.pk),
                },
            )


# Invented contacts with members and a need, for trying the members' "Contacts" section: the deck
# reports no call or e-mail with a member, nor any answered need. Every text says "(demo)".
DEMO_MEMBER_NEEDS = [
    (
        "hue",
        MemberNeed.Kind.INFORMATION,
        "Examples of faecal sludge tariffs in other member cities (demo)",
        "Invented for the demo: the FSM project team asks how other members set their emptying fees.",
        datetime.date(2025, 2, 10),
    ),
    (
        "luang-prabang",
        MemberNeed.Kind.EXCHANGE,
        "Peer visit on heritage and tourism management (demo)",
        "Invented for the demo.",
        datetime.date(2025, 3, 3),
    ),
]
DEMO_MEMBER_INTERACTIONS = [
    (
        "hue",
        Interaction.Kind.CALL,
        datetime.date(2025, 2, 10),
        "Call with the focal point about the FSM project's next steps (demo).",
        "Send examples of tariffs from Phnom Penh and Siem Reap (demo)",
        datetime.date(2025, 3, 1),
    ),
]


def _demo_member_contacts(members: dict[str, Member]) -> None:
    coordinator = User.objects.filter(email="coordinator@reseau.test").first()
    for slug, kind, title, description, expressed_on in DEMO_MEMBER_NEEDS:
        if slug in members:
            MemberNeed.objects.get_or_create(
                member=members[slug],
                title=title,
                defaults={"kind": kind, "description": description, "expressed_on": expressed_on, "owner": coordinator},
            )
    for slug, interaction_kind, date, summary, next_step, due in DEMO_MEMBER_INTERACTIONS:
        if slug in members:
            member = members[slug]
            Interaction.objects.get_or_create(
                member=member,
                network=member.network,
                kind=interaction_kind,
                date=date,
                defaults={
                    "summary": summary,
                    "next_step": next_step,
                    "next_step_due": due,
                    "next_step_owner": coordinator,
                },
            )
