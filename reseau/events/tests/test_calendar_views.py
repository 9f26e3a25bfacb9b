"""The calendar pages: month grid, week and list, for every role, with filters and wrong addresses."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from reseau.registry.models import Theme
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
PHNOM_PENH = zoneinfo.ZoneInfo("Asia/Phnom_Penh")
NEXT_YEAR = str(timezone.localdate().year + 1)  # an undated event of a year gone by is not listed
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def _page(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def events(world):
    network = world.hue.network
    return {
        # 8:00–12:00 in Phnom Penh on Sunday 18 May 2031: 3:00 in Paris (summer time).
        "public": EventFactory(
            network=network, slug="annual-meeting-2031", visibility="public", title_en="Annual meeting 2031"
        ),
        "partners": EventFactory(
            network=network,
            visibility="partners",
            title_en="Donor round table",
            starts_at=datetime.datetime(2031, 5, 20, 2, tzinfo=UTC),
        ),
        "network": EventFactory(
            network=network,
            visibility="network",
            kind="working_group",
            title_en="Working group on waste",
            starts_at=datetime.datetime(2031, 5, 21, 2, tzinfo=UTC),
        ),
        "cancelled": EventFactory(
            network=network,
            visibility="public",
            status="cancelled",
            title_en="Cancelled workshop",
            starts_at=datetime.datetime(2031, 5, 22, 2, tzinfo=UTC),
        ),
        "undated": EventFactory(
            network=network,
            visibility="public",
            status="to_be_fixed",
            starts_at=None,
            title_en="Annual meeting to be dated",
            date_note=NEXT_YEAR,
        ),
    }


@pytest.mark.parametrize(
    ("role", "seen", "unseen"),
    [
        ("anonymous", ["Annual meeting 2031"], ["Donor round table", "Working group on waste"]),
        ("partner", ["Annual meeting 2031", "Donor round table"], ["Working group on waste"]),
        ("focal_point", ["Annual meeting 2031", "Donor round table", "Working group on waste"], []),
        ("coordinator", ["Annual meeting 2031", "Donor round table", "Working group on waste"], []),
        ("secretariat", ["Annual meeting 2031", "Donor round table", "Working group on waste"], []),
    ],
)
@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/calendar/", {"month": "2031-05"}),
        ("/calendar/week/", {"week": "2031-W21"}),
        ("/calendar/list/", {"from": "2031-05-01"}),
    ],
)
def test_each_role_sees_its_events(world, events, role, seen, unseen, url, params):
    if url == "/calendar/week/":  # week 21 is 19–25 May: the annual meeting (18 May) is the week before
        seen = [title for title in seen if title != "Annual meeting 2031"]
    html = _page(world.client_for(role), url, **params)
    for title in seen:
        assert title in html
    for title in unseen:
        assert title not in html


def test_month_grid(world, events):
    html = _page(world.client_for("coordinator"), "/calendar/", month="2031-05")
    assert "Calendar: May 2031" in html
    # The coordinator reads times in the network's zone (Phnom Penh); each title links to its page.
    assert "Times are in your time zone: Phnom Penh time (UTC+7)." in html
    assert '<time datetime="2031-05-18T08:00:00+07:00">08:00</time>' in html
    assert '<a href="/events/annual-meeting-2031/"><bdi>Annual meeting 2031</bdi></a>' in html
    # Monday first: the grid starts on Monday 28 April and ends on Sunday 1 June.
    assert html.index('datetime="2031-04-28"') < html.index('datetime="2031-05-01"')
    assert 'datetime="2031-04-27"' not in html
    assert 'datetime="2031-06-01"' in html
    assert 'datetime="2031-06-02"' not in html
    assert "?month=2031-04" in html
    assert "?month=2031-06" in html
    assert "Previous month" in html
    assert "Next month" in html


def test_a_signed_in_reader_reads_times_in_their_zone(world, events):
    """The secretariat, in Paris, reads the Phnom Penh meeting at 03:00 Paris time."""
    html = _page(world.client_for("secretariat"), "/calendar/", month="2031-05")
    assert "Times are in your time zone: Paris time (UTC+" in html
    assert '<time datetime="2031-05-18T03:00:00+02:00">03:00</time>' in html


@pytest.mark.parametrize(
    ("url", "params"), [("/calendar/", {"month": "2031-05"}), ("/calendar/week/", {"week": "2031-W20"})]
)
def test_a_visitor_reads_each_event_at_the_time_of_its_place(world, events, url, params):
    """Issue 11, item 11: not 03:00 (Paris) for the 8:00 Phnom Penh meeting, and the zone said."""
    html = _page(world.client_for("anonymous"), url, **params)
    assert "03:00" not in html
    assert '<time datetime="2031-05-18T08:00:00+07:00">08:00</time>' in html
    assert '<span class="calendar-zone">UTC+7</span>' in html
    assert "Time zones on this page: Phnom Penh time (UTC+7)." in html
    assert "Times are in your time zone" not in html


def test_a_visitor_reads_a_paris_meeting_in_paris_time_beside_it(world, events):
    EventFactory(
        network=world.hue.network,
        visibility="public",
        title_en="Bureau in Paris",
        time_zone="Europe/Paris",
        starts_at=datetime.datetime(2031, 5, 20, 8, tzinfo=UTC),  # 10:00 in Paris (summer time)
    )
    html = _page(world.client_for("anonymous"), "/calendar/", month="2031-05")
    assert '<time datetime="2031-05-20T10:00:00+02:00">10:00</time> <span class="calendar-zone">UTC+2</span>' in html
    assert "Time zones on this page: Paris time (UTC+2), Phnom Penh time (UTC+7)." in html


def test_cancelled_events_are_struck_through_and_labelled(world, events):
    for url, params in [
        ("/calendar/", {"month": "2031-05"}),
        ("/calendar/week/", {"week": "2031-W21"}),
        ("/calendar/list/", {"from": "2031-05-01"}),
    ]:
        html = _page(world.client_for("anonymous"), url, **params)
        assert "<s><bdi>Cancelled workshop</bdi></s>" in html
        assert '<span class="badge bad">Cancelled</span>' in html


def test_week(world, events):
    html = _page(world.client_for("coordinator"), "/calendar/week/", week="2031-W20")
    assert "Week 20: 12 May – 18 May 2031" in html
    assert "Monday 12 May" in html
    assert "Sunday 18 May" in html
    assert "08:00</time>–12:00" in html
    assert "Annual meeting 2031" in html
    assert "?week=2031-W19" in html
    assert "?week=2031-W21" in html


def test_list_gives_each_time_in_the_zone_of_the_place_and_the_dates_to_be_fixed(world, events):
    html = _page(world.client_for("anonymous"), "/calendar/list/", **{"from": "2031-05-01"})
    assert "Events from 1 May 2031 to 31 July 2031" in html
    assert "18 May 2031, 8:00–12:00 ICT" in html
    assert "Date to be fixed" in html
    assert "Annual meeting to be dated" in html
    assert NEXT_YEAR in html
    assert "Place to be fixed" in html
    assert "?from=2031-08-01" in html


def test_list_defaults_to_today(world):
    today = timezone.localdate(timezone=PARIS)
    html = _page(world.client_for("anonymous"), "/calendar/list/")
    assert f"Events from {today.day} {today:%B %Y}" in html


def test_a_repeating_series_appears_on_each_date(world):
    EventFactory(
        network=world.hue.network,
        visibility="public",
        title_en="Thursday coordination call",
        starts_at=datetime.datetime(2031, 1, 2, 10, tzinfo=PHNOM_PENH),
        ends_at=datetime.datetime(2031, 1, 2, 11, tzinfo=PHNOM_PENH),
        recurrence_rule="FREQ=WEEKLY;BYDAY=TH",
    )
    html = _page(world.client_for("anonymous"), "/calendar/", month="2031-05")
    assert html.count("Thursday coordination call") == 5  # the Thursdays of May 2031: 1, 8, 15, 22, 29


@pytest.mark.parametrize(
    ("url", "params", "message", "heading"),
    [
        ("/calendar/", {"month": "2023-13"}, "“2023-13” is not a month", "Calendar: {month}"),
        ("/calendar/", {"month": "foo"}, "“foo” is not a month", "Calendar: {month}"),
        ("/calendar/", {"month": "0000-01"}, "“0000-01” is not a month", "Calendar: {month}"),
        ("/calendar/week/", {"week": "foo"}, "“foo” is not a week", "Week {week}:"),
        ("/calendar/week/", {"week": "2023-W54"}, "“2023-W54” is not a week", "Week {week}:"),
        ("/calendar/list/", {"from": "2023-02-30"}, "“2023-02-30” is not a date", "Events from"),
        # Valid dates at the edges of what Python holds: their neighbours would overflow.
        ("/calendar/", {"month": "9999-12"}, "“9999-12” is not a month", "Calendar: {month}"),
        ("/calendar/", {"month": "0001-01"}, "“0001-01” is not a month", "Calendar: {month}"),
        ("/calendar/week/", {"week": "9999-W52"}, "“9999-W52” is not a week", "Week {week}:"),
        ("/calendar/week/", {"week": "0001-W01"}, "“0001-W01” is not a week", "Week {week}:"),
        ("/calendar/list/", {"from": "9999-12-31"}, "“9999-12-31” is not a date", "Events from"),
        ("/calendar/list/", {"from": "0001-01-01"}, "“0001-01-01” is not a date", "Events from"),
    ],
)
def test_wrong_periods_fall_back_to_the_current_one_with_a_message(world, url, params, message, heading):
    today = timezone.localdate(timezone=PARIS)
    html = _page(world.client_for("anonymous"), url, **params)
    assert message in html
    assert heading.format(month=f"{today:%B %Y}", week=today.isocalendar()[1]) in html


def test_wrong_filter_values_are_ignored(world, events):
    html = _page(
        world.client_for("anonymous"), "/calendar/", month="2031-05", theme="nowhere", type="nonsense", member="x"
    )
    assert "Annual meeting 2031" in html


def test_filters(world, events):
    theme = Theme.objects.create(code="urban-sanitation", kind="work", name_en="Urban sanitation")
    events["network"].themes.add(theme)
    client = world.client_for("coordinator")
    html = _page(client, "/calendar/", month="2031-05", theme="urban-sanitation")
    assert "Working group on waste" in html
    assert "Annual meeting 2031" not in html
    html = _page(client, "/calendar/", month="2031-05", type="working_group")
    assert "Working group on waste" in html
    assert "Annual meeting 2031" not in html
    events["public"].host_member = world.vientiane
    events["public"].save()
    html = _page(client, "/calendar/list/", member="vientiane", **{"from": "2031-05-01"})
    assert "Annual meeting 2031" in html
    assert "Working group on waste" not in html
    # The previous/next links keep the filters.
    html = _page(client, "/calendar/", month="2031-05", type="working_group")
    assert "?type=working_group&amp;month=2031-06" in html


def test_visitors_get_no_member_filter(world, events):
    assert 'name="member"' not in _page(world.client_for("anonymous"), "/calendar/")
    assert 'name="member"' in _page(world.client_for("coordinator"), "/calendar/")


def test_links_to_the_feeds(world, events):
    anonymous = _page(world.client_for("anonymous"), "/calendar/")
    assert 'href="/calendar/feeds/network/rvase.ics"' in anonymous
    assert 'href="/calendar/feeds/"' not in anonymous
    assert 'href="/calendar/feeds/"' in _page(world.client_for("focal_point"), "/calendar/")


def test_in_french(world, events):
    client = world.client_for("anonymous")
    html = client.get("/calendar/", {"month": "2031-05"}, headers={"accept-language": "fr"}).content.decode()
    assert "Mai 2031" in html
    assert "Dimanche 18 mai" in html


def test_an_all_day_event_is_written_on_each_of_its_days(world):
    EventFactory(
        network=world.hue.network,
        visibility="public",
        title_en="Congress in Vientiane",
        all_day=True,
        starts_at=datetime.datetime(2031, 11, 4, tzinfo=PHNOM_PENH),
        ends_at=datetime.datetime(2031, 11, 7, tzinfo=PHNOM_PENH),
    )
    html = _page(world.client_for("anonymous"), "/calendar/week/", week="2031-W45")
    assert html.count("Congress in Vientiane") == 3
    assert "All day" in html
