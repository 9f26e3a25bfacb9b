"""What a partner reads of the logframe: results, indicators and approved values; pending values are counted."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from reseau.logframe.models import Result
from reseau.logframe.tests.test_logframe import make_indicator, make_result, make_value

pytestmark = pytest.mark.django_db

LOGFRAME = reverse("logframe:logframe")


@pytest.fixture
def indicator(world):
    result = make_result(world.hue.network, Result.Level.OUTCOME, "OC1", title="Members cooperate")
    indicator = make_indicator(result, "OC1.a", title_en="People trained", unit="people")
    make_value(indicator, datetime.date(2024, 12, 31), "7", approved=True)
    make_value(indicator, datetime.date(2025, 6, 30), "12")
    make_value(indicator, datetime.date(2025, 12, 31), "19")
    return indicator


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_partner_reads_the_results_and_indicators(world, indicator):
    page = _page(world.client_for("partner"), LOGFRAME)
    assert "People trained" in page


def test_a_partner_reads_the_latest_approved_value(world, indicator):
    assert "<strong>7</strong>" in _page(world.client_for("partner"), LOGFRAME)


def test_the_logframe_counts_the_values_awaiting_approval(world, indicator):
    page = _page(world.client_for("partner"), LOGFRAME)
    assert "2 values awaiting the secretariat's approval are not shown to partners." in page


def test_the_indicator_page_shows_no_pending_value_to_a_partner(world, indicator):
    page = _page(world.client_for("partner"), reverse("logframe:indicator_detail", kwargs={"pk": indicator.pk}))
    assert "30/06/2025" not in page


def test_the_indicator_page_counts_the_pending_values(world, indicator):
    page = _page(world.client_for("partner"), reverse("logframe:indicator_detail", kwargs={"pk": indicator.pk}))
    assert "2 values awaiting the secretariat's approval are not shown to partners." in page


def test_the_network_sees_its_drafts_and_no_such_count(world, indicator):
    page = _page(world.client_for("coordinator"), LOGFRAME)
    assert "not shown to partners" not in page
