from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from reseau.registry.models import FocalPointAppointment
from reseau.registry.selectors import FocalPointStatus, members_with_status
from tests.factories import AppointmentFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _appoint(client, slug, person, nominated_on, kind="official"):
    return client.post(
        reverse("registry:focal_point_appoint", kwargs={"slug": slug}),
        {"person": person.pk, "kind": kind, "nominated_on": nominated_on},
    )


def test_a_new_focal_point_replaces_the_previous_one_and_keeps_the_history(world):
    first = AppointmentFactory(member=world.hue, nominated_on=datetime.date(2023, 6, 1))
    successor = PersonFactory(member=world.hue, name="Lê Thị Hoa")
    response = _appoint(world.client_for("focal_point"), "hue", successor, "2024-02-01")
    assert response.status_code == 302

    first.refresh_from_db()
    assert first.ended_on == datetime.date(2024, 1, 31)
    current = FocalPointAppointment.objects.get(member=world.hue, ended_on__isnull=True)
    assert current.person == successor
    page = world.client_for("coordinator").get(world.hue.get_absolute_url()).content.decode()
    assert "Lê Thị Hoa" in page
    assert "Previous focal points" in page


def test_a_person_from_another_member_is_refused(world):
    stranger = PersonFactory(member=world.vientiane)
    response = _appoint(world.client_for("coordinator"), "hue", stranger, "2024-02-01")
    assert response.status_code == 200
    assert "Choose a person who belongs to this member" in response.content.decode()
    assert not FocalPointAppointment.objects.exists()


def test_a_nomination_before_the_current_one_is_refused(world):
    AppointmentFactory(member=world.hue, nominated_on=datetime.date(2024, 6, 1))
    other = PersonFactory(member=world.hue)
    response = _appoint(world.client_for("coordinator"), "hue", other, "2024-01-01")
    assert response.status_code == 200
    assert "must come after that of the current holder" in response.content.decode()
    assert FocalPointAppointment.objects.count() == 1


def test_an_end_date_before_the_nomination_is_refused(world):
    appointment = AppointmentFactory(member=world.hue, nominated_on=datetime.date(2024, 6, 1))
    url = reverse("registry:focal_point_end", kwargs={"slug": "hue", "pk": appointment.pk})
    response = world.client_for("focal_point").post(url, {"ended_on": "2024-01-01"})
    assert "The end date cannot be before the start date." in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.ended_on is None


def test_status_is_late_after_the_deadline_and_confirmed_with_a_focal_point(world):
    today = datetime.date(2023, 7, 1)  # after the mid-June 2023 deadline
    AppointmentFactory(member=world.hue, nominated_on=datetime.date(2023, 6, 20))
    statuses = {m.slug: m.focal_point_status for m in members_with_status(world.hue.network.members.all(), today=today)}
    assert statuses == {"hue": FocalPointStatus.CONFIRMED, "vientiane": FocalPointStatus.LATE}
    before_deadline = members_with_status(world.hue.network.members.all(), today=datetime.date(2023, 6, 1))
    assert {m.slug: m.focal_point_status for m in before_deadline}["vientiane"] == FocalPointStatus.AWAITED


def test_home_lists_late_members_for_the_coordinator(world):
    page = world.client_for("coordinator").get("/").content.decode()
    assert "Focal points late" in page
    assert "Vientiane Capital" in page
    assert "Late since" in page
