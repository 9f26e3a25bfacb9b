"""What the communication app adds to the pages of the apps below it."""

from __future__ import annotations

from typing import Any

from reseau.accounts.types import Viewer
from reseau.communication.recipients import address_is_valid
from reseau.outbox.selectors import refused_addresses
from reseau.registry.access import can_edit_member
from reseau.registry.models import Person


def person_unreachable(user: Viewer, person: Person) -> dict[str, Any] | None:
    """Why no message reaches this person (no address, an invalid one, one a mail server
    refused), on their page for those who keep it; no section when messages reach them."""
    if person.member is None or not can_edit_member(user, person.member):
        return None
    if not person.email:
        return {"why": "missing", "person": person}
    if not address_is_valid(person.email):
        return {"why": "invalid", "person": person}
    reason = refused_addresses(emails=[person.email]).get(person.email)
    if reason is not None:
        return {"why": "refused", "reason": reason, "person": person}
    return None
