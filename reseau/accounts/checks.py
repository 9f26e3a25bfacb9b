"""Deployment checks about accounts (run by `manage.py check --deploy`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register
from django.db import DatabaseError


@register(Tags.security, deploy=True)
def demo_accounts_outside_demo_mode(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """A database once seeded by `make run` keeps accounts whose password is public."""
    if settings.DEMO_MODE:
        return []
    from reseau.accounts.models import User

    try:
        emails = list(User.objects.filter(is_demo=True).order_by("email").values_list("email", flat=True))
    except DatabaseError:
        # No accounts table yet (a database not migrated): no demo account either.
        return []
    if not emails:
        return []
    return [
        Error(
            f"Demo accounts exist outside demo mode ({', '.join(emails)}); their password is public.",
            hint="Delete these accounts in the admin site (Users, filter by demo account). "
            "Outside demo mode they cannot sign in meanwhile.",
            id="accounts.E001",
        )
    ]
