import pytest

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
