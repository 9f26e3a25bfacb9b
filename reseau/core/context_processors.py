from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    return {
        "nav_is_staff": user.is_authenticated and (user.is_secretariat or user.is_coordinator),
        "nav_is_secretariat": user.is_authenticated and user.is_secretariat,
    }
