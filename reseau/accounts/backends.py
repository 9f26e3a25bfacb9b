from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from reseau.accounts.models import User


class EmailBackend(ModelBackend):
    """Sign in by e-mail (any case); loads the account's network and member with it,
    so that pages do not query them again."""

    def get_user(self, user_id: Any) -> User | None:
        try:
            user = User.objects.select_related("network", "member").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
