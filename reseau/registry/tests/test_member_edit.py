from __future__ import annotations

import pytest
from django.urls import reverse

from reseau.audit.models import AuditEvent
from reseau.registry.models import Member

pytestmark = pytest.mark.django_db


def _form_data(member: Member, **changes: str) -> dict[str, str]:
    data = {
        "name_en": member.name_en,
        "name_fr": member.name_fr,
        "name_local": member.name_local,
        "name_alternative": member.name_alternative,
        "member_since": "",
        "website": "",
    }
    data.update(changes)
    return data


def test_focal_point_edits_own_member_and_sees_the_change_in_its_history(world):
    client = world.client_for("focal_point")
    url = reverse("registry:member_edit", kwargs={"slug": "hue"})
    response = client.post(url, _form_data(world.hue, name_en="Huế City", member_since="2001"), follow=True)

    assert response.status_code == 200
    world.hue.refresh_from_db()
    assert world.hue.name_en == "Huế City"
    assert world.hue.member_since == 2001
    page = response.content.decode()
    assert "Huế City" in page
    # The history names who changed what, from which value to which.
    event = AuditEvent.objects.get(object_id=str(world.hue.pk))
    assert event.actor_label == str(world.users["focal_point"])
    assert event.changes["name_en"] == ["Huế", "Huế City"]
    assert str(world.users["focal_point"]) in page
    assert "<del><bdi>Huế</bdi></del>" in page
    assert "<ins><bdi>Huế City</bdi></ins>" in page


def test_focal_point_cannot_change_another_member(world):
    client = world.client_for("focal_point")
    url = reverse("registry:member_edit", kwargs={"slug": "vientiane"})
    response = client.post(url, _form_data(world.vientiane, name_en="Taken over"))
    assert response.status_code == 403
    world.vientiane.refresh_from_db()
    assert world.vientiane.name_en == "Vientiane Capital"
    assert not AuditEvent.objects.exists()


def test_focal_point_cannot_move_its_member_to_another_country(world):
    client = world.client_for("focal_point")
    url = reverse("registry:member_edit", kwargs={"slug": "hue"})
    client.post(url, {**_form_data(world.hue), "country": world.vientiane.country_id, "kind": "association"})
    world.hue.refresh_from_db()
    assert world.hue.country.code == "VN"
    assert world.hue.kind == "city"


def test_missing_name_is_refused_keeping_what_was_typed_and_saving_nothing(world):
    client = world.client_for("coordinator")
    url = reverse("registry:member_edit", kwargs={"slug": "hue"})
    response = client.post(url, _form_data(world.hue, name_en="", name_local="ថ្មី ភ្នំពេញ", member_since="1800"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "This field is required." in page
    assert "Ensure this value is greater than or equal to 1979." in page
    assert 'value="ថ្មី ភ្នំពេញ"' in page
    world.hue.refresh_from_db()
    assert world.hue.name_local == "Thành phố Huế"
    assert not AuditEvent.objects.exists()


def test_errors_are_in_the_users_language(world):
    user = world.users["coordinator"]
    user.language = "fr"
    user.save()
    client = world.client_for("coordinator")
    url = reverse("registry:member_edit", kwargs={"slug": "hue"})
    response = client.post(url, _form_data(world.hue, name_en=""))
    assert "Ce champ est obligatoire." in response.content.decode()


def test_html_typed_in_a_name_is_shown_as_text(world):
    client = world.client_for("focal_point")
    url = reverse("registry:member_edit", kwargs={"slug": "hue"})
    client.post(url, _form_data(world.hue, name_en="<script>alert(1)</script>Huế"))
    page = client.get(world.hue.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Huế" in page


@pytest.mark.parametrize("local_name", ["ភ្នំពេញ", "ນະຄອນຫຼວງວຽງຈັນ", "Thành phố Hồ Chí Minh"])
def test_names_in_khmer_lao_and_vietnamese_survive_the_round_trip(world, local_name):
    client = world.client_for("coordinator")
    url = reverse("registry:member_edit", kwargs={"slug": "hue"})
    response = client.post(
        url, {**_form_data(world.hue, name_local=local_name), "kind": "city", "country": world.hue.country_id}
    )
    assert response.status_code == 302
    world.hue.refresh_from_db()
    assert world.hue.name_local == local_name
    assert local_name in client.get(world.hue.get_absolute_url()).content.decode()
    found = client.get(reverse("registry:member_directory"), {"q": local_name}).content.decode()
    assert world.hue.get_absolute_url() in found


def test_saving_unchanged_form_records_no_history(world):
    client = world.client_for("coordinator")
    url = reverse("registry:member_edit", kwargs={"slug": "hue"})
    response = client.post(url, {**_form_data(world.hue), "kind": "city", "country": world.hue.country_id}, follow=True)
    assert "Nothing was changed." in response.content.decode()
    assert not AuditEvent.objects.exists()
