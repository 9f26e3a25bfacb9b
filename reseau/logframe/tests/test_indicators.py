"""Results and indicators: who adds and edits them, what they refuse, and the indicator's page."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from reseau.accounts.models import Role
from reseau.audit.models import AuditEvent
from reseau.logframe.models import Computation, Indicator, IndicatorValue, Result
from reseau.logframe.tests.test_logframe import make_indicator, make_result, make_value
from tests.factories import NetworkFactory, UserFactory

pytestmark = pytest.mark.django_db

RESULT_CREATE = reverse("logframe:result_create")
STAFF_ONLY = {"partner": 403, "focal_point": 403, "coordinator": 200, "secretariat": 200}
READERS = {"partner": 200, "focal_point": 200, "coordinator": 200, "secretariat": 200}


@pytest.fixture
def impact(world):
    return make_result(world.hue.network, Result.Level.IMPACT, "IM1", title="Better governed cities")


@pytest.fixture
def outcome(world, impact):
    return make_result(world.hue.network, Result.Level.OUTCOME, "OC1", parent=impact, title="Members cooperate")


@pytest.fixture
def output(world, outcome):
    return make_result(world.hue.network, Result.Level.OUTPUT, "OP1.1", parent=outcome, title="Exchanges held")


@pytest.fixture
def indicator(outcome):
    return make_indicator(
        outcome,
        "OC1.a",
        title_en="Members taking part in exchanges",
        title_fr="Membres participant aux échanges",
        unit="members",
        baseline_value=Decimal("4"),
        baseline_year=2023,
        target_value=Decimal("12"),
        target_year=2027,
        milestones="8 in 2025",
        sources="Lists of attendance",
        assumptions="Members keep their focal points",
        framework_code="SDG 11.3",
        disaggregation=["sex", "country"],
    )


@pytest.fixture
def maghreb():
    return NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")


def _login(world, user):
    client = world.client_for("anonymous")
    client.force_login(user)
    return client


def _indicator_data(**overrides) -> dict[str, object]:
    data: dict[str, object] = {
        "code": "OC1.b",
        "title_en": "Exchanges held",
        "title_fr": "Échanges organisés",
        "unit": "exchanges",
        "baseline_value": "0",
        "baseline_year": "2023",
        "target_value": "12,5",
        "target_year": "2027",
        "milestones": "6 by 2025",
        "sources": "Minutes",
        "assumptions": "Funding continues",
        "framework_code": "SDG 17.17",
        "disaggregation": ["sex", "member"],
        "computation": "",
    }
    data.update(overrides)
    return data


# --- Adding a result ------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "status"), STAFF_ONLY.items())
def test_who_adds_a_result(world, role, status):
    assert world.client_for(role).get(RESULT_CREATE).status_code == status
    if status == 403:
        response = world.client_for(role).post(RESULT_CREATE, {"level": "impact", "code": "IM9", "title_en": "Refused"})
        assert response.status_code == 403
        assert not Result.objects.filter(code="IM9").exists()


def test_anonymous_visitors_are_sent_to_sign_in(world, impact, indicator):
    urls = [
        RESULT_CREATE,
        reverse("logframe:indicator_create", kwargs={"pk": impact.pk}),
        reverse("logframe:indicator_detail", kwargs={"pk": indicator.pk}),
        reverse("logframe:indicator_edit", kwargs={"pk": indicator.pk}),
    ]
    for url in urls:
        response = world.client_for("anonymous").get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_the_coordinator_adds_an_outcome_to_an_impact(world, impact):
    response = world.client_for("coordinator").post(
        RESULT_CREATE,
        {"level": "outcome", "code": "OC2", "title_en": "Members share data", "title_fr": "", "parent": impact.pk},
    )
    assert response.status_code == 302
    result = Result.objects.get(code="OC2")
    assert result.network == world.hue.network
    assert result.parent == impact
    assert result.level == "outcome"
    assert response["Location"].endswith(f"#result-{result.pk}")
    assert AuditEvent.objects.filter(object_id=str(result.pk), action="created").exists()


@pytest.mark.parametrize(
    ("level", "parent", "message"),
    [
        ("outcome", "output", "An outcome contributes to an impact: choose an impact."),
        ("outcome", "outcome", "An outcome contributes to an impact: choose an impact."),
        ("output", "impact", "An output contributes to an outcome: choose an outcome."),
        ("impact", "impact", "An impact is the highest level: it contributes to no other result."),
    ],
)
def test_a_parent_at_the_wrong_level_is_refused(world, impact, outcome, output, level, parent, message):
    parents = {"impact": impact, "outcome": outcome, "output": output}
    data = {"level": level, "code": "X1", "title_en": "Wrong", "parent": parents[parent].pk}
    response = world.client_for("coordinator").post(RESULT_CREATE, data)
    assert response.status_code == 200
    if parent == "output":
        # Outputs are never offered as a higher result.
        assert "Choose a result from the list." in response.content.decode()
    else:
        assert message in response.content.decode()
    assert not Result.objects.filter(code="X1").exists()


def test_a_result_needs_a_title_and_a_unique_code(world, impact):
    client = world.client_for("coordinator")
    response = client.post(RESULT_CREATE, {"level": "impact", "code": "IM1", "title_en": "", "title_fr": ""})
    page = response.content.decode()
    assert "Enter the result in English, in French or in both." in page
    assert "A result with this code already exists in this network." in page


def test_the_coordinator_cannot_link_to_another_networks_result(world, maghreb):
    foreign = make_result(maghreb, Result.Level.IMPACT, "IM1")
    response = world.client_for("coordinator").post(
        RESULT_CREATE, {"level": "outcome", "code": "OC5", "title_en": "x", "parent": foreign.pk}
    )
    assert "Choose a result from the list." in response.content.decode()
    assert not Result.objects.filter(code="OC5").exists()


def test_the_secretariat_chooses_the_network(world, impact, maghreb):
    client = world.client_for("secretariat")
    page = client.get(RESULT_CREATE, {"network": "maghreb"}).content.decode()
    assert f'<option value="{maghreb.pk}" selected>' in page
    response = client.post(
        RESULT_CREATE, {"network": maghreb.pk, "level": "outcome", "code": "OC1", "title_fr": "x", "parent": impact.pk}
    )
    assert "Choose a result of the same network." in response.content.decode()
    response = client.post(RESULT_CREATE, {"level": "impact", "code": "IM1", "title_fr": "Villes"})
    assert "This field is required." in response.content.decode()
    response = client.post(RESULT_CREATE, {"network": maghreb.pk, "level": "impact", "code": "IM1", "title_fr": "V"})
    assert response.status_code == 302
    assert Result.objects.get(network=maghreb, code="IM1").title_fr == "V"
    assert response["Location"].startswith(f"{reverse('logframe:logframe')}?network=maghreb")


# --- Adding and editing an indicator ----------------------------------------------------


@pytest.mark.parametrize(("role", "status"), STAFF_ONLY.items())
def test_who_adds_and_edits_indicators(world, outcome, indicator, role, status):
    client = world.client_for(role)
    assert client.get(reverse("logframe:indicator_create", kwargs={"pk": outcome.pk})).status_code == status
    assert client.get(reverse("logframe:indicator_edit", kwargs={"pk": indicator.pk})).status_code == status
    response = client.post(reverse("logframe:indicator_create", kwargs={"pk": outcome.pk}), _indicator_data())
    assert response.status_code == (302 if status == 200 else 403)


def test_another_networks_coordinator_does_not_find_them(world, outcome, indicator, maghreb):
    client = _login(world, UserFactory(email="c.maghreb@reseau.test", role=Role.COORDINATOR, network=maghreb))
    assert client.get(reverse("logframe:indicator_create", kwargs={"pk": outcome.pk})).status_code == 404
    assert client.get(reverse("logframe:indicator_edit", kwargs={"pk": indicator.pk})).status_code == 404
    assert client.get(reverse("logframe:indicator_detail", kwargs={"pk": indicator.pk})).status_code == 404


def test_the_coordinator_adds_an_indicator_with_every_field(world, outcome):
    url = reverse("logframe:indicator_create", kwargs={"pk": outcome.pk})
    page = world.client_for("coordinator").get(url).content.decode()
    assert 'type="checkbox" name="disaggregation" value="sex"' in page
    assert "No: values are recorded by hand" in page
    response = world.client_for("coordinator").post(url, _indicator_data(computation="projects_funded"))
    assert response.status_code == 302
    created = Indicator.objects.get(code="OC1.b")
    assert response["Location"] == reverse("logframe:indicator_detail", kwargs={"pk": created.pk})
    assert created.result == outcome
    assert created.title_en == "Exchanges held"
    assert created.title_fr == "Échanges organisés"
    assert created.target_value == Decimal("12.5")
    assert created.baseline_value == Decimal("0")
    assert (created.baseline_year, created.target_year) == (2023, 2027)
    assert created.disaggregation == ["sex", "member"]
    assert created.computation == Computation.PROJECTS_FUNDED
    assert created.framework_code == "SDG 17.17"
    assert created.sources == "Minutes"


def test_the_target_year_cannot_be_before_the_baseline_year(world, outcome):
    url = reverse("logframe:indicator_create", kwargs={"pk": outcome.pk})
    response = world.client_for("coordinator").post(url, _indicator_data(baseline_year="2025", target_year="2024"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "The target year cannot be before the baseline year." in page
    assert page.count("The target year cannot be before the baseline year.") == 1
    assert not Indicator.objects.filter(code="OC1.b").exists()


@pytest.mark.parametrize("field", ["baseline_value", "target_value", "baseline_year", "target_year"])
def test_text_in_a_number_field_is_refused(world, outcome, field):
    url = reverse("logframe:indicator_create", kwargs={"pk": outcome.pk})
    response = world.client_for("coordinator").post(url, _indicator_data(**{field: "twelve"}))
    assert response.status_code == 200
    assert "Enter a number." in response.content.decode()
    assert not Indicator.objects.filter(code="OC1.b").exists()


def test_an_unknown_disaggregation_or_computation_is_refused(world, outcome):
    url = reverse("logframe:indicator_create", kwargs={"pk": outcome.pk})
    response = world.client_for("coordinator").post(url, _indicator_data(disaggregation=["age"], computation="x"))
    assert response.content.decode().count("Choose from the list.") == 2
    assert not Indicator.objects.filter(code="OC1.b").exists()


def test_an_indicator_needs_a_title_and_a_code_unique_in_its_result(world, outcome, indicator):
    url = reverse("logframe:indicator_create", kwargs={"pk": outcome.pk})
    response = world.client_for("coordinator").post(url, _indicator_data(code="OC1.a", title_en="", title_fr=""))
    page = response.content.decode()
    assert "Enter the indicator in English, in French or in both." in page
    assert "An indicator with this code already exists for this result." in page


def test_the_secretariat_edits_an_indicator(world, indicator):
    url = reverse("logframe:indicator_edit", kwargs={"pk": indicator.pk})
    page = world.client_for("secretariat").get(url).content.decode()
    assert 'value="OC1.a"' in page
    assert "checked" in page
    data = _indicator_data(code="OC1.a", target_value="15", disaggregation=["country"])
    response = world.client_for("secretariat").post(url, data)
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.target_value == Decimal("15")
    assert indicator.disaggregation == ["country"]
    follow = world.client_for("secretariat").post(url, data, follow=True)
    assert "Nothing was changed." in follow.content.decode()


def test_editing_keeps_the_year_order(world, indicator):
    url = reverse("logframe:indicator_edit", kwargs={"pk": indicator.pk})
    response = world.client_for("coordinator").post(url, _indicator_data(code="OC1.a", baseline_year="2030"))
    assert "The target year cannot be before the baseline year." in response.content.decode()
    indicator.refresh_from_db()
    assert indicator.baseline_year == 2023


# --- The indicator's page ---------------------------------------------------------------


@pytest.mark.parametrize(("role", "status"), READERS.items())
def test_who_reads_an_indicator(world, indicator, role, status):
    response = world.client_for(role).get(reverse("logframe:indicator_detail", kwargs={"pk": indicator.pk}))
    assert response.status_code == status


def test_the_page_shows_every_field(world, indicator):
    page = world.client_for("partner").get(reverse("logframe:indicator_detail", kwargs={"pk": indicator.pk}))
    text = page.content.decode()
    for shown in (
        "OC1.a",
        "Members taking part in exchanges",
        "Membres participant aux échanges",
        "members",
        "4 (2023)",
        "12 (2027)",
        "8 in 2025",
        "Lists of attendance",
        "Members keep their focal points",
        "SDG 11.3",
        "Women / men, Country",
        "No: values are recorded by hand",
        "Members cooperate",
    ):
        assert shown in text, shown


def test_only_staff_are_offered_to_record_values_and_edit(world, indicator):
    record = reverse("logframe:value_create", kwargs={"pk": indicator.pk})
    edit = reverse("logframe:indicator_edit", kwargs={"pk": indicator.pk})
    for role, offered in (("partner", False), ("focal_point", False), ("coordinator", True), ("secretariat", True)):
        page = world.client_for(role).get(reverse("logframe:indicator_detail", kwargs={"pk": indicator.pk}))
        text = page.content.decode()
        assert (record in text) is offered
        assert (edit in text) is offered
        assert ("History of changes" in text) is offered


def test_the_values_over_time(world, indicator):
    secretariat = world.users["secretariat"]
    coordinator = world.users["coordinator"]
    make_value(
        indicator,
        datetime.date(2024, 6, 30),
        "7",
        approved=True,
        breakdown={"women": "4", "men": "3", "country": {"KH": "2"}},
        source="Attendance list",
        evidence="https://example.org/report",
        recorded_by=coordinator,
        approved_by=secretariat,
    )
    make_value(indicator, datetime.date(2025, 1, 31), "9.5", recorded_by=coordinator)
    url = reverse("logframe:indicator_detail", kwargs={"pk": indicator.pk})
    text = world.client_for("focal_point").get(url).content.decode()
    text = text[text.index('id="values"') :]
    assert text.index("31 January 2025") < text.index("30 June 2024")
    assert "<strong>9.50</strong>" in text
    assert "<strong>7</strong>" in text
    assert "Women: 4" in text
    assert "Men: 3" in text
    assert "KH: 2" in text
    assert "Attendance list" in text
    assert 'href="https://example.org/report"' in text
    assert '<span class="badge ok">Approved by the secretariat</span>' in text
    assert '<span class="badge warn">Draft</span>' in text
    assert str(coordinator) in text
    assert f"By {secretariat}" in text


def test_partners_see_approved_values_only(world, indicator):
    make_value(indicator, datetime.date(2024, 6, 30), "7", approved=True)
    make_value(indicator, datetime.date(2025, 1, 31), "99")
    url = reverse("logframe:indicator_detail", kwargs={"pk": indicator.pk})
    text = world.client_for("partner").get(url).content.decode()
    # Neither the draft's value nor its date shows (a bare "99" could be in the CSRF token).
    assert "<strong>7</strong>" in text
    assert "<strong>99</strong>" not in text
    assert "Draft" not in text
    assert "31/01/2025" not in text
    assert "<strong>99</strong>" in world.client_for("focal_point").get(url).content.decode()


def test_only_the_secretariat_is_offered_to_approve(world, indicator):
    draft = make_value(indicator, datetime.date(2025, 1, 31), "5")
    approve = reverse("logframe:value_approve", kwargs={"pk": draft.pk})
    url = reverse("logframe:indicator_detail", kwargs={"pk": indicator.pk})
    assert approve in world.client_for("secretariat").get(url).content.decode()
    for role in ("partner", "focal_point", "coordinator"):
        assert approve not in world.client_for(role).get(url).content.decode()
    IndicatorValue.objects.filter(pk=draft.pk).update(status="approved")
    assert approve not in world.client_for("secretariat").get(url).content.decode()


def test_the_indicator_page_escapes_text(world, outcome):
    evil = make_indicator(
        outcome, "OC1.x", title_en="<script>alert(1)</script>", unit="<b>u</b>", sources="<img src=x onerror=y>"
    )
    make_value(evil, datetime.date(2024, 1, 1), "1", approved=True, source="<i>s</i>", evidence="<u>e</u>")
    page = world.client_for("partner").get(reverse("logframe:indicator_detail", kwargs={"pk": evil.pk}))
    text = page.content.decode()
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;" in text
    for raw in ("<b>u</b>", "<img src=x", "<i>s</i>", "<u>e</u>"):
        assert raw not in text


def test_the_indicator_page_reads_in_a_fixed_number_of_queries(world, indicator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = world.client_for("secretariat")
    url = reverse("logframe:indicator_detail", kwargs={"pk": indicator.pk})

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    make_value(indicator, datetime.date(2024, 1, 1), "1", approved=True, approved_by=world.users["secretariat"])
    small = count()
    for day in range(1, 29):
        make_value(indicator, datetime.date(2024, 2, day), "2", recorded_by=world.users["coordinator"])
    assert count() == small <= 15


def test_the_edit_form_shows_numbers_as_they_read(world, indicator):
    page = world.client_for("coordinator").get(reverse("logframe:indicator_edit", kwargs={"pk": indicator.pk}))
    text = page.content.decode()
    assert 'name="baseline_value" value="4"' in text
    assert 'name="target_value" value="12"' in text
