"""The seeded starter logframe: its shape, and computed indicators that give the expected
values on the seeded data (the RVASE seed only, not the demo)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from reseau.events.seed import load_events
from reseau.logframe.computed import computed_value
from reseau.logframe.models import Computation, Indicator, IndicatorValue, Result
from reseau.logframe.seed import load_logframe
from reseau.partners.seed import load_partners
from reseau.plans.seed import load_plans
from reseau.projects.seed import load_projects
from reseau.registry.models import Member, Network
from reseau.registry.seed_rvase import load_rvase

pytestmark = pytest.mark.django_db


def _load_all() -> dict[str, int]:
    load_rvase()
    load_partners()
    load_projects()
    load_plans()
    load_events()
    return load_logframe()


def test_logframe_shape():
    _load_all()
    results = {r.code: r for r in Result.objects.filter(network__code="rvase").select_related("parent")}
    assert set(results) == {
        "IM1",
        "OC1",
        "OC2",
        "OC3",
        "OC4",
        "OP1.1",
        "OP1.2",
        "OP1.3",
        "OP2.1",
        "OP3.1",
        "OP3.2",
        "OP4.1",
    }
    assert results["IM1"].level == Result.Level.IMPACT
    assert results["IM1"].parent is None
    assert "Sustainable Development Goals" in results["IM1"].title_en
    for code, result in results.items():
        assert result.title_en
        assert result.title_fr
        assert result.title_fr != result.title_en
        if code.startswith("OC"):
            assert result.level == Result.Level.OUTCOME
            assert result.parent.code == "IM1"
        if code.startswith("OP"):
            assert result.level == Result.Level.OUTPUT
            assert result.parent.code == "OC" + code[2]
    indicators = list(Indicator.objects.filter(result__network__code="rvase"))
    assert {i.computation for i in indicators if i.computation} == set(Computation.values)
    assert sum(not i.computation for i in indicators) == 2  # the conferences and the advocacy documents
    for indicator in indicators:
        assert indicator.unit
        assert indicator.title_en
        assert indicator.title_fr
        assert indicator.target_year == 2025
        assert indicator.target_value is not None
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
        # The seed records no dues: no member is known to be up to date.
        Computation.MEMBERS_UP_TO_DATE: 0,
        # The 13 organisations in dialogue since the meeting.
        Computation.PARTNERS_IN_DIALOGUE: 13,
        # The two concrete projects validated at the April 2022 office.
        Computation.PROJECTS_VALIDATED: 2,
        Computation.PROJECTS_FUNDED: 0,
        Computation.EVENTS_HELD: 7,
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
    indicator = Indicator.objects.get(result__network__code="rvase", code="OP1.3.a")
    assert indicator.title_en == "Number of thematic conferences held"
    assert (indicator.baseline_value, indicator.baseline_year) == (Decimal(0), 2022)
    value = IndicatorValue.objects.get(indicator=indicator)
    assert (value.date, value.value, value.status) == (
        datetime.date(2023, 5, 20),
        Decimal(1),
        IndicatorValue.Status.APPROVED,
    )
    assert value.approved_by is None
    assert value.recorded_by is None
    assert "seed" in value.source
    assert "Faecal Sludge Management" in value.evidence
    value.full_clean()


def _snapshot() -> dict[str, list[dict]]:
    models = (Result, Indicator, IndicatorValue)
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in models}


def test_running_it_twice_changes_nothing():
    assert _load_all() == {"results": 12, "indicators": 10, "indicator_values": 1}
    before = _snapshot()
    assert set(_load_all().values()) == {0}
    assert _snapshot() == before


def test_the_deck_third_expected_result_is_an_outcome():
    _load_all()
    outcome = Result.objects.get(network__code="rvase", code="OC4")
    assert "decentralisation process deepened" in outcome.title_en


def test_an_unedited_assumption_the_seed_no_longer_holds_is_replaced():
    from reseau.logframe.seed import SUPERSEDED_ASSUMPTIONS

    _load_all()
    indicator = Indicator.objects.get(result__network__code="rvase", code="OC1.a")
    Indicator.objects.filter(pk=indicator.pk).update(assumptions=SUPERSEDED_ASSUMPTIONS["OC1.a"])
    _load_all()
    indicator.refresh_from_db()
    assert "counts as up to date" not in indicator.assumptions


def test_an_edited_assumption_is_kept():
    _load_all()
    Indicator.objects.filter(result__network__code="rvase", code="OC1.a").update(assumptions="Ours.")
    _load_all()
    assert Indicator.objects.get(result__network__code="rvase", code="OC1.a").assumptions == "Ours."


def test_every_seeded_baseline_and_target_is_marked_illustrative():
    _load_all()
    assert set(Indicator.objects.values_list("values_illustrative", flat=True)) == {True}
