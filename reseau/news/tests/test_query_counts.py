"""The news pages' exact query counts, on a small and a larger network.

tests/test_query_budgets.py checks that the counts stay within budget and do not grow; this
pins the numbers themselves, so that one more query per page is a decision.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from reseau.accounts.models import Role
from reseau.library.models import Document
from reseau.news.models import NewsPost
from reseau.registry.models import Member
from reseau.seeds.synthetic import generate_network
from tests.factories import DocumentFactory, UserFactory, photo_bytes

pytestmark = pytest.mark.django_db

# The session, the account, the members of the filter, the posts counted for the pager, the page
# of posts with their member, network, author and document, the documents' versions, the
# documents the reader may open (run with -vv to list them).
COORDINATOR_LIST_QUERIES = 7
# The same for a focal point; its list reads its member's drafts and the others' published posts.
FOCAL_POINT_LIST_QUERIES = 7
# A visitor: the posts counted, the page of posts, the versions, the documents it may open.
PUBLIC_LIST_QUERIES = 4


def _world(members: int) -> tuple[Client, Client]:
    network = generate_network(members=members, network_code="news", seed=1)
    # The first posts are on the public site and show a photo, which the lists show as a thumbnail.
    photo = DocumentFactory(
        network=network, access="public", kind="photo", version=photo_bytes(), version__name="p.jpg"
    )
    first = list(NewsPost.objects.filter(member__network=network).order_by("pk").values_list("pk", flat=True)[:5])
    NewsPost.objects.filter(pk__in=first).update(document=photo, status=NewsPost.Status.PROMOTED)
    coordinator, focal_point = Client(), Client()
    coordinator.force_login(UserFactory(role=Role.COORDINATOR, network=network))
    member = Member.objects.filter(network=network).order_by("pk").first()
    focal_point.force_login(UserFactory(role=Role.FOCAL_POINT, network=network, member=member))
    assert Document.objects.exists()
    return coordinator, focal_point


@pytest.mark.heavy
@pytest.mark.parametrize("members", [10, 300], ids=["small network", "larger network"])
def test_the_news_pages_take_a_fixed_number_of_queries(members, django_assert_num_queries):
    coordinator, focal_point = _world(members)
    with django_assert_num_queries(COORDINATOR_LIST_QUERIES):
        assert coordinator.get(reverse("news:post_list")).status_code == 200
    with django_assert_num_queries(FOCAL_POINT_LIST_QUERIES):
        assert focal_point.get(reverse("news:post_list")).status_code == 200
    with django_assert_num_queries(PUBLIC_LIST_QUERIES):
        assert Client().get(reverse("news:public_list")).status_code == 200
