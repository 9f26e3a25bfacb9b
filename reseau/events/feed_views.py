"""Placeholder: being written."""

from django.http import HttpRequest, HttpResponse


def event_ics(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def feed_links(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def feed_token_reset(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def member_feed(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def my_feed(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def network_feed(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def theme_feed(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError
