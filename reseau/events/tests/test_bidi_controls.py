"""Bidirectional controls in names and titles (issue 12): a stray right-to-left override pasted into
a name turned the text around it; it is stripped on input, and stored text is shown isolated."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from reseau.events import services
from reseau.events.models import Event, Registration, Session, SessionSpeaker
from tests.factories import EventFactory, PersonFactory

pytestmark = pytest.mark.django_db

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE
CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_an_event_title_is_saved_without_bidi_controls(world):
    event = services.event_create(
        actor=world.users["coordinator"],
        network=world.hue.network,
        data={
            "slug": "annual-meeting-2031",
            "title_en": f"Annual {RLO}meeting 2031",
            "title_fr": f"Réunion {CONTROLS}annuelle",
            "venue": f"{RLO}Fairfield Hotel",
            "status": "confirmed",
            "starts_at": datetime.datetime(2031, 5, 18, 1, 0, tzinfo=datetime.UTC),
        },
    )
    stored = Event.objects.get(pk=event.pk)
    assert stored.title_en == "Annual meeting 2031"
    assert stored.title_fr == "Réunion annuelle"
    assert stored.venue == "Fairfield Hotel"


def test_a_programme_item_title_is_saved_without_bidi_controls(world):
    event = EventFactory(network=world.hue.network)
    session = services.session_create(
        actor=world.users["coordinator"], event=event, data={"title_en": f"Welcome {RLO}words"}
    )
    assert Session.objects.get(pk=session.pk).title_en == "Welcome words"


def test_a_new_participants_name_is_saved_without_bidi_controls(world):
    event = EventFactory(network=world.hue.network)
    registration = services.registration_create(
        actor=world.users["coordinator"],
        event=event,
        member=world.hue,
        role="delegate",
        new_person={"name": f"Nguyễn {RLO}Thị Lan", "name_local": f"{RLO}ឃួង", "gender": "woman"},
    )
    person = Registration.objects.get(pk=registration.pk).person
    assert person.name == "Nguyễn Thị Lan"
    assert person.name_local == "ឃួង"


@pytest.fixture
def stored_before(world):
    """An event, its programme and a speaker whose names were stored before they were cleaned."""
    event = EventFactory(network=world.hue.network, slug="annual-meeting-2031", visibility="public")
    Event.objects.filter(pk=event.pk).update(title_en=f"{RLO}Annual meeting")
    session = Session.objects.create(
        event=event, title_en=f"{RLO}Welcome words", starts_at=datetime.datetime(2031, 5, 18, 1, 0, tzinfo=datetime.UTC)
    )
    person = PersonFactory(member=None, name=f"{RLO}Khuong Sreng")
    SessionSpeaker.objects.create(session=session, person=person)
    return Event.objects.get(pk=event.pk)


def test_a_stored_title_shows_isolated_in_the_event_list_and_page(world, stored_before):
    client = world.client_for("anonymous")
    listing = client.get(reverse("events:event_list")).content.decode()
    assert f"<bdi>{RLO}Annual meeting</bdi></a>" in listing
    page = client.get(stored_before.get_absolute_url()).content.decode()
    assert f"<h1><bdi>{RLO}Annual meeting</bdi></h1>" in page


def test_a_stored_name_shows_isolated_in_the_programme(world, stored_before):
    page = world.client_for("anonymous").get(reverse("events:programme", kwargs={"slug": stored_before.slug}))
    text = page.content.decode()
    assert f"<strong><bdi>{RLO}Khuong Sreng</bdi></strong>" in text
    assert f'<strong class="programme-title"><bdi>{RLO}Welcome words</bdi></strong>' in text


def test_a_downloaded_file_name_has_no_bidi_controls(world, stored_before, monkeypatch):
    import weasyprint

    class Unprinted:
        def __init__(self, **kwargs: object) -> None:
            pass

        def write_pdf(self) -> bytes:
            return b"%PDF-1.7\n%%EOF"

    monkeypatch.setattr(weasyprint, "HTML", Unprinted)
    client = world.client_for("anonymous")
    for name in ("programme_pdf", "event_ics"):
        response = client.get(reverse(f"events:{name}", kwargs={"slug": stored_before.slug}))
        assert response.status_code == 200
        assert not set(response["Content-Disposition"]) & set(CONTROLS)
