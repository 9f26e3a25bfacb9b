from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from reseau.accounts.models import User


class EmailBackend(ModelBackend):
    """Sign in by e-mail (any case); loads the account's network and member with it,
    so that pages do not query them again. Demo accounts (known password) only sign in,
    and only stay signed in, in demo mode."""

    def user_can_authenticate(self, user: Any) -> bool:
        if getattr(user, "is_demo", False) and not settings.DEMO_MODE:
            return False
        return super().user_can_authenticate(user)

    def get_user(self, user_id: Any) -> User | None:
        try:
            user = User.objects.select_related("network", "member").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class SignInThrottleBackend(AxesStandaloneBackend):  # type: ignore[misc]  # axes ships no types
    """django-axes' gate, first in AUTHENTICATION_BACKENDS: refuses a throttled (account, address).

    A check without a request (a script, the test client's login) has no address to count by;
    it goes on to the next backend instead of failing."""

    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)  # type: ignore[no-any-return]
