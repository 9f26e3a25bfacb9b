"""Placeholder: being written."""

from django.http import HttpRequest, HttpResponse


def attendance(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def invitations(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def participants(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def register(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def registration_withdraw(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError
