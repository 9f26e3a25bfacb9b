"""The types the apps above use for "the person asking" and "the person writing"."""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from reseau.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a ``@login_required`` view: ``request.user`` is a signed-in ``User``."""

    user: User


# Whoever reads a page: a signed-in user or an anonymous visitor.
Viewer: TypeAlias = User | AnonymousUser

# Whoever makes a change through a service; ``None`` is the platform itself (seeds, jobs).
Actor: TypeAlias = User | None
