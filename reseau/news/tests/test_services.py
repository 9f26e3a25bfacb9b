"""The news services: drafts, publication, the public site, the history, and the digest's selector."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from reseau.audit.models import AuditEvent
from reseau.news import selectors, services
from reseau.news.models import NewsPost
from reseau.registry.models import Network
from tests.factories import DocumentFactory, MemberFactory, NetworkFactory, NewsPostFactory

pytestmark = pytest.mark.django_db

Status = NewsPost.Status


def _history(post: NewsPost) -> list[str]:
    return list(
        AuditEvent.objects.filter(subject=f"news.newspost:{post.pk}").order_by("pk").values_list("action", flat=True)
    )


def _create(world, **data) -> NewsPost:
    fields = {"title": "Huế cleans its canals", "body": "Three wards took part.", "status": Status.DRAFT, **data}
    return services.news_post_create(actor=world.users["focal_point"], member=world.hue, data=fields)


def test_a_draft_has_no_publication_date(world):
    assert _create(world).published_at is None


def test_a_post_published_at_once_has_its_publication_date(world):
    assert _create(world, status=Status.PUBLISHED).published_at is not None


def test_the_author_is_the_writer(world):
    assert _create(world).author == world.users["focal_point"]


def test_writing_a_post_leaves_a_history_row(world):
    assert _history(_create(world)) == [AuditEvent.Action.CREATED]


def test_publishing_a_draft_dates_it(world):
    post = _create(world)
    services.news_post_update(actor=world.users["focal_point"], post=post, data={"status": Status.PUBLISHED})
    post.refresh_from_db()
    assert post.published_at is not None


def test_a_post_back_in_draft_loses_its_publication_date(world):
    post = _create(world, status=Status.PUBLISHED)
    services.news_post_update(actor=world.users["focal_point"], post=post, data={"status": Status.DRAFT})
    post.refresh_from_db()
    assert post.published_at is None


def test_an_update_leaves_a_history_row(world):
    post = _create(world)
    services.news_post_update(actor=world.users["coordinator"], post=post, data={"title": "Huế cleans its rivers"})
    assert _history(post) == [AuditEvent.Action.CREATED, AuditEvent.Action.UPDATED]


def test_an_update_that_changes_nothing_says_so(world):
    post = _create(world)
    assert services.news_post_update(actor=None, post=post, data={"title": post.title}) is False


def test_a_form_cannot_put_a_post_on_the_public_site(world):
    post = _create(world, status=Status.PUBLISHED)
    with pytest.raises(ValidationError):
        services.news_post_update(actor=world.users["focal_point"], post=post, data={"status": Status.PROMOTED})


def test_a_draft_cannot_be_promoted(world):
    post = _create(world)
    with pytest.raises(ValidationError):
        services.news_post_promote(actor=world.users["coordinator"], post=post)


def test_promoting_puts_the_post_on_the_public_site(world):
    post = _create(world, status=Status.PUBLISHED)
    services.news_post_promote(actor=world.users["coordinator"], post=post)
    post.refresh_from_db()
    assert (post.status, post.promoted_by) == (Status.PROMOTED, world.users["coordinator"])


def test_promoting_leaves_a_history_row(world):
    post = _create(world, status=Status.PUBLISHED)
    services.news_post_promote(actor=world.users["coordinator"], post=post)
    assert _history(post) == [AuditEvent.Action.CREATED, AuditEvent.Action.UPDATED]


def test_withdrawing_leaves_the_post_published_to_the_network(world):
    post = _create(world, status=Status.PUBLISHED)
    services.news_post_promote(actor=world.users["coordinator"], post=post)
    services.news_post_withdraw(actor=world.users["coordinator"], post=post)
    post.refresh_from_db()
    assert (post.status, post.promoted_at, post.promoted_by) == (Status.PUBLISHED, None, None)


def test_a_document_of_another_network_is_refused(world):
    maghreb = NetworkFactory(code="maghreb", acronym="", name_en="AIMF Maghreb Network")
    document = DocumentFactory(network=maghreb, access="public")
    with pytest.raises(ValidationError) as refused:
        _create(world, document=document)
    assert "document" in refused.value.message_dict


def test_a_document_of_the_members_network_is_kept(world):
    document = DocumentFactory(network=world.hue.network, access="network")
    assert _create(world, document=document).document == document


# The digest's selector ---------------------------------------------------------------------------

SINCE = datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC)


def test_the_digest_reads_the_posts_published_since_the_date(world):
    recent = NewsPostFactory(member=world.hue)
    NewsPostFactory(member=world.hue, published_at=SINCE - datetime.timedelta(days=1))
    assert list(selectors.posts_published_since(since=SINCE)) == [recent]


def test_the_digest_does_not_read_drafts(world):
    NewsPostFactory(member=world.hue, status="draft")
    assert list(selectors.posts_published_since(since=SINCE)) == []


def test_the_digest_reads_posts_on_the_public_site(world):
    promoted = NewsPostFactory(member=world.hue, status="promoted")
    assert list(selectors.posts_published_since(since=SINCE)) == [promoted]


def test_the_digest_reads_one_network(world):
    own = NewsPostFactory(member=world.hue)
    other = MemberFactory(network=NetworkFactory(code="maghreb", acronym="", name_en="AIMF Maghreb Network"))
    NewsPostFactory(member=other)
    network = Network.objects.get(code="rvase")
    assert list(selectors.posts_published_since(since=SINCE, network=network)) == [own]


def test_the_digest_reads_the_member_and_network_with_the_posts(world, django_assert_num_queries):
    NewsPostFactory(member=world.hue)
    NewsPostFactory(member=world.vientiane)
    with django_assert_num_queries(1):
        names = [(post.member.name, post.member.network.code) for post in selectors.posts_published_since(since=SINCE)]
    assert len(names) == 2


def test_a_post_published_again_is_news_again(world):
    post = _create(world, status=Status.PUBLISHED)
    services.news_post_update(actor=None, post=post, data={"status": Status.DRAFT})
    later = timezone.now()
    services.news_post_update(actor=None, post=post, data={"status": Status.PUBLISHED})
    assert list(selectors.posts_published_since(since=later)) == [post]
