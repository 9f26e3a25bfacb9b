"""The library page makes as many queries with many documents as with few (issue 13: ≤ 15),
listing, searching, or searching with every facet chosen."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.urls import reverse

from reseau.library import fulltext
from reseau.registry.models import Theme
from tests.factories import (
    ActivityFactory,
    DecisionFactory,
    DocumentFactory,
    EventFactory,
    OrganisationFactory,
    ProjectFactory,
    photo_bytes,
)

pytestmark = pytest.mark.django_db

LANGUAGES = [["vi"], ["en", "fr"], ["km"], ["lo", "en"]]
KINDS = ["report", "minutes", "study"]

# (role, queries): the page with 3 documents and with 40 makes exactly as many.
LISTING = [
    # The themes of the filter; the documents (count, page, their latest versions); the facets
    # (type, year and languages together; themes; members).
    ("anonymous", 7),
    # Session and user, and the same.
    ("coordinator", 9),
    # The same, and how many of its networks' documents are not shared with partners.
    ("partner", 10),
]
# Searching reads the matches from the index twice (the newest, and those with the words in
# their title: their keys give the count) instead of counting, and adds the page's snippets.
SEARCHING = [("anonymous", 9), ("coordinator", 11), ("partner", 12)]
# Every facet chosen adds the chosen theme and member, read to check them.
EVERY_FILTER = [("anonymous", 11), ("coordinator", 13), ("partner", 14)]


@pytest.fixture(params=[3, 40], ids=["3 documents", "40 documents"])
def library(request, world):
    themes = [Theme.objects.create(code=f"theme-{n}", kind="work", name_en=f"Theme {n}") for n in range(3)]
    members = [world.hue, world.vientiane]
    for n, kind, languages in zip(range(request.param), itertools.cycle(KINDS), itertools.cycle(LANGUAGES)):
        # A third of them photos, with their thumbnails: shown without a query of their own.
        photo = {"version": photo_bytes((64, 48)), "version__name": f"drain-{n}.jpg"} if n % 3 == 0 else {}
        document = DocumentFactory(
            network=world.hue.network,
            access="public",
            title_en=f"Drainage report {n}",
            kind=kind,
            languages=languages,
            document_date=datetime.date(2020 + n % 5, 3, 1),
            version__text=f"The drainage of the old town, part {n}.",
            **photo,
        )
        document.themes.add(themes[n % 3])
        document.members.add(members[n % 2])
        fulltext.document_index_update(document=document)
    return {"theme": themes[0].pk, "member": world.hue.pk}


def _count(world, role, query, django_assert_num_queries, queries):
    client = world.client_for(role)
    with django_assert_num_queries(queries):
        response = client.get(reverse("library:document_list"), query)
    assert response.status_code == 200


@pytest.mark.parametrize(("role", "queries"), LISTING)
def test_the_library_page_makes_exactly_so_many_queries(world, library, role, queries, django_assert_num_queries):
    _count(world, role, {}, django_assert_num_queries, queries)


@pytest.mark.parametrize(("role", "queries"), SEARCHING)
def test_a_search_makes_exactly_so_many_queries(world, library, role, queries, django_assert_num_queries):
    _count(world, role, {"q": "drainage"}, django_assert_num_queries, queries)


@pytest.mark.parametrize(("role", "queries"), EVERY_FILTER)
def test_a_search_with_every_facet_chosen_makes_exactly_so_many_queries(
    world, library, role, queries, django_assert_num_queries
):
    query = {"q": "drainage", "kind": "report", "year": "2020", "language": "vi", **library}
    _count(world, role, query, django_assert_num_queries, queries)


def test_a_search_with_every_facet_chosen_still_finds_documents(world, library):
    query = {"q": "drainage", "kind": "report", "year": "2020", "language": "vi", **library}
    page = world.client_for("coordinator").get(reverse("library:document_list"), query).content.decode()
    assert "Drainage report 0" in page


def _detail_queries(world, document, django_assert_num_queries, queries):
    client = world.client_for("coordinator")
    with django_assert_num_queries(queries):
        response = client.get(document.get_absolute_url())
    assert response.status_code == 200


# Session and user; the document with what it belongs to; its versions, themes and members;
# its history (the coordinator may archive it).
DETAIL_QUERIES = 7


def test_the_page_of_a_document_makes_exactly_so_many_queries(world, django_assert_num_queries):
    document = DocumentFactory(network=world.hue.network, title_en="Minutes")
    _detail_queries(world, document, django_assert_num_queries, DETAIL_QUERIES)


def test_what_a_document_belongs_to_adds_no_query_to_its_page(world, django_assert_num_queries):

    network = world.hue.network
    document = DocumentFactory(
        network=network,
        title_en="Minutes",
        event=EventFactory(network=network),
        project=ProjectFactory(network=network, lead_member=world.hue),
        activity=ActivityFactory(),
        decision=DecisionFactory(network=network),
        organisation=OrganisationFactory(),
    )
    _detail_queries(world, document, django_assert_num_queries, DETAIL_QUERIES)
