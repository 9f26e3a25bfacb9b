import datetime

import pytest
from django.utils import timezone

from tests.factories import DuesFactory

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_see_the_public_landing_page(world, client):
    page = client.get("/").content.decode()
    assert "Regional networks" in page
    assert "Sign in" in page
    assert "Dues" not in page


def test_focal_point_sees_its_own_member_status(world):
    DuesFactory(member=world.hue, year=2025)
    page = world.client_for("focal_point").get("/").content.decode()
    assert "Huế" in page
    assert "Dues outstanding" in page
    assert "Open my member" in page
    assert "Vientiane" not in page


def test_coordinator_sees_dues_outstanding(world):
    DuesFactory(member=world.vientiane, year=2025)
    page = world.client_for("coordinator").get("/").content.decode()
    assert "Vientiane Capital</a> — 2025 · 1,000.00 EUR" in page


def test_no_focal_point_is_said_awaited_once_the_deadline_has_passed(world):
    world.hue.network.focal_point_deadline = datetime.date(2023, 6, 15)
    world.hue.network.save()
    page = world.client_for("coordinator").get("/").content.decode()
    assert "focal points awaited before the deadline" not in page


def test_focal_points_awaited_before_a_coming_deadline_are_counted(world):
    world.hue.network.focal_point_deadline = timezone.localdate() + datetime.timedelta(days=30)
    world.hue.network.save()
    page = world.client_for("coordinator").get("/").content.decode()
    assert "focal points awaited before the deadline" in page


def test_in_demo_mode_every_page_says_its_demo_data_is_invented(world, client, settings):
    settings.DEMO_MODE = True
    assert "are invented examples" in client.get("/").content.decode()


def test_without_demo_mode_no_page_speaks_of_demo_data(world, client, settings):
    settings.DEMO_MODE = False
    assert "are invented examples" not in client.get("/").content.decode()


def test_a_partner_is_told_what_it_can_read(world):
    page = world.client_for("partner").get("/").content.decode()
    assert "validated action plans" in page


def test_a_partner_with_no_shared_upcoming_event_is_told_so(world):
    page = world.client_for("partner").get("/").content.decode()
    assert "No upcoming event is shared with partners." in page
