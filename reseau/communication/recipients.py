"""Who a message goes to: an address, a name and the language to write in.

People of the network (``registry.Person``) and accounts (``accounts.User``) meet on their
e-mail address, which is also what a preference is kept by: a focal point without an account
is written to in the language of their person's record, one with an account in the account's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from reseau.accounts.models import User
from reseau.communication.models import Preference
from reseau.registry.models import Person

SITE_LANGUAGES = frozenset(code for code, _name in settings.LANGUAGES)


@dataclass(frozen=True)
class Recipient:
    email: str  # "" when the person has none: the coordinator is told, nobody is written to
    name: str
    language: str
    user_id: int | None = None
    person_id: int | None = None
    preference: Preference | None = None

    def wants(self, kind: str) -> bool:
        return self.preference.wants(kind) if self.preference is not None else True


def address_is_valid(email: str) -> bool:
    """Whether a stored address can be written to (an import may have stored a bad one)."""
    try:
        validate_email(email)
    except ValidationError:
        return False
    return True


def _language(preference: Preference | None, user: User | None, person: Person | None) -> str:
    if preference is not None and preference.language:
        return preference.language
    if user is not None and user.language in SITE_LANGUAGES:
        return user.language
    for code in person.languages if person is not None else ():
        if code in SITE_LANGUAGES:
            return str(code)
    return settings.LANGUAGE_CODE


def recipients_for(*, people: Iterable[Person] = (), users: Iterable[User] = ()) -> list[Recipient]:
    """One recipient per address (a person and their account are one), in two queries at most."""
    people, users = list(people), list(users)
    addresses = {p.email for p in people if p.email} | {u.email for u in users}
    accounts = {u.email: u for u in users}
    missing = addresses - set(accounts)
    if missing:
        accounts |= {u.email: u for u in User.objects.filter(email__in=missing, is_active=True)}
    preferences = {p.email: p for p in Preference.objects.filter(email__in=addresses)} if addresses else {}
    chosen: dict[str, Recipient] = {}
    nameless: list[Recipient] = []
    for person in people:
        user = accounts.get(person.email or "")
        preference = preferences.get(person.email or "")
        recipient = Recipient(
            email=person.email or "",
            name=person.name,
            language=_language(preference, user, person),
            user_id=user.pk if user is not None else None,
            person_id=person.pk,
            preference=preference,
        )
        if recipient.email:
            chosen.setdefault(recipient.email, recipient)
        else:
            nameless.append(recipient)
    for user in users:
        if user.email not in chosen:
            preference = preferences.get(user.email)
            chosen[user.email] = Recipient(
                email=user.email,
                name=user.full_name or user.email,
                language=_language(preference, user, None),
                user_id=user.pk,
                preference=preference,
            )
    return [*chosen.values(), *nameless]
