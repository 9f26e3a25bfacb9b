"""How each stage and status looks, written once on its enum (the templates only show it)."""

from __future__ import annotations

from django.template import Context, Template
from django.utils import translation

from reseau.core.choices import Tone
from reseau.projects.models import FundingLine, Milestone, Project, Stage


def test_settled_stages_are_ok_waiting_ones_warn_and_abandoned_bad():
    tones = {stage: Stage(stage).tone for stage in Stage.values}
    assert {s for s, t in tones.items() if t == Tone.OK} == {"validated", "funded", "in_implementation", "completed"}
    assert {s for s, t in tones.items() if t == Tone.WARN} == {"submitted", "returned"}
    assert {s for s, t in tones.items() if t == Tone.BAD} == {"abandoned"}


def test_funding_line_and_milestone_tones():
    assert [FundingLine.Status(v).tone for v in ("planned", "requested", "secured", "refused")] == [
        Tone.NEUTRAL,
        Tone.WARN,
        Tone.OK,
        Tone.BAD,
    ]
    assert [Milestone.Status(v).tone for v in ("planned", "done", "cancelled")] == [Tone.NEUTRAL, Tone.OK, Tone.NEUTRAL]


def test_a_project_page_shows_its_stage_as_a_badge_of_its_tone():
    with translation.override("en"):
        page = Template("{% load badges %}{% badge project.stage project.Stage %}").render(
            Context({"project": Project(stage=Stage.RETURNED)})
        )
    assert page == '<span class="badge warn">Returned for revision</span>'
