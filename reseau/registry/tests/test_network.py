from __future__ import annotations

import re

import pytest
from django.urls import reverse

from reseau.registry.models import Member

pytestmark = pytest.mark.django_db


def test_coordinator_sets_the_focal_point_deadline(world):
    url = reverse("registry:network_edit", kwargs={"code": "rvase"})
    response = world.client_for("coordinator").post(
        url,
        {
            "focal_point_deadline": "2026-06-15",
            "office_en": "Phnom Penh city hall",
            "office_fr": "Mairie de Phnom Penh",
            "time_zone": "Asia/Phnom_Penh",
        },
    )
    assert response.status_code == 302
    page = world.client_for("coordinator").get(reverse("registry:network_detail", kwargs={"code": "rvase"}))
    assert "15 June 2026" in page.content.decode()


def test_an_unknown_time_zone_is_refused(world):
    url = reverse("registry:network_edit", kwargs={"code": "rvase"})
    response = world.client_for("secretariat").post(url, {"time_zone": "Asia/Atlantis"})
    assert "“Asia/Atlantis” is not a known time zone." in response.content.decode()


def test_coordinator_adds_a_member_with_names_in_three_scripts(world):
    url = reverse("registry:member_create", kwargs={"code": "rvase"})
    response = world.client_for("coordinator").post(
        url,
        {
            "slug": "luang-prabang",
            "kind": "city",
            "country": world.vientiane.country_id,
            "name_en": "Luang Prabang",
            "name_fr": "Louang Prabang",
            "name_local": "ຫຼວງພະບາງ",
        },
    )
    assert response.status_code == 302
    member = Member.objects.get(slug="luang-prabang")
    assert member.network.code == "rvase"
    assert member.name_local == "ຫຼວງພະບາງ"
    assert "ຫຼວງພະບາງ" in world.client_for("partner").get(member.get_absolute_url()).content.decode()


def test_a_duplicate_web_address_is_refused(world):
    url = reverse("registry:member_create", kwargs={"code": "rvase"})
    response = world.client_for("coordinator").post(
        url,
        {
            "slug": "hue",
            "kind": "city",
            "country": world.hue.country_id,
            "name_en": "Another Huế",
        },
    )
    assert response.status_code == 200
    assert "Member with this Web address already exists." in response.content.decode()
    assert Member.objects.filter(slug="hue").count() == 1


def test_themes_are_public_and_bilingual(world):
    from reseau.registry.seed_rvase import load_rvase

    load_rvase()
    client = world.client_for("anonymous")
    assert "Urban sanitation" in client.get("/themes/").content.decode()
    client.post("/language/", {"language": "fr", "next": "/themes/"})
    assert "Assainissement urbain" in client.get("/themes/").content.decode()


def test_network_page_shows_its_history_to_staff_only(world):
    url = reverse("registry:network_edit", kwargs={"code": "rvase"})
    world.client_for("coordinator").post(
        url, {"focal_point_deadline": "2026-06-15", "office_en": "Phnom Penh city hall", "time_zone": "Asia/Phnom_Penh"}
    )
    detail = reverse("registry:network_detail", kwargs={"code": "rvase"})
    page = world.client_for("secretariat").get(detail).content.decode()
    assert "History of changes" in page
    assert str(world.users["coordinator"]) in page  # the name, not the e-mail
    assert "<ins><bdi>15/06/2026</bdi></ins>" in page
    assert "History of changes" not in world.client_for("partner").get(detail).content.decode()


def test_the_network_page_title_is_the_network_name(world):
    detail = reverse("registry:network_detail", kwargs={"code": "rvase"})
    page = world.client_for("secretariat").get(detail).content.decode()
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert title == "AIMF South-East Asian Cities Network · Reseau"
