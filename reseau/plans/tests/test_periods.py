"""Reporting periods: the network chooses them; its members read them."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from reseau.audit.models import AuditEvent
from reseau.plans.models import ReportingPeriod
from tests.factories import NetworkFactory, ReportingPeriodFactory

pytestmark = pytest.mark.django_db

LIST = reverse("plans:period_list")
CREATE = reverse("plans:period_create")


def _data(**overrides) -> dict:
    data = {"kind": "half_year", "starts_on": "2024-01-01", "ends_on": "2024-06-30", "label": "2024-H1"}
    data.update(overrides)
    return data


def _errors(response) -> dict:
    assert response.status_code == 200, response.status_code
    return response.context["form"].errors


def test_who_reads_the_periods(world):
    ReportingPeriodFactory(network=world.hue.network, label="2023")
    anonymous = world.client_for("anonymous").get(LIST)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("accounts:login"))
    assert world.client_for("partner").get(LIST).status_code == 403
    for role in ("focal_point", "coordinator", "secretariat"):
        response = world.client_for(role).get(LIST)
        assert response.status_code == 200, role
        assert "2023" in response.content.decode()
    assert CREATE not in world.client_for("focal_point").get(LIST).content.decode()
    assert CREATE in world.client_for("coordinator").get(LIST).content.decode()


def test_each_network_reads_its_own_periods(world):
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    ReportingPeriodFactory(network=world.hue.network, label="2023")
    ReportingPeriodFactory(network=maghreb, label="maghreb-2023")
    page = world.client_for("coordinator").get(LIST).content.decode()
    assert "2023" in page
    assert "maghreb-2023" not in page
    page = world.client_for("secretariat").get(LIST).content.decode()
    assert "maghreb-2023" in page
    assert "Maghreb" in page
    assert "RVASE" in page


def test_who_may_create_a_period(world):
    for role in ("partner", "focal_point"):
        assert world.client_for(role).get(CREATE).status_code == 403, role
        assert world.client_for(role).post(CREATE, _data()).status_code == 403, role
    anonymous = world.client_for("anonymous").post(CREATE, _data())
    assert anonymous.status_code == 302
    assert not ReportingPeriod.objects.exists()


def test_the_coordinator_adds_a_period(world):
    client = world.client_for("coordinator")
    assert client.get(CREATE).status_code == 200
    response = client.post(CREATE, _data())
    assert response.status_code == 302
    assert response["Location"] == LIST
    period = ReportingPeriod.objects.get()
    assert period.network == world.hue.network
    assert (period.kind, period.label) == ("half_year", "2024-H1")
    assert (period.starts_on, period.ends_on) == (datetime.date(2024, 1, 1), datetime.date(2024, 6, 30))
    assert AuditEvent.objects.filter(action="created").count() == 1
    page = client.get(LIST).content.decode()
    assert "Reporting period 2024-H1 added." in page
    assert "Half-year" in page


def test_bad_periods_are_refused(world):
    ReportingPeriodFactory(network=world.hue.network, label="2024-H1")
    client = world.client_for("coordinator")
    assert _errors(client.post(CREATE, _data(starts_on="2024-06-30", ends_on="2024-01-01", label="x")))["ends_on"] == [
        "The end of the period cannot be before its start."
    ]
    assert _errors(client.post(CREATE, _data()))["label"] == ["The network already has a period labelled “2024-H1”."]
    assert "label" in _errors(client.post(CREATE, _data(label="2024-h1")))
    assert "label" in _errors(client.post(CREATE, _data(label="2024/H1")))
    assert "label" in _errors(client.post(CREATE, _data(label="")))
    assert "kind" in _errors(client.post(CREATE, _data(kind="month", label="2024-M1")))
    assert ReportingPeriod.objects.count() == 1


def test_the_same_label_in_another_network_is_fine(world):
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    ReportingPeriodFactory(network=maghreb, label="2024-H1")
    client = world.client_for("secretariat")
    assert "network" in _errors(client.post(CREATE, _data()))
    assert "label" in _errors(client.post(CREATE, _data(network=maghreb.pk)))
    assert client.post(CREATE, _data(network=world.hue.network.pk)).status_code == 302
    assert ReportingPeriod.objects.filter(label="2024-H1").count() == 2
