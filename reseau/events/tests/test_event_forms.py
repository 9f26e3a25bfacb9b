"""Creating and editing an event: local dates and times, time zones, and what is refused."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from reseau.events.models import Event
from tests.factories import EventFactory, MemberFactory, NetworkFactory

pytestmark = pytest.mark.django_db

CREATE = reverse("events:event_create")
UTC = datetime.UTC


def _data(**changes) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": "annual_meeting",
        "status": "confirmed",
        "visibility": "public",
        "title_en": "Annual meeting 2031",
        "title_fr": "Réunion annuelle 2031",
        "start_date": "2031-05-18",
        "start_time": "08:00",
        "end_date": "",
        "end_time": "12:00",
        "time_zone": "Asia/Phnom_Penh",
        "date_note": "",
        "venue": "Fairfield Hotel",
        "city": "Phnom Penh",
        "online_url": "",
        "organiser": "",
        "capacity": "",
        "deadline_date": "",
        "deadline_time": "",
        "repeats": "",
        "repeat_weekday": "",
        "repeat_week": "",
        "repeat_day": "",
        "description_en": "",
        "description_fr": "",
    }
    data.update(changes)
    return data


def test_the_coordinator_creates_an_event_in_local_time(world):
    client = world.client_for("coordinator")
    form_page = client.get(CREATE).content.decode()
    assert 'value="Asia/Phnom_Penh"' in form_page  # the network's zone by default
    assert 'name="network"' not in form_page
    response = client.post(CREATE, _data(host_member=world.hue.pk, deadline_date="2031-05-10"))
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url()
    assert event.slug == "annual-meeting-2031"
    assert event.network == world.hue.network
    assert event.host_member == world.hue
    assert event.starts_at == datetime.datetime(2031, 5, 18, 1, 0, tzinfo=UTC)
    assert event.ends_at == datetime.datetime(2031, 5, 18, 5, 0, tzinfo=UTC)
    # The deadline is the end of that day where the event happens.
    assert event.registration_deadline == datetime.datetime(2031, 5, 10, 16, 59, tzinfo=UTC)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Event created." in page
    assert "18 May 2031, 8:00–12:00 (Phnom Penh time, UTC+7)" in page


def test_an_event_in_paris_time_is_stored_in_utc_and_shown_in_paris_time(world):
    """The secretariat in Paris and the coordinator in Phnom Penh read the same Paris times."""
    client = world.client_for("secretariat")
    client.post(
        CREATE,
        _data(
            network=world.hue.network.pk,
            title_en="AIMF bureau",
            time_zone="Europe/Paris",
            start_date="2031-03-10",
            start_time="10:00",
            end_time="12:30",
        ),
    )
    event = Event.objects.get()
    # 10 March 2031 is winter time in Paris: UTC+1.
    assert event.starts_at == datetime.datetime(2031, 3, 10, 9, 0, tzinfo=UTC)
    for role in ("secretariat", "coordinator"):
        page = world.client_for(role).get(event.get_absolute_url()).content.decode()
        assert "10 March 2031, 10:00–12:30 (Paris time, UTC+1)" in page
    edit = client.get(reverse("events:event_edit", kwargs={"slug": event.slug})).content.decode()
    assert 'value="10:00"' in edit
    assert 'value="12:30"' in edit
    assert 'value="2031-03-10"' in edit
    # Moved to Phnom Penh at the same wall-clock time: the UTC instant changes.
    client.post(
        reverse("events:event_edit", kwargs={"slug": event.slug}),
        _data(
            title_en="AIMF bureau",
            time_zone="Asia/Phnom_Penh",
            start_date="2031-03-10",
            start_time="10:00",
            end_time="12:30",
        ),
    )
    event.refresh_from_db()
    assert event.starts_at == datetime.datetime(2031, 3, 10, 3, 0, tzinfo=UTC)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "10 March 2031, 10:00–12:30 (Phnom Penh time, UTC+7)" in page


def test_an_all_day_event_over_several_days(world):
    client = world.client_for("coordinator")
    client.post(
        CREATE,
        _data(
            title_en="Study tour in Huế",
            kind="study_tour",
            all_day="on",
            start_date="2031-09-08",
            start_time="",
            end_date="2031-09-12",
            end_time="",
            time_zone="Asia/Ho_Chi_Minh",
        ),
    )
    event = Event.objects.get()
    assert event.slug == "study-tour-in-hue"
    assert event.all_day
    assert event.local_start == datetime.datetime(2031, 9, 8, tzinfo=event.zone)
    assert event.local_end == datetime.datetime(2031, 9, 13, tzinfo=event.zone)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "8 September 2031 – 12 September 2031" in page
    edit = client.get(reverse("events:event_edit", kwargs={"slug": event.slug})).content.decode()
    assert 'value="2031-09-12"' in edit


def test_a_date_to_be_fixed_needs_no_start(world):
    client = world.client_for("coordinator")
    response = client.post(
        CREATE,
        _data(status="to_be_fixed", start_date="", start_time="", end_time="", date_note="Second half of 2031"),
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.starts_at is None
    assert event.date_note == "Second half of 2031"


def test_slugs_stay_unique(world):
    client = world.client_for("coordinator")
    client.post(CREATE, _data())
    client.post(CREATE, _data())
    assert sorted(Event.objects.values_list("slug", flat=True)) == ["annual-meeting-2031", "annual-meeting-2031-2"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end_date": "2031-05-17"}, "The end cannot be before the start."),
        ({"end_time": "07:00"}, "The end cannot be before the start."),
        ({"time_zone": "Asia/Phnom_Pen"}, "Select a valid choice. Asia/Phnom_Pen is not one of the available"),
        ({"repeats": "every minute"}, "Select a valid choice. every minute is not one of the available"),
        (
            {"repeats": "weekly", "repeat_weekday": "0"},
            "The start date is not one of these dates: change the start date or the choice.",
        ),
        (
            {"start_date": "", "start_time": "", "end_time": ""},
            "Give the start, or set the status to “Date to be fixed”.",
        ),
        ({"start_time": ""}, "Give the start time, or tick “All day”."),
        ({"title_en": ""}, "This field is required."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_kept(world, changes, message):
    client = world.client_for("coordinator")
    response = client.post(CREATE, _data(**changes))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page.replace("&ldquo;", "“").replace("&rdquo;", "”")
    assert "Fairfield Hotel" in page  # what was typed is still there
    assert not Event.objects.exists()


def test_the_app_writes_the_repeat_rule_from_the_chooser(world):
    client = world.client_for("coordinator")
    # 18 May 2031 is the third Sunday of May.
    client.post(CREATE, _data(repeats="monthly_weekday"))
    assert Event.objects.get().recurrence_rule == "FREQ=MONTHLY;BYDAY=3SU"


def test_the_form_offers_the_networks_members_only(world):
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network", time_zone="Africa/Tunis")
    tunis = MemberFactory(network=maghreb, slug="tunis", name_en="Tunis")
    client = world.client_for("coordinator")
    page = client.get(CREATE).content.decode()
    assert "Vientiane Capital" in page
    assert ">Tunis<" not in page
    response = client.post(CREATE, _data(host_member=tunis.pk))
    assert response.status_code == 200
    assert not Event.objects.exists()


def test_the_secretariat_chooses_the_network_and_its_members(world):
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network", time_zone="Africa/Tunis")
    tunis = MemberFactory(network=maghreb, slug="tunis", name_en="Tunis")
    client = world.client_for("secretariat")
    assert 'name="network"' in client.get(CREATE).content.decode()
    response = client.post(CREATE, _data(network=world.hue.network.pk, host_member=tunis.pk))
    assert "Choose a member of the chosen network." in response.content.decode()
    assert not Event.objects.exists()
    client.post(CREATE, _data(network=maghreb.pk, host_member=tunis.pk, time_zone="Africa/Tunis"))
    assert Event.objects.get().network == maghreb


@pytest.mark.parametrize(("role", "status"), [("focal_point", 403), ("partner", 403)])
def test_only_staff_create_and_edit(world, role, status):
    event = EventFactory(network=world.hue.network, visibility="partners")
    client = world.client_for(role)
    assert client.get(CREATE).status_code == status
    assert client.post(CREATE, _data()).status_code == status
    edit = reverse("events:event_edit", kwargs={"slug": event.slug})
    assert client.get(edit).status_code == status
    assert client.post(edit, _data(title_en="Hijacked")).status_code == status
    event.refresh_from_db()
    assert event.title_en != "Hijacked"
    assert Event.objects.count() == 1
    response = world.client_for("anonymous").get(CREATE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_editing_keeps_the_slug_and_reports_nothing_changed(world):
    event = EventFactory(
        network=world.hue.network,
        slug="annual-meeting",
        title_en="Annual meeting",
        venue="Fairfield Hotel",
        description_en="",
        description_fr="",
    )
    client = world.client_for("coordinator")
    url = reverse("events:event_edit", kwargs={"slug": event.slug})
    data = _data(
        title_en="Annual meeting",
        title_fr="Annual meeting",
        status="confirmed",
        visibility="network",
        start_date="2031-05-18",
        start_time="08:00",
        end_time="12:00",
        city="",
    )
    response = client.post(url, data, follow=True)
    assert "Nothing was changed." in response.content.decode()
    response = client.post(url, {**data, "title_en": "Annual meeting of the network"}, follow=True)
    assert "Changes saved." in response.content.decode()
    event.refresh_from_db()
    assert event.slug == "annual-meeting"
    assert event.title_en == "Annual meeting of the network"
