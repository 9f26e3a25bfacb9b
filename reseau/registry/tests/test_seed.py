from __future__ import annotations

import pytest
from django.core.management import call_command

from reseau.accounts.models import User
from reseau.registry.models import FocalPointAppointment, Mandate, Member, Network, Person, Theme

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        m.__name__: m.objects.count() for m in (Network, Member, Person, Mandate, Theme, FocalPointAppointment, User)
    }


def test_seed_loads_the_network_as_the_deck_describes_it():
    call_command("seed_rvase")
    rvase = Network.objects.get(code="rvase")
    assert rvase.time_zone == "Asia/Phnom_Penh"
    assert str(rvase.focal_point_deadline) == "2023-06-15"
    assert {n.region_en for n in Network.objects.exclude(code="rvase")} == {
        "Maghreb",
        "Western Africa",
        "Great Lakes region",
        "Indian Ocean",
    }
    by_country = {
        code: set(Member.objects.filter(country__code=code).values_list("slug", flat=True))
        for code in ("KH", "LA", "VN")
    }
    assert by_country["KH"] == {"phnom-penh", "siem-reap", "battambang", "kampot", "asac"}
    assert by_country["LA"] == {"vientiane", "luang-prabang"}
    assert by_country["VN"] == {"hue", "can-tho", "hai-phong", "yen-bai", "ho-chi-minh-city"}
    assert Member.objects.get(slug="phnom-penh").name_local == "ភ្នំពេញ"
    assert Member.objects.get(slug="luang-prabang").name_local == "ຫຼວງພະບາງ"
    assert Member.objects.get(slug="asac").kind == Member.Kind.ASSOCIATION
    governor = Mandate.objects.get(member__slug="phnom-penh", office="governor")
    assert governor.person.name == "KHUONG Sreng"
    assert governor.title_fr == "Gouverneur de Phnom Penh"
    assert Theme.objects.filter(kind="work").count() == 3
    assert Theme.objects.filter(kind="cross_cutting").count() == 4
    assert Theme.objects.get(code="french-language").name_fr == "Langue française"


def test_seeding_twice_changes_nothing(settings):
    settings.DEMO_MODE = True
    call_command("seed_rvase")
    call_command("seed_demo")
    first = _counts()
    names = list(Member.objects.order_by("slug").values_list("slug", "name_en", "name_fr", "name_local", "search_text"))
    call_command("seed_rvase")
    call_command("seed_demo")
    assert _counts() == first
    assert (
        list(Member.objects.order_by("slug").values_list("slug", "name_en", "name_fr", "name_local", "search_text"))
        == names
    )


def test_demo_accounts_sign_in_with_the_demo_password(settings, client):
    settings.DEMO_MODE = True
    call_command("seed_rvase")
    call_command("seed_demo")
    hue_focal = User.objects.get(email="focal.hue@reseau.test")
    assert hue_focal.member.slug == "hue"
    assert User.objects.get(email="coordinator@reseau.test").network.code == "rvase"
    assert client.login(username="focal.vientiane@reseau.test", password="demo-password")


def test_demo_seed_refuses_outside_demo_mode(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.DEMO_MODE = False
    with pytest.raises(ImproperlyConfigured):
        call_command("seed_demo")
