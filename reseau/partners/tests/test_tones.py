"""How a relationship's stage looks, written once on its enum."""

from __future__ import annotations

from reseau.core.choices import Tone
from reseau.partners.models import Stage


def test_cooperating_is_ok_in_dialogue_warns_and_dormant_is_bad():
    assert [Stage(v).tone for v in ("identified", "contacted", "in_dialogue", "cooperating", "dormant")] == [
        Tone.NEUTRAL,
        Tone.NEUTRAL,
        Tone.WARN,
        Tone.OK,
        Tone.BAD,
    ]
