"""What every page's header needs to know about the reader."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from reseau.home import access


def demo(request: HttpRequest) -> dict[str, bool]:
    """In demo mode every page says that what the demo seed adds is invented."""
    return {"demo_mode": settings.DEMO_MODE}


def navigation(request: HttpRequest) -> dict[str, bool]:
    # The header sits on every page, the home page's app decides it: it may import every app.
    user = request.user
    return {
        "nav_is_staff": access.is_network_staff(user),
        "nav_is_secretariat": access.can_open_administration(user),
        # Partners do not read the decisions register (decisions.access): no link that answers "not allowed".
        "nav_reads_decisions": access.can_read_register(user),
    }
