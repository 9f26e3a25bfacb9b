from __future__ import annotations

from collections.abc import Iterable


def refused_addresses(*, emails: Iterable[str]) -> dict[str, str]:
    # TEMPORARY until the outbox branch lands.
    return {}
