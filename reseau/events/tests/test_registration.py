"""Registering a delegation: who may register whom, what is refused and why, nothing half-saved."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from reseau.events import services
from reseau.events.models import Event, Invitation, Registration
from reseau.registry.models import Person
from tests.factories import DuesFactory, EventFactory, PersonFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(world):
    return EventFactory(
        network=world.hue.network,
        slug="annual-meeting-2031",
        title_en="Annual meeting 2031",
        capacity=30,
        registration_deadline=datetime.datetime(2031, 5, 1, 10, 0, tzinfo=datetime.UTC),
    )


def _url(event: Event, name: str = "register") -> str:
    return reverse(f"events:{name}", kwargs={"slug": event.slug})


def _new(member, /, **changes) -> dict[str, object]:
    data: dict[str, object] = {
        "member": member.pk,
        "person": "",
        "honorific": "ms",
        "name": "Nguyễn Thị Lan",
        "name_local": "Nguyễn Thị Lan",
        "title": "Vice-chair of the People's Committee",
        "email": "lan@hue.example",
        "gender": "woman",
        "role": "head",
    }
    data.update(changes)
    return data


def _existing(member, person, /, **changes) -> dict[str, object]:
    data: dict[str, object] = {"member": member.pk, "person": person.pk, "role": "delegate"}
    data.update(changes)
    return data


def _page(response) -> str:
    return response.content.decode()


# --- What the page offers ----------------------------------------------------------------------


def test_the_focal_point_sees_places_deadline_in_the_events_zone_and_only_its_own_member(world, event):
    PersonFactory(member=world.hue, name="Trần Văn Minh")
    PersonFactory(member=world.vientiane, name="Souksavanh Phommachanh")
    RegistrationFactory(event=event, person=PersonFactory(member=world.vientiane))
    response = world.client_for("focal_point").get(_url(event))
    page = _page(response)
    assert response.status_code == 200
    assert f'<option value="{world.hue.pk}">Huế</option>' in page
    assert f'value="{world.vientiane.pk}"' not in page
    assert "Vientiane Capital" not in page
    assert "Trần Văn Minh" in page
    assert "Souksavanh Phommachanh" not in page
    # 30 places, one taken; the deadline 10:00 UTC is 17:00 in Phnom Penh.
    assert '<dd id="places-left">29</dd>' in page
    assert 'datetime="2031-05-01T17:00:00+07:00"' in page
    assert "Phnom Penh time (UTC+7)" in page  # the zone named, not its id


def test_the_coordinator_may_choose_any_member_or_none(world, event):
    page = _page(world.client_for("coordinator").get(_url(event)))
    assert "Huế" in page
    assert "Vientiane Capital" in page
    assert "No member (a partner, the secretariat…)" in page


def test_a_focal_point_whose_dues_are_outstanding_is_warned_not_blocked(world, event):
    DuesFactory(member=world.hue, year=2020, status="due")
    client = world.client_for("focal_point")
    page = _page(client.get(_url(event)))
    assert 'id="dues-warning"' in page
    assert "Dues outstanding" in page
    response = client.post(_url(event), _new(world.hue))
    assert response.status_code == 302
    assert Registration.objects.filter(event=event, member=world.hue).count() == 1


def test_no_warning_when_dues_are_paid(world, event):
    DuesFactory(member=world.hue, year=2020, status="paid", paid_on=datetime.date(2020, 3, 1))
    assert 'id="dues-warning"' not in _page(world.client_for("focal_point").get(_url(event)))


# --- Registering ---------------------------------------------------------------------------------


def test_the_focal_point_registers_a_new_delegate(world, event):
    client = world.client_for("focal_point")
    response = client.post(_url(event), _new(world.hue))
    assert response.status_code == 302
    assert response["Location"] == _url(event, "participants")
    registration = Registration.objects.get(event=event)
    person = registration.person
    assert (person.name, person.name_local, person.member, person.gender) == (
        "Nguyễn Thị Lan",
        "Nguyễn Thị Lan",
        world.hue,
        "woman",
    )
    assert person.honorific == "ms"
    assert person.email == "lan@hue.example"
    assert person.title == "Vice-chair of the People's Committee"
    assert registration.member == world.hue
    assert registration.role == "head"
    assert registration.gender == "woman"
    assert registration.registered_by == world.users["focal_point"]
    page = _page(client.get(response["Location"]))
    assert "Nguyễn Thị Lan is registered for this event." in page


def test_the_focal_point_registers_an_existing_person_of_its_member(world, event):
    person = PersonFactory(member=world.hue, name="Trần Văn Minh", gender="man")
    response = world.client_for("focal_point").post(_url(event), _existing(world.hue, person))
    assert response.status_code == 302
    registration = Registration.objects.get(event=event)
    assert registration.person == person
    assert registration.member == world.hue
    assert registration.gender == "man"
    assert Person.objects.count() == 1


def test_a_new_participant_needs_a_gender_and_the_form_keeps_what_was_typed(world, event):
    response = world.client_for("focal_point").post(_url(event), _new(world.hue, gender="", honorific="dr"))
    page = _page(response)
    assert response.status_code == 200
    assert "Give the new participant&#x27;s gender." in page
    assert 'value="Nguyễn Thị Lan"' in page
    assert not Registration.objects.exists()
    assert not Person.objects.exists()


def test_choosing_a_person_and_typing_a_new_one_is_refused(world, event):
    person = PersonFactory(member=world.hue)
    response = world.client_for("focal_point").post(_url(event), _new(world.hue, person=person.pk))
    assert "Choose an existing person or type a new participant, not both." in _page(response)
    assert not Registration.objects.exists()


def test_an_empty_form_says_what_is_needed(world, event):
    response = world.client_for("focal_point").post(_url(event), {"member": world.hue.pk, "role": "delegate"})
    assert "Choose an existing person, or type the new participant&#x27;s name." in _page(response)
    assert not Registration.objects.exists()


def test_a_new_participant_with_the_email_of_someone_of_the_delegation_is_refused(world, event):
    PersonFactory(member=world.hue, email="lan@hue.example")
    response = world.client_for("focal_point").post(_url(event), _new(world.hue, email="LAN@hue.example"))
    assert "This person is already known: choose them in “An existing person” above." in _page(response)
    assert not Registration.objects.exists()
    assert Person.objects.count() == 1


# Issue 12: the answer does not tell a focal point whether an address is known in another delegation
# or network.


def test_a_new_participant_with_the_email_of_someone_registered_already_says_so(world, event):
    RegistrationFactory(event=event, person=PersonFactory(member=world.hue, email="lan@hue.example"))
    response = world.client_for("focal_point").post(_url(event), _new(world.hue, email="lan@hue.example"))
    assert "This person is already registered for this event." in _page(response)


def test_an_email_known_only_elsewhere_is_answered_as_an_unknown_one(world, event):
    PersonFactory(member=world.vientiane, email="lan@hue.example")
    elsewhere = world.client_for("focal_point").post(_url(event), _new(world.hue), follow=True)
    unknown = world.client_for("focal_point").post(
        _url(event), _new(world.hue, name="Trần Văn Minh", email="minh@hue.example"), follow=True
    )
    said = [str(message) for message in elsewhere.context["messages"]]
    assert said == [str(message).replace("Trần Văn Minh", "Nguyễn Thị Lan") for message in unknown.context["messages"]]


def test_an_email_known_only_elsewhere_registers_the_participant(world, event):
    PersonFactory(member=world.vientiane, email="lan@hue.example")
    world.client_for("focal_point").post(_url(event), _new(world.hue))
    assert Registration.objects.filter(event=event, person__name="Nguyễn Thị Lan", member=world.hue).exists()


def test_an_email_known_only_elsewhere_stays_that_persons_own(world, event):
    other = PersonFactory(member=world.vientiane, email="lan@hue.example")
    world.client_for("focal_point").post(_url(event), _new(world.hue))
    assert Person.objects.get(name="Nguyễn Thị Lan", member=world.hue).email is None
    assert Person.objects.get(email="lan@hue.example") == other


def test_the_coordinator_registers_a_partner_without_a_member(world, event):
    response = world.client_for("coordinator").post(
        _url(event), _new(world.hue, member="", name="Claire Martin", name_local="", email="", role="partner")
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.member is None
    assert registration.person.member is None
    assert registration.role == "partner"


def test_the_coordinator_picking_someone_of_a_member_registers_them_in_its_delegation(world, event):
    person = PersonFactory(member=world.vientiane, name="Souksavanh Phommachanh")
    response = world.client_for("coordinator").post(_url(event), _existing(world.hue, person, member=""))
    assert response.status_code == 302
    assert Registration.objects.get().member == world.vientiane


def test_a_person_of_another_member_cannot_join_a_delegation(world, event):
    person = PersonFactory(member=world.vientiane, name="Souksavanh Phommachanh")
    response = world.client_for("coordinator").post(_url(event), _existing(world.hue, person))
    assert response.status_code == 200
    assert "Souksavanh Phommachanh does not belong to Huế." in _page(response)
    assert not Registration.objects.exists()


# --- Refusals ------------------------------------------------------------------------------------


def test_the_focal_point_cannot_register_for_another_member(world, event):
    client = world.client_for("focal_point")
    response = client.post(_url(event), _new(world.vientiane))
    assert response.status_code == 200
    assert "You cannot register a delegation for this member." in _page(response)
    vientiane_person = PersonFactory(member=world.vientiane)
    response = client.post(_url(event), _existing(world.hue, vientiane_person))
    assert "Choose a person of this delegation who is not registered yet." in _page(response)
    assert not Registration.objects.exists()
    assert list(Person.objects.all()) == [vientiane_person]


def test_after_the_deadline_a_focal_point_is_refused_and_nothing_is_saved(world, event):
    event.registration_deadline = timezone.now() - datetime.timedelta(days=1)
    event.save()
    response = world.client_for("focal_point").post(_url(event), _new(world.hue))
    page = _page(response)
    assert response.status_code == 200
    assert "Registration closed on" in page
    assert 'class="form-errors" role="alert"' in page
    assert 'value="Nguyễn Thị Lan"' in page
    assert not Registration.objects.exists()
    assert not Person.objects.exists(), "a refused registration must not leave a new person behind"


def test_after_the_deadline_the_coordinator_may_still_add_a_late_delegate(world, event):
    event.registration_deadline = timezone.now() - datetime.timedelta(days=1)
    event.save()
    assert world.client_for("coordinator").post(_url(event), _new(world.hue)).status_code == 302
    assert Registration.objects.count() == 1


def test_a_full_event_refuses_more_participants(world, event):
    event.capacity = 1
    event.save()
    RegistrationFactory(event=event, person=PersonFactory(member=world.vientiane))
    client = world.client_for("focal_point")
    assert '<span class="badge bad">Full</span>' in _page(client.get(_url(event)))
    response = client.post(_url(event), _new(world.hue))
    assert "This event is full: all 1 places are taken." in _page(response)
    assert Registration.objects.count() == 1
    assert Person.objects.count() == 1


def test_the_same_person_cannot_be_registered_twice(world, event):
    person = PersonFactory(member=world.hue, name="Trần Văn Minh")
    RegistrationFactory(event=event, person=person)
    # The form no longer offers them…
    client = world.client_for("focal_point")
    assert "Trần Văn Minh" not in _page(client.get(_url(event)))
    response = client.post(_url(event), _existing(world.hue, person))
    assert "Choose a person of this delegation who is not registered yet." in _page(response)
    # …and the service says why if asked anyway.
    with pytest.raises(ValidationError) as refused:
        services.registration_create(
            actor=world.users["coordinator"], event=event, member=world.hue, role="delegate", person=person
        )
    assert "Trần Văn Minh is already registered for this event." in refused.value.messages
    assert Registration.objects.count() == 1


def test_a_cancelled_event_refuses_registrations(world, event):
    event.status = Event.Status.CANCELLED
    event.save()
    client = world.client_for("focal_point")
    assert "This event has been cancelled: registration is closed." in _page(client.get(_url(event)))
    response = client.post(_url(event), _new(world.hue))
    assert response.status_code == 200
    assert not Registration.objects.exists()
    assert not Person.objects.exists()


def test_a_member_not_invited_is_refused_when_the_event_has_invitations(world, event):
    Invitation.objects.create(event=event, member=world.vientiane)
    response = world.client_for("focal_point").post(_url(event), _new(world.hue))
    assert "Huế is not invited to this event." in _page(response)
    assert not Registration.objects.exists()
    assert not Person.objects.exists()
    Invitation.objects.create(event=event, member=world.hue)
    assert world.client_for("focal_point").post(_url(event), _new(world.hue)).status_code == 302


def test_a_registration_failing_after_the_new_person_was_made_leaves_no_person(world, event):
    """registration_create is atomic: the new person goes with the refused registration."""
    with pytest.raises(ValidationError):
        services.registration_create(
            actor=world.users["coordinator"],
            event=event,
            member=world.hue,
            role="no-such-role",
            new_person={"name": "Phạm Thị Hương", "gender": "woman"},
        )
    assert not Person.objects.exists()
    assert not Registration.objects.exists()


@pytest.mark.parametrize("role", ["partner", "anonymous"])
def test_others_cannot_register(world, event, role):
    response = world.client_for(role).post(_url(event), _new(world.hue))
    assert response.status_code in (302, 404)  # partners do not see network-only events
    if role == "anonymous":
        assert response["Location"].startswith(reverse("accounts:login"))
    assert not Registration.objects.exists()
    assert not Person.objects.exists()


# --- In French -----------------------------------------------------------------------------------


def test_refusals_and_the_form_are_in_the_users_language(world, event):
    user = world.users["focal_point"]
    user.language = "fr"
    user.save()
    event.status = Event.Status.CANCELLED
    event.save()
    response = world.client_for("focal_point").post(_url(event), _new(world.hue, name="", gender=""))
    page = _page(response)
    assert '<html lang="fr">' in page
    assert '<label for="id_name">Nom</label>' in page
    assert "Femme" in page
    assert "Homme" in page
    with translation.override("fr"):
        expected_name_error = gettext("Give the new participant's name.")
    assert expected_name_error != "Give the new participant's name."
    assert escape(expected_name_error) in page
    response = world.client_for("focal_point").post(_url(event), _new(world.hue))
    with translation.override("fr"):
        expected = gettext("This event has been cancelled: registration is closed.")
    assert expected != "This event has been cancelled: registration is closed."
    assert escape(expected) in _page(response)
    assert not Registration.objects.exists()


def test_an_honorific_that_says_the_gender_is_enough(world, event):
    world.client_for("focal_point").post(_url(event), _new(world.hue, gender="", honorific="ms"))
    assert Registration.objects.get(event=event).gender == "woman"


def test_the_gender_of_a_new_participant_is_marked_as_needed(world, event):
    page = _page(world.client_for("focal_point").get(_url(event)))
    assert '<legend>Gender <span aria-hidden="true">*</span></legend>' in page
