"""The seeded events are the deck's: the 2023 annual meeting with its programme and the people it
names, the FSM conference, the partner events of activity 5, the AIMF congress, the meetings still
to be fixed and the monthly focal-point meeting; seeding twice changes nothing."""

from __future__ import annotations

import datetime
import itertools
import zoneinfo
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from reseau.events.models import Event, Registration, Session, SessionSpeaker
from reseau.events.recurrence import expand
from reseau.events.seed import load_events
from reseau.logframe.computed import computed_value
from reseau.logframe.models import Computation, Indicator
from reseau.registry.models import Country, Network, Person

pytestmark = pytest.mark.django_db

PHNOM_PENH = zoneinfo.ZoneInfo("Asia/Phnom_Penh")
MEETING = "rvase-annual-meeting-2023"
ROUND_TABLE = [
    ("SUI Seret", "Vice Governor of Phnom Penh"),
    ("CHHAY Matinal", "Vice Governor of Battambang Province"),
    ("SAEM Nhav", "President of the Provincial Council of Kampot Province"),
    ("BANNAVONG Phoukhong", "Vice Governor of Vientiane Capitale"),
    ("HATSACHANH Viengthong", "Mayor-Governor of the city of Luang Prabang"),
    (
        "NGUYỄN THẾ PHƯỚC",
        "Phó Chủ tịch Thường trực, Vice President of the People's Committee of Yen Bai Province",
    ),
    (
        "NGUYỄN THỊ Thanh My",
        "Deputy Director of the Department of Natural Resources and Environment, Ho Chi Minh City",
    ),
    ("TRẦN Song", "Vice President of the People's Committee of the city of Hue"),
]


def _seed() -> str:
    out = StringIO()
    call_command("seed_rvase", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Event, Session, SessionSpeaker, Registration, Person, Country)
    }


def test_seeding_twice_changes_nothing_and_keeps_the_calendar_identifiers():
    out = _seed()
    assert "events: 13" in out
    assert "programme_items: 7" in out
    assert "registrations: 10" in out
    first = _counts()
    uids = dict(Event.objects.values_list("slug", "uid"))
    assert all(uid == f"{slug}@reseau" for slug, uid in uids.items())
    _seed()
    assert _counts() == first
    assert dict(Event.objects.values_list("slug", "uid")) == uids
    assert set(load_events().values()) == {0}
    # The registry's people are reused, never copied.
    names = list(Person.objects.values_list("name", flat=True))
    assert len(names) == len(set(names))


def test_the_2023_meeting_is_the_deck_s_meeting():
    _seed()
    meeting = Event.objects.get(slug=MEETING)
    assert (meeting.kind, meeting.status, meeting.visibility) == ("annual_meeting", "held", "public")
    assert meeting.starts_at == datetime.datetime(2023, 5, 18, 1, 0, tzinfo=datetime.UTC)
    assert meeting.local_start == datetime.datetime(2023, 5, 18, 8, 0, tzinfo=PHNOM_PENH)
    assert meeting.local_end == datetime.datetime(2023, 5, 18, 12, 0, tzinfo=PHNOM_PENH)
    assert (meeting.venue, meeting.city, meeting.country.code, meeting.host_member.slug) == (
        "Fairfield Hotel",
        "Phnom Penh",
        "KH",
        "phnom-penh",
    )
    assert set(meeting.themes.values_list("code", flat=True)) == {
        "urban-governance-smart-cities",
        "urban-sanitation",
        "smart-sustainable-tourism",
    }
    activity = meeting.activities.get()
    assert activity.number == 4
    assert activity.title_en.startswith("Preparation and holding of the annual network")
    assert "Members can offer to host future events" in meeting.minutes_en
    assert "réunion mensuelle" in meeting.minutes_fr


def test_the_2023_programme_has_six_items_in_order_with_the_named_speakers():
    _seed()
    meeting = Event.objects.get(slug=MEETING)
    sessions = list(meeting.sessions.order_by("starts_at", "position"))
    assert [s.title_en for s in sessions] == [
        "Introduction",
        "Welcome words",
        "Session 1: Network work themes and modalities",
        "Break",
        "Session 2: Round table: suggestions and expectations of network members",
        "Conclusions",
    ]
    assert [s.kind for s in sessions] == ["opening", "opening", "session", "break", "round_table", "closing"]
    assert sessions[0].starts_at.astimezone(PHNOM_PENH).time() == datetime.time(8, 0)
    assert sessions[-1].ends_at.astimezone(PHNOM_PENH).time() == datetime.time(12, 0)
    pause = sessions[3]
    assert pause.starts_at
    assert pause.ends_at
    assert pause.ends_at - pause.starts_at == datetime.timedelta(minutes=15)
    for before, after in itertools.pairwise(sessions):
        assert before.ends_at == after.starts_at
    assert "AIMF – European Union Strategic Partnership" in sessions[2].description_en
    with translation.override("fr"):
        assert sessions[1].title == "Mot de bienvenue"

    (ardesi,) = sessions[0].speakers.all()
    assert ardesi.person.name == "Arianna ARDESI"
    assert ardesi.role == "speaker"
    assert ardesi.title_on_the_day_en == "Advisor, Deputy AIMF Permanent Secretary for cooperation programs"
    (governor,) = sessions[1].speakers.all()
    assert governor.person.name == "KHUONG Sreng"
    assert governor.title_on_the_day_en == "Governor of Phnom Penh"
    assert governor.title_on_the_day_fr == "Gouverneur de Phnom Penh"

    panel = list(sessions[4].speakers.order_by("position").select_related("person"))
    assert [(s.person.name, s.title_on_the_day_en) for s in panel] == ROUND_TABLE
    assert {s.role for s in panel} == {SessionSpeaker.Role.PANELLIST}
    assert all(s.title_on_the_day_fr for s in panel)
    assert panel[-1].title_on_the_day_fr == "Vice-président du Comité populaire de la ville de Huế"
    # Speakers are the registry's people (with their member), not copies.
    assert panel[0].person.member.slug == "phnom-penh"
    assert panel[3].person.member.slug == "vientiane"
    assert Person.objects.filter(name="TRẦN Song").count() == 1


def test_the_attendance_is_the_deck_s_named_participants_by_gender():
    _seed()
    meeting = Event.objects.get(slug=MEETING)
    registrations = list(meeting.registrations.select_related("person", "member"))
    assert len(registrations) == 10
    assert all(r.attended is True for r in registrations)
    assert {r.person.name for r in registrations} == {"Arianna ARDESI", "KHUONG Sreng"} | {n for n, _ in ROUND_TABLE}
    by_gender = {g: sum(r.gender == g for r in registrations) for g in ("woman", "man")}
    assert by_gender == {"woman": 2, "man": 8}
    for registration in registrations:
        assert registration.member == registration.person.member
        assert registration.gender == registration.person.gender
    ardesi = next(r for r in registrations if r.person.name == "Arianna ARDESI")
    assert ardesi.member is None
    assert ardesi.role == "organiser"


def test_the_computed_event_indicators_on_the_seed_match_the_logframe_baselines():
    _seed()
    network = Network.objects.get(code="rvase")
    end_of_2023 = datetime.date(2023, 12, 31)
    expected = {Computation.EVENTS_HELD: 7, Computation.PARTICIPANTS_WOMEN: 2, Computation.PARTICIPANTS_MEN: 8}
    for computation, value in expected.items():
        assert computed_value(computation, network, end_of_2023) == value
        indicator = Indicator.objects.get(result__network=network, computation=computation)
        assert (indicator.baseline_value, indicator.baseline_year) == (Decimal(value), 2023)
        assert indicator.title_fr
        assert "illustrative" in indicator.assumptions
    # The day before the meeting: the three of the history, the CWIS presentation and the Francophonie GA.
    assert computed_value(Computation.EVENTS_HELD, network, datetime.date(2023, 5, 17)) == 5
    assert computed_value(Computation.PARTICIPANTS_WOMEN, network, datetime.date(2023, 5, 17)) == 0
    assert computed_value(Computation.PARTICIPANTS_MEN, network, datetime.date(2023, 5, 18)) == 8


def test_the_monthly_focal_point_meeting_falls_on_first_thursdays():
    _seed()
    series = Event.objects.get(slug="rvase-focal-point-meetings")
    assert (series.kind, series.visibility, series.recurrence_rule) == (
        "focal_point_meeting",
        "network",
        "FREQ=MONTHLY;BYDAY=1TH",
    )
    assert series.local_start == datetime.datetime(2023, 7, 6, 10, 0, tzinfo=PHNOM_PENH)
    assert "to be confirmed by the coordinator" in series.description_en
    year = expand(
        series,
        datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
        datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC),
    )
    assert len(year) == 12
    for occurrence in year:
        local = occurrence.local_start
        assert local.weekday() == 3
        assert local.day <= 7
        assert local.time() == datetime.time(10, 0)
        assert occurrence.local_end.time() == datetime.time(11, 0)
    first = expand(
        series, datetime.datetime(2023, 6, 1, tzinfo=datetime.UTC), datetime.datetime(2023, 9, 1, tzinfo=datetime.UTC)
    )
    assert [o.local_start.date() for o in first] == [
        datetime.date(2023, 7, 6),
        datetime.date(2023, 8, 3),
    ]


def test_the_other_events_of_the_deck():
    _seed()
    fsm = Event.objects.get(slug="rvase-fsm-conference-2023")
    assert (fsm.kind, fsm.status, fsm.all_day) == ("conference", "held", True)
    assert fsm.local_start == datetime.datetime(2023, 5, 18, 0, 0, tzinfo=PHNOM_PENH)
    assert fsm.local_end == datetime.datetime(2023, 5, 21, 0, 0, tzinfo=PHNOM_PENH)  # midnight after 20 May
    assert sorted(fsm.activities.values_list("number", flat=True)) == [6, 12]
    assert set(fsm.projects.values_list("code", flat=True)) == {
        "rvase-fsm-phnom-penh",
        "rvase-fsm-siem-reap",
        "rvase-fsm-vientiane",
        "rvase-fsm-hue",
    }
    assert list(fsm.themes.values_list("code", flat=True)) == ["urban-sanitation"]
    (launch,) = fsm.sessions.all()
    assert launch.starts_at.astimezone(PHNOM_PENH) == datetime.datetime(2023, 5, 18, 13, 50, tzinfo=PHNOM_PENH)

    cwis = Event.objects.get(slug="cwis-presentation-phnom-penh-2022")
    assert (cwis.kind, cwis.organiser, cwis.date_note) == (
        "partner_event",
        "Asian Development Bank (ADB)",
        "December 2022",
    )
    assert cwis.local_start.date() == datetime.date(2022, 12, 1)
    assert cwis.all_day
    assert list(cwis.activities.values_list("number", flat=True)) == [5]
    assembly = Event.objects.get(slug="francophonie-general-assembly-cambodia-2023")
    assert assembly.date_note == "March 2023"
    assert assembly.status == "held"

    congress = Event.objects.get(slug="aimf-congress-2023-cotonou")
    assert (congress.kind, congress.status, congress.city, congress.all_day) == (
        "congress",
        "confirmed",
        "Cotonou",
        True,
    )
    assert congress.country.code == "BJ"
    assert congress.country.name_fr == "Bénin"
    assert congress.local_start.date() == datetime.date(2023, 10, 23)

    for slug, note in (("rvase-annual-meeting-2024", "2024"), ("rvase-annual-meeting-2025", "2025")):
        meeting = Event.objects.get(slug=slug)
        assert (meeting.status, meeting.starts_at, meeting.date_note) == ("to_be_fixed", None, note)
        assert "Members can offer to host future events" in meeting.description_en
    for slug in ("asean-summit-2024-vientiane", "asean-mayors-governors-forum-2024-vientiane"):
        event = Event.objects.get(slug=slug)
        assert (event.kind, event.status, event.organiser, event.host_member.slug) == (
            "partner_event",
            "to_be_fixed",
            "ASEAN",
            "vientiane",
        )
    for event in Event.objects.all():
        event.full_clean()


def test_reseeding_keeps_what_the_network_changed():
    _seed()
    meeting = Event.objects.get(slug="rvase-annual-meeting-2024")
    meeting.status = Event.Status.CONFIRMED
    meeting.starts_at = datetime.datetime(2024, 6, 6, 1, 0, tzinfo=datetime.UTC)
    meeting.city = "Huế"
    meeting.save()
    held = Event.objects.get(slug=MEETING)
    held.minutes_en += "\nAddendum: the coordinator's notes."
    held.save()
    welcome = held.sessions.get(position=2)
    welcome.title_en = "Welcome address"
    welcome.save()
    _seed()
    meeting.refresh_from_db()
    assert (meeting.status, meeting.city) == ("confirmed", "Huế")
    assert meeting.starts_at == datetime.datetime(2024, 6, 6, 1, 0, tzinfo=datetime.UTC)
    held.refresh_from_db()
    assert held.minutes_en.endswith("Addendum: the coordinator's notes.")
    assert held.sessions.get(position=2).title_en == "Welcome address"
    assert held.sessions.count() == 6


def test_demo_registrations(settings):
    settings.DEMO_MODE = True
    _seed()
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    registered = Registration.objects.filter(event__slug="rvase-annual-meeting-2024")
    assert set(registered.values_list("member__slug", flat=True)) == {"hue", "vientiane", "phnom-penh"}
    assert registered.filter(member__slug="hue", role="head").get().person.name == "TRẦN Song"
    assert Registration.objects.filter(event__slug="rvase-focal-point-meetings").count() == 3


def test_the_network_history_is_in_the_calendar():
    _seed()
    held = set(Event.objects.filter(starts_at__year__lt=2020).values_list("slug", flat=True))
    assert held == {
        "vientiane-conferences-heritage-urban-planning-2013",
        "hue-meeting-regional-network-2017",
        "second-conference-south-east-asian-cities-2019",
    }


def test_an_event_known_to_the_month_only_says_so():
    _seed()
    assert Event.objects.get(slug="hue-meeting-regional-network-2017").date_note == "December 2017"


def test_the_2023_programme_times_are_marked_estimated():
    _seed()
    sessions = Session.objects.filter(event__slug="rvase-annual-meeting-2023")
    assert set(sessions.values_list("times_estimated", flat=True)) == {True}


def test_the_fsm_launch_time_the_deck_gives_is_not_estimated():
    _seed()
    assert not Session.objects.get(event__slug="rvase-fsm-conference-2023").times_estimated
