"""Invented news posts for tests and benchmarks: ``generate_news(network=…, posts=…)`` adds
posts of the network's members, drafts, published and on the public site, their texts mixing
the network's languages (``library.synthetic.SENTENCES``). Every title says it is invented
("(example)"); a network's first three are on the public site, published and a draft.
Deterministic for a seed and the posts already in the network."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from reseau.library.synthetic import SENTENCES
from reseau.news.models import NewsPost
from reseau.registry.models import Member, Network

TITLES = [
    "{member} trains its staff in solid waste management (example)",
    "{member} hosts a delegation of the network (example)",
    "New public lighting in {member} (example)",
    "{member} signs a cooperation agreement (example)",
    "Flood prevention works start in {member} (example)",
]
Status = NewsPost.Status
FIRST_STATUSES = [Status.PROMOTED, Status.PUBLISHED, Status.DRAFT]


@transaction.atomic
def generate_news(*, network: Network, posts: int, seed: int = 0) -> list[NewsPost]:
    """Add ``posts`` invented posts to the network's members; returns them."""
    if posts < 0:
        raise ValueError("posts must not be negative.")
    members = list(Member.objects.filter(network=network).order_by("pk").values_list("pk", "name_en"))
    if not members or not posts:
        return []
    already = NewsPost.objects.filter(member__network=network).count()
    rng = random.Random(f"news:{seed}:{already}")  # noqa: S311 — test data, not secrets
    now = timezone.now()
    languages = sorted(SENTENCES)
    created = []
    for index in range(posts):
        member_pk, name = rng.choice(members)
        written = now - datetime.timedelta(days=rng.randint(1, 365), minutes=rng.randint(0, 1440))
        status = rng.choices([Status.DRAFT, Status.PUBLISHED, Status.PROMOTED], [20, 65, 15])[0]
        if already + index < len(FIRST_STATUSES):
            # A network's first posts have each status, so that even a small network has each list.
            status = FIRST_STATUSES[already + index]
        published = None if status == Status.DRAFT else written + datetime.timedelta(hours=rng.randint(0, 48))
        body = "\n\n".join(rng.choice(SENTENCES[rng.choice(languages)]) for _ in range(rng.randint(1, 4)))
        created.append(
            NewsPost(
                member_id=member_pk,
                title=rng.choice(TITLES).format(member=name),
                body=body,
                status=status,
                created_at=written,
                published_at=published,
                promoted_at=published + datetime.timedelta(days=1) if status == Status.PROMOTED and published else None,
            )
        )
    return NewsPost.objects.bulk_create(created)
