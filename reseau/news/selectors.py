"""Reading the news: the network's list, a member's latest posts, the public site's, and what
the digest tells of."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import F, Prefetch, QuerySet
from django.db.models.functions import Coalesce

from reseau.library.models import DocumentVersion
from reseau.news.models import NewsPost
from reseau.registry.models import Member, Network

MEMBER_PAGE_POSTS = 3


def _latest_versions() -> Prefetch[Any]:
    # A post shows its photo's thumbnail: the document's versions, without the text of the files.
    versions = DocumentVersion.objects.defer("text").order_by("-number")
    return Prefetch("document__versions", queryset=versions, to_attr="latest_versions")


def with_rows(posts: QuerySet[NewsPost]) -> QuerySet[NewsPost]:
    """What a post in a list shows, in a fixed number of queries: its member and network, its
    author, its document and the document's newest version (for a photo's thumbnail)."""
    return posts.select_related("member__network", "author", "document").prefetch_related(_latest_versions())


def newest_first(posts: QuerySet[NewsPost]) -> QuerySet[NewsPost]:
    """Newest first: by the date it was published, or written for a draft."""
    return posts.annotate(shown_on=Coalesce("published_at", "created_at")).order_by(F("shown_on").desc(), "-pk")


def post_list(*, posts: QuerySet[NewsPost], member: Member | None = None, status: str = "") -> QuerySet[NewsPost]:
    """The network's news page, filtered by member and status."""
    if member is not None:
        posts = posts.filter(member=member)
    if status:
        posts = posts.filter(status=status)
    return newest_first(with_rows(posts))


def member_posts(*, posts: QuerySet[NewsPost], member: Member) -> QuerySet[NewsPost]:
    """A member's posts (among those the reader may read), newest first."""
    return newest_first(with_rows(posts.filter(member=member)))


def public_posts() -> QuerySet[NewsPost]:
    """The posts on the public site, the most recently put there first."""
    posts = NewsPost.objects.filter(status=NewsPost.Status.PROMOTED)
    return with_rows(posts).order_by(F("promoted_at").desc(nulls_last=True), "-pk")


def posts_published_since(*, since: datetime.datetime, network: Network | None = None) -> QuerySet[NewsPost]:
    """The posts published to the network (or put on the public site) at ``since`` or later, for
    the digest: oldest first, each with its member and network. A post back in draft is not
    news; published again, it is news again from that date (``services``)."""
    posts = NewsPost.objects.filter(status__in=NewsPost.READ_BY_NETWORK, published_at__gte=since)
    if network is not None:
        posts = posts.filter(member__network=network)
    return posts.select_related("member__network").order_by("published_at", "pk")
