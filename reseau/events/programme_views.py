"""Placeholder: being written."""

from django.http import HttpRequest, HttpResponse


def programme(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def programme_pdf(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def session_create(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def session_delete(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def session_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def speaker_add(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def speaker_remove(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError
