"""The library page makes as many queries with many documents as with few (issue 13: ≤ 15)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db

# (role, documents, queries)
LIBRARY_QUERIES = [
    # The themes of the filter, the documents (count, page, their latest versions).
    ("anonymous", 3, 4),
    ("anonymous", 40, 4),
    # Session and user, the themes, the documents (count, page, versions).
    ("coordinator", 3, 6),
    ("coordinator", 40, 6),
    # The same, and how many of its networks' documents are not shared with partners.
    ("partner", 3, 7),
    ("partner", 40, 7),
]


@pytest.mark.parametrize(("role", "documents", "queries"), LIBRARY_QUERIES)
def test_the_library_page_makes_exactly_so_many_queries(world, role, documents, queries, django_assert_num_queries):
    for _ in range(documents):
        DocumentFactory(network=world.hue.network, access="public")
    client = world.client_for(role)
    with django_assert_num_queries(queries):
        response = client.get(reverse("library:document_list"))
    assert response.status_code == 200
