"""Inviting members writes to their focal points; a changed event tells those registered."""

from __future__ import annotations

import datetime

import pytest

from reseau.communication.services import event_invitations_deliver
from reseau.events import services as event_services
from reseau.outbox.models import OutgoingEmail
from tests.factories import EventFactory, PersonFactory, RegistrationFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def event(world):
    return EventFactory(
        network=world.hue.network,
        title_en="Annual meeting 2031",
        title_fr="Réunion annuelle 2031",
        registration_deadline=datetime.datetime(2031, 5, 1, 10, 0, tzinfo=datetime.UTC),
    )


def _to(address: str) -> list[OutgoingEmail]:
    return [e for e in OutgoingEmail.objects.all() if e.to == [address]]


def test_inviting_a_member_writes_to_its_focal_point(world, event, vientiane_focal_point):
    event_services.invitations_send(actor=world.users["coordinator"], event=event, members=[world.vientiane])
    assert len(_to("focal.vientiane@reseau.test")) == 1


def test_the_invitation_is_in_the_focal_point_language(world, event, vientiane_focal_point):
    event_services.invitations_send(actor=world.users["coordinator"], event=event, members=[world.vientiane])
    assert _to("focal.vientiane@reseau.test")[0].subject == "Invitation : Réunion annuelle 2031"


def test_the_invitation_gives_the_registration_deadline(world, event, vientiane_focal_point):
    event_services.invitations_send(actor=world.users["coordinator"], event=event, members=[world.vientiane])
    assert "avant le 1 mai 2031" in _to("focal.vientiane@reseau.test")[0].body


def test_the_invitation_links_the_programme(world, event, vientiane_focal_point):
    event_services.invitations_send(actor=world.users["coordinator"], event=event, members=[world.vientiane])
    assert f"/events/{event.slug}/programme/" in _to("focal.vientiane@reseau.test")[0].body


def test_a_member_not_invited_hears_nothing(world, event, vientiane_focal_point, hue_focal_point):
    event_services.invitations_send(actor=world.users["coordinator"], event=event, members=[world.vientiane])
    assert _to("le.thi.hoa@example.org") == []


def test_a_contact_chosen_by_the_coordinator_is_invited_too(world, event, vientiane_focal_point):
    mayor_office = PersonFactory.create(member=world.vientiane, email="cabinet@vientiane.example.org")
    event_services.invitations_send(
        actor=world.users["coordinator"], event=event, members=[world.vientiane], also_tell=[mayor_office]
    )
    assert len(_to("cabinet@vientiane.example.org")) == 1


def test_delivering_the_same_invitations_again_sends_nothing_more(world, event, vientiane_focal_point):
    event_services.invitations_send(actor=world.users["coordinator"], event=event, members=[world.vientiane])
    event_invitations_deliver(event_id=event.pk, member_ids=[world.vientiane.pk], person_ids=[])
    assert len(_to("focal.vientiane@reseau.test")) == 1


def test_moving_the_event_tells_those_registered(world, event, hue_focal_point):
    RegistrationFactory(event=event, person=hue_focal_point)
    event_services.event_update(
        actor=world.users["coordinator"],
        event=event,
        data={
            "starts_at": event.starts_at + datetime.timedelta(days=1),
            "ends_at": event.ends_at + datetime.timedelta(days=1),
        },
    )
    assert _to("le.thi.hoa@example.org")[0].subject == "New date: Annual meeting 2031"


def test_cancelling_the_event_tells_those_registered(world, event, hue_focal_point):
    RegistrationFactory(event=event, person=hue_focal_point)
    event_services.event_cancel(actor=world.users["coordinator"], event=event)
    assert _to("le.thi.hoa@example.org")[0].subject == "Cancelled: Annual meeting 2031"


def test_a_change_that_calendars_do_not_see_tells_no_one(world, event, hue_focal_point):
    RegistrationFactory(event=event, person=hue_focal_point)
    event_services.event_update(actor=world.users["coordinator"], event=event, data={"capacity": 40})
    assert _to("le.thi.hoa@example.org") == []


def _calendar_of(address: str) -> str:
    [email] = _to(address)
    [attachment] = email.attachments.all()
    return bytes(attachment.content).decode()


def test_the_invitation_carries_the_event_calendar_file(world, event, vientiane_focal_point):
    event_services.invitations_send(actor=world.users["coordinator"], event=event, members=[world.vientiane])
    assert f"UID:{event.uid}" in _calendar_of("focal.vientiane@reseau.test")


def test_the_change_carries_the_same_uid_with_a_higher_sequence(world, event, hue_focal_point):
    RegistrationFactory(event=event, person=hue_focal_point)
    event_services.event_cancel(actor=world.users["coordinator"], event=event)
    calendar = _calendar_of("le.thi.hoa@example.org")
    assert (f"UID:{event.uid}" in calendar, "SEQUENCE:1" in calendar) == (True, True)
