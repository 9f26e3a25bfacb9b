"""Choices that carry a tone, so that one mapping per enum decides how a status looks."""

from __future__ import annotations

import enum
from collections.abc import Mapping

from django.db import models


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
