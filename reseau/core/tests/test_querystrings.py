"""Links that keep a list's filters."""

from __future__ import annotations

from django.test import RequestFactory

from reseau.core.querystrings import query_with, query_without


def test_a_choice_is_added_to_the_filters_kept():
    request = RequestFactory().get("/library/", {"q": "Huế", "kind": "report"})
    assert query_with(request, "year", "2023") == "q=Hu%E1%BA%BF&kind=report&year=2023"


def test_a_new_choice_starts_again_at_the_first_page():
    request = RequestFactory().get("/library/", {"q": "hue", "page": "3"})
    assert query_with(request, "kind", "report") == "q=hue&kind=report"


def test_a_choice_replaces_the_one_it_had():
    request = RequestFactory().get("/library/", {"kind": "minutes"})
    assert query_with(request, "kind", "report") == "kind=report"


def test_the_page_is_left_out_for_the_pagination_links():
    request = RequestFactory().get("/library/", {"q": "hue", "page": "3"})
    assert query_without(request, "page") == "q=hue"
