"""Placeholder: being written."""

from django.http import HttpRequest, HttpResponse


def event_cancel(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def event_create(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def event_decision_create(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def event_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def event_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def event_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def hosting_offer_accept(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def hosting_offer_make(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def minutes_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError


def occurrence_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise NotImplementedError
