"""What the news adds to the pages of the apps it is built on: a member's latest posts on the
member page, with "Write a post" for those who may write one for the member."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from reseau.accounts.types import Viewer
from reseau.news import access, selectors
from reseau.registry.models import Member


def member_news(user: Viewer, member: Member) -> dict[str, Any]:
    """The member's latest posts the reader may read: its own drafts for the member's focal
    points and the staff, the published ones for the network, the public ones for partners."""
    posts = list(
        selectors.member_posts(posts=access.posts_visible_to(user), member=member)[: selectors.MEMBER_PAGE_POSTS + 1]
    )
    can_write = access.can_write_post_for(user, member)
    return {
        "news_posts": posts[: selectors.MEMBER_PAGE_POSTS],
        "news_more": len(posts) > selectors.MEMBER_PAGE_POSTS,
        "news_readable": access.readable_document_ids(user, posts),
        "news_list_url": f"{reverse('news:post_list')}?member={member.slug}",
        "news_write_url": f"{reverse('news:post_create')}?member={member.slug}" if can_write else "",
    }
