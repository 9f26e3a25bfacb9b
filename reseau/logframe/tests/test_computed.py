"""Indicators computed from the platform's own data, at any date, on known data."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from reseau.logframe.computed import computed_value
from reseau.logframe.models import Computation, Result
from reseau.logframe.tests.test_logframe import make_indicator, make_result
from reseau.partners.models import Relationship, StageChange
from reseau.projects.models import Transition
from reseau.registry.models import FocalPointAppointment, MembershipDues
from tests.factories import (
    AppointmentFactory,
    DuesFactory,
    MemberFactory,
    NetworkFactory,
    OrganisationFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def _utc(year: int, month: int, day: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def third(world):
    return MemberFactory(network=world.hue.network, slug="phnom-penh", name_en="Phnom Penh")


@pytest.fixture
def elsewhere():
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    return MemberFactory(network=maghreb, slug="tunis", name_en="Tunis")


def value(computation: str, network, on: datetime.date) -> Decimal:
    return computed_value(computation, network, on)


# --- Focal points confirmed -------------------------------------------------------------------


def test_members_with_a_current_official_focal_point(world, third, elsewhere):
    network = world.hue.network
    AppointmentFactory(member=world.hue, nominated_on=D(2023, 1, 1))
    # Vientiane's focal point left at the end of 2023; only its deputy remains.
    AppointmentFactory(member=world.vientiane, nominated_on=D(2023, 1, 1), ended_on=D(2023, 12, 31))
    AppointmentFactory(member=world.vientiane, nominated_on=D(2023, 1, 1), kind=FocalPointAppointment.Kind.DEPUTY)
    AppointmentFactory(member=third, nominated_on=D(2024, 1, 15))
    AppointmentFactory(member=elsewhere, nominated_on=D(2020, 1, 1))

    assert value(Computation.FOCAL_POINTS_CONFIRMED, network, D(2024, 6, 1)) == 2  # Huế and Phnom Penh
    assert value(Computation.FOCAL_POINTS_CONFIRMED, network, D(2023, 6, 1)) == 2  # Huế and Vientiane
    assert value(Computation.FOCAL_POINTS_CONFIRMED, network, D(2023, 12, 31)) == 2  # the last day still counts
    assert value(Computation.FOCAL_POINTS_CONFIRMED, network, D(2022, 12, 31)) == 0  # nobody nominated yet


# --- Members up to date with their dues ---------------------------------------------------


def test_members_up_to_date_with_their_dues(world, third):
    network = world.hue.network
    DuesFactory(member=world.hue, year=2024, status=MembershipDues.Status.PAID, paid_on=D(2024, 2, 1))
    DuesFactory(member=world.hue, year=2025, status=MembershipDues.Status.PAID, paid_on=D(2025, 3, 1))
    DuesFactory(member=world.vientiane, year=2025, status=MembershipDues.Status.WAIVED)
    DuesFactory(member=third, year=2025, status=MembershipDues.Status.DUE)

    # Huế's 2025 dues are paid on 1 March 2025: outstanding before, settled after.
    assert value(Computation.MEMBERS_UP_TO_DATE, network, D(2025, 2, 1)) == 1  # Vientiane (waived)
    assert value(Computation.MEMBERS_UP_TO_DATE, network, D(2025, 4, 1)) == 2  # Huế and Vientiane
    # At the end of 2024 only Huế has that year's dues recorded (paid); the others have
    # nothing recorded for 2024 and do not count as up to date.
    assert value(Computation.MEMBERS_UP_TO_DATE, network, D(2024, 12, 31)) == 1


def test_a_member_with_no_dues_recorded_is_not_counted_up_to_date(world):
    assert value(Computation.MEMBERS_UP_TO_DATE, world.hue.network, D(2025, 6, 1)) == 0


def test_dues_paid_on_the_day_count_that_day(world, third):
    network = world.hue.network
    for member in (world.hue, world.vientiane, third):
        DuesFactory(member=member, year=2025, status=MembershipDues.Status.PAID, paid_on=D(2025, 3, 1))
    assert value(Computation.MEMBERS_UP_TO_DATE, network, D(2025, 2, 28)) == 0
    assert value(Computation.MEMBERS_UP_TO_DATE, network, D(2025, 3, 1)) == 3


# --- Partners in dialogue or cooperating ---------------------------------------------------


def _relationship(network, history: list[tuple[str, str, datetime.date]]) -> Relationship:
    relationship = Relationship.objects.create(
        organisation=OrganisationFactory(), network=network, stage=history[-1][1], since=history[-1][2]
    )
    for from_stage, to_stage, on in history:
        StageChange.objects.create(relationship=relationship, from_stage=from_stage, to_stage=to_stage, on=on)
    return relationship


def test_partners_in_dialogue_on_a_date(world, elsewhere):
    network = world.hue.network
    _relationship(network, [("", "identified", D(2024, 1, 10)), ("identified", "in_dialogue", D(2024, 5, 1))])
    _relationship(network, [("", "identified", D(2024, 1, 10)), ("identified", "contacted", D(2024, 3, 1))])
    _relationship(network, [("", "cooperating", D(2024, 2, 1)), ("cooperating", "dormant", D(2024, 5, 15))])
    _relationship(elsewhere.network, [("", "in_dialogue", D(2024, 1, 1))])

    assert value(Computation.PARTNERS_IN_DIALOGUE, network, D(2024, 4, 1)) == 1  # the one cooperating
    assert value(Computation.PARTNERS_IN_DIALOGUE, network, D(2024, 5, 1)) == 2  # in dialogue from that day
    assert value(Computation.PARTNERS_IN_DIALOGUE, network, D(2024, 6, 1)) == 1  # the other is dormant now
    assert value(Computation.PARTNERS_IN_DIALOGUE, network, D(2023, 12, 31)) == 0


def test_a_relationship_in_dialogue_counts_after_its_change_not_before(world):
    network = world.hue.network
    _relationship(network, [("", "identified", D(2024, 1, 10)), ("identified", "in_dialogue", D(2024, 5, 1))])
    assert value(Computation.PARTNERS_IN_DIALOGUE, network, D(2024, 6, 1)) == 1
    assert value(Computation.PARTNERS_IN_DIALOGUE, network, D(2024, 4, 1)) == 0


# --- Projects validated and funded ----------------------------------------------------------


def test_projects_validated_and_funded_on_a_date(world, elsewhere):
    network = world.hue.network
    first = ProjectFactory(network=network, lead_member=world.hue, stage="funded")
    second = ProjectFactory(network=network, lead_member=world.vientiane, stage="validated")
    ProjectFactory(network=network, lead_member=world.hue, stage="proposed")
    abroad = ProjectFactory(network=elsewhere.network, lead_member=elsewhere, stage="funded")
    Transition.objects.create(project=first, from_stage="submitted", to_stage="validated", at=_utc(2024, 3, 10))
    Transition.objects.create(project=first, from_stage="validated", to_stage="seeking_funding", at=_utc(2024, 4, 1))
    Transition.objects.create(project=first, from_stage="seeking_funding", to_stage="funded", at=_utc(2024, 9, 1))
    Transition.objects.create(project=second, from_stage="submitted", to_stage="validated", at=_utc(2024, 7, 1))
    Transition.objects.create(project=abroad, from_stage="submitted", to_stage="validated", at=_utc(2024, 1, 1))
    Transition.objects.create(project=abroad, from_stage="seeking_funding", to_stage="funded", at=_utc(2024, 2, 1))

    assert value(Computation.PROJECTS_VALIDATED, network, D(2024, 3, 9)) == 0
    assert value(Computation.PROJECTS_VALIDATED, network, D(2024, 3, 10)) == 1
    assert value(Computation.PROJECTS_VALIDATED, network, D(2024, 6, 1)) == 1  # still counts after moving on
    assert value(Computation.PROJECTS_VALIDATED, network, D(2024, 8, 1)) == 2
    assert value(Computation.PROJECTS_FUNDED, network, D(2024, 8, 1)) == 0
    assert value(Computation.PROJECTS_FUNDED, network, D(2024, 10, 1)) == 1


def test_a_project_validated_twice_counts_once(world):
    network = world.hue.network
    project = ProjectFactory(network=network, lead_member=world.hue, stage="validated")
    Transition.objects.create(project=project, from_stage="submitted", to_stage="validated", at=_utc(2024, 3, 1))
    Transition.objects.create(project=project, from_stage="validated", to_stage="returned", at=_utc(2024, 3, 2))
    Transition.objects.create(project=project, from_stage="submitted", to_stage="validated", at=_utc(2024, 4, 1))
    assert value(Computation.PROJECTS_VALIDATED, network, D(2024, 5, 1)) == 1


# --- On the indicator's page ---------------------------------------------------------------


@pytest.fixture
def computed_indicator(world, third):
    result = make_result(world.hue.network, Result.Level.OUTPUT, "OP1")
    AppointmentFactory(member=world.hue, nominated_on=D(2023, 1, 1))
    AppointmentFactory(member=third, nominated_on=D(2024, 1, 15))
    return make_indicator(result, "OP1.a", computation=Computation.FOCAL_POINTS_CONFIRMED)


def _detail(indicator) -> str:
    return reverse("logframe:indicator_detail", kwargs={"pk": indicator.pk})


@pytest.mark.parametrize("role", ["partner", "focal_point", "coordinator", "secretariat"])
def test_the_value_at_a_date(world, computed_indicator, role):
    client = world.client_for(role)
    page = client.get(_detail(computed_indicator), {"on": "2023-06-01"}).content.decode()
    assert '<time datetime="2023-06-01">1 June 2023</time>: <strong class="stat">1</strong>' in page
    page = client.get(_detail(computed_indicator), {"on": "2024-06-01"}).content.decode()
    assert '<time datetime="2024-06-01">1 June 2024</time>: <strong class="stat">2</strong>' in page


def test_the_value_today_by_default(world, computed_indicator):
    page = world.client_for("partner").get(_detail(computed_indicator)).content.decode()
    assert "Today, <time" in page
    assert '<strong class="stat">2</strong>' in page


@pytest.mark.parametrize("bad", ["31/02/2024", "yesterday", "2024-13-01", ""])
def test_a_bad_date_says_so(world, computed_indicator, bad):
    response = world.client_for("partner").get(_detail(computed_indicator), {"on": bad})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a date, for example 2025-03-31." in page
    assert 'class="stat"' not in page


def test_a_date_in_the_future_is_refused(world, computed_indicator):
    page = world.client_for("partner").get(_detail(computed_indicator), {"on": "2999-01-01"}).content.decode()
    assert "Choose a date up to today." in page
    assert 'class="stat"' not in page


def test_an_indicator_recorded_by_hand_has_no_date_form(world):
    result = make_result(world.hue.network, Result.Level.OUTPUT, "OP1")
    indicator = make_indicator(result, "OP1.a")
    page = world.client_for("partner").get(_detail(indicator), {"on": "bad"}).content.decode()
    assert "Value computed from the platform" not in page
    assert "Enter a date" not in page
