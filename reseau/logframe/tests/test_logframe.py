"""The logframe page: the results tree with its indicators, for every role, in a fixed number of queries."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reseau.accounts.models import Role
from reseau.logframe.models import Computation, Indicator, IndicatorValue, Result
from tests.factories import AppointmentFactory, MemberFactory, NetworkFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("logframe:logframe")


# --- Helpers shared with the other logframe tests -------------------------------------------


def make_result(network, level: str, code: str, *, parent: Result | None = None, title: str = "") -> Result:
    return Result.objects.create(
        network=network, level=level, code=code, title_en=title or f"Result {code}", title_fr="", parent=parent
    )


def make_indicator(result: Result, code: str, **fields) -> Indicator:
    fields.setdefault("title_en", f"Indicator {code}")
    fields.setdefault("unit", "members")
    return Indicator.objects.create(result=result, code=code, **fields)


def make_value(indicator: Indicator, date: datetime.date, value: str, *, approved: bool = False, **fields):
    if approved:
        fields.setdefault("status", IndicatorValue.Status.APPROVED)
        fields.setdefault("approved_at", timezone.now())
    return IndicatorValue.objects.create(indicator=indicator, date=date, value=Decimal(value), **fields)


@pytest.fixture
def frame(world):
    """An impact, an outcome contributing to it, an output contributing to the outcome, each with an indicator."""
    network = world.hue.network
    impact = make_result(network, Result.Level.IMPACT, "IM1", title="Cities of the region are better governed")
    outcome = make_result(network, Result.Level.OUTCOME, "OC1", parent=impact, title="Members exchange practices")
    output = make_result(network, Result.Level.OUTPUT, "OP1.1", parent=outcome, title="Peer exchanges are held")
    counted = make_indicator(
        outcome,
        "OC1.a",
        title_en="Number of members taking part in peer exchanges",
        baseline_value=Decimal("4"),
        baseline_year=2023,
        target_value=Decimal("12.5"),
        target_year=2027,
        framework_code="SDG 11.3",
        disaggregation=["sex", "country"],
    )
    make_value(counted, datetime.date(2024, 6, 30), "7", approved=True)
    make_value(counted, datetime.date(2025, 6, 30), "99")  # a newer draft: not the latest approved value
    computed = make_indicator(
        output,
        "OP1.1.a",
        title_en="Members with a confirmed focal point",
        computation=Computation.FOCAL_POINTS_CONFIRMED,
    )
    AppointmentFactory(member=world.hue, nominated_on=datetime.date(2023, 1, 1))
    return {"impact": impact, "outcome": outcome, "output": output, "counted": counted, "computed": computed}


# --- Who reads it ----------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(world, frame):
    response = world.client_for("anonymous").get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ["partner", "focal_point", "coordinator", "secretariat"])
def test_the_network_and_its_partners_read_the_logframe(world, frame, role):
    response = world.client_for(role).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Members exchange practices" in page
    assert "Number of members taking part in peer exchanges" in page
    assert reverse("logframe:indicator_detail", kwargs={"pk": frame["counted"].pk}) in page


def test_only_staff_are_offered_to_add_results_and_indicators(world, frame):
    for role in ("partner", "focal_point"):
        page = world.client_for(role).get(URL).content.decode()
        assert reverse("logframe:result_create") not in page
        assert reverse("logframe:indicator_create", kwargs={"pk": frame["outcome"].pk}) not in page
    for role in ("coordinator", "secretariat"):
        page = world.client_for(role).get(URL).content.decode()
        assert "Add a result" in page
        assert reverse("logframe:indicator_create", kwargs={"pk": frame["outcome"].pk}) in page


def test_post_is_not_allowed(world, frame):
    assert world.client_for("coordinator").post(URL).status_code == 405


# --- What it shows ------------------------------------------------------------------------


def test_results_read_as_a_tree_impact_outcome_output(world, frame):
    page = world.client_for("coordinator").get(URL).content.decode()
    impact, outcome, output = (page.index(f'id="result-{frame[k].pk}-title"') for k in ("impact", "outcome", "output"))
    assert impact < outcome < output
    assert f'<h2 id="result-{frame["impact"].pk}-title">' in page
    assert f'<h3 id="result-{frame["outcome"].pk}-title">' in page
    assert f'<h4 id="result-{frame["output"].pk}-title">' in page
    assert "Contributes to IM1" in page
    assert "Contributes to OC1" in page


def test_an_indicator_row_shows_baseline_target_framework_code_and_disaggregation(world, frame):
    page = world.client_for("focal_point").get(URL).content.decode()
    assert "4 (2023)" in page
    assert "12.50 (2027)" in page
    assert "SDG 11.3" in page
    assert "Women / men, Country" in page


def test_the_latest_value_is_the_latest_approved_one(world, frame):
    for role in ("partner", "coordinator"):
        page = world.client_for(role).get(URL).content.decode()
        assert "<strong>7</strong> on" in page
        assert "30 June 2024" in page
        assert "<strong>99</strong>" not in page


def test_staff_see_how_many_values_await_approval_partners_do_not(world, frame):
    assert "1 value awaiting approval" in world.client_for("coordinator").get(URL).content.decode()
    assert "awaiting approval" not in world.client_for("partner").get(URL).content.decode()


def test_a_computed_indicator_shows_its_value_today(world, frame):
    page = world.client_for("partner").get(URL).content.decode()
    assert "Computed from the platform, today: 1" in page


def test_no_result_yet(world):
    page = world.client_for("coordinator").get(URL).content.decode()
    assert "No result recorded yet" in page


def test_orphan_results_are_listed_too(world):
    network = world.hue.network
    make_result(network, Result.Level.OUTPUT, "OP9", title="An output linked to nothing yet")
    page = world.client_for("partner").get(URL).content.decode()
    assert "An output linked to nothing yet" in page


def test_codes_sort_naturally(world):
    network = world.hue.network
    outcome = make_result(network, Result.Level.OUTCOME, "OC1")
    make_result(network, Result.Level.OUTPUT, "OP1.10", parent=outcome)
    make_result(network, Result.Level.OUTPUT, "OP1.2", parent=outcome)
    page = world.client_for("partner").get(URL).content.decode()
    assert page.index("OP1.2 —") < page.index("OP1.10 —")


def test_text_is_escaped(world):
    network = world.hue.network
    result = make_result(network, Result.Level.IMPACT, "IM1", title="<script>alert('result')</script>")
    make_indicator(result, "IM1.a", title_en="<b>bold</b>", unit="<i>u</i>", framework_code="<em>x</em>")
    page = world.client_for("partner").get(URL).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page
    assert "<b>bold</b>" not in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "<i>u</i>" not in page
    assert "<em>x</em>" not in page


# --- Networks -----------------------------------------------------------------------------------


@pytest.fixture
def maghreb():
    network = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network", name_fr="Réseau Maghreb")
    make_result(network, Result.Level.IMPACT, "IM1", title="Maghreb cities cooperate")
    return network


def test_each_network_reads_only_its_own_logframe(world, frame, maghreb):
    for role in ("partner", "focal_point", "coordinator"):
        page = world.client_for(role).get(URL, {"network": "maghreb"}).content.decode()
        assert "Members exchange practices" in page
        assert "Maghreb cities cooperate" not in page
    coordinator = UserFactory(email="coordinator.maghreb@reseau.test", role=Role.COORDINATOR, network=maghreb)
    client = world.client_for("anonymous")
    client.force_login(coordinator)
    page = client.get(URL).content.decode()
    assert "Maghreb cities cooperate" in page
    assert "Members exchange practices" not in page


def test_the_secretariat_chooses_the_network(world, frame, maghreb):
    client = world.client_for("secretariat")
    page = client.get(URL).content.decode()
    assert 'name="network"' in page
    assert "Maghreb network" in page
    page = client.get(URL, {"network": "maghreb"}).content.decode()
    assert "Maghreb cities cooperate" in page
    assert "Members exchange practices" not in page
    assert f"{reverse('logframe:result_create')}?network=maghreb" in page
    page = client.get(URL, {"network": "rvase"}).content.decode()
    assert "Members exchange practices" in page
    assert "Maghreb cities cooperate" not in page


def test_an_unknown_network_says_so(world, frame, maghreb):
    response = world.client_for("secretariat").get(URL, {"network": "nowhere"})
    assert response.status_code == 200
    assert "There is no network with this code" in response.content.decode()


def test_the_page_is_in_french_too(world, frame):
    client = world.client_for("partner")
    page = client.get(URL, headers={"accept-language": "fr"}).content.decode()
    assert '<html lang="fr">' in page


# --- Queries ----------------------------------------------------------------------------------


def _grow(world, count: int, *, start: int) -> None:
    """``count`` more indicators over new outcomes and outputs, each with approved and draft values."""
    network = world.hue.network
    impact = Result.objects.filter(network=network, level=Result.Level.IMPACT).first()
    # Each kind of computed indicator costs one query whatever the number of indicators using it.
    computations = [Computation.FOCAL_POINTS_CONFIRMED, Computation.PROJECTS_FUNDED]
    for n in range(start, start + count):
        outcome = make_result(network, Result.Level.OUTCOME, f"OC{n}", parent=impact)
        output = make_result(network, Result.Level.OUTPUT, f"OP{n}", parent=outcome)
        indicator = make_indicator(
            output if n % 2 else outcome,
            f"I{n}",
            disaggregation=["sex"],
            computation=computations[n % len(computations)] if n % 2 else "",
        )
        make_value(indicator, datetime.date(2024, 1, 1), "1", approved=True)
        make_value(indicator, datetime.date(2024, 6, 1), "2", approved=True)
        make_value(indicator, datetime.date(2025, 1, 1), "3")


@pytest.mark.parametrize("role", ["partner", "coordinator", "secretariat"])
def test_the_query_count_does_not_grow_with_the_logframe(world, role):
    make_result(world.hue.network, Result.Level.IMPACT, "IM1")
    MemberFactory(network=world.hue.network)
    client = world.client_for(role)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL)
        assert response.status_code == 200
        return len(queries)

    _grow(world, 3, start=1)
    assert Indicator.objects.count() == 3
    small = count()
    _grow(world, 57, start=4)
    assert Indicator.objects.count() == 60
    large = count()
    assert small == large
    assert large <= 15


def test_every_kind_of_computed_indicator_at_once_stays_within_budget(world):
    network = world.hue.network
    result = make_result(network, Result.Level.IMPACT, "IM1")
    for n, computation in enumerate(Computation.values * 3):
        make_indicator(result, f"C{n}", computation=computation)
    client = world.client_for("coordinator")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    assert len(queries) <= 15


def test_an_illustrative_target_is_marked_on_the_logframe(world, frame):
    Indicator.objects.filter(pk=frame["counted"].pk).update(values_illustrative=True)
    page = world.client_for("partner").get(URL).content.decode()
    assert '<span class="badge neutral">illustrative</span>' in page


def test_a_target_the_network_set_is_not_marked_illustrative(world, frame):
    page = world.client_for("partner").get(URL).content.decode()
    assert "illustrative" not in page


def test_an_illustrative_target_is_marked_on_the_indicator_page(world, frame):
    Indicator.objects.filter(pk=frame["counted"].pk).update(values_illustrative=True)
    url = reverse("logframe:indicator_detail", args=[frame["counted"].pk])
    assert "Examples the network has not set itself yet." in world.client_for("coordinator").get(url).content.decode()
