from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import FundingOpportunityFactory

pytestmark = pytest.mark.django_db

URL = reverse("funding:deadlines")


def _in(days: int) -> datetime.date:
    """A date counted from today at the network's office, as its people see it."""
    return timezone.localdate(timezone=ZoneInfo("Asia/Phnom_Penh")) + datetime.timedelta(days=days)


def _rows(page: str) -> list[str]:
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [row for row in re.split(r"<tr>", body) if "</tr>" in row]


def test_anonymous_visitors_are_sent_to_sign_in(world):
    response = world.client_for("anonymous").get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_open_calls_soonest_first_with_their_urgency(world):
    network = world.hue.network
    later = FundingOpportunityFactory(network=network, title_en="In 45 days", closes_on=_in(45))
    soon = FundingOpportunityFactory(network=network, title_en="In 5 days", closes_on=_in(5), status="preparing")
    month = FundingOpportunityFactory(network=network, title_en="In 20 days", closes_on=_in(20))
    FundingOpportunityFactory(network=network, title_en="Already closed", closes_on=_in(-1))
    FundingOpportunityFactory(network=network, title_en="Already submitted", closes_on=_in(10), status="submitted")
    FundingOpportunityFactory(network=network, title_en="Marked closed", closes_on=_in(8), status="closed")
    FundingOpportunityFactory(network=network, title_en="Without a date")

    page = world.client_for("focal_point").get(URL).content.decode()
    rows = _rows(page)

    assert [c.title_en for c in (soon, month, later)] == [
        re.search(r">(In \d+ days)</a>", row).group(1) for row in rows
    ]
    for hidden in ("Already closed", "Already submitted", "Marked closed", "Without a date"):
        assert hidden not in page
    soon_row, month_row, later_row = rows
    assert '<span class="badge bad">Closes within 14 days</span>' in soon_row
    assert "5 days left" in soon_row
    assert '<span class="badge warn">Closes within 30 days</span>' in month_row
    assert "20 days left" in month_row
    assert "Closes within" not in later_row
    assert "45 days left" in later_row
    for call, row in zip((soon, month, later), rows, strict=True):
        assert reverse("funding:opportunity_ics", kwargs={"pk": call.pk}) in row
        assert call.get_absolute_url() in row


def test_a_call_closing_today_is_still_open(world):
    FundingOpportunityFactory(network=world.hue.network, title_en="Last day", closes_on=_in(0))
    page = world.client_for("coordinator").get(URL).content.decode()
    assert "Last day" in page
    assert "Closes today" in page
    assert "Closes within 14 days" in page


def test_says_clearly_when_no_call_is_open(world):
    FundingOpportunityFactory(network=world.hue.network, title_en="Already closed", closes_on=_in(-1))
    page = world.client_for("coordinator").get(URL).content.decode()
    assert "No call for proposals is open at the moment" in page
    assert "<table" not in page


def test_partners_see_only_shared_calls(world):
    FundingOpportunityFactory(network=world.hue.network, title_en="Shared", closes_on=_in(3), shared_with_partners=True)
    FundingOpportunityFactory(network=world.hue.network, title_en="Internal", closes_on=_in(3))
    page = world.client_for("partner").get(URL).content.decode()
    assert "Shared" in page
    assert "Internal" not in page


def test_other_networks_calls_are_left_out(world):
    FundingOpportunityFactory(network=world.hue.network, title_en="Ours", closes_on=_in(3))
    FundingOpportunityFactory(network__code="maghreb", network__name_en="Maghreb", title_en="Theirs", closes_on=_in(3))
    page = world.client_for("focal_point").get(URL).content.decode()
    assert "Ours" in page
    assert "Theirs" not in page
    assert "Theirs" in world.client_for("secretariat").get(URL).content.decode()


def test_query_count_does_not_grow_with_the_number_of_calls(world):
    client = world.client_for("coordinator")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    for i in range(10):
        FundingOpportunityFactory(network=world.hue.network, closes_on=_in(i))
    few = count()
    for i in range(190):
        FundingOpportunityFactory(network=world.hue.network, closes_on=_in(i % 60))
    assert count() == few <= 15
