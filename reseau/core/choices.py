"""Choices that carry a tone, so that one mapping per enum decides how a status looks."""

from __future__ import annotations

import enum
from collections.abc import Mapping

from django.db import models
from django.utils.functional import Promise


class Tone(enum.StrEnum):
    """The badge colours of the style sheet (``.badge.ok`` …)."""

    OK = "ok"
    WARN = "warn"
    BAD = "bad"
    NEUTRAL = "neutral"


class TonedChoices(models.TextChoices):
    """A ``TextChoices`` whose members each have a tone; templates show it with ``{% badge %}``."""

    @classmethod
    def tones(cls) -> Mapping[str, Tone]:
        """Members not named here are neutral."""
        return {}

    @property
    def tone(self) -> Tone:
        return self.tones().get(self.value, Tone.NEUTRAL)


def label_said_of(choices: type[models.Choices], code: str, *, feminine: Mapping[str, Promise], woman: bool) -> str:
    """A role or an office as said of this person: French says "Déléguée" of a woman.

    ``feminine`` holds the forms said of a woman (``pgettext_lazy("said of a woman", …)``): the
    English text is the same, and each language gives its own feminine form in its catalogue.
    """
    if woman and code in feminine:
        return str(feminine[code])
    return str(dict(choices.choices).get(code, code))
