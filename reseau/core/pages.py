"""One way to show a form on its own page (``core/form_page.html`` or a template extending it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from reseau.core.forms import add_service_error


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


def form_saved(request: HttpRequest, form: BaseForm, write: Callable[[], object], *, done: str) -> bool:
    """On a valid post, ``write()``; True once written, its message shown to the reader.

    A service's refusal goes on the form (nothing written, what was typed kept) and the
    page shows again. An update whose service returns False changed nothing: the reader
    reads "Nothing was changed." instead of ``done``.
    """
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        result = write()
    except ValidationError as error:
        add_service_error(form, error)
        return False
    if result is False:
        messages.info(request, _("Nothing was changed."))
    else:
        messages.success(request, done)
    return True
