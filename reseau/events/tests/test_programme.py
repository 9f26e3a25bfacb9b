"""The programme (agenda) of an event: as read by everyone, and as the staff build it."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from reseau.events.models import Event, Session, SessionSpeaker
from tests.factories import EventFactory, MemberFactory, NetworkFactory, PersonFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def _at(hour: int, minute: int = 0) -> datetime.datetime:
    """A time on 18 May 2031 in Phnom Penh (UTC+7)."""
    return datetime.datetime(2031, 5, 18, hour - 7, minute, tzinfo=UTC)


@pytest.fixture
def agenda(world):
    event = EventFactory(
        network=world.hue.network,
        slug="annual-meeting-2031",
        title_en="Annual meeting 2031",
        visibility="public",
        venue="Fairfield Hotel",
        city="Phnom Penh",
    )
    governor = PersonFactory(member=None, honorific="he", name="Khuong Sreng", name_local="ឃួង ស្រេង")
    advisor = PersonFactory(member=None, honorific="ms", name="Arianna Ardesi")
    hue_person = PersonFactory(member=world.hue, honorific="mr", name="Nguyễn Văn Phương")
    vientiane_person = PersonFactory(member=world.vientiane, name="Khamphout Phandanouvong", name_local="ຄຳພຸດ")
    welcome = Session.objects.create(
        event=event,
        kind="opening",
        starts_at=_at(8),
        ends_at=_at(8, 30),
        title_en="Welcome words",
        title_fr="Mots de bienvenue",
    )
    SessionSpeaker.objects.create(
        session=welcome,
        person=governor,
        title_on_the_day_en="Governor of Phnom Penh",
        title_on_the_day_fr="Gouverneur de Phnom Penh",
    )
    first = Session.objects.create(
        event=event,
        starts_at=_at(8, 30),
        ends_at=_at(10),
        title_en="Session 1: Network work themes and modalities",
        title_fr="Session 1 : thèmes et modalités de travail du réseau",
    )
    SessionSpeaker.objects.create(
        session=first,
        person=advisor,
        title_on_the_day_en="Deputy AIMF Permanent Secretary for cooperation programs",
        title_on_the_day_fr="Secrétaire permanente adjointe de l'AIMF, chargée des programmes de coopération",
    )
    Session.objects.create(
        event=event, kind="break", starts_at=_at(10), ends_at=_at(10, 15), title_en="Break", title_fr="Pause"
    )
    table = Session.objects.create(
        event=event,
        kind="round_table",
        starts_at=_at(10, 15),
        ends_at=_at(11, 30),
        title_en="Suggestions and expectations of network members",
        title_fr="Suggestions et attentes des membres du réseau",
    )
    SessionSpeaker.objects.create(session=table, person=advisor, role="moderator")
    SessionSpeaker.objects.create(
        session=table,
        person=hue_person,
        role="panellist",
        title_on_the_day_en="Vice-president of the People's Committee",
        position=1,
    )
    SessionSpeaker.objects.create(session=table, person=vientiane_person, role="panellist", position=2)
    return {"event": event, "welcome": welcome, "table": table, "hue_person": hue_person, "governor": governor}


def _programme(event: Event) -> str:
    return reverse("events:programme", kwargs={"slug": event.slug})


def test_anyone_reads_the_programme_of_a_public_event(world, agenda):
    response = world.client_for("anonymous").get(_programme(agenda["event"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "18 May 2031, 8:00–12:00 (Phnom Penh time, UTC+7)" in page
    assert "8:00–8:30" in page
    assert "10:15–11:30" in page
    assert (
        "H.E. <strong><bdi>Khuong Sreng</bdi></strong> (<bdi>ឃួង ស្រេង</bdi>), <bdi>Governor of Phnom Penh</bdi>" in page
    )
    assert (
        "Ms <strong><bdi>Arianna Ardesi</bdi></strong>, "
        "<bdi>Deputy AIMF Permanent Secretary for cooperation programs</bdi>" in page
    )
    assert (
        "Mr <strong><bdi>Nguyễn Văn Phương</bdi></strong>, <bdi>Vice-president of the People&#x27;s Committee" in page
    )
    assert "<strong><bdi>Khamphout Phandanouvong</bdi></strong> (<bdi>ຄຳພຸດ</bdi>)" in page
    assert 'class="programme-break"' in page
    assert "Moderator:" in page
    assert "Round-table participants:" in page
    assert page.index("Welcome words") < page.index("Session 1") < page.index("Break") < page.index("Suggestions")
    assert reverse("events:programme_pdf", kwargs={"slug": "annual-meeting-2031"}) in page
    assert "/edit/" not in page


def test_the_programme_reads_in_french(world, agenda):
    focal = world.users["focal_point"]
    focal.language = "fr"
    focal.save()
    page = world.client_for("focal_point").get(_programme(agenda["event"])).content.decode()
    assert "Mots de bienvenue" in page
    assert "Gouverneur de Phnom Penh" in page
    assert "Secrétaire permanente adjointe de l&#x27;AIMF" in page
    assert "18 mai 2031" in page


def test_a_network_only_programme_is_not_found_for_visitors(world, agenda):
    event = agenda["event"]
    event.visibility = "network"
    event.save()
    assert world.client_for("anonymous").get(_programme(event)).status_code == 404
    assert world.client_for("partner").get(_programme(event)).status_code == 404
    assert world.client_for("focal_point").get(_programme(event)).status_code == 200


def test_the_programme_page_costs_few_queries(world, agenda, django_assert_max_num_queries):
    client = world.client_for("coordinator")
    with django_assert_max_num_queries(10):
        page = client.get(_programme(agenda["event"])).content.decode()
    assert reverse("events:session_edit", kwargs={"slug": "annual-meeting-2031", "pk": agenda["welcome"].pk}) in page


def test_the_coordinator_adds_an_item_in_the_events_time(world, agenda):
    event = agenda["event"]
    client = world.client_for("coordinator")
    url = reverse("events:session_create", kwargs={"slug": event.slug})
    assert 'value="2031-05-18"' in client.get(url).content.decode()  # the event's day by default
    response = client.post(
        url,
        {
            "kind": "closing",
            "day": "",
            "start_time": "11:30",
            "end_time": "12:00",
            "title_en": "Conclusions",
            "title_fr": "Conclusions",
            "description_en": "",
            "description_fr": "",
            "position": "0",
        },
    )
    session = event.sessions.get(title_en="Conclusions")
    assert response.status_code == 302
    assert response["Location"] == reverse("events:session_edit", kwargs={"slug": event.slug, "pk": session.pk})
    assert session.starts_at == _at(11, 30)
    assert session.ends_at == _at(12)
    page = client.get(_programme(event)).content.decode()
    assert "11:30–12:00" in page
    assert page.index("Suggestions") < page.index("Conclusions")


def test_an_item_ending_before_it_starts_is_refused(world, agenda):
    event = agenda["event"]
    response = world.client_for("coordinator").post(
        reverse("events:session_create", kwargs={"slug": event.slug}),
        {"kind": "session", "start_time": "11:00", "end_time": "10:00", "title_en": "Backwards", "position": "0"},
    )
    assert "The end cannot be before the start." in response.content.decode()
    assert not event.sessions.filter(title_en="Backwards").exists()


def test_the_coordinator_edits_and_deletes_an_item(world, agenda):
    event, welcome = agenda["event"], agenda["welcome"]
    client = world.client_for("coordinator")
    url = reverse("events:session_edit", kwargs={"slug": event.slug, "pk": welcome.pk})
    page = client.get(url).content.decode()
    assert 'value="08:00"' in page
    assert "Khuong Sreng" in page
    client.post(
        url,
        {
            "kind": "opening",
            "day": "2031-05-18",
            "start_time": "08:15",
            "end_time": "08:45",
            "title_en": "Welcome words",
            "title_fr": "Mots de bienvenue",
            "position": "0",
        },
    )
    welcome.refresh_from_db()
    assert welcome.starts_at == _at(8, 15)
    delete = reverse("events:session_delete", kwargs={"slug": event.slug, "pk": welcome.pk})
    assert client.get(delete).status_code == 405
    assert client.post(delete).status_code == 302
    assert not Session.objects.filter(pk=welcome.pk).exists()


def test_an_item_of_another_event_is_not_found_through_this_one(world, agenda):
    other = EventFactory(network=world.hue.network, slug="other")
    client = world.client_for("coordinator")
    for name in ("session_edit", "speaker_add"):
        assert (
            client.get(reverse(f"events:{name}", kwargs={"slug": other.slug, "pk": agenda["welcome"].pk})).status_code
            == 404
        )
    assert (
        client.post(
            reverse("events:session_delete", kwargs={"slug": other.slug, "pk": agenda["welcome"].pk})
        ).status_code
        == 404
    )
    speaker = agenda["welcome"].speakers.get()
    assert (
        client.post(reverse("events:speaker_remove", kwargs={"slug": other.slug, "pk": speaker.pk})).status_code == 404
    )
    assert Session.objects.filter(pk=agenda["welcome"].pk).exists()


def test_the_coordinator_adds_and_removes_speakers(world, agenda):
    event, table = agenda["event"], agenda["table"]
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    outsider = PersonFactory(member=MemberFactory(network=maghreb, slug="tunis", name_en="Tunis"), name="Sami Ben Ali")
    guest = PersonFactory(member=None, name="Claire Martin", organisation="AIMF")
    client = world.client_for("coordinator")
    edit = reverse("events:session_edit", kwargs={"slug": event.slug, "pk": table.pk})
    page = client.get(edit).content.decode()
    assert "Claire Martin — AIMF" in page
    assert "Nguyễn Văn Phương — Huế" in page
    assert "Sami Ben Ali" not in page
    add = reverse("events:speaker_add", kwargs={"slug": event.slug, "pk": table.pk})
    response = client.post(
        add,
        {
            "speaker-person": guest.pk,
            "speaker-role": "panellist",
            "speaker-title_on_the_day_en": "Head of cooperation",
            "speaker-title_on_the_day_fr": "Responsable de la coopération",
            "speaker-position": "3",
        },
    )
    assert response.status_code == 302
    assert table.speakers.filter(person=guest, role="panellist").exists()
    # Twice the same role is refused; a person of another network is not offered.
    response = client.post(add, {"speaker-person": guest.pk, "speaker-role": "panellist", "speaker-position": "4"})
    assert "Claire Martin already has this role in this item." in response.content.decode()
    response = client.post(add, {"speaker-person": outsider.pk, "speaker-role": "speaker", "speaker-position": "4"})
    assert response.status_code == 200
    assert not table.speakers.filter(person=outsider).exists()
    speaker = table.speakers.get(person=guest)
    remove = reverse("events:speaker_remove", kwargs={"slug": event.slug, "pk": speaker.pk})
    assert client.get(remove).status_code == 405
    assert client.post(remove).status_code == 302
    assert not table.speakers.filter(person=guest).exists()


@pytest.mark.parametrize("role", ["focal_point", "partner"])
def test_only_staff_change_the_programme(world, agenda, role):
    event, welcome = agenda["event"], agenda["welcome"]
    client = world.client_for(role)
    speaker = welcome.speakers.get()
    assert client.get(reverse("events:session_create", kwargs={"slug": event.slug})).status_code == 403
    assert client.get(reverse("events:session_edit", kwargs={"slug": event.slug, "pk": welcome.pk})).status_code == 403
    assert (
        client.post(reverse("events:session_delete", kwargs={"slug": event.slug, "pk": welcome.pk})).status_code == 403
    )
    assert (
        client.post(reverse("events:speaker_remove", kwargs={"slug": event.slug, "pk": speaker.pk})).status_code == 403
    )
    assert Session.objects.filter(pk=welcome.pk).exists()
    assert SessionSpeaker.objects.filter(pk=speaker.pk).exists()
