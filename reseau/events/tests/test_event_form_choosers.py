"""The event form in words people use (issue 11, item 10): a "Repeats" chooser instead of an
iCalendar rule, a time-zone chooser with the network's places first, checklists for activities
and projects, a default type, each error once; in English and in French."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from reseau.events.models import Event
from reseau.events.recurrence import Repeat, RepeatChoice, first_date_fits, repeat_of, rule_of
from reseau.events.tests.test_event_forms import CREATE, _data
from tests.factories import ActivityFactory, AxisFactory, EventFactory, PlanFactory, ProjectFactory

pytestmark = pytest.mark.django_db

# 18 May 2031 (the form's default start) is a Sunday, the third of the month.
SUNDAY = datetime.date(2031, 5, 18)


def _edit(event: Event) -> str:
    return reverse("events:event_edit", kwargs={"slug": event.slug})


def _select(page: str, name: str) -> str:
    return page.split(f'name="{name}"')[1].split("</select>")[0]


def _selected(page: str, name: str) -> list[str]:
    return re.findall(r'<option value="([^"]*)"[^>]*selected', _select(page, name))


@pytest.mark.parametrize(
    ("changes", "rule"),
    [
        ({"repeats": "weekly"}, "FREQ=WEEKLY;BYDAY=SU"),
        ({"repeats": "fortnightly", "repeat_weekday": "6"}, "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU"),
        ({"repeats": "monthly_weekday"}, "FREQ=MONTHLY;BYDAY=3SU"),
        ({"repeats": "monthly_weekday", "repeat_week": "3", "repeat_weekday": "6"}, "FREQ=MONTHLY;BYDAY=3SU"),
        ({"repeats": "monthly_day"}, "FREQ=MONTHLY;BYMONTHDAY=18"),
        ({"repeats": "yearly"}, "FREQ=YEARLY"),
        ({"repeats": ""}, ""),
    ],
)
def test_the_app_writes_the_rule_of_each_choice(world, changes, rule):
    world.client_for("coordinator").post(CREATE, _data(**changes))
    assert Event.objects.get().recurrence_rule == rule


def test_the_last_friday_of_the_month():
    choice = RepeatChoice(Repeat.MONTHLY_WEEKDAY, weekday=4, week=-1)
    assert rule_of(choice, datetime.date(2031, 5, 30)) == "FREQ=MONTHLY;BYDAY=-1FR"


def test_a_first_date_that_is_not_one_of_the_dates_is_refused_once(world):
    page = (
        world.client_for("coordinator")
        .post(CREATE, _data(repeats="monthly_weekday", repeat_week="1", repeat_weekday="3"))
        .content.decode()
    )
    assert page.count("The start date is not one of these dates") == 1
    assert not Event.objects.exists()


def test_a_fifth_weekday_is_the_last_one():
    assert first_date_fits(RepeatChoice(Repeat.MONTHLY_WEEKDAY, weekday=4, week=-1), datetime.date(2031, 5, 30))


def test_the_seeded_first_thursday_reads_back_and_is_kept(world):
    event = EventFactory(
        network=world.hue.network,
        title_en="Focal points",
        title_fr="Focal points",
        visibility="public",
        starts_at=datetime.datetime(2031, 5, 1, 3, 0, tzinfo=datetime.UTC),  # Thursday 1 May, 10:00 ICT
        recurrence_rule="FREQ=MONTHLY;BYDAY=1TH",
        description_en="",
        description_fr="",
    )
    client = world.client_for("coordinator")
    page = client.get(_edit(event)).content.decode()
    assert _selected(page, "repeats") == ["monthly_weekday"]
    assert _selected(page, "repeat_weekday") == ["3"]
    assert _selected(page, "repeat_week") == ["1"]
    data = _data(
        title_en="Focal points",
        title_fr="Focal points",
        visibility="public",
        start_date="2031-05-01",
        start_time="10:00",
        end_time="14:00",
        city="",
        venue="",
        repeats="monthly_weekday",
        repeat_weekday="3",
        repeat_week="1",
    )
    response = client.post(_edit(event), data, follow=True)
    assert "Nothing was changed." in response.content.decode()
    event.refresh_from_db()
    assert event.recurrence_rule == "FREQ=MONTHLY;BYDAY=1TH"


def test_a_rule_the_chooser_cannot_say_is_kept(world):
    event = EventFactory(network=world.hue.network, recurrence_rule="FREQ=DAILY;COUNT=5")
    client = world.client_for("coordinator")
    page = client.get(_edit(event)).content.decode()
    assert _selected(page, "repeats") == ["custom"]
    assert "Custom rule (kept)" in page
    client.post(_edit(event), _data(repeats="custom"))
    event.refresh_from_db()
    assert event.recurrence_rule == "FREQ=DAILY;COUNT=5"


def test_a_rule_is_read_as_people_say_it():
    assert repeat_of("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO") == RepeatChoice(Repeat.FORTNIGHTLY, weekday=0)
    assert repeat_of("FREQ=MONTHLY;BYMONTHDAY=15") == RepeatChoice(Repeat.MONTHLY_DAY, day=15)
    assert repeat_of("FREQ=MONTHLY;BYDAY=TH").repeat == Repeat.CUSTOM


def test_no_iCalendar_rule_to_type(world):
    page = world.client_for("coordinator").get(CREATE).content.decode()
    assert 'name="recurrence_rule"' not in page
    assert "FREQ=" not in page


def test_the_time_zone_is_chosen_among_places_the_network_first(world):
    page = world.client_for("coordinator").get(CREATE).content.decode()
    zones = _select(page, "time_zone")
    assert '<input type="text" name="time_zone"' not in page
    values = re.findall(r'<option value="([^"]+)"', zones)
    assert values[:4] == ["Asia/Phnom_Penh", "Asia/Vientiane", "Asia/Ho_Chi_Minh", "Europe/Paris"]
    assert len(values) > 300  # every other zone follows
    assert '<option value="Asia/Phnom_Penh" selected>Phnom Penh time (UTC+7)</option>' in zones


def test_an_unusual_stored_zone_is_still_offered(world):
    event = EventFactory(network=world.hue.network, time_zone="Etc/GMT-7")
    page = world.client_for("coordinator").get(_edit(event)).content.decode()
    assert _selected(page, "time_zone") == ["Etc/GMT-7"]


def test_activities_and_projects_are_checklists_with_a_filter_script(world):
    network = world.hue.network
    plan = PlanFactory(network=network, title_en="Action plan 2031")
    ActivityFactory(axis=AxisFactory(plan=plan), title_en="Training of focal points")
    ProjectFactory(network=network, code="fsm-hue", title_en="Faecal sludge in Huế", lead_member=world.hue)
    page = world.client_for("coordinator").get(CREATE).content.decode()
    assert 'type="checkbox" name="activities"' in page
    assert 'type="checkbox" name="projects"' in page
    assert "Faecal sludge in Huế" in page
    assert "fsm-hue —" not in page  # the project's title, not its code
    assert "Ctrl" not in page
    assert "/static/events/checklist.js" in page


def test_the_filter_script_is_one_of_the_apps_static_files():
    assert finders.find("events/checklist.js")


def test_the_type_has_a_default(world):
    page = world.client_for("coordinator").get(CREATE).content.decode()
    assert _selected(page, "kind") == ["meeting"]
    assert "---------" not in _select(page, "kind")


def test_the_missing_date_is_said_once(world):
    page = (
        world.client_for("coordinator").post(CREATE, _data(start_date="", start_time="", end_time="")).content.decode()
    )
    assert page.count("Give the start, or set the status to") == 1


def test_the_end_before_the_start_is_said_once(world):
    page = world.client_for("coordinator").post(CREATE, _data(end_time="07:00")).content.decode()
    assert page.count("The end cannot be before the start.") == 1


def test_the_form_in_french(world):
    ProjectFactory(network=world.hue.network, title_en="Faecal sludge in Huế", lead_member=world.hue)
    client = world.client_for("coordinator")
    page = client.get(CREATE, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<html lang="fr"' in page
    assert "Répétition" in page
    assert "Ne se répète pas" in page
    assert "Tous les mois un jour de semaine donné (par ex. le premier jeudi)" in page
    assert "Heure de Phnom Penh (UTC+7)" in page
    assert "Filtrer la liste" in page
    assert _selected(page, "kind") == ["meeting"]
    assert ">Réunion</option>" in _select(page, "kind")


def test_moving_the_start_off_the_kept_rule_is_refused(world):
    """The chooser left at "first Thursday" while the start moves to a Friday: said, not saved."""
    event = EventFactory(
        network=world.hue.network,
        starts_at=datetime.datetime(2031, 5, 1, 3, 0, tzinfo=datetime.UTC),  # Thursday 1 May
        recurrence_rule="FREQ=MONTHLY;BYDAY=1TH",
    )
    data = _data(start_date="2031-05-02", repeats="monthly_weekday", repeat_weekday="3", repeat_week="1")
    page = world.client_for("coordinator").post(_edit(event), data).content.decode()
    assert "The start date is not one of these dates" in page
    event.refresh_from_db()
    assert event.local_start.date() == datetime.date(2031, 5, 1)
