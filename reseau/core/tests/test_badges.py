from __future__ import annotations

from collections.abc import Mapping

from django.template import Context, Template
from django.utils.translation import gettext_lazy as _

from reseau.core.choices import Tone, TonedChoices


class Weather(TonedChoices):
    SUNNY = "sunny", _("Sunny")
    STORM = "storm", _("Storm <b>")
    FOG = "fog", _("Fog")

    @classmethod
    def tones(cls) -> Mapping[str, Tone]:
        return {cls.SUNNY: Tone.OK, cls.STORM: Tone.BAD}


def render(source: str, **context: object) -> str:
    return Template("{% load badges %}" + source).render(Context(context))


def test_a_member_has_the_tone_of_its_enum() -> None:
    assert Weather.SUNNY.tone == Tone.OK


def test_a_member_not_in_the_mapping_is_neutral() -> None:
    assert Weather.FOG.tone == Tone.NEUTRAL


def test_the_badge_of_a_stored_value_takes_label_and_tone_from_the_choices() -> None:
    assert render("{% badge value choices %}", value="sunny", choices=Weather) == '<span class="badge ok">Sunny</span>'


def test_the_badge_of_a_member_needs_no_choices() -> None:
    assert render("{% badge value %}", value=Weather.FOG) == '<span class="badge neutral">Fog</span>'


def test_the_badge_escapes_its_label() -> None:
    assert "Storm &lt;b&gt;" in render("{% badge value choices %}", value="storm", choices=Weather)


def test_an_unknown_value_shows_as_it_is_in_a_neutral_badge() -> None:
    shown = render("{% badge value choices %}", value="hail", choices=Weather)
    assert shown == '<span class="badge neutral">hail</span>'


def test_an_empty_value_shows_no_badge() -> None:
    assert render("{% badge value choices %}", value="", choices=Weather) == ""
