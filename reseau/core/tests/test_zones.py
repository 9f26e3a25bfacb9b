import datetime
from zoneinfo import ZoneInfo

from django.utils import translation

from reseau.core.zones import zone_label, zone_offset


def test_a_zone_reads_as_its_city_and_offset():
    assert zone_label("Asia/Phnom_Penh", datetime.date(2026, 12, 2)) == "Phnom Penh time (UTC+7)"


def test_paris_in_winter_is_utc_plus_one():
    assert zone_label("Europe/Paris", datetime.date(2026, 1, 15)) == "Paris time (UTC+1)"


def test_paris_in_summer_is_utc_plus_two():
    assert zone_label("Europe/Paris", datetime.date(2026, 7, 15)) == "Paris time (UTC+2)"


def test_an_aware_moment_gives_the_offset_in_force_then():
    moment = datetime.datetime(2026, 3, 29, 3, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert zone_offset("Europe/Paris", moment) == "UTC+2"


def test_a_zone_object_reads_like_its_name():
    assert zone_label(ZoneInfo("Asia/Vientiane"), datetime.date(2026, 1, 1)) == "Vientiane time (UTC+7)"


def test_a_zone_outside_the_network_uses_the_last_part_of_its_id():
    assert zone_label("America/New_York", datetime.date(2026, 1, 1)) == "New York time (UTC-5)"


def test_half_hour_offsets_keep_their_minutes():
    assert zone_offset("Asia/Kolkata", datetime.date(2026, 1, 1)) == "UTC+5:30"


def test_utc_is_universal_time():
    assert zone_label("UTC") == "Universal time (UTC)"


def test_in_french_the_label_is_french():
    with translation.override("fr"):
        assert zone_label("Asia/Ho_Chi_Minh", datetime.date(2026, 1, 1)) == "Heure de Hô Chi Minh-Ville (UTC+7)"
