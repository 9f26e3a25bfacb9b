"""The logframe indicators computed from events: events held, and women and men present, at a date."""

from __future__ import annotations

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.urls import reverse

from reseau.events.models import Event, Registration
from reseau.logframe.computed import computed_value
from reseau.logframe.models import Computation, Result
from reseau.logframe.tests.test_logframe import make_indicator, make_result
from reseau.registry.models import Network
from reseau.seeds.synthetic import generate_network
from tests.factories import EventFactory, MemberFactory, NetworkFactory, PersonFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

D = datetime.date
HELD = Event.Status.HELD


def _at(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime.datetime:
    """A UTC moment."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=datetime.UTC)


def value(computation: str, network: Network, on: datetime.date) -> Decimal:
    return computed_value(computation, network, on)


@pytest.fixture
def meetings(world):
    """The 2023 meeting (8:00 in Phnom Penh on 18 May) and others around it, with their participants."""
    network = world.hue.network
    meeting = EventFactory(network=network, status=HELD, starts_at=_at(2023, 5, 18, 1))
    woman = PersonFactory(member=world.hue, gender="woman")
    man = PersonFactory(member=world.vientiane, gender="man")
    other_man = PersonFactory(member=world.vientiane, gender="man")
    undisclosed = PersonFactory(member=world.hue, gender="undisclosed")
    RegistrationFactory(event=meeting, person=woman, attended=True)
    RegistrationFactory(event=meeting, person=man, attended=True)
    RegistrationFactory(event=meeting, person=other_man, attended=False)  # registered, did not come
    RegistrationFactory(event=meeting, person=undisclosed, attended=True)
    # A workshop held in September, where only the woman came; nobody recorded at a planned one.
    workshop = EventFactory(network=network, kind="training", status=HELD, starts_at=_at(2023, 9, 1, 2))
    RegistrationFactory(event=workshop, person=woman, attended=True)
    RegistrationFactory(event=workshop, person=man, attended=None)
    planned = EventFactory(network=network, status=Event.Status.PLANNED, starts_at=_at(2023, 6, 1, 2))
    RegistrationFactory(event=planned, person=other_man, attended=True)
    EventFactory(network=network, status=Event.Status.CANCELLED, starts_at=_at(2023, 7, 1, 2))
    EventFactory(network=network, status=Event.Status.TO_BE_FIXED, starts_at=None)
    # Another network's meeting never counts.
    maghreb = NetworkFactory(code="maghreb", acronym="", name_en="Maghreb network", time_zone="Africa/Tunis")
    tunis = MemberFactory(network=maghreb, slug="tunis")
    elsewhere = EventFactory(network=maghreb, status=HELD, starts_at=_at(2023, 5, 1, 8))
    RegistrationFactory(event=elsewhere, person=PersonFactory(member=tunis, gender="woman"), attended=True)
    return network


def test_events_held_at_a_date(meetings):
    network = meetings
    assert value(Computation.EVENTS_HELD, network, D(2023, 5, 17)) == 0  # before the meeting
    assert value(Computation.EVENTS_HELD, network, D(2023, 5, 18)) == 1  # the meeting's own day counts
    assert value(Computation.EVENTS_HELD, network, D(2023, 8, 31)) == 1  # planned, cancelled: not held
    assert value(Computation.EVENTS_HELD, network, D(2023, 12, 31)) == 2
    maghreb = Network.objects.get(code="maghreb")
    assert value(Computation.EVENTS_HELD, maghreb, D(2023, 12, 31)) == 1


def test_women_and_men_present_at_a_date(meetings):
    network = meetings
    women, men = Computation.PARTICIPANTS_WOMEN, Computation.PARTICIPANTS_MEN
    assert (value(women, network, D(2023, 5, 17)), value(men, network, D(2023, 5, 17))) == (0, 0)
    # At the meeting: one woman and one man present (the other man did not come; one did not say).
    assert (value(women, network, D(2023, 5, 18)), value(men, network, D(2023, 5, 18))) == (1, 1)
    # After the September workshop, the woman counts again (a running count of presences).
    assert (value(women, network, D(2023, 12, 31)), value(men, network, D(2023, 12, 31))) == (2, 1)
    assert value(women, Network.objects.get(code="maghreb"), D(2023, 12, 31)) == 1


def test_the_date_is_read_in_the_network_s_time_zone(world):
    network = world.hue.network  # Asia/Phnom_Penh, UTC+7
    # 23:30 on 18 May in Phnom Penh is 16:30 UTC; 00:30 on 19 May is 17:30 UTC on the 18th.
    late = EventFactory(network=network, status=HELD, starts_at=_at(2023, 5, 18, 16, 30))
    after_midnight = EventFactory(network=network, status=HELD, starts_at=_at(2023, 5, 18, 17, 30))
    RegistrationFactory(event=late, person=PersonFactory(member=world.hue, gender="man"), attended=True)
    RegistrationFactory(event=after_midnight, person=PersonFactory(member=world.hue, gender="man"), attended=True)
    assert value(Computation.EVENTS_HELD, network, D(2023, 5, 18)) == 1
    assert value(Computation.PARTICIPANTS_MEN, network, D(2023, 5, 18)) == 1
    assert value(Computation.EVENTS_HELD, network, D(2023, 5, 19)) == 2
    assert value(Computation.PARTICIPANTS_MEN, network, D(2023, 5, 19)) == 2


def test_on_a_generated_network_the_values_are_the_registrations_counted_directly():
    network = generate_network(members=40, network_code="computed-ev", seed=5, projects=0, plans_activities=0)
    events = Event.objects.filter(network=network)
    assert events.count() == 80
    held = events.filter(status=HELD, starts_at__isnull=False).order_by("starts_at")
    assert held.count() > 10
    middle = held[held.count() // 2].starts_at
    day = middle.astimezone(network_zone(network)).date()
    end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(0), tzinfo=network_zone(network))
    expected_events = events.filter(status=HELD, starts_at__lt=end).count()
    present = Registration.objects.filter(
        event__network=network, event__status=HELD, event__starts_at__lt=end, attended=True
    )
    assert value(Computation.EVENTS_HELD, network, day) == expected_events
    assert value(Computation.PARTICIPANTS_WOMEN, network, day) == present.filter(gender="woman").count() > 0
    assert value(Computation.PARTICIPANTS_MEN, network, day) == present.filter(gender="man").count() > 0
    # Later dates count at least as much; the day before the first event held, nothing.
    first = held.first().starts_at.astimezone(network_zone(network)).date()
    assert value(Computation.EVENTS_HELD, network, first - datetime.timedelta(days=1)) == 0
    assert value(Computation.PARTICIPANTS_WOMEN, network, first - datetime.timedelta(days=1)) == 0
    assert value(Computation.EVENTS_HELD, network, D(2100, 1, 1)) == events.filter(status=HELD).count()


def network_zone(network: Network) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(network.time_zone)


def test_the_logframe_page_shows_the_computed_values(world, meetings):
    result = make_result(world.hue.network, Result.Level.OUTCOME, "OC1")
    make_indicator(
        result,
        "OC1.c",
        title_en="Number of women among the participants present at the network's events",
        computation=Computation.PARTICIPANTS_WOMEN,
    )
    make_indicator(result, "OC1.b", title_en="Number of network events held", computation=Computation.EVENTS_HELD)
    response = world.client_for("coordinator").get(reverse("logframe:logframe"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Number of women among the participants present" in page
    assert "Number of network events held" in page
