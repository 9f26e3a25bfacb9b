"""A message as its reader gets it: subject, a few paragraphs, one link to act on, the footer.

Each rule writes its paragraphs as whole translated sentences, in the reader's language; the
layout around them (greeting, button, the links to preferences and to unsubscribe) is the same
for every message, in plain text and in HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse

TOKEN_SALT = "reseau.communication.preferences"


@dataclass(frozen=True)
class Letter:
    subject: str
    paragraphs: list[str]
    action_url: str = ""
    action_label: str = ""
    # Lists under the paragraphs, each under its heading (a digest's sections; "" for none):
    # short lines, each with its own link.
    sections: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)


def site_url(path: str) -> str:
    """An address on the site as a mail reader opens it (no request: jobs write messages too)."""
    return settings.SITE_URL.rstrip("/") + path


def preferences_token(email: str) -> str:
    """Signed, so that a link opens one person's preferences and no one else's."""
    return signing.dumps(email.strip().lower(), salt=TOKEN_SALT)


def email_from_token(token: str) -> str | None:
    """The address a link was made for, or None when the link was altered."""
    try:
        value = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, str) else None


def _unsubscribe_url(token: str) -> str:
    return site_url(reverse("communication:unsubscribe", kwargs={"token": token}))


def _preferences_url(token: str) -> str:
    return site_url(reverse("communication:preferences_by_link", kwargs={"token": token}))


def unsubscribe_url(email: str) -> str:
    return _unsubscribe_url(preferences_token(email))


def render_letter(letter: Letter, *, name: str, email: str) -> tuple[str, str]:
    """The plain-text and HTML bodies, in the language active when it is called."""
    token = preferences_token(email) if email else ""
    context = {
        "letter": letter,
        "name": name,
        "preferences_url": _preferences_url(token) if token else "",
        "unsubscribe_url": _unsubscribe_url(token) if token else "",
    }
    return (
        render_to_string("communication/email/letter.txt", context),
        render_to_string("communication/email/letter.html", context),
    )


def unsubscribe_headers(email: str) -> dict[str, str]:
    """RFC 8058: a mail program's "unsubscribe" button posts to this address, no page opened."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(email)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
