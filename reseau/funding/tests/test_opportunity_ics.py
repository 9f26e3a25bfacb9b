from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from tests.factories import FundingOpportunityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _url(call) -> str:
    return reverse("funding:opportunity_ics", kwargs={"pk": call.pk})


def _event(response):
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return events[0]


@pytest.fixture
def call(world):
    return FundingOpportunityFactory(
        network=world.hue.network,
        donor=OrganisationFactory(name_en="Asian Development Bank", acronym="ADB"),
        title_en="Urban Climate Change Resilience Trust Fund",
        url="https://www.adb.org/uccrtf",
        closes_on=datetime.date(2026, 6, 30),
    )


def test_the_deadline_is_an_all_day_event(world, call):
    response = world.client_for("focal_point").get(_url(call))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="urban-climate-change-resilience-trust-fund-deadline.ics"'
    )
    event = _event(response)
    assert event.decoded("dtstart") == datetime.date(2026, 6, 30)
    assert not isinstance(event.decoded("dtstart"), datetime.datetime)
    assert event.decoded("dtend") == datetime.date(2026, 7, 1)
    assert str(event["summary"]) == "Deadline: Urban Climate Change Resilience Trust Fund"
    description = str(event["description"])
    assert "Asian Development Bank (ADB)" in description
    assert "https://www.adb.org/uccrtf" in description
    page_url = f"http://testserver{call.get_absolute_url()}"
    assert page_url in description
    assert str(event["url"]) == page_url
    assert str(event["uid"]) == f"funding-{call.pk}@reseau"
    assert isinstance(event.decoded("dtstamp"), datetime.datetime)


def test_the_uid_stays_the_same_so_calendars_update_the_event(world, call):
    client = world.client_for("coordinator")
    first = _event(client.get(_url(call)))
    call.closes_on = datetime.date(2026, 7, 15)
    call.save()
    second = _event(client.get(_url(call)))
    assert str(first["uid"]) == str(second["uid"])
    assert second.decoded("dtstart") == datetime.date(2026, 7, 15)


@pytest.mark.parametrize(
    ("title", "filename"),
    [
        ("ការហៅសំណើគម្រោងអនាម័យទីក្រុង ភ្នំពេញ", None),
        ("Quỹ hỗ trợ Thành phố Huế", "quy-ho-tro-thanh-pho-hue-deadline.ics"),
        ("ທຶນຊ່ວຍເຫຼືອ ວຽງຈັນ", None),
    ],
)
def test_titles_in_khmer_vietnamese_and_lao_survive(world, call, title, filename):
    call.title_en = title
    call.save()
    response = world.client_for("coordinator").get(_url(call))
    assert str(_event(response)["summary"]) == f"Deadline: {title}"
    expected = filename or f"funding-{call.pk}-deadline.ics"
    assert response["Content-Disposition"] == f'attachment; filename="{expected}"'


def test_no_closing_date_no_calendar(world):
    undated = FundingOpportunityFactory(network=world.hue.network)
    assert world.client_for("coordinator").get(_url(undated)).status_code == 404


def test_same_visibility_as_the_call_page(world, call):
    anonymous = world.client_for("anonymous").get(_url(call))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("accounts:login"))
    assert world.client_for("partner").get(_url(call)).status_code == 403
    call.shared_with_partners = True
    call.save()
    assert world.client_for("partner").get(_url(call)).status_code == 200
    theirs = FundingOpportunityFactory(
        network__code="maghreb", network__name_en="Maghreb", closes_on=datetime.date(2026, 6, 30)
    )
    assert world.client_for("focal_point").get(_url(theirs)).status_code == 404
    assert world.client_for("secretariat").get(_url(theirs)).status_code == 200
