"""One way to show a form on its own page (``core/form_page.html`` or a template extending it)."""

from __future__ import annotations

from typing import Any

from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def form_page(
    request: HttpRequest,
    *,
    form: BaseForm,
    title: str,
    cancel_url: str,
    template: str = "core/form_page.html",
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    """Render ``form`` with its title and a Cancel link; ``extra`` reaches the template as it is.

    A refused post answers with the same page and the typed values (status 200, as the
    platform's forms always have).
    """
    context = {"form": form, "title": title, "cancel_url": cancel_url, **extra}
    return render(request, template, context, status=status)
