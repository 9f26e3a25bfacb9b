"""Invented events for tests and benchmarks: as many rows as asked, every kind and status, a few
repeating series with removed, moved and cancelled dates, registrations with genders; deterministic."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from reseau.events.models import Event, HostingOffer, Registration, Session
from reseau.events.recurrence import expand, is_occurrence, start_key
from reseau.events.synthetic import generate_events
from reseau.registry.models import Network
from reseau.seeds.synthetic import generate_network

pytestmark = pytest.mark.django_db


def _network(code: str, members: int = 20, seed: int = 0) -> Network:
    return generate_network(members=members, network_code=code, seed=seed, projects=0, plans_activities=0, events=0)


def _rows(network: Network) -> list[object]:
    """What the generated events hold, without primary keys nor the network's code."""
    prefix = len(network.code)
    events = [
        (
            e.slug[prefix:],
            e.kind,
            e.status,
            e.visibility,
            e.title_en,
            e.title_fr,
            e.starts_at,
            e.ends_at,
            e.all_day,
            e.time_zone,
            e.recurrence_rule,
            e.excluded_starts,
            e.recurrence_id,
        )
        for e in Event.objects.filter(network=network).order_by("slug")
    ]
    registrations = list(
        Registration.objects.filter(event__network=network)
        .order_by("event__slug", "person__email")
        .values_list("role", "gender", "attended")
    )
    return [events, registrations]


def test_events_of_every_kind_with_series_and_registrations():
    network = _network("ev-gen", members=30, seed=3)
    assert generate_events(network=network, events=600, seed=3) == 600
    events = Event.objects.filter(network=network)
    assert events.count() == 600
    assert set(events.values_list("kind", flat=True)) == set(Event.Kind.values)
    assert set(events.values_list("status", flat=True)) == set(Event.Status.values)
    assert set(events.values_list("visibility", flat=True)) == set(Event.Visibility.values)
    assert len(set(events.values_list("uid", flat=True))) == events.filter(series__isnull=True).count()
    now = timezone.now()
    assert events.filter(starts_at__lt=now - datetime.timedelta(days=365)).exists()
    assert events.filter(starts_at__gt=now + datetime.timedelta(days=30)).exists()
    for event in events.filter(status=Event.Status.TO_BE_FIXED):
        assert event.starts_at is None
        assert event.date_note
    assert not events.filter(status=Event.Status.HELD, starts_at__gt=now).exists()
    # Whole days run from midnight to midnight in the event's zone.
    for event in events.filter(all_day=True)[:20]:
        assert event.local_start.time() == datetime.time(0)
        assert event.local_end.time() == datetime.time(0)
    # Names keep their scripts and accents.
    assert events.filter(title_fr__contains="é").exists()

    series = list(events.filter(series__isnull=True).exclude(recurrence_rule=""))
    assert len(series) == 2
    for row in series:
        row.full_clean()
        assert len(row.excluded_starts) == 1
        overrides = list(row.overrides.all())
        assert {o.status for o in overrides} >= {Event.Status.CANCELLED}
        assert len(overrides) == 2
        for override in overrides:
            assert override.uid == row.uid
            assert override.recurrence_rule == ""
            assert is_occurrence(row, override.recurrence_id)
        assert row.starts_at is not None
        window = expand(
            row,
            row.starts_at,
            row.starts_at + datetime.timedelta(days=800),
            overridden=[o.recurrence_id for o in overrides],
        )
        keys = {o.key for o in window}
        assert row.excluded_starts[0] not in keys
        # Removed, moved and cancelled dates are not among the series' own dates any more.
        assert all(start_key(o.recurrence_id) not in keys for o in overrides)
        assert len(keys) > 10

    registrations = Registration.objects.filter(event__network=network).select_related("person", "event")
    assert registrations.count() > 600
    for registration in registrations[:500]:
        assert registration.gender == registration.person.gender
        assert registration.person.member_id == registration.member_id
        assert registration.event.status != Event.Status.CANCELLED
        if registration.event.status != Event.Status.HELD:
            assert registration.attended is None
    held = registrations.filter(event__status=Event.Status.HELD)
    assert held.filter(attended=True).exists()
    assert held.filter(attended=False).exists()
    assert {"woman", "man"} <= set(held.values_list("gender", flat=True))
    assert Session.objects.filter(event__network=network, event__kind="annual_meeting").exists()
    offers = HostingOffer.objects.filter(event__network=network)
    if events.filter(status=Event.Status.TO_BE_FIXED, kind__in=["annual_meeting", "conference"]).exists():
        assert offers.exists()
    assert not offers.exclude(event__status=Event.Status.TO_BE_FIXED).exists()


def test_deterministic_for_a_seed_and_appending_on_rerun():
    first = _network("ev-a", seed=7)
    second = _network("ev-b", seed=7)
    generate_events(network=first, events=120, seed=7)
    generate_events(network=second, events=120, seed=7)
    assert _rows(first) == _rows(second)
    other = _network("ev-c", seed=7)
    generate_events(network=other, events=120, seed=8)
    assert _rows(other) != _rows(first)
    # Running it again appends other events, with new slugs and UIDs.
    generate_events(network=first, events=30, seed=7)
    assert Event.objects.filter(network=first).count() == 150
    slugs = list(Event.objects.filter(network=first).values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs))
    assert "ev-a-ev-00149" in slugs


def test_nothing_or_negative():
    network = _network("ev-zero", members=3)
    assert generate_events(network=network, events=0) == 0
    assert not Event.objects.filter(network=network).exists()
    with pytest.raises(ValueError, match="events must not be negative"):
        generate_events(network=network, events=-1)
    # A handful of events: no series, still the exact count.
    assert generate_events(network=network, events=5) == 5


def test_generate_network_grows_events_with_the_members():
    network = generate_network(members=12, network_code="ev-net", seed=1, projects=0, plans_activities=0)
    assert Event.objects.filter(network=network).count() == 24
    generate_network(members=3, network_code="ev-net", seed=1, projects=0, plans_activities=0, events=10)
    assert Event.objects.filter(network=network).count() == 34
    with pytest.raises(ValueError, match="events must not be negative"):
        generate_network(members=3, network_code="ev-net", events=-1)


def test_management_command_events():
    out = StringIO()
    call_command(
        "generate_network", "--members", "3", "--network", "cmd-ev", "--events", "40", "--projects", "0", stdout=out
    )
    assert Event.objects.filter(network__code="cmd-ev").count() == 40
    assert "40 events" in out.getvalue()
    call_command("generate_network", "--members", "2", "--network", "cmd-ev", "--projects", "0", stdout=StringIO())
    assert Event.objects.filter(network__code="cmd-ev").count() == 44


@pytest.mark.heavy
def test_two_thousand_events_are_generated_for_the_benchmarks():
    # How long it takes is the benchmarks' business (bench/), not a unit test's: a timed test
    # fails on a busy machine and proves nothing on a fast one.
    network = _network("ev-big", members=100)
    generate_events(network=network, events=2000, seed=0)
    assert Event.objects.filter(network=network).count() == 2000
