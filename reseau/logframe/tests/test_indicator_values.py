"""Measured values: the network's staff record them as drafts, only the secretariat approves them."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from reseau.accounts.models import Role
from reseau.logframe.models import IndicatorValue, Result
from reseau.logframe.tests.test_logframe import make_indicator, make_result, make_value
from tests.factories import NetworkFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGFRAME = reverse("logframe:logframe")


@pytest.fixture
def indicator(world):
    result = make_result(world.hue.network, Result.Level.OUTCOME, "OC1", title="Members cooperate")
    return make_indicator(result, "OC1.a", title_en="People trained", unit="people", disaggregation=["sex"])


@pytest.fixture
def draft(indicator, world):
    return make_value(indicator, datetime.date(2025, 1, 31), "12", recorded_by=world.users["coordinator"])


def _create_url(indicator) -> str:
    return reverse("logframe:value_create", kwargs={"pk": indicator.pk})


def _approve_url(value) -> str:
    return reverse("logframe:value_approve", kwargs={"pk": value.pk})


def _detail_url(indicator) -> str:
    return reverse("logframe:indicator_detail", kwargs={"pk": indicator.pk})


def _data(**overrides) -> dict[str, str]:
    data = {"date": "2025-01-31", "value": "22", "women": "12", "men": "10", "source": "Lists", "evidence": "Report"}
    data.update(overrides)
    return data


# --- Recording --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"), [("partner", 403), ("focal_point", 403), ("coordinator", 200), ("secretariat", 200)]
)
def test_who_records_values(world, indicator, role, status):
    client = world.client_for(role)
    assert client.get(_create_url(indicator)).status_code == status
    response = client.post(_create_url(indicator), _data())
    assert response.status_code == (302 if status == 200 else 403)
    assert IndicatorValue.objects.count() == (1 if status == 200 else 0)


def test_anonymous_visitors_are_sent_to_sign_in(world, indicator, draft):
    for response in (
        world.client_for("anonymous").get(_create_url(indicator)),
        world.client_for("anonymous").post(_approve_url(draft)),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    draft.refresh_from_db()
    assert draft.status == IndicatorValue.Status.DRAFT


def test_another_network_does_not_find_the_indicator(world, indicator, draft):
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    client = world.client_for("anonymous")
    client.force_login(UserFactory(email="c.maghreb@reseau.test", role=Role.COORDINATOR, network=maghreb))
    assert client.get(_create_url(indicator)).status_code == 404
    assert client.post(_approve_url(draft)).status_code == 404


@pytest.mark.parametrize("role", ["coordinator", "secretariat"])
def test_a_recorded_value_is_always_a_draft(world, indicator, role):
    response = world.client_for(role).post(_create_url(indicator), {**_data(), "status": "approved"})
    assert response.status_code == 302
    value = IndicatorValue.objects.get()
    assert value.status == IndicatorValue.Status.DRAFT
    assert value.recorded_by == world.users[role]
    assert value.approved_by is None
    assert value.approved_at is None
    assert value.value == Decimal("22")
    assert value.date == datetime.date(2025, 1, 31)
    assert value.breakdown == {"women": "12", "men": "10"}
    assert (value.source, value.evidence) == ("Lists", "Report")
    assert response["Location"] == f"{_detail_url(indicator)}#value-{value.pk}"


def test_a_decimal_comma_is_read(world, indicator):
    world.client_for("coordinator").post(_create_url(indicator), _data(value="12,5", women="6,5", men="6"))
    value = IndicatorValue.objects.get()
    assert value.value == Decimal("12.50")
    assert value.breakdown == {"women": "6.5", "men": "6"}


@pytest.mark.parametrize("field", ["value", "women", "men"])
def test_text_in_a_number_is_refused(world, indicator, field):
    response = world.client_for("coordinator").post(_create_url(indicator), _data(**{field: "a dozen"}))
    assert response.status_code == 200
    assert "Enter a number." in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_a_value_is_required_but_its_breakdown_is_not(world, indicator):
    response = world.client_for("coordinator").post(_create_url(indicator), _data(value=""))
    assert "This field is required." in response.content.decode()
    world.client_for("coordinator").post(_create_url(indicator), _data(women="", men=""))
    assert IndicatorValue.objects.get().breakdown == {}


def test_a_date_in_the_future_or_a_bad_date_is_refused(world, indicator):
    # Two days ahead: the network's own day may already be tomorrow in UTC.
    tomorrow = timezone.localdate() + datetime.timedelta(days=2)
    response = world.client_for("coordinator").post(_create_url(indicator), _data(date=tomorrow.isoformat()))
    assert "The date cannot be in the future." in response.content.decode()
    response = world.client_for("coordinator").post(_create_url(indicator), _data(date="31/02/2025"))
    assert "Enter a date, for example 2025-03-31." in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_the_breakdown_fields_follow_the_disaggregation(world, indicator):
    page = world.client_for("coordinator").get(_create_url(indicator)).content.decode()
    assert 'name="women"' in page
    assert 'name="men"' in page
    assert 'name="by_country"' not in page
    assert 'name="by_member"' not in page
    indicator.disaggregation = ["country", "member"]
    indicator.save()
    page = world.client_for("coordinator").get(_create_url(indicator)).content.decode()
    assert 'name="women"' not in page
    assert 'name="by_country"' in page
    assert 'name="by_member"' in page


def test_a_breakdown_by_country_and_member(world, indicator):
    indicator.disaggregation = ["country", "member"]
    indicator.save()
    response = world.client_for("coordinator").post(
        _create_url(indicator),
        _data(by_country="kh=3\n\n VN = 2,5 \n", by_member="Huế=2\nVientiane Capital = 1"),
    )
    assert response.status_code == 302
    assert IndicatorValue.objects.get().breakdown == {
        "country": {"KH": "3", "VN": "2.5"},
        "member": {"Huế": "2", "Vientiane Capital": "1"},
    }


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("by_country", "KH=3\nCambodia=2", "Line 2: write a two-letter country code, “=” and a number"),
        ("by_country", "KH three", "Line 1: write a two-letter country code, “=” and a number"),
        ("by_country", "KH=3\nkh=1", "Line 2: KH is already given above."),
        ("by_member", "Huế=two", "Line 1: write the member&#x27;s name, “=” and a number"),
    ],
)
def test_a_bad_breakdown_line_is_refused(world, indicator, field, text, message):
    indicator.disaggregation = ["country", "member"]
    indicator.save()
    response = world.client_for("coordinator").post(_create_url(indicator), _data(**{field: text}))
    assert message in response.content.decode()
    assert not IndicatorValue.objects.exists()


# --- Approving ---------------------------------------------------------------------------------


def test_approval_is_a_post(world, draft):
    assert world.client_for("secretariat").get(_approve_url(draft)).status_code == 405


@pytest.mark.parametrize("role", ["partner", "focal_point", "coordinator"])
def test_only_the_secretariat_approves(world, draft, role):
    response = world.client_for(role).post(_approve_url(draft))
    assert response.status_code == 403
    assert "Only the Permanent Secretariat approves indicator values." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == IndicatorValue.Status.DRAFT
    assert draft.approved_by is None
    assert draft.approved_at is None


def test_the_secretariat_approves(world, indicator, draft):
    secretariat = world.users["secretariat"]
    response = world.client_for("secretariat").post(_approve_url(draft), follow=True)
    assert response.redirect_chain[-1][0] == f"{_detail_url(indicator)}#value-{draft.pk}"
    assert "Value approved: it now counts in reports." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == IndicatorValue.Status.APPROVED
    assert draft.approved_by == secretariat
    assert draft.approved_at is not None
    assert draft.recorded_by == world.users["coordinator"]


def test_approving_twice_does_nothing(world, draft):
    client = world.client_for("secretariat")
    client.post(_approve_url(draft))
    draft.refresh_from_db()
    first = draft.approved_at
    response = client.post(_approve_url(draft), follow=True)
    assert "This value was already approved." in response.content.decode()
    draft.refresh_from_db()
    assert draft.approved_at == first


def test_coordinator_records_secretariat_approves_and_partners_then_see_it(world, indicator):
    coordinator, secretariat, partner = (world.client_for(r) for r in ("coordinator", "secretariat", "partner"))
    make_value(indicator, datetime.date(2024, 12, 31), "5", approved=True)
    coordinator.post(_create_url(indicator), _data(date="2025-01-31", value="22"))
    value = IndicatorValue.objects.get(value=Decimal("22"))
    assert value.status == IndicatorValue.Status.DRAFT

    # The coordinator cannot approve its own value.
    assert coordinator.post(_approve_url(value)).status_code == 403
    value.refresh_from_db()
    assert value.status == IndicatorValue.Status.DRAFT

    # Until approved, partners see neither the value nor it as the latest on the logframe.
    assert "<strong>22</strong>" not in partner.get(_detail_url(indicator)).content.decode()
    logframe = partner.get(LOGFRAME).content.decode()
    assert "<strong>5</strong> on" in logframe
    assert "<strong>22</strong>" not in logframe
    assert "<strong>5</strong> on" in coordinator.get(LOGFRAME).content.decode()

    secretariat.post(_approve_url(value))
    value.refresh_from_db()
    assert value.status == IndicatorValue.Status.APPROVED
    assert value.approved_by == world.users["secretariat"]
    assert "<strong>22</strong>" in partner.get(_detail_url(indicator)).content.decode()
    logframe = partner.get(LOGFRAME).content.decode()
    assert "<strong>22</strong> on" in logframe
    assert "31 January 2025" in logframe


def test_an_older_approved_value_does_not_become_the_latest(world, indicator):
    make_value(indicator, datetime.date(2025, 1, 31), "22", approved=True)
    old = make_value(indicator, datetime.date(2023, 12, 31), "3")
    world.client_for("secretariat").post(_approve_url(old))
    logframe = world.client_for("partner").get(LOGFRAME).content.decode()
    assert "<strong>22</strong> on" in logframe
    assert "<strong>3</strong> on" not in logframe
