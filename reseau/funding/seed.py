"""Invented funding opportunities that show how the funding watch works (demo data).

None of these calls exists: each is flagged ``is_example``, titled “Example — …” /
“Exemple — …” and says so in its notes. Their donors are real organisations of the
partner seed (``reseau.partners.seed.load_partners`` must have run).

Each call is keyed on its English title. Its dates are relative to the day the seed
runs, so that the deadlines view always shows one call closing within 14 days, one
within 30 and one later: running the seed again on a later day moves the dates
forward. That is on purpose — an example whose deadline has passed shows nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from reseau.funding.models import FundingOpportunity
from reseau.partners.models import Organisation
from reseau.registry.models import Country, Currency, Member, Network, Theme

NETWORK_CODE = "rvase"
EXAMPLE_NOTES = (
    "Invented to show how the funding watch works: this call does not exist. Its dates follow the day the "
    "demo data was last loaded (it closes {days} days after).\n"
    "Appel inventé pour montrer le fonctionnement de la veille des financements : il n'existe pas."
)


@dataclass(frozen=True)
class ExampleCall:
    title_en: str
    title_fr: str
    donor: str  # English name of an organisation of the partner seed
    opens_in: int  # days from today (negative: already open)
    closes_in: int
    status: str
    themes: tuple[str, ...]
    countries: tuple[str, ...]
    member_kinds: tuple[str, ...]
    members: tuple[str, ...]  # member slugs; those missing are skipped
    amount_min: Decimal
    amount_max: Decimal
    currency: str
    # Demo choice (no deck says what the network shares): whether partner accounts read the call.
    # Applied only while the network shares no call at all, so a coordinator's own choice is kept.
    shared_with_partners: bool = False


EXAMPLE_CALLS: list[ExampleCall] = [
    ExampleCall(
        title_en="Example — Local governments for gender equality (Cambodia)",
        title_fr="Exemple — Collectivités locales pour l'égalité femmes-hommes (Cambodge)",
        donor="Delegation of the European Union to Cambodia",
        opens_in=-45,
        closes_in=10,
        status=FundingOpportunity.Status.PREPARING,
        themes=("gender-equality", "urban-governance-smart-cities"),
        countries=("KH",),
        member_kinds=(Member.Kind.CITY, Member.Kind.PROVINCE, Member.Kind.ASSOCIATION),
        members=("phnom-penh",),
        amount_min=Decimal("100000.00"),
        amount_max=Decimal("300000.00"),
        currency=Currency.EUR,
        shared_with_partners=True,  # demo choice: the donor's own call, read by the demo partner (EU)
    ),
    ExampleCall(
        title_en="Example — Citywide inclusive sanitation: small grants to cities",
        title_fr="Exemple — Assainissement inclusif à l'échelle de la ville : petites subventions aux villes",
        donor="Asian Development Bank",
        opens_in=-20,
        closes_in=25,
        status=FundingOpportunity.Status.WATCHING,
        themes=("urban-sanitation", "climate-change-resilience"),
        countries=("KH", "LA", "VN"),
        member_kinds=(Member.Kind.CITY, Member.Kind.PROVINCE),
        members=("phnom-penh", "vientiane", "hue"),
        amount_min=Decimal("25000.00"),
        amount_max=Decimal("75000.00"),
        currency=Currency.USD,
        shared_with_partners=True,  # demo choice
    ),
    ExampleCall(
        title_en="Example — Heritage cities: smart and sustainable tourism",
        title_fr="Exemple — Villes patrimoniales : tourisme intelligent et durable",
        donor="Agence française de développement — Cambodia",
        opens_in=-10,
        closes_in=75,
        status=FundingOpportunity.Status.WATCHING,
        themes=("smart-sustainable-tourism",),
        countries=("KH", "LA", "VN"),
        member_kinds=(Member.Kind.CITY,),
        members=("luang-prabang", "hue"),
        amount_min=Decimal("200000.00"),
        amount_max=Decimal("500000.00"),
        currency=Currency.EUR,
    ),
]


@transaction.atomic
def load_example_funding() -> int:
    """Create or move forward the example calls; returns how many were created."""
    network = Network.objects.get(code=NETWORK_CODE)
    today = timezone.localdate()
    countries = Country.objects.in_bulk(field_name="code")
    themes = Theme.objects.in_bulk(field_name="code")
    members = Member.objects.in_bulk(field_name="slug")
    created = 0
    for call in EXAMPLE_CALLS:
        donor = Organisation.objects.get(name_en=call.donor)
        defaults = {
            "title_fr": call.title_fr,
            "network": network,
            "donor": donor,
            "eligible_member_kinds": [str(kind) for kind in call.member_kinds],
            "amount_min": call.amount_min,
            "amount_max": call.amount_max,
            "currency": call.currency,
            "opens_on": today + datetime.timedelta(days=call.opens_in),
            "closes_on": today + datetime.timedelta(days=call.closes_in),
            "status": call.status,
            "notes": EXAMPLE_NOTES.format(days=call.closes_in),
            "is_example": True,
        }
        opportunity, new = FundingOpportunity.objects.update_or_create(
            title_en=call.title_en,
            defaults=defaults,
        )
        created += new
        opportunity.themes.set([themes[code] for code in call.themes if code in themes])
        opportunity.eligible_countries.set([countries[code] for code in call.countries if code in countries])
        opportunity.members.set([members[slug] for slug in call.members if slug in members])
    if not FundingOpportunity.objects.filter(network=network, shared_with_partners=True).exists():
        shared = [call.title_en for call in EXAMPLE_CALLS if call.shared_with_partners]
        FundingOpportunity.objects.filter(network=network, title_en__in=shared).update(shared_with_partners=True)
    return created
