from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import AppointmentFactory, DuesFactory, MemberFactory

pytestmark = pytest.mark.django_db

URL = reverse("registry:member_directory")


def test_search_without_accents_finds_the_accented_name(world):
    MemberFactory(network=world.hue.network, slug="da-nang", name_en="Đà Nẵng", name_fr="Đà Nẵng")
    client = world.client_for("partner")
    page = client.get(URL, {"q": "Hue"}).content.decode()
    assert "/members/hue/" in page
    assert "/members/vientiane/" not in page
    assert "/members/da-nang/" in client.get(URL, {"q": "da nang"}).content.decode()
    assert "/members/hue/" in client.get(URL, {"q": "HUẾ"}).content.decode()


def test_search_in_lao_script(world):
    page = world.client_for("coordinator").get(URL, {"q": "ວຽງຈັນ"}).content.decode()
    assert "/members/vientiane/" in page
    assert "/members/hue/" not in page


def test_filters_by_focal_point_status_and_dues(world):
    AppointmentFactory(member=world.hue, nominated_on=datetime.date(2023, 6, 1))
    DuesFactory(member=world.vientiane, year=2024)
    DuesFactory(member=world.hue, year=timezone.localdate().year, status="paid")
    client = world.client_for("coordinator")
    late = client.get(URL, {"focal_point": "late"}).content.decode()
    assert "/members/vientiane/" in late
    assert "/members/hue/" not in late
    confirmed = client.get(URL, {"focal_point": "confirmed"}).content.decode()
    assert "/members/hue/" in confirmed
    assert "Confirmed since" in confirmed
    outstanding = client.get(URL, {"dues": "outstanding"}).content.decode()
    assert "/members/vientiane/" in outstanding
    assert "/members/hue/" not in outstanding
    up_to_date = client.get(URL, {"dues": "up_to_date"}).content.decode()
    assert "/members/hue/" in up_to_date
    assert "Up to date with dues" in up_to_date


def test_filters_members_whose_dues_are_not_recorded(world):
    DuesFactory(member=world.hue, year=timezone.localdate().year, status="paid")
    page = world.client_for("coordinator").get(URL, {"dues": "unknown"}).content.decode()
    assert "/members/vientiane/" in page


def test_the_not_recorded_filter_leaves_out_members_up_to_date(world):
    DuesFactory(member=world.hue, year=timezone.localdate().year, status="paid")
    page = world.client_for("coordinator").get(URL, {"dues": "unknown"}).content.decode()
    assert "/members/hue/" not in page


def test_filters_by_country_and_type(world):
    client = world.client_for("coordinator")
    page = client.get(URL, {"country": "LA"}).content.decode()
    assert "/members/vientiane/" in page
    assert "/members/hue/" not in page
    assert "/members/hue/" not in client.get(URL, {"kind": "association"}).content.decode()


def test_partners_do_not_see_dues(world):
    DuesFactory(member=world.vientiane, year=2024)
    page = world.client_for("partner").get(URL).content.decode()
    assert "Dues outstanding" not in page
    assert "Up to date with dues" not in page
    assert "Dues outstanding" in world.client_for("focal_point").get(URL).content.decode()


def test_htmx_request_gets_only_the_results(world):
    response = world.client_for("coordinator").get(URL, {"q": "hue"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "/members/hue/" in page
    assert "<html" not in page


def test_coordinator_sees_only_its_network(world):
    other = MemberFactory(network__code="maghreb", network__name_en="Maghreb", slug="tunis", name_en="Tunis")
    assert other.network.code == "maghreb"
    assert "/members/tunis/" not in world.client_for("coordinator").get(URL).content.decode()
    assert "/members/tunis/" in world.client_for("secretariat").get(URL).content.decode()
    assert world.client_for("coordinator").get("/members/tunis/").status_code == 404
