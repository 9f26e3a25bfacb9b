from __future__ import annotations

import datetime
import itertools
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from reseau.partners.seed import load_partners
from reseau.projects.models import ExchangeRate, Project, ProjectPartner, Stage, Transition
from reseau.projects.seed import PROJECTS, SEED_LABEL, load_example_rates, load_projects
from reseau.projects.workflow import RULES
from reseau.registry.seed_rvase import load_rvase

pytestmark = pytest.mark.django_db

S = Stage
APRIL_2022 = datetime.date(2022, 4, 1)

# code → (lead member, participating members, stage, themes): what the 2023 deck says.
EXPECTED = {
    "rvase-smart-city-hub-phnom-penh": ("phnom-penh", set(), S.SEEKING_FUNDING, {"urban-governance-smart-cities"}),
    "rvase-fsm-phnom-penh": ("phnom-penh", set(), S.IN_IMPLEMENTATION, {"urban-sanitation"}),
    "rvase-fsm-siem-reap": ("siem-reap", set(), S.IN_IMPLEMENTATION, {"urban-sanitation"}),
    "rvase-fsm-vientiane": ("vientiane", set(), S.IN_IMPLEMENTATION, {"urban-sanitation"}),
    "rvase-fsm-hue": ("hue", set(), S.IN_IMPLEMENTATION, {"urban-sanitation"}),
    "rvase-water-kokvan-luang-prabang": ("luang-prabang", set(), S.SEEKING_FUNDING, {"climate-change-resilience"}),
    "rvase-emr2-emergency-preparedness": ("phnom-penh", {"asac"}, S.DESIGN, {"climate-change-resilience"}),
    "rvase-calu": ("phnom-penh", set(), S.UNDER_DISCUSSION, {"youth-universities"}),
    "rvase-women-local-government-can-tho": ("can-tho", set(), S.UNDER_DISCUSSION, {"gender-equality"}),
    "rvase-violence-women-children-asac": ("asac", set(), S.UNDER_DISCUSSION, {"gender-equality"}),
}


def _load_all() -> None:
    load_rvase()
    load_partners()
    load_projects()


def _counts() -> dict[str, int]:
    models = (Project, Project.themes.through, Project.members.through, ProjectPartner, Transition, ExchangeRate)
    return {m.__name__: m.objects.count() for m in models}


def test_the_deck_s_projects_with_their_lead_members_themes_and_stages():
    _load_all()
    projects = {p.code: p for p in Project.objects.select_related("network", "lead_member")}
    assert set(projects) == set(EXPECTED)
    for code, (lead, members, stage, themes) in EXPECTED.items():
        project = projects[code]
        assert project.network.code == "rvase"
        assert project.lead_member.slug == lead, code
        assert set(project.members.values_list("slug", flat=True)) == members, code
        assert project.stage == stage, code
        assert set(project.themes.values_list("code", flat=True)) == themes, code
        assert project.title_en, code
        assert project.title_fr, code
        assert project.title_fr != project.title_en, code
        assert project.summary_en, code
        assert project.summary_fr, code
        project.full_clean()
    hub = projects["rvase-smart-city-hub-phnom-penh"]
    assert (hub.start_date, hub.end_date) == (datetime.date(2023, 1, 1), datetime.date(2025, 12, 31))


def test_titles_in_french():
    _load_all()
    with translation.override("fr"):
        assert Project.objects.get(code="rvase-fsm-hue").title == "Projet de gestion des boues de vidange (GBV) — Huế"
        assert Project.objects.get(code="rvase-calu").title.startswith("CALU — Coopération entre autorités locales")
        assert "Kokvan" in Project.objects.get(code="rvase-water-kokvan-luang-prabang").title
    with translation.override("en"):
        assert Project.objects.get(code="rvase-smart-city-hub-phnom-penh").title == "Phnom Penh Smart City Hub"


def test_the_two_projects_validated_at_the_april_2022_office():
    _load_all()
    validations = Transition.objects.filter(to_stage=S.VALIDATED).select_related("project")
    assert sorted(v.project.code for v in validations) == [
        "rvase-smart-city-hub-phnom-penh",
        "rvase-water-kokvan-luang-prabang",
    ]
    for validation in validations:
        assert validation.at.date() == APRIL_2022
        assert "April 2022" in validation.comment
        assert validation.by is None
        assert validation.by_label == SEED_LABEL
        after = Transition.objects.get(project=validation.project, from_stage=S.VALIDATED)
        assert after.to_stage == S.SEEKING_FUNDING
        assert after.at > validation.at
        assert "search for funding" in after.comment
    hub = Transition.objects.get(project__code="rvase-smart-city-hub-phnom-penh", to_stage=S.VALIDATED)
    assert "does not name" in hub.comment


def test_every_history_is_a_chain_that_ends_at_the_project_s_stage():
    _load_all()
    for project in Project.objects.prefetch_related("transitions"):
        steps = sorted(project.transitions.all(), key=lambda t: (t.at, t.pk))
        assert steps, project.code
        assert steps[0].from_stage == "", project.code
        assert steps[-1].to_stage == project.stage, project.code
        assert steps[-1].at.date() == project.stage_since, project.code
        for before, after in itertools.pairwise(steps):
            assert after.from_stage == before.to_stage, project.code
            assert after.at >= before.at, project.code
            # Once inside the pipeline, every step is one the workflow allows.
            assert (after.from_stage, after.to_stage) in RULES, project.code
        for step in steps:
            assert step.by is None
            assert step.by_label == SEED_LABEL
            assert step.comment
    under_discussion = Project.objects.filter(stage=S.UNDER_DISCUSSION)
    for project in under_discussion:
        assert [(t.from_stage, t.to_stage) for t in project.transitions.order_by("at", "pk")] == [
            ("", S.PROPOSED),
            (S.PROPOSED, S.UNDER_DISCUSSION),
        ]


def test_emr2_partner_and_unknown_cities():
    _load_all()
    emr2 = Project.objects.get(code="rvase-emr2-emergency-preparedness")
    partner = ProjectPartner.objects.get(project=emr2)
    assert partner.organisation.acronym == "NCDM"
    assert partner.role == ProjectPartner.Role.TECHNICAL
    assert "not yet known" in emr2.summary_en
    # CALU names no university: the deck does not tie URBA/URPP to it.
    assert not ProjectPartner.objects.filter(project__code="rvase-calu").exists()
    assert "URBA" in Project.objects.get(code="rvase-calu").summary_en


def test_the_rvase_seed_invents_no_exchange_rate():
    _load_all()
    assert not ExchangeRate.objects.exists()


def test_example_rates_cover_every_currency_from_2023_and_2025():
    load_example_rates()
    rates = set(ExchangeRate.objects.values_list("currency", "valid_from"))
    assert rates == {
        (currency, datetime.date(year, 1, 1)) for currency in ("USD", "KHR", "LAK", "VND") for year in (2023, 2025)
    }


def test_example_rates_never_overwrite_a_rate_the_secretariat_entered():
    ExchangeRate.objects.create(currency="USD", valid_from=datetime.date(2023, 1, 1), euros_per_unit="0.93")
    load_example_rates()
    assert str(ExchangeRate.objects.get(currency="USD", valid_from=datetime.date(2023, 1, 1)).euros_per_unit) == (
        "0.9300000000"
    )


def test_running_twice_changes_no_counts_and_keeps_the_network_s_moves():
    _load_all()
    before = _counts()
    assert before["Project"] == len(PROJECTS)
    # The network moves a project on: the seed leaves it alone.
    Project.objects.filter(code="rvase-calu").update(stage=S.FEASIBILITY)
    assert load_projects() == {"projects": 0, "project_stage_changes": 0, "project_partners": 0}
    assert _counts() == before
    assert Project.objects.get(code="rvase-calu").stage == S.FEASIBILITY


def test_the_seed_command_loads_the_projects():
    out = StringIO()
    call_command("seed_rvase", stdout=out)
    assert Project.objects.count() == len(PROJECTS)
    assert f"projects: {len(PROJECTS)}" in out.getvalue()
    call_command("seed_rvase", stdout=StringIO())
    assert Project.objects.count() == len(PROJECTS)
