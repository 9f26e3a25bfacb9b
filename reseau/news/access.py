"""Who may read, write, edit and promote the focal points' news.

The rules, decided once here (views, sections and templates ask these functions):

- **A focal point** writes posts of its own member only, and edits them until they are on the
  public site (from then on the public reads them: the staff who put them there change them).
  It reads its member's posts, drafts included, and the posts the network's other members have
  published; never another member's draft, and never changes another member's post.
- **The coordinator** of the member's network and **the secretariat** (every network) read
  every post of their networks, drafts included, may change any of them, write one for a
  member, and are the only ones who put a published post on the public site or take it off
  (``can_promote_post``).
- **Partners** read a post once it is on the public site, as every visitor does. A post
  published to the network is the network's own exchange: partners read only what a network
  chose to share with them (documents at the "partners" level, validated plans, projects and
  calls shared with partners), never its internal record (the decisions register, the
  interaction log); the coordinator's promotion is that choice for a post.
- **Anonymous visitors** read the posts on the public site only.

A post's photo or document is the library's: it is shown to a reader the library lets read it
(``library.access.documents_visible_to``), whatever the post's status.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from reseau.accounts.models import User
from reseau.accounts.types import Viewer
from reseau.library.access import documents_visible_to
from reseau.library.models import Document
from reseau.news.models import NewsPost
from reseau.registry.access import can_manage_network
from reseau.registry.models import Member

Status = NewsPost.Status
PUBLIC = Q(status=Status.PROMOTED)


def _active(user: Viewer) -> User | None:
    return user if isinstance(user, User) and user.is_active else None


def posts_visible_to(user: Viewer) -> QuerySet[NewsPost]:
    """Every post the reader may open (see the module's rules)."""
    account = _active(user)
    if account is None or account.is_partner:
        return NewsPost.objects.filter(PUBLIC)
    if account.is_secretariat:
        return NewsPost.objects.all()
    network = account.network_id or 0
    if account.is_coordinator:
        return NewsPost.objects.filter(PUBLIC | Q(member__network_id=network))
    if account.is_focal_point:
        published = Q(member__network_id=network, status__in=NewsPost.READ_BY_NETWORK)
        return NewsPost.objects.filter(PUBLIC | published | Q(member_id=account.member_id or 0))
    return NewsPost.objects.filter(PUBLIC)


def network_posts_for(user: Viewer) -> QuerySet[NewsPost]:
    """The posts of the network's news page: those of the reader's own network (every network
    for the secretariat; for a partner, what is on the public site)."""
    posts = posts_visible_to(user)
    account = _active(user)
    if account is None or account.is_secretariat or account.is_partner:
        return posts
    return posts.filter(member__network_id=account.network_id or 0)


def sees_every_network(user: Viewer) -> bool:
    """The secretariat reads every network's news: the lists name each post's network."""
    account = _active(user)
    return account is not None and account.is_secretariat


def members_for_new_post(user: Viewer) -> QuerySet[Member]:
    """The members the reader may write a post for: a focal point its own; the coordinator its
    network's; the secretariat every member; nobody else any."""
    account = _active(user)
    if account is None:
        return Member.objects.none()
    if account.is_secretariat:
        return Member.objects.all()
    if account.is_coordinator and account.network_id is not None:
        return Member.objects.filter(network_id=account.network_id)
    if account.is_focal_point and account.member_id is not None:
        return Member.objects.filter(pk=account.member_id)
    return Member.objects.none()


def can_see_author(user: Viewer) -> bool:
    """Who wrote a post is told to the network's people; a visitor or a partner reads the post
    as the member's (an account's name or e-mail is not for the public site)."""
    account = _active(user)
    return account is not None and not account.is_partner


def can_write_posts(user: Viewer) -> bool:
    """Whether the news page offers "Write a post": a focal point of a member, the coordinator of
    a network, the secretariat."""
    account = _active(user)
    if account is None:
        return False
    return (
        account.is_secretariat
        or (account.is_coordinator and account.network_id is not None)
        or (account.is_focal_point and account.member_id is not None)
    )


def can_write_post_for(user: Viewer, member: Member) -> bool:
    account = _active(user)
    if account is None:
        return False
    if account.is_focal_point:
        return account.member_id == member.pk
    return can_manage_network(account, member.network)


def can_edit_post(user: Viewer, post: NewsPost) -> bool:
    """The coordinator of the post's network and the secretariat; a focal point, its member's
    posts that are not on the public site."""
    account = _active(user)
    if account is None:
        return False
    if account.is_focal_point:
        return account.member_id == post.member_id and not post.is_promoted
    return can_manage_network(account, post.member.network)


def can_promote_post(user: Viewer, post: NewsPost) -> bool:
    """Putting a post on the public site, and taking it off: the coordinator of its network and
    the secretariat only."""
    return can_manage_network(user, post.member.network)


def post_for_user(user: Viewer, pk: int) -> NewsPost:
    """The post the reader may open, or "not found" (a post it may not read is not told to exist)."""
    try:
        return posts_visible_to(user).select_related("member__network", "author", "promoted_by", "document").get(pk=pk)
    except NewsPost.DoesNotExist:
        raise Http404 from None


def post_for_edit(user: Viewer, pk: int) -> NewsPost:
    post = post_for_user(user, pk)
    if not can_edit_post(user, post):
        raise PermissionDenied
    return post


def post_for_promote(user: Viewer, pk: int) -> NewsPost:
    post = post_for_user(user, pk)
    if not can_promote_post(user, post):
        raise PermissionDenied
    return post


def documents_for_post(user: Viewer, members: QuerySet[Member], *, current: int | None = None) -> QuerySet[Document]:
    """The library documents a post of one of ``members`` may show, as offered to the writer:
    those the writer may read, not archived, filed under one of the members or added by the
    writer; and the one the post shows already, if the writer may read it. (That the document
    belongs to the post's member's network is the model's rule.)"""
    mine = Q(members__in=members.values("pk"))
    account = _active(user)
    if account is not None:
        mine |= Q(created_by_id=account.pk)
    offered = Q(archived_at__isnull=True) & mine
    if current is not None:
        offered |= Q(pk=current)
    return documents_visible_to(user).filter(pk__in=Document.objects.filter(offered).values("pk"))


def readable_document_ids(user: Viewer, posts: Iterable[NewsPost]) -> set[int]:
    """Which of these posts' documents the reader may open (one query, or none without any)."""
    wanted = {post.document_id for post in posts if post.document_id is not None}
    if not wanted:
        return set()
    return set(documents_visible_to(user).filter(pk__in=wanted).values_list("pk", flat=True))
