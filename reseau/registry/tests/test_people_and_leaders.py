from __future__ import annotations

import pytest
from django.urls import reverse

from reseau.registry.models import Mandate, Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _person(**data):
    payload = {
        "honorific": "ms",
        "name": "Nguyễn Thị Lan",
        "name_local": "Nguyễn Thị Lan",
        "title_en": "Officer",
        "title_fr": "Chargée",
        "email": "lan@hue.gov.vn",
        "phone": "+84 234 000",
        "gender": "woman",
        "languages": ["vi", "fr"],
    }
    payload.update(data)
    return payload


def test_focal_point_adds_a_person_to_its_member(world):
    response = world.client_for("focal_point").post(
        reverse("registry:person_create", kwargs={"slug": "hue"}), _person()
    )
    assert response.status_code == 302
    person = Person.objects.get(email="lan@hue.gov.vn")
    assert person.member == world.hue
    assert person.languages == ["vi", "fr"]


def test_a_duplicate_email_is_refused(world):
    PersonFactory(member=world.vientiane, email="lan@hue.gov.vn")
    response = world.client_for("focal_point").post(
        reverse("registry:person_create", kwargs={"slug": "hue"}), _person(email="LAN@hue.gov.vn")
    )
    assert response.status_code == 200
    assert "A person with this email is already registered." in response.content.decode()
    assert Person.objects.count() == 1


def test_focal_point_cannot_edit_a_person_of_another_member(world):
    stranger = PersonFactory(member=world.vientiane, name="Original")
    response = world.client_for("focal_point").post(
        reverse("registry:person_edit", kwargs={"pk": stranger.pk}), _person(name="Changed")
    )
    assert response.status_code == 403
    stranger.refresh_from_db()
    assert stranger.name == "Original"


def test_a_leader_with_an_end_before_the_start_is_refused(world):
    person = PersonFactory(member=world.hue)
    response = world.client_for("coordinator").post(
        reverse("registry:mandate_create", kwargs={"slug": "hue"}),
        {
            "person": person.pk,
            "office": "vice_president_peoples_committee",
            "title_en": "Vice President",
            "start_date": "2024-05-01",
            "end_date": "2023-01-01",
        },
    )
    assert "The end date cannot be before the start date." in response.content.decode()
    assert not Mandate.objects.exists()


def test_leaders_are_shown_with_their_title_and_former_leaders_apart(world):
    person = PersonFactory(member=world.hue, name="TRẦN Song")
    former = PersonFactory(member=world.hue, name="Former Leader")
    client = world.client_for("coordinator")
    url = reverse("registry:mandate_create", kwargs={"slug": "hue"})
    client.post(
        url,
        {
            "person": person.pk,
            "office": "vice_president_peoples_committee",
            "title_en": "Vice President of the People's Committee",
            "start_date": "2021-01-01",
        },
    )
    client.post(url, {"person": former.pk, "office": "governor", "start_date": "2010-01-01", "end_date": "2015-01-01"})
    page = client.get(world.hue.get_absolute_url()).content.decode()
    assert "TRẦN Song" in page
    assert "Vice President of the People&#x27;s Committee" in page
    assert "Former leaders" in page
    assert page.index("Former Leader") > page.index("Former leaders")


def _add_person(world, **data):
    return world.client_for("focal_point").post(
        reverse("registry:person_create", kwargs={"slug": "hue"}), _person(**data)
    )


def test_a_phone_without_digits_is_refused(world):
    page = _add_person(world, phone="abc").content.decode()
    assert "Enter a phone number with digits" in page


def test_a_refused_phone_saves_no_person(world):
    _add_person(world, phone="abc")
    assert not Person.objects.filter(email="lan@hue.gov.vn").exists()


def test_a_refused_phone_keeps_what_was_typed(world):
    page = _add_person(world, phone="abc").content.decode()
    assert 'value="Nguyễn Thị Lan"' in page


@pytest.mark.parametrize("phone", ["+855 23 724 156", "(024) 3825-3536", "021.212.548"])
def test_phones_written_the_usual_ways_are_accepted(world, phone):
    assert _add_person(world, phone=phone).status_code == 302


def test_the_phone_field_opens_a_phone_keypad(world):
    page = (
        world.client_for("focal_point").get(reverse("registry:person_create", kwargs={"slug": "hue"})).content.decode()
    )
    assert 'type="tel"' in page


def _french_member_page(world) -> str:
    coordinator = world.users["coordinator"]
    coordinator.language = "fr"
    coordinator.save(update_fields=["language"])
    return world.client_for("coordinator").get(world.hue.get_absolute_url()).content.decode()


def test_in_french_a_woman_deputy_mayor_is_maire_adjointe(world):
    lan = PersonFactory(member=world.hue, name="Nguyễn Thị Lan", gender="woman")
    Mandate.objects.create(member=world.hue, person=lan, office=Mandate.Office.DEPUTY_MAYOR)
    assert "Maire adjointe" in _french_member_page(world)


def test_in_french_a_man_deputy_mayor_is_not_maire_adjointe(world):
    minh = PersonFactory(member=world.hue, name="Trần Văn Minh", gender="man")
    Mandate.objects.create(member=world.hue, person=minh, office=Mandate.Office.DEPUTY_MAYOR)
    assert "Maire adjointe" not in _french_member_page(world)
