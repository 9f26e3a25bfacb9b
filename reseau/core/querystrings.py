"""The query string of a list page, for links that keep its filters."""

from __future__ import annotations

from django.http import HttpRequest


def query_without(request: HttpRequest, *names: str) -> str:
    """The request's query string minus ``names`` (e.g. "page", for the pagination links)."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def query_with(request: HttpRequest, name: str, value: str, *, without: tuple[str, ...] = ("page",)) -> str:
    """The request's query string with ``name`` set to ``value`` (a facet's link), minus
    ``without`` (a new choice starts again at the first page)."""
    query = request.GET.copy()
    for other in without:
        query.pop(other, None)
    query[name] = value
    return query.urlencode()
