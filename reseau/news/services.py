"""Writes to the news; each leaves its history row (``core.services``).

A post is written as a draft or published to the network; only the coordinator of its
network or the secretariat puts it on the public site (``news_post_promote``) and takes it
off again (``news_post_withdraw``). Who may call which is ``news.access``'s to decide: the
views ask it before calling these.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reseau.accounts.types import Actor
from reseau.core.services import model_create, model_update
from reseau.news.models import NewsPost
from reseau.registry.models import Member

Status = NewsPost.Status
# What a form may set; the public site is reached through ``news_post_promote`` only.
WRITABLE_STATUSES = (Status.DRAFT, Status.PUBLISHED)


def _with_publication(*, post: NewsPost, data: Mapping[str, Any]) -> dict[str, Any]:
    """``data`` with the status checked and the publication date it implies: set when the post
    is first published, cleared when it goes back to a draft (published again, it is news again)."""
    values = dict(data)
    status = values.get("status", post.status)
    if "status" in values and status not in WRITABLE_STATUSES:
        raise ValidationError(
            {"status": _("A post is put on the public site with its own button, by the coordinator.")},
            code="promote_separately",
        )
    if status == Status.DRAFT:
        post.published_at = None
    elif post.published_at is None:
        post.published_at = timezone.now()
    return values


def news_post_create(*, actor: Actor, member: Member, data: Mapping[str, Any]) -> NewsPost:
    post = NewsPost(member=member, author=actor)
    values = _with_publication(post=post, data={"status": Status.DRAFT, **data})
    return model_create(instance=post, data=values, actor=actor)


def news_post_update(*, actor: Actor, post: NewsPost, data: Mapping[str, Any]) -> bool:
    """Returns whether anything changed."""
    values = _with_publication(post=post, data=data)
    return model_update(instance=post, data=values, actor=actor)


@transaction.atomic
def news_post_promote(*, actor: Actor, post: NewsPost) -> bool:
    """Put a published post on the public site; False when it is there already. A draft is
    refused: it is published to the network first."""
    if post.status == Status.PROMOTED:
        return False
    if post.status != Status.PUBLISHED:
        raise ValidationError(_("Publish the post to the network before putting it on the public site."))
    post.promoted_at = timezone.now()
    post.promoted_by = actor
    return model_update(instance=post, data={"status": Status.PROMOTED}, actor=actor)


@transaction.atomic
def news_post_withdraw(*, actor: Actor, post: NewsPost) -> bool:
    """Take a post off the public site: the network still reads it. False when it was not there."""
    if post.status != Status.PROMOTED:
        return False
    post.promoted_at = None
    post.promoted_by = None
    return model_update(instance=post, data={"status": Status.PUBLISHED}, actor=actor)
