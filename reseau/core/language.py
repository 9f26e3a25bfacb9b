"""The language a visitor chose in this session, kept until they sign in.

The language switch remembers a visitor's choice in a cookie (for later visits) and, for
this session, in the session itself: on signing in, a choice made in this session wins
over the language stored on the account, and becomes the account's language.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase

CHOSEN_LANGUAGE_SESSION_KEY = "reseau_language_chosen"


def language_choice_remember(session: SessionBase, language: str) -> None:
    session[CHOSEN_LANGUAGE_SESSION_KEY] = language


def language_choice_take(session: SessionBase) -> str | None:
    """The language chosen in this session (and forget it), or None when none was."""
    language = session.pop(CHOSEN_LANGUAGE_SESSION_KEY, None)
    if isinstance(language, str) and language in dict(settings.LANGUAGES):
        return language
    return None
