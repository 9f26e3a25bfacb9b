"""The seeded plans are the 2023 annual meeting deck's: its plan table, word for word, its
thematic plans, the decisions of its conclusions, and a starter logframe whose computed
indicators give the expected values on the seeded data (the RVASE seed only, not the demo)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from reseau.decisions.models import Decision
from reseau.events.seed import load_events
from reseau.logframe.computed import computed_value
from reseau.logframe.models import Computation, Indicator, IndicatorValue, Result
from reseau.partners.seed import load_partners
from reseau.plans.models import Activity, ActivityProgress, Axis, Plan, ReportingPeriod
from reseau.plans.seed import load_plans
from reseau.projects.seed import load_projects
from reseau.registry.models import Member, Network
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
    created = load_plans()
    load_events()
    return created


def _progress(number: int) -> ActivityProgress:
    return ActivityProgress.objects.get(activity__plan__code=PLAN, activity__number=number, period__label="2023")


def test_the_plan_table_is_the_deck_s_table():
    _load_all()
    deck_axes, deck_rows = _deck()
    assert len(deck_axes) == 3 and len(deck_rows) == 15

    plan = Plan.objects.get(code=PLAN)
    assert plan.network.code == "rvase"
    assert plan.kind == Plan.Kind.ANNUAL and plan.status == Plan.Status.DRAFT
    assert (plan.starts_on, plan.ends_on) == (datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))
    assert plan.title_en == "2023 Annual Action Plan" and plan.title_fr == "Plan d'action annuel 2023"
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
        assert activity.title_fr and activity.title_fr != activity.title_en, number
        activity.full_clean()
        progress = activity.progress.get()
        assert progress.period.label == "2023"
        # Word for word; only line breaks may have been restored where the cell is a list.
        assert _words(progress.achieved) == achieved, number
        assert _words(progress.planned) == planned, number
        assert _words(progress.suggestions) == suggestions, number
        for cell in (progress.achieved, progress.planned, progress.suggestions):
            assert cell == cell.strip() and "  " not in cell and FOOTER not in cell, number
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
        assert plan.title_fr and plan.title_fr != plan.title_en
        assert not plan.activities.exists() and not plan.axes.exists()
        plan.full_clean()


def _decision(text: str) -> Decision:
    return Decision.objects.get(title_en__contains=text)


def test_decisions_of_the_conclusions():
    _load_all()
    decisions = list(Decision.objects.filter(network__code="rvase").prefetch_related("activities"))
    assert len(decisions) == 16
    for decision in decisions:
        assert decision.meeting == "2023 annual meeting of the RVASE, Phnom Penh"
        assert decision.meeting_date == datetime.date(2023, 5, 18)
        assert decision.title_fr and decision.title_fr != decision.title_en
        assert decision.owner_person is None
        decision.full_clean()
    assert sum(d.kind == Decision.Kind.DECISION for d in decisions) == 3

    themes = _decision("The proposed work themes are agreed and validated.")
    assert (themes.kind, themes.status) == (Decision.Kind.DECISION, Decision.Status.DONE)
    approach = _decision("The thematic approach to structuring the network's work")
    assert approach.kind == Decision.Kind.DECISION

    focal = _decision("each member officially confirms its focal point")
    assert focal.title_en.startswith("By mid-June, each member officially confirms its focal point")
    assert focal.due_date == datetime.date(2023, 6, 15)
    assert focal.kind == Decision.Kind.ACTION and focal.status == Decision.Status.OPEN
    assert focal.owner_member is None
    assert [a.number for a in focal.activities.all()] == [1]
    assert Activity.objects.get(plan__code=PLAN, number=1).decisions.filter(pk=focal.pk).exists()

    location = _decision("location of the RVASE annual meeting in 2024")
    assert [a.number for a in location.activities.all()] == [4]
    assert location.due_date == datetime.date(2023, 10, 23)  # the AIMF Congress (GA), Cotonou
    # Due dates only where the deck gives one.
    assert {d.due_date for d in decisions if d.due_date} == {datetime.date(2023, 6, 15), datetime.date(2023, 10, 23)}

    for text in (
        "A framework agreement will be sought with UCLG-ASPAC.",
        "initiate dialogue with the Asian Development Bank",
        "ASEAN Smart Cities Network: via PPCA",
        "Meet the EU delegations in the three countries",
        "UN-ESCAP (regional office",
    ):
        numbers = {a.number for a in _decision(text).activities.all()}
        assert {2, 15} <= numbers, text

    gender = _decision("Emilie shares and monitors the completion of the questionnaire.")
    assert gender.owner_member is None and gender.owner_person is None

    owners = {d.owner_member.slug for d in decisions if d.owner_member}
    assert owners == {"hue", "vientiane", "phnom-penh"}
    hue = _decision("Hué's bid to host the next AIMF General Assembly")
    assert (hue.kind, hue.status, hue.owner_member.slug) == (Decision.Kind.DECISION, Decision.Status.DONE, "hue")
    assert _decision("The modalities for mobilizing the RVASE will be explored.").owner_member.slug == "vientiane"
    for text in ("constitutive document", "monthly meeting", "shared calendar", "AIMF exchange platform"):
        assert _decision(text).status == Decision.Status.OPEN


def test_logframe_shape():
    _load_all()
    results = {r.code: r for r in Result.objects.filter(network__code="rvase").select_related("parent")}
    assert set(results) == {"IM1", "OC1", "OC2", "OC3", "OP1.1", "OP1.2", "OP1.3", "OP2.1", "OP3.1", "OP3.2"}
    assert results["IM1"].level == Result.Level.IMPACT and results["IM1"].parent is None
    assert "Sustainable Development Goals" in results["IM1"].title_en
    for code, result in results.items():
        assert result.title_en and result.title_fr and result.title_fr != result.title_en
        if code.startswith("OC"):
            assert result.level == Result.Level.OUTCOME and result.parent.code == "IM1"
        if code.startswith("OP"):
            assert result.level == Result.Level.OUTPUT and result.parent.code == "OC" + code[2]
    indicators = list(Indicator.objects.filter(result__network__code="rvase"))
    assert {i.computation for i in indicators if i.computation} == set(Computation.values)
    assert sum(not i.computation for i in indicators) == 1
    for indicator in indicators:
        assert indicator.unit and indicator.title_en and indicator.title_fr
        assert indicator.target_year == 2025 and indicator.target_value is not None
        assert "illustrative" in indicator.assumptions
        indicator.full_clean()


def test_computed_indicators_on_the_seeded_data():
    _load_all()
    network = Network.objects.get(code="rvase")
    members = Member.objects.filter(network=network).count()
    end_of_2023 = datetime.date(2023, 12, 31)
    expected = {
        # No focal point is recorded by the seed (the demo adds some).
        Computation.FOCAL_POINTS_CONFIRMED: 0,
        # The seed records no dues: no member has any outstanding.
        Computation.MEMBERS_UP_TO_DATE: members,
        # The 13 organisations in dialogue since the meeting.
        Computation.PARTNERS_IN_DIALOGUE: 13,
        # The two concrete projects validated at the April 2022 office.
        Computation.PROJECTS_VALIDATED: 2,
        Computation.PROJECTS_FUNDED: 0,
        Computation.EVENTS_HELD: 4,
        Computation.PARTICIPANTS_WOMEN: 2,
        Computation.PARTICIPANTS_MEN: 8,
    }
    assert members == 12
    for indicator in Indicator.objects.filter(result__network=network).exclude(computation=""):
        value = computed_value(indicator.computation, network, end_of_2023)
        assert value == expected[indicator.computation], indicator.code
        if indicator.baseline_value is not None:
            assert indicator.baseline_year == 2023
            assert value == indicator.baseline_value, indicator.code
    assert computed_value(Computation.PARTNERS_IN_DIALOGUE, network, datetime.date(2023, 5, 17)) == 0
    assert computed_value(Computation.PROJECTS_VALIDATED, network, datetime.date(2022, 3, 31)) == 0
    assert Indicator.objects.get(computation=Computation.MEMBERS_UP_TO_DATE).baseline_value is None


def test_the_thematic_conference_value_is_approved_with_its_source():
    _load_all()
    indicator = Indicator.objects.get(result__network__code="rvase", computation="")
    assert indicator.title_en == "Number of thematic conferences held"
    assert (indicator.baseline_value, indicator.baseline_year) == (Decimal(0), 2022)
    value = IndicatorValue.objects.get(indicator=indicator)
    assert (value.date, value.value, value.status) == (
        datetime.date(2023, 5, 20),
        Decimal(1),
        IndicatorValue.Status.APPROVED,
    )
    assert value.approved_by is None and value.recorded_by is None
    assert "seed" in value.source and "Faecal Sludge Management" in value.evidence
    value.full_clean()


PLAN_MODELS = (
    ReportingPeriod,
    Plan,
    Axis,
    Activity,
    ActivityProgress,
    Decision,
    Decision.activities.through,
    Activity.members.through,
    Activity.partners.through,
    Activity.projects.through,
    Activity.themes.through,
    Result,
    Indicator,
    IndicatorValue,
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
        "decisions": 16,
        "results": 10,
        "indicators": 9,
        "indicator_values": 1,
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
    focal = _decision("each member officially confirms its focal point")
    focal.status = Decision.Status.DONE
    focal.save()
    plan = Plan.objects.get(code=PLAN)
    plan.status = Plan.Status.VALIDATED
    plan.save()
    load_plans()
    assert _progress(3).status == ActivityProgress.Status.DONE
    assert _progress(3).achieved == "Action plan completed and shared with the members."
    assert _decision("each member officially confirms its focal point").status == Decision.Status.DONE
    assert Plan.objects.get(code=PLAN).status == Plan.Status.VALIDATED


def test_the_seed_command_loads_the_plans():
    out = StringIO()
    call_command("seed_rvase", stdout=out)
    assert Plan.objects.filter(code=PLAN).exists()
    assert Activity.objects.filter(plan__code=PLAN).count() == 15
    assert "decisions: 16" in out.getvalue()
    call_command("seed_rvase", stdout=StringIO())
    assert Decision.objects.count() == 16
