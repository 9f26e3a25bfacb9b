"""The seeded plans are the 2023 annual meeting deck's: its plan table, word for word, and its
thematic plans (the decisions and the logframe are the decisions and logframe apps' tests)."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from reseau.partners.seed import load_partners
from reseau.plans.models import Activity, ActivityProgress, Axis, Plan, ReportingPeriod
from reseau.plans.seed import load_plans
from reseau.projects.seed import load_projects
from reseau.registry.seed_rvase import load_rvase

pytestmark = pytest.mark.django_db

PLAN = "rvase-2023-action-plan"
FOOTER = "Avec le soutien financier de la Commission Européenne"

# The plan table as the deck's text extraction gives it: an axis heading, then one line per
# activity — number, activity, achieved, planned, suggestions, separated by tabs.
DECK_TABLE = (
    "Facilitate regional dialogue between local authorities and stakeholders\n"
    "1\tMaking contact with member cities and their focal points; confirming needs.\tCambodia: ASAC, "
    "Kampot, Phnom Penh. Laos: Luang Prabang, Vientiane. Vietnam: Hue, Can Tho, Hai Phong.\tOngoing "
    "dialogue.\tFormal appointment of a focal point within the other members of the network to create "
    "a regular and more in-depth dialogue.\n"
    "2\tIdentification and contact with actors supporting decentralization, francophonie and urban "
    "development in SEA, in relation to the pre-identified work themes.\tContact and dialogue with: "
    "UCLG-ASPAC, AMF Secretariat; The AUF in Cambodia, and Asia region office; The French Embassy in "
    "Cambodia; Several decentralized cooperation partners (Paris Ile de France, Val de Marne, SIAAP); "
    "University actors in Cambodia: URBA & URPP. The Vietnamese Association of Cities.\tAUF Laos AFD "
    "Cambodia Ambassies of France in Laos and Vietnam\tContinue to establish relationships with actors "
    "of cooperation and sustainable urbanism in Southeast Asia.\n"
    "3\tElaboration of the 2023 / 2024 Action Plan, including a series of concrete actions (projects), "
    "training actions and experience sharing (training and workshops).\tFirst draft of the action plan "
    "prepared, for discussion and completion at the annual meeting of the South East Asian Cities "
    "Network in May 2023.\tCompletion following the Annual Meeting\tSharing for validation to all AIMF "
    "members in Southeast Asia.\n"
    "4\tPreparation and holding of the annual network meeting (program, provisional budget, logistics, "
    "partners, etc.)\tAnnual meeting of the network organized.\tUnder way !\tDecision to be made by "
    "the time of the AIMF GA on the location of the RVASE annual meeting in 2024.\n"
    "5\tParticipation in Francophonie and urban development events in the region in order to bring the "
    "voices of member cities (advocacy in favor of sub-national authorities) and feed the global "
    "advocacy strategy of the AIMF\tParticipation in the presentation of the CWIS in Phnom Penh, "
    "funded by ADB (December 2022) Participation in the General Assembly of the Francophonie in "
    "Cambodia (March 2023)\tIdentify relevant events and participate when possible.\t\n"
    "6\tMulticountry dialogue\tOrganization of the Thematic Conference on Faecal Sludge Management "
    "(March to May 2023)\tFSM thematique conference (mai 2023)\tOrganize annual thematic conferences, "
    "on themes selected by the RVASE members.\n"
    "7\tNational Dialogue and Advocacy\t\tNational dialogues planned within the framework of concrete "
    "projects; Advocacy activities planned following the adoption of an advocacy document by the "
    "network.\t  Avec le soutien financier de la Commission Européenne\n"
    "Supporting local project ownership\n"
    "8\tDiagnosis of training needs, exchange of experiences and studies\tDrafted during the contacts "
    "with the members\tFinalization of the training project for women in the public service & "
    "implementation.\tConduct an in-depth needs assessment on a theme selected by the members\n"
    "9\tElaboration of a budgeted annual program of trainings and workshops (integrated in the "
    "2023/2024 action plan)\t\t\tDevelopment of a first workshop program following the annual "
    "meeting\n"
    "10\tCarrying out training according to identified needs\t\t\t\n"
    "11\tSupport for the execution of studies\tDevelopment of the CALU project in order to allow the "
    "realization of small territorialized studies within the framework of the project\tIdentify and "
    "secure the necessary financing for the project\t\n"
    "12\tOrganization of workshops and exchanges of experience\tOrganization of the Thematic "
    "Conference on Faecal Sludge Management (March to May 2023)\t\t\n"
    "Support the design, implementation and financing of local and regional projects\n"
    "13\tTechnical assistance in the design and monitoring of LA projects: Accompanying the cities in "
    "the identification and design of projects; Accompanying the stages of validation of the project "
    "with the headquarters.\tSetting up and validation of two concrete projects for Luang Prabang and "
    "Phnom Penh. Two multi-city projects are being developed (CALU and women in the civil "
    "service).\t\t\n"
    "14\tAccompaniment in the implementation of pilot projects in local ownership and in connection "
    "with the actors of the territory: Elaboration / feasibility of the projects; Launching of the "
    "projects; Strategy of research of financing; Follow-up of the projects.\tEvaluation of the "
    "feasibility of projects and search for funding.\tUpcoming launch of the two concrete projects "
    "validated at the April 2022 office\t\n"
    "15\tSupport for the expansion of financial and technical partnerships: Establishment of "
    "relationships with other donors, creation of synergies; Accompaniment and implementation of "
    "sub-regional multi-country projects for the financing of a project by international cooperation "
    "donors.\tIdentification and contact with potential donors (AUF, French Embassies, ...)\tFollow-up "
    "and development of contacts\t\n"
)


def _deck() -> tuple[list[str], list[tuple[int, int, str, str, str, str]]]:
    """The axis titles and the rows (number, axis, activity, achieved, planned, suggestions)."""
    axes: list[str] = []
    rows = []
    for line in DECK_TABLE.splitlines():
        cells = line.split("\t")
        if len(cells) == 1:
            axes.append(cells[0])
            continue
        number, title, achieved, planned, suggestions = cells
        if suggestions.strip() == FOOTER:  # the slide's footer, caught in row 7 by the extraction
            suggestions = ""
        rows.append((int(number), len(axes), title, achieved.strip(), planned.strip(), suggestions.strip()))
    return axes, rows


def _words(text: str) -> str:
    """The text with its line breaks and runs of spaces read as single spaces, as the extraction does."""
    return " ".join(text.split())


def _load_all() -> dict[str, int]:
    load_rvase()
    load_partners()
    load_projects()
    return load_plans()


def _progress(number: int) -> ActivityProgress:
    return ActivityProgress.objects.get(activity__plan__code=PLAN, activity__number=number, period__label="2023")


def test_the_plan_table_is_the_deck_s_table():
    _load_all()
    deck_axes, deck_rows = _deck()
    assert len(deck_axes) == 3
    assert len(deck_rows) == 15

    plan = Plan.objects.get(code=PLAN)
    assert plan.network.code == "rvase"
    assert plan.kind == Plan.Kind.ANNUAL
    assert plan.status == Plan.Status.DRAFT
    assert (plan.starts_on, plan.ends_on) == (datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))
    assert plan.title_en == "2023 Annual Action Plan"
    assert plan.title_fr == "Plan d'action annuel 2023"
    plan.full_clean()

    axes = list(Axis.objects.filter(plan=plan).order_by("number"))
    assert [(a.number, a.title_en) for a in axes] == [(n, title) for n, title in enumerate(deck_axes, start=1)]
    assert all(a.title_fr and a.title_fr != a.title_en for a in axes)

    activities = list(Activity.objects.filter(plan=plan).select_related("axis").order_by("number"))
    assert [a.number for a in activities] == list(range(1, 16))
    for activity, (number, axis, title, achieved, planned, suggestions) in zip(activities, deck_rows, strict=True):
        assert activity.number == number
        assert activity.axis.number == axis, number
        assert activity.title_en == title, number
        assert activity.title_fr, number
        assert activity.title_fr != activity.title_en, number
        activity.full_clean()
        progress = activity.progress.get()
        assert progress.period.label == "2023"
        # Word for word; only line breaks may have been restored where the cell is a list.
        assert _words(progress.achieved) == achieved, number
        assert _words(progress.planned) == planned, number
        assert _words(progress.suggestions) == suggestions, number
        for cell in (progress.achieved, progress.planned, progress.suggestions):
            assert cell == cell.strip(), number
            assert "  " not in cell, number
            assert FOOTER not in cell, number
        progress.full_clean()
    assert [a.number for a in activities if a.axis.number == 1] == list(range(1, 8))
    assert [a.number for a in activities if a.axis.number == 2] == list(range(8, 13))
    assert [a.number for a in activities if a.axis.number == 3] == list(range(13, 16))


def test_cells_word_for_word_and_empty_cells_empty():
    _load_all()
    assert _progress(6).achieved == (
        "Organization of the Thematic Conference on Faecal Sludge Management (March to May 2023)"
    )
    assert _progress(6).planned == "FSM thematique conference (mai 2023)"
    assert _progress(4).planned == "Under way !"
    assert _progress(4).suggestions == (
        "Decision to be made by the time of the AIMF GA on the location of the RVASE annual meeting in 2024."
    )
    assert _progress(13).achieved == (
        "Setting up and validation of two concrete projects for Luang Prabang and Phnom Penh. Two multi-city "
        "projects are being developed (CALU and women in the civil service)."
    )
    assert _progress(1).achieved == (
        "Cambodia: ASAC, Kampot, Phnom Penh.\nLaos: Luang Prabang, Vientiane.\nVietnam: Hue, Can Tho, Hai Phong."
    )
    assert _progress(2).planned == "AUF Laos\nAFD Cambodia\nAmbassies of France in Laos and Vietnam"
    assert _progress(14).planned == "Upcoming launch of the two concrete projects validated at the April 2022 office"
    assert _progress(15).achieved == "Identification and contact with potential donors (AUF, French Embassies, ...)"
    # The slide footer is not a suggestion of activity 7.
    seven = _progress(7)
    assert (seven.achieved, seven.suggestions) == ("", "")
    assert seven.planned.startswith("National dialogues planned within the framework of concrete projects;")
    ten = _progress(10)
    assert (ten.achieved, ten.planned, ten.suggestions) == ("", "", "")
    nine = _progress(9)
    assert (nine.achieved, nine.planned) == ("", "")
    assert nine.suggestions == "Development of a first workshop program following the annual meeting"
    for number in (5, 11, 13, 14, 15):
        assert _progress(number).suggestions == "", number
    for number in (12, 13):
        assert _progress(number).planned == "", number


def test_statuses_follow_the_cells():
    _load_all()
    status = {p.activity.number: p.status for p in ActivityProgress.objects.filter(activity__plan__code=PLAN)}
    S = ActivityProgress.Status
    assert {n for n, s in status.items() if s == S.NOT_STARTED} == {7, 9, 10}
    assert {n for n, s in status.items() if s == S.DONE} == {12}
    assert {n for n, s in status.items() if s == S.ONGOING} == set(range(1, 16)) - {7, 9, 10, 12}
    for progress in ActivityProgress.objects.filter(activity__plan__code=PLAN):
        # Nothing achieved → not started; done only when nothing more is planned.
        assert (progress.status == S.NOT_STARTED) == (progress.achieved == "")
        if progress.status == S.DONE:
            assert progress.planned == ""


def test_activities_link_the_deck_s_members_partners_projects_and_themes():
    _load_all()
    activity = {a.number: a for a in Activity.objects.filter(plan__code=PLAN)}
    assert set(activity[1].members.values_list("slug", flat=True)) == {
        "asac",
        "kampot",
        "phnom-penh",
        "luang-prabang",
        "vientiane",
        "hue",
        "can-tho",
        "hai-phong",
    }
    assert activity[2].partners.count() == 15
    assert set(activity[2].partners.values_list("acronym", flat=True)) >= {"UCLG-ASPAC", "AUF", "SIAAP", "AFD"}
    assert list(activity[5].partners.values_list("acronym", flat=True)) == ["ADB"]
    assert set(activity[14].projects.values_list("code", flat=True)) == {
        "rvase-water-kokvan-luang-prabang",
        "rvase-smart-city-hub-phnom-penh",
    }
    assert activity[13].projects.count() == 4
    assert list(activity[11].projects.values_list("code", flat=True)) == ["rvase-calu"]
    assert list(activity[6].themes.values_list("code", flat=True)) == ["urban-sanitation"]


def test_french_titles():
    _load_all()
    with translation.override("fr"):
        assert Plan.objects.get(code=PLAN).title == "Plan d'action annuel 2023"
        assert Axis.objects.get(plan__code=PLAN, number=2).title == "Appuyer la maîtrise d'ouvrage locale des projets"
        assert Activity.objects.get(plan__code=PLAN, number=6).title == "Dialogue multi-pays"
    with translation.override("en"):
        assert Activity.objects.get(plan__code=PLAN, number=6).title == "Multicountry dialogue"


def test_reporting_periods():
    _load_all()
    periods = ReportingPeriod.objects.filter(network__code="rvase").order_by("starts_on")
    assert [(p.label, p.kind, p.starts_on, p.ends_on) for p in periods] == [
        (str(y), ReportingPeriod.Kind.YEAR, datetime.date(y, 1, 1), datetime.date(y, 12, 31))
        for y in (2023, 2024, 2025)
    ]


def test_thematic_plans_and_the_road_map_are_drafts_without_activities():
    _load_all()
    expected = {
        "rvase-fsm-action-plan-2023-2025": (
            Plan.Kind.THEMATIC,
            "FSM thematic action plan (2023–2025)",
            "urban-sanitation",
            datetime.date(2023, 1, 1),
            datetime.date(2025, 12, 31),
        ),
        "rvase-smart-cities-action-plan-2024-2025": (
            Plan.Kind.THEMATIC,
            "Smart Cities thematic action plan (2024–2025)",
            "urban-governance-smart-cities",
            datetime.date(2024, 1, 1),
            datetime.date(2025, 12, 31),
        ),
        "rvase-sustainable-tourism-action-plan-2025": (
            Plan.Kind.THEMATIC,
            "Sustainable tourism action plan (2025)",
            "smart-sustainable-tourism",
            datetime.date(2025, 1, 1),
            datetime.date(2025, 12, 31),
        ),
        "rvase-2025-road-map": (
            Plan.Kind.ROAD_MAP,
            "2025 Road Map",
            None,
            datetime.date(2023, 1, 1),
            datetime.date(2025, 12, 31),
        ),
    }
    plans = {p.code: p for p in Plan.objects.exclude(code=PLAN).select_related("theme", "network")}
    assert set(plans) == set(expected)
    for code, (kind, title, theme, starts_on, ends_on) in expected.items():
        plan = plans[code]
        assert plan.network.code == "rvase"
        assert plan.status == Plan.Status.DRAFT, code
        assert (plan.kind, plan.title_en, plan.starts_on, plan.ends_on) == (kind, title, starts_on, ends_on)
        assert (plan.theme.code if plan.theme else None) == theme
        assert plan.title_fr
        assert plan.title_fr != plan.title_en
        assert not plan.activities.exists()
        assert not plan.axes.exists()
        plan.full_clean()


PLAN_MODELS = (
    ReportingPeriod,
    Plan,
    Axis,
    Activity,
    ActivityProgress,
    Activity.members.through,
    Activity.partners.through,
    Activity.projects.through,
    Activity.themes.through,
)


def _snapshot() -> dict[str, list[dict]]:
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in PLAN_MODELS}


def test_running_it_twice_changes_nothing():
    first = _load_all()
    assert first == {
        "reporting_periods": 3,
        "plans": 5,
        "axes": 3,
        "activities": 15,
        "activity_progress": 15,
    }
    before = _snapshot()
    again = _load_all()
    assert set(again.values()) == {0}
    assert _snapshot() == before


def test_what_the_network_moved_on_is_not_moved_back():
    _load_all()
    progress = _progress(3)
    progress.achieved = "Action plan completed and shared with the members."
    progress.status = ActivityProgress.Status.DONE
    progress.save()
    plan = Plan.objects.get(code=PLAN)
    plan.status = Plan.Status.VALIDATED
    plan.save()
    load_plans()
    assert _progress(3).status == ActivityProgress.Status.DONE
    assert _progress(3).achieved == "Action plan completed and shared with the members."
    assert Plan.objects.get(code=PLAN).status == Plan.Status.VALIDATED


def test_the_seed_command_loads_the_plans():
    out = StringIO()
    call_command("seed_rvase", stdout=out)
    assert Plan.objects.filter(code=PLAN).exists()
    assert Activity.objects.filter(plan__code=PLAN).count() == 15
    assert "activities: 15" in out.getvalue()
    call_command("seed_rvase", stdout=StringIO())
    assert Activity.objects.filter(plan__code=PLAN).count() == 15
