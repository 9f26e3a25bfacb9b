"""Placeholder: being written."""

from django.http import HttpRequest, HttpResponse


def agenda(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def month(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def week(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError
