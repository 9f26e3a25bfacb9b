"""Calendar feeds (RFC 5545): what calendar programs read, checked by parsing every feed back with
``icalendar`` and expanding its repeating series with ``recurring_ical_events``."""

from __future__ import annotations

import datetime
import functools
import zoneinfo

import icalendar
import pytest
import recurring_ical_events
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reseau.events import services
from reseau.events.feeds import clean_text, escape_text, fold, unescape_text, unfold
from reseau.events.models import Event, FeedToken
from reseau.events.selectors import calendar as calendar_selectors
from reseau.registry.models import Theme
from tests.factories import EventFactory, PersonFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
PHNOM_PENH = zoneinfo.ZoneInfo("Asia/Phnom_Penh")
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
YEAR_START = datetime.datetime(2031, 1, 1, tzinfo=UTC)
YEAR_END = datetime.datetime(2032, 1, 1, tzinfo=UTC)
KHMER = "កិច្ចប្រជុំបណ្តាញទីក្រុងអាស៊ីអាគ្នេយ៍ ភ្នំពេញ ឆ្នាំ២០៣១ — កិច្ចប្រជុំប្រចាំឆ្នាំ"
VIETNAMESE = "Hội nghị thường niên của Mạng lưới các thành phố Đông Nam Á tại Thành phố Huế, năm 2031"


def _body(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return b"".join(response.streaming_content).decode("utf-8")


def _calendar(response) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(_body(response))


def _events(calendar: icalendar.Calendar) -> list[icalendar.Event]:
    return list(calendar.walk("VEVENT"))


def _private(world, role: str, path: str) -> str:
    token, _created = FeedToken.objects.get_or_create(user=world.users[role])
    return f"/calendar/private/{token.token}/{path}"


@pytest.fixture
def series(world):
    """A monthly focal-point meeting in Phnom Penh and a monthly one in Paris across the spring and
    autumn clock changes, each with one removed date and one moved date (through the services)."""
    network = world.hue.network
    actor = world.users["coordinator"]
    phnom_penh = EventFactory(
        network=network,
        slug="focal-points-phnom-penh",
        kind="focal_point_meeting",
        title_en="Focal-point meeting",
        title_fr="Réunion des points focaux",
        starts_at=datetime.datetime(2031, 1, 2, 10, 0, tzinfo=PHNOM_PENH),  # a Thursday
        ends_at=datetime.datetime(2031, 1, 2, 11, 0, tzinfo=PHNOM_PENH),
        time_zone="Asia/Phnom_Penh",
        recurrence_rule="FREQ=MONTHLY;BYDAY=1TH",
    )
    paris = EventFactory(
        network=network,
        slug="secretariat-call",
        kind="working_group",
        title_en="Secretariat call, Paris",
        title_fr="Appel du secrétariat, Paris",
        starts_at=datetime.datetime(2031, 1, 15, 10, 0, tzinfo=PARIS),
        ends_at=datetime.datetime(2031, 1, 15, 11, 30, tzinfo=PARIS),
        time_zone="Europe/Paris",
        recurrence_rule="FREQ=MONTHLY;BYMONTHDAY=15;COUNT=12",
    )
    services.occurrence_remove(
        actor=actor, series=phnom_penh, original_start=datetime.datetime(2031, 3, 6, 10, 0, tzinfo=PHNOM_PENH)
    )
    services.occurrence_move(
        actor=actor,
        series=phnom_penh,
        original_start=datetime.datetime(2031, 2, 6, 10, 0, tzinfo=PHNOM_PENH),
        starts_at=datetime.datetime(2031, 2, 7, 14, 0, tzinfo=PHNOM_PENH),
        ends_at=datetime.datetime(2031, 2, 7, 15, 0, tzinfo=PHNOM_PENH),
    )
    services.occurrence_remove(
        actor=actor, series=paris, original_start=datetime.datetime(2031, 4, 15, 10, 0, tzinfo=PARIS)
    )
    services.occurrence_move(
        actor=actor,
        series=paris,
        original_start=datetime.datetime(2031, 10, 15, 10, 0, tzinfo=PARIS),
        starts_at=datetime.datetime(2031, 10, 30, 9, 0, tzinfo=PARIS),  # after the autumn change (26 Oct)
        ends_at=datetime.datetime(2031, 10, 30, 10, 30, tzinfo=PARIS),
    )
    return {"phnom_penh": Event.objects.get(pk=phnom_penh.pk), "paris": Event.objects.get(pk=paris.pk)}


def _expanded(calendar: icalendar.Calendar) -> set[tuple[str, datetime.datetime]]:
    return {
        (str(component["UID"]), component.DTSTART.astimezone(UTC))
        for component in recurring_ical_events.of(calendar).between(YEAR_START, YEAR_END)
        if str(component.get("STATUS", "")) != "CANCELLED"
    }


def test_the_feed_expands_to_the_same_dates_as_the_calendar(world, series):
    calendar = _calendar(world.client_for("anonymous").get(_private(world, "coordinator", "network/rvase.ics")))
    from_feed = _expanded(calendar)
    from_app = {
        (occurrence.event.uid, occurrence.starts_at)
        for occurrence in calendar_selectors.occurrences_between(world.users["coordinator"], YEAR_START, YEAR_END)
        if not occurrence.event.is_cancelled
    }
    assert from_feed == from_app
    phnom_penh = series["phnom_penh"].uid
    starts = sorted(start for uid, start in from_feed if uid == phnom_penh)
    # The moved date appears at its new time; the removed one does not appear.
    assert datetime.datetime(2031, 2, 7, 7, 0, tzinfo=UTC) in starts
    assert datetime.datetime(2031, 2, 6, 3, 0, tzinfo=UTC) not in starts
    assert datetime.datetime(2031, 3, 6, 3, 0, tzinfo=UTC) not in starts
    assert datetime.datetime(2031, 4, 3, 3, 0, tzinfo=UTC) in starts
    assert len(starts) == 11  # 12 first Thursdays, one removed (the moved one counted at its new date)


def test_a_paris_series_keeps_its_wall_clock_time_across_the_clock_changes(world, series):
    calendar = _calendar(world.client_for("anonymous").get(_private(world, "coordinator", "network/rvase.ics")))
    paris = series["paris"].uid
    starts = sorted(start for uid, start in _expanded(calendar) if uid == paris)
    local = [start.astimezone(PARIS) for start in starts]
    assert {moment.strftime("%H:%M") for moment in local if moment.day == 15} == {"10:00"}
    assert datetime.datetime(2031, 3, 15, 9, 0, tzinfo=UTC) in starts  # winter: UTC+1
    assert datetime.datetime(2031, 5, 15, 8, 0, tzinfo=UTC) in starts  # summer: UTC+2
    assert datetime.datetime(2031, 4, 15, 8, 0, tzinfo=UTC) not in starts  # removed
    assert datetime.datetime(2031, 10, 15, 8, 0, tzinfo=UTC) not in starts  # moved…
    assert datetime.datetime(2031, 10, 30, 8, 0, tzinfo=UTC) in starts  # …to 9:00 after the change (UTC+1)
    assert len(starts) == 11


def test_series_carry_rrule_exdate_and_moved_dates_with_the_same_uid(world, series):
    body = _body(world.client_for("anonymous").get(_private(world, "coordinator", "network/rvase.ics")))
    lines = unfold(body)
    assert "RRULE:FREQ=MONTHLY;BYDAY=1TH" in lines
    assert "EXDATE;TZID=Asia/Phnom_Penh:20310306T100000" in lines
    assert "EXDATE;TZID=Europe/Paris:20310415T100000" in lines
    assert "RECURRENCE-ID;TZID=Asia/Phnom_Penh:20310206T100000" in lines
    assert "DTSTART;TZID=Asia/Phnom_Penh:20310207T140000" in lines
    assert "RECURRENCE-ID;TZID=Europe/Paris:20311015T100000" in lines
    calendar = icalendar.Calendar.from_ical(body)
    uids = [str(component["UID"]) for component in _events(calendar)]
    assert uids.count(series["phnom_penh"].uid) == 2
    assert uids.count(series["paris"].uid) == 2
    # One VTIMEZONE per zone used, and none twice.
    zones = sorted(str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE"))
    assert zones == ["Asia/Phnom_Penh", "Europe/Paris"]


def test_the_calendar_header(world):
    EventFactory(network=world.hue.network, visibility="public")
    calendar = _calendar(world.client_for("anonymous").get("/calendar/feeds/network/rvase.ics"))
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["PRODID"]) == "-//AIMF//Reseau//EN"
    assert str(calendar["X-WR-CALNAME"]) == "RVASE events"


def test_times_round_trip_between_paris_and_phnom_penh(world):
    network = world.hue.network
    in_paris = EventFactory(
        network=network,
        visibility="public",
        time_zone="Europe/Paris",
        starts_at=datetime.datetime(2031, 6, 3, 9, 30, tzinfo=PARIS),
        ends_at=datetime.datetime(2031, 6, 3, 12, 0, tzinfo=PARIS),
    )
    in_phnom_penh = EventFactory(
        network=network,
        visibility="public",
        time_zone="Asia/Phnom_Penh",
        starts_at=datetime.datetime(2031, 12, 3, 8, 0, tzinfo=PHNOM_PENH),
        ends_at=datetime.datetime(2031, 12, 3, 17, 0, tzinfo=PHNOM_PENH),
    )
    body = _body(world.client_for("anonymous").get("/calendar/feeds/network/rvase.ics"))
    assert "DTSTART;TZID=Europe/Paris:20310603T093000" in unfold(body)
    assert "DTSTART;TZID=Asia/Phnom_Penh:20311203T080000" in unfold(body)
    parsed = {str(component["UID"]): component for component in _events(icalendar.Calendar.from_ical(body))}
    for event in (in_paris, in_phnom_penh):
        component = parsed[event.uid]
        assert component.DTSTART.astimezone(UTC) == event.starts_at
        assert component.DTEND.astimezone(UTC) == event.ends_at
        assert str(component.DTSTART.tzinfo) == event.time_zone
    # Read in the other zone, the same instant: 9:30 in Paris (summer) is 14:30 in Phnom Penh.
    assert parsed[in_paris.uid].DTSTART.astimezone(PHNOM_PENH).strftime("%H:%M") == "14:30"
    assert parsed[in_phnom_penh.uid].DTSTART.astimezone(PARIS).strftime("%H:%M") == "02:00"


def test_a_moved_or_cancelled_event_keeps_its_uid_and_its_sequence_rises(world):
    actor = world.users["coordinator"]
    event = EventFactory(network=world.hue.network, visibility="public", slug="annual-meeting-2031")
    url = "/calendar/feeds/network/rvase.ics"

    def entry():
        (component,) = _events(_calendar(world.client_for("anonymous").get(url)))
        return component

    first = entry()
    assert str(first["UID"]) == event.uid
    assert int(first["SEQUENCE"]) == 0
    assert str(first["STATUS"]) == "CONFIRMED"

    services.event_update(
        actor=actor,
        event=event,
        data={
            "starts_at": datetime.datetime(2031, 5, 19, 1, 0, tzinfo=UTC),
            "ends_at": datetime.datetime(2031, 5, 19, 5, 0, tzinfo=UTC),
        },
    )
    moved = entry()
    assert str(moved["UID"]) == event.uid
    assert int(moved["SEQUENCE"]) == 1
    assert moved.DTSTART.astimezone(UTC) == datetime.datetime(2031, 5, 19, 1, 0, tzinfo=UTC)

    services.event_cancel(actor=actor, event=event)
    cancelled = entry()
    assert str(cancelled["UID"]) == event.uid
    assert int(cancelled["SEQUENCE"]) == 2
    assert str(cancelled["STATUS"]) == "CANCELLED"


def test_removing_a_date_of_a_series_raises_its_sequence(world, series):
    phnom_penh = series["phnom_penh"]
    assert phnom_penh.sequence == 1  # one date removed
    body = _body(world.client_for("anonymous").get(_private(world, "coordinator", "network/rvase.ics")))
    masters = [
        component
        for component in _events(icalendar.Calendar.from_ical(body))
        if str(component["UID"]) == phnom_penh.uid and "RECURRENCE-ID" not in component
    ]
    assert int(masters[0]["SEQUENCE"]) == 1


@pytest.mark.parametrize(
    ("status", "expected"),
    [("planned", "TENTATIVE"), ("confirmed", "CONFIRMED"), ("held", "CONFIRMED"), ("cancelled", "CANCELLED")],
)
def test_status(world, status, expected):
    EventFactory(network=world.hue.network, visibility="public", status=status)
    (component,) = _events(_calendar(world.client_for("anonymous").get("/calendar/feeds/network/rvase.ics")))
    assert str(component["STATUS"]) == expected


def test_events_without_a_date_are_left_out(world):
    EventFactory(
        network=world.hue.network,
        visibility="public",
        status="to_be_fixed",
        starts_at=None,
        title_en="Annual meeting 2024",
        date_note="2024, place to be fixed",
    )
    body = _body(world.client_for("anonymous").get("/calendar/feeds/network/rvase.ics"))
    assert "Annual meeting 2024" not in body
    assert _events(icalendar.Calendar.from_ical(body)) == []


def test_khmer_and_vietnamese_titles_survive_folding(world):
    network = world.hue.network
    khmer = EventFactory(network=network, visibility="public", title_en=KHMER, title_fr=KHMER, city="ភ្នំពេញ")
    vietnamese = EventFactory(
        network=network,
        visibility="public",
        title_en=VIETNAMESE,
        title_fr=VIETNAMESE,
        description_en="Chương trình: khai mạc; thảo luận, kết luận.\nĐịa điểm: Huế",
    )
    response = world.client_for("anonymous").get("/calendar/feeds/network/rvase.ics")
    raw = b"".join(response.streaming_content)
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # every physical line is valid UTF-8: no character was cut
    parsed = {str(c["UID"]): c for c in _events(icalendar.Calendar.from_ical(raw.decode()))}
    assert str(parsed[khmer.uid]["SUMMARY"]) == KHMER
    assert "ភ្នំពេញ" in str(parsed[khmer.uid]["LOCATION"])
    assert str(parsed[vietnamese.uid]["SUMMARY"]) == VIETNAMESE
    description = str(parsed[vietnamese.uid]["DESCRIPTION"])
    assert description.startswith("Chương trình: khai mạc; thảo luận, kết luận.\nĐịa điểm: Huế")
    assert description.endswith(f"http://testserver/events/{vietnamese.slug}/")


def test_summary_in_the_language_asked(world):
    EventFactory(network=world.hue.network, visibility="public", title_en="Annual meeting", title_fr="Réunion annuelle")
    client = world.client_for("anonymous")
    (english,) = _events(_calendar(client.get("/calendar/feeds/network/rvase.ics")))
    (french,) = _events(_calendar(client.get("/calendar/feeds/network/rvase.ics", headers={"accept-language": "fr"})))
    (asked,) = _events(_calendar(client.get("/calendar/feeds/network/rvase.ics?lang=fr")))
    assert str(english["SUMMARY"]) == "Annual meeting"
    assert str(french["SUMMARY"]) == "Réunion annuelle"
    assert str(asked["SUMMARY"]) == "Réunion annuelle"
    assert [str(category) for category in english["CATEGORIES"].cats] == ["Network annual meeting"]


def test_a_private_feed_speaks_its_owners_language(world):
    user = world.users["coordinator"]
    user.language = "fr"
    user.save()
    EventFactory(network=world.hue.network, title_en="Working group", title_fr="Groupe de travail")
    (component,) = _events(
        _calendar(world.client_for("anonymous").get(_private(world, "coordinator", "network/rvase.ics")))
    )
    assert str(component["SUMMARY"]) == "Groupe de travail"


def test_event_fields(world):
    event = EventFactory(
        network=world.hue.network,
        visibility="public",
        kind="study_tour",
        venue="Hôtel de ville",
        city="Huế",
        country=world.hue.country,
        description_en="Visit of the faecal sludge treatment plant.",
    )
    (component,) = _events(_calendar(world.client_for("anonymous").get("/calendar/feeds/network/rvase.ics")))
    assert str(component["LOCATION"]) == "Hôtel de ville, Huế, Vietnam"
    assert str(component["URL"]) == f"http://testserver/events/{event.slug}/"
    assert str(component["DESCRIPTION"]) == (
        f"Visit of the faecal sludge treatment plant.\nhttp://testserver/events/{event.slug}/"
    )
    assert [str(category) for category in component["CATEGORIES"].cats] == ["Study tour"]
    event.refresh_from_db()
    stamp, modified = component.DTSTAMP, component["LAST-MODIFIED"].dt
    assert stamp == modified == event.updated_at.replace(microsecond=0)


def test_all_day_events_use_dates_and_an_exclusive_end(world):
    # A three-day congress, stored from midnight of its first day to midnight after its last.
    EventFactory(
        network=world.hue.network,
        visibility="public",
        all_day=True,
        starts_at=datetime.datetime(2031, 11, 4, tzinfo=PHNOM_PENH),
        ends_at=datetime.datetime(2031, 11, 7, tzinfo=PHNOM_PENH),
    )
    body = _body(world.client_for("anonymous").get("/calendar/feeds/network/rvase.ics"))
    assert "DTSTART;VALUE=DATE:20311104" in unfold(body)
    assert "DTEND;VALUE=DATE:20311107" in unfold(body)
    (component,) = _events(icalendar.Calendar.from_ical(body))
    first_day, day_after = component.DTSTART, component.DTEND
    assert (first_day, day_after) == (datetime.date(2031, 11, 4), datetime.date(2031, 11, 7))


def test_anonymous_and_partner_feeds_leave_out_network_only_events(world):
    network = world.hue.network
    EventFactory(network=network, visibility="public", title_en="Open conference")
    EventFactory(network=network, visibility="partners", title_en="Donor round table")
    EventFactory(network=network, visibility="network", title_en="Internal working group")
    public = _body(world.client_for("secretariat").get("/calendar/feeds/network/rvase.ics"))
    assert "Open conference" in public
    assert "Donor round table" not in public
    assert "Internal working group" not in public
    partner = _body(world.client_for("anonymous").get(_private(world, "partner", "network/rvase.ics")))
    assert "Open conference" in partner
    assert "Donor round table" in partner
    assert "Internal working group" not in partner
    focal_point = _body(world.client_for("anonymous").get(_private(world, "focal_point", "network/rvase.ics")))
    assert "Internal working group" in focal_point


def test_theme_feed_carries_the_themed_series_and_its_moved_dates(world, series):
    theme = Theme.objects.create(code="urban-sanitation", kind="work", name_en="Urban sanitation")
    series["phnom_penh"].themes.add(theme)
    EventFactory(network=world.hue.network, title_en="Unrelated meeting")
    calendar = _calendar(
        world.client_for("anonymous").get(_private(world, "coordinator", "themes/urban-sanitation.ics"))
    )
    uids = [str(component["UID"]) for component in _events(calendar)]
    assert uids == [series["phnom_penh"].uid, series["phnom_penh"].uid]  # the series and its moved date
    assert str(calendar["X-WR-CALNAME"]) == "Events: Urban sanitation"


def test_member_feed(world):
    network = world.hue.network
    hosted = EventFactory(network=network, visibility="public", host_member=world.hue, title_en="Hosted in Huế")
    invited = EventFactory(network=network, visibility="public", title_en="Invited")
    invited.invitations.create(member=world.hue)
    registered = EventFactory(network=network, visibility="public", title_en="Delegation registered")
    RegistrationFactory(event=registered, person=PersonFactory(member=world.hue))
    EventFactory(network=network, visibility="public", host_member=world.vientiane, title_en="Hosted in Vientiane")
    body = _body(world.client_for("anonymous").get("/calendar/feeds/members/hue.ics"))
    uids = {str(component["UID"]) for component in _events(icalendar.Calendar.from_ical(body))}
    assert uids == {hosted.uid, invited.uid, registered.uid}


def test_my_feed_lists_the_events_i_am_registered_for(world):
    network = world.hue.network
    mine = EventFactory(network=network, title_en="My workshop")
    EventFactory(network=network, title_en="Someone else's workshop")
    RegistrationFactory(event=mine, person=PersonFactory(member=world.hue, email="FOCAL.hue@reseau.test"))
    calendar = _calendar(world.client_for("anonymous").get(_private(world, "focal_point", "mine.ics")))
    assert [str(component["SUMMARY"]) for component in _events(calendar)] == ["My workshop"]


def test_event_ics(world, series):
    client = world.client_for("focal_point")
    response = client.get("/events/focal-points-phnom-penh/event.ics")
    assert response["Content-Disposition"] == 'attachment; filename="focal-points-phnom-penh.ics"'
    calendar = _calendar(response)
    components = _events(calendar)
    assert {str(component["UID"]) for component in components} == {series["phnom_penh"].uid}
    assert len(components) == 2  # the series and its moved date
    # Network-only: visitors and partners do not find it.
    assert world.client_for("anonymous").get("/events/focal-points-phnom-penh/event.ics").status_code == 404
    assert world.client_for("partner").get("/events/focal-points-phnom-penh/event.ics").status_code == 404


def test_event_ics_of_an_event_without_a_date_is_not_found(world):
    EventFactory(network=world.hue.network, visibility="public", slug="agm-2024", status="to_be_fixed", starts_at=None)
    assert world.client_for("anonymous").get("/events/agm-2024/event.ics").status_code == 404


def test_unknown_network_theme_or_member_is_not_found(world):
    client = world.client_for("anonymous")
    assert client.get("/calendar/feeds/network/nowhere.ics").status_code == 404
    assert client.get("/calendar/feeds/themes/nowhere.ics").status_code == 404
    assert client.get("/calendar/feeds/members/nowhere.ics").status_code == 404


def test_an_until_rule_stops_on_the_same_date_in_calendar_programs(world):
    EventFactory(
        network=world.hue.network,
        visibility="public",
        time_zone="Europe/Paris",
        starts_at=datetime.datetime(2031, 1, 15, 10, 0, tzinfo=PARIS),
        ends_at=datetime.datetime(2031, 1, 15, 11, 0, tzinfo=PARIS),
        recurrence_rule="FREQ=MONTHLY;UNTIL=20310615T100000",
    )
    calendar = _calendar(world.client_for("anonymous").get("/calendar/feeds/network/rvase.ics"))
    from_feed = sorted(start for _uid, start in _expanded(calendar))
    from_app = [
        o.starts_at for o in calendar_selectors.occurrences_between(world.users["secretariat"], YEAR_START, YEAR_END)
    ]
    assert from_feed == from_app
    assert len(from_feed) == 6


# --- Escaping and folding -------------------------------------------------------------------


def test_escaping():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    assert escape_text("line\r\nbreak\rhere") == "line\\nbreak\\nhere"
    assert escape_text("bell\x07") == "bell"


def test_folding_never_cuts_a_character_or_an_escape():
    line = "SUMMARY:" + escape_text("ក" * 40 + ",;" * 40)
    folded = fold(line)
    physical = folded.split(b"\r\n")
    assert all(len(part) <= 75 for part in physical)
    for part in physical:
        part.decode("utf-8")
        assert not part.endswith(b"\\") or part.endswith(b"\\\\")
    assert unfold(folded.decode()) == [line]


def _round_trip_through_icalendar(text: str) -> str:
    body = b"".join(
        fold(line)
        for line in [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//test//EN",
            "BEGIN:VEVENT",
            "UID:1@test",
            "DTSTAMP:20310101T000000Z",
            f"SUMMARY:{escape_text(text)}",
            "END:VEVENT",
            "END:VCALENDAR",
        ]
    )
    for line in body.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")
    (component,) = icalendar.Calendar.from_ical(body.decode()).walk("VEVENT")
    return str(component["SUMMARY"])


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=400))
@example("\\n is not a line break, \\N neither")
@example("\\" * 100)
@example("ក" * 24 + "\\;" + "ễ" * 30)
@example("a\r\nb\rc\nd")
def test_any_text_survives_escaping_and_folding(text):
    expected = clean_text(text)
    assert unescape_text(escape_text(text)) == expected
    (line,) = unfold(fold("SUMMARY:" + escape_text(text)).decode())
    assert unescape_text(line.removeprefix("SUMMARY:")) == expected
    assert _round_trip_through_icalendar(text) == expected


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from("កខគ ễ ệ ຍ ,;\\\n\tabc"), min_size=1, max_size=300))
def test_local_scripts_and_special_characters_survive(text):
    assert _round_trip_through_icalendar(text) == clean_text(text)


def test_calendar_programs_may_check_a_subscription_with_head(world):
    """Some calendar programs send HEAD before subscribing; a 405 would make them give up."""
    EventFactory(network=world.hue.network, visibility="public", slug="agm-2031")
    client = world.client_for("anonymous")
    for url in ("/calendar/feeds/network/rvase.ics", "/events/agm-2031/event.ics"):
        response = client.head(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
    assert client.post("/calendar/feeds/network/rvase.ics").status_code == 405


def test_an_event_known_to_the_month_only_feeds_as_its_whole_month(world):
    EventFactory(
        network=world.hue.network,
        visibility="public",
        all_day=True,
        month_only=True,
        time_zone="Asia/Phnom_Penh",
        starts_at=datetime.datetime(2031, 12, 1, 0, 0, tzinfo=PHNOM_PENH),
        ends_at=datetime.datetime(2031, 12, 2, 0, 0, tzinfo=PHNOM_PENH),
    )
    lines = unfold(_body(world.client_for("anonymous").get("/calendar/feeds/network/rvase.ics")))
    start = lines.index("DTSTART;VALUE=DATE:20311201")
    assert lines[start + 1] == "DTEND;VALUE=DATE:20320101"


def test_a_stored_rule_with_a_line_break_gives_no_second_start_in_the_feed(world):
    """A rule stored before rules were checked (issue 12) reaches no calendar program."""
    event = EventFactory(network=world.hue.network, visibility="public", slug="weekly-call")
    Event.objects.filter(pk=event.pk).update(recurrence_rule="FREQ=WEEKLY;BYDAY=TH\nDTSTART:20300101T000000")
    body = _body(world.client_for("anonymous").get("/calendar/feeds/network/rvase.ics"))
    assert "\n" not in body.replace("\r\n", "")
    lines = unfold(body)
    event_lines = lines[lines.index("BEGIN:VEVENT") : lines.index("END:VEVENT")]
    assert [line for line in event_lines if line.startswith("DTSTART")] == [
        "DTSTART;TZID=Asia/Phnom_Penh:20310518T080000"
    ]
    assert not [line for line in event_lines if line.startswith("RRULE")]


# --- No stored text can break a content line (issue 12) ---------------------------------------

# Any character but NUL (refused before the database), with the line breaks and separators that
# matter here drawn often: CR, LF, vertical tab, NEL, the Unicode line and paragraph separators.
_SPECIAL = '\r\n\x0b\x0c\x1c\x85\u2028\u2029;,:=\\"ក ễ ຍ'
_STORED_TEXT = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=120),
    st.text(st.sampled_from(_SPECIAL), max_size=40),
    st.builds(
        lambda rule, junk: rule + junk,
        st.sampled_from(["FREQ=WEEKLY;BYDAY=TH", "FREQ=DAILY"]),
        st.text(st.sampled_from(_SPECIAL + "DTSTART:2030"), max_size=20),
    ),
)


@functools.cache
def _feed_context():
    """Built once: it reverses a URL and reads the type labels."""
    from reseau.events.feeds import FeedContext

    return FeedContext(language="en", base_url="https://reseau.test")


_STORED_FIELDS = (
    "title_en",
    "description_en",
    "venue",
    "city",
    "country__name_en",
    "online_url",
    "recurrence_rule",
    "uid",
    "kind",
    "calendar_name",
)


def _location(row) -> str:
    place = [row["venue"], row["city"], row["country__name_en"]]
    return ", ".join(part for part in place if part) or row["online_url"]


@settings(max_examples=150, deadline=None)
@given(
    texts=st.fixed_dictionaries(dict.fromkeys(_STORED_FIELDS, _STORED_TEXT)),
    zone=st.one_of(st.sampled_from(["Asia/Phnom_Penh", "Europe/Paris", "UTC"]), _STORED_TEXT),
    all_day=st.booleans(),
    to_be_confirmed=st.booleans(),
)
@example(
    texts=dict.fromkeys(
        (
            "title_en",
            "description_en",
            "venue",
            "city",
            "country__name_en",
            "online_url",
            "uid",
            "kind",
            "calendar_name",
        ),
        "a\r\nb\rc\nd\x0be\u2028f",
    )
    | {"recurrence_rule": "FREQ=WEEKLY;BYDAY=TH\nDTSTART:20300101T000000"},
    zone="Asia/Phnom_Penh",
    all_day=False,
    to_be_confirmed=True,
)
def test_no_stored_text_can_break_a_content_line(texts, zone, all_day, to_be_confirmed):
    from reseau.events.feeds import CALENDAR_FOOTER, calendar_header, vevent

    row = {
        "slug": "weekly-call",
        "status": "confirmed",
        "starts_at": datetime.datetime(2031, 1, 2, 3, 0, tzinfo=UTC),
        "ends_at": datetime.datetime(2031, 1, 2, 4, 0, tzinfo=UTC),
        "all_day": all_day,
        "month_only": False,
        "schedule_to_be_confirmed": to_be_confirmed,
        "time_zone": zone,
        "excluded_starts": ["2031-01-09T03:00:00Z"],
        "series_id": None,
        "recurrence_id": None,
        "sequence": 0,
        "created_at": datetime.datetime(2030, 1, 1, tzinfo=UTC),
        "updated_at": datetime.datetime(2030, 1, 2, tzinfo=UTC),
        "title_fr": "",
        "description_fr": "",
        "country__name_fr": "",
        **{name: value for name, value in texts.items() if name != "calendar_name"},
    }
    body = calendar_header(texts["calendar_name"]) + vevent(row, _feed_context()) + CALENDAR_FOOTER
    physical = body.split(b"\r\n")
    assert physical[-1] == b""
    for line in physical[:-1]:
        assert b"\r" not in line  # no bare CR…
        assert b"\n" not in line  # …nor LF
        assert len(line) <= 75
        line.decode("utf-8")  # a fold never cuts a character
    lines = unfold(body.decode())
    event_lines = lines[lines.index("BEGIN:VEVENT") : lines.index("END:VEVENT")]
    assert len([line for line in event_lines if line.split(":")[0].split(";")[0] == "DTSTART"]) == 1
    assert lines.count("END:VEVENT") == 1

    calendar = icalendar.Calendar.from_ical(body.decode())
    (component,) = calendar.walk("VEVENT")
    # icalendar keeps the calendar's name properties as written (it does not know their type).
    assert unescape_text(str(calendar["X-WR-CALNAME"])) == clean_text(texts["calendar_name"])
    assert unescape_text(str(calendar["NAME"])) == clean_text(texts["calendar_name"])
    assert str(component["SUMMARY"]) == clean_text(texts["title_en"])
    url = "https://reseau.test/events/weekly-call/"
    description = [texts["description_en"].strip(), texts["online_url"], url]
    assert str(component["DESCRIPTION"]) == clean_text("\n".join(part for part in description if part))
    if _location(row):
        assert str(component["LOCATION"]) == clean_text(_location(row))
    assert str(component["UID"]) == clean_text(texts["uid"])
    assert str(component["STATUS"]) == ("TENTATIVE" if to_be_confirmed else "CONFIRMED")
