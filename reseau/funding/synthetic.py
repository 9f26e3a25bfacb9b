"""Invented funding calls for tests and benchmarks, from the donors that ``partners.synthetic`` invented."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from reseau.funding.models import FundingOpportunity
from reseau.partners.models import Organisation
from reseau.partners.synthetic import TOPICS, WORDS
from reseau.registry.models import Member, Network
from reseau.registry.synthetic import _countries, ensure_themes


@transaction.atomic
def generate_calls(*, network: Network, organisations: list[tuple[Organisation, list[str]]], seed: int = 0) -> None:
    """About one funding call per five organisations, from the donors among them when there are any
    (``organisations``: new organisations with the countries each covers, as ``generate_partners`` returns)."""
    if not organisations:
        return
    count = max(1, round(len(organisations) / 5))
    today = timezone.localdate()
    themes = ensure_themes()
    countries = _countries()
    org_countries = [covered for _, covered in organisations]
    start = FundingOpportunity.objects.filter(network=network).count()
    rng = random.Random(f"calls:{seed}:{start}")  # noqa: S311 — test data, not secrets
    donors = [i for i, (org, _) in enumerate(organisations) if org.kind == Organisation.Kind.DONOR] or list(
        range(len(organisations))
    )
    member_ids = list(Member.objects.filter(network=network).order_by("pk").values_list("pk", flat=True))
    calls: list[FundingOpportunity] = []
    call_themes: list[list[str]] = []
    call_countries: list[list[str]] = []
    call_members: list[list[int]] = []
    Status = FundingOpportunity.Status
    for _ in range(count):
        donor_index = rng.choice(donors)
        donor = organisations[donor_index][0]
        word = rng.choice(WORDS)
        topic_en, topic_fr, theme_code = rng.choice(TOPICS)
        closes_on = today + datetime.timedelta(days=rng.randint(-60, 180))
        opens_on = closes_on - datetime.timedelta(days=rng.randint(30, 120))
        if closes_on >= today:
            status = rng.choices([Status.WATCHING, Status.PREPARING, Status.SUBMITTED], [55, 30, 15])[0]
        else:
            status = rng.choice([Status.SUBMITTED, Status.AWARDED, Status.REJECTED, Status.CLOSED])
        low = Decimal(rng.choice([10, 20, 50, 100, 200]) * 1000)
        currency = rng.choice(["EUR", "EUR", "USD"])
        calls.append(
            FundingOpportunity(
                network=network,
                donor=donor,
                title_en=f"{word} call for {topic_en} ({closes_on.year})",
                title_fr=f"Appel {word} pour {topic_fr} ({closes_on.year})",
                eligible_member_kinds=rng.sample([str(k) for k in Member.Kind], rng.randint(1, 3)),
                amount_min=low,
                amount_max=low * rng.choice([2, 3, 5]),
                currency=currency,
                opens_on=opens_on,
                closes_on=closes_on,
                status=status,
                notes="Invented call (synthetic data), made up for tests and benchmarks.",
                shared_with_partners=rng.random() < 0.3,
            )
        )
        call_themes.append([theme_code])
        call_countries.append(org_countries[donor_index])
        call_members.append(rng.sample(member_ids, min(len(member_ids), rng.randint(0, 3))))
    FundingOpportunity.objects.bulk_create(calls)
    Through = FundingOpportunity.themes.through
    Through.objects.bulk_create(
        Through(fundingopportunity_id=call.pk, theme_id=themes[code].pk)
        for call, codes in zip(calls, call_themes, strict=True)
        for code in codes
    )
    CountryThrough = FundingOpportunity.eligible_countries.through
    CountryThrough.objects.bulk_create(
        CountryThrough(fundingopportunity_id=call.pk, country_id=countries[code].pk)
        for call, codes in zip(calls, call_countries, strict=True)
        for code in codes
    )
    MemberThrough = FundingOpportunity.members.through
    MemberThrough.objects.bulk_create(
        MemberThrough(fundingopportunity_id=call.pk, member_id=member_id)
        for call, ids in zip(calls, call_members, strict=True)
        for member_id in ids
    )
