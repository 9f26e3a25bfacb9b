from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from reseau.registry.models import MembershipDues
from tests.factories import DuesFactory

pytestmark = pytest.mark.django_db

URL = reverse("registry:dues_create", kwargs={"slug": "hue"})


def _post(client, **data):
    payload = {"year": "2025", "amount": "1500.00", "currency": "EUR", "status": "due", "paid_on": ""}
    payload.update(data)
    return client.post(URL, payload)


def test_coordinator_records_dues_and_the_member_shows_outstanding(world):
    response = _post(world.client_for("coordinator"))
    assert response.status_code == 302
    dues = MembershipDues.objects.get()
    assert str(dues.amount) == "1500.00"
    assert dues.currency == "EUR"
    page = world.client_for("focal_point").get(world.hue.get_absolute_url()).content.decode()
    assert "Dues outstanding" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"amount": "-10"}, "Ensure this value is greater than or equal to 0."),
        ({"status": "paid"}, "Give the date the dues were paid."),
        ({"status": "waived", "paid_on": "2025-01-01"}, "Only paid dues have a payment date."),
        ({"amount": "abc"}, "Enter a number."),
        ({"currency": "XXX"}, "Select a valid choice."),
    ],
)
def test_bad_dues_are_refused_with_a_message(world, data, message):
    response = _post(world.client_for("coordinator"), **data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MembershipDues.objects.exists()


def test_a_second_row_for_the_same_year_is_refused(world):
    DuesFactory(member=world.hue, year=2025)
    response = _post(world.client_for("coordinator"))
    assert "Dues for 2025 are already recorded for this member." in response.content.decode()
    assert MembershipDues.objects.count() == 1


def test_marking_dues_paid_puts_the_member_back_up_to_date(world):
    today = timezone.localdate()
    dues = DuesFactory(member=world.hue, year=today.year)
    url = reverse("registry:dues_edit", kwargs={"slug": "hue", "pk": dues.pk})
    response = world.client_for("secretariat").post(
        url,
        {"year": str(today.year), "amount": "1000.00", "currency": "EUR", "status": "paid", "paid_on": str(today)},
    )
    assert response.status_code == 302
    page = world.client_for("coordinator").get(world.hue.get_absolute_url()).content.decode()
    assert '<span class="badge ok">Up to date with dues</span>' in page


def test_a_member_with_no_dues_recorded_is_not_up_to_date(world):
    page = world.client_for("coordinator").get(world.hue.get_absolute_url()).content.decode()
    assert '<span class="badge neutral">Dues not recorded</span>' in page


def test_dues_paid_for_an_earlier_year_only_leave_this_year_not_recorded(world):
    DuesFactory(member=world.hue, year=timezone.localdate().year - 1, status=MembershipDues.Status.PAID)
    page = world.client_for("coordinator").get(world.hue.get_absolute_url()).content.decode()
    assert "Dues not recorded" in page


def test_a_focal_point_cannot_record_its_own_dues(world):
    assert _post(world.client_for("focal_point"), status="waived").status_code == 403
    assert not MembershipDues.objects.exists()


def test_dues_due_show_as_a_warning_on_the_members_page(world):
    DuesFactory(member=world.hue, year=2025, status=MembershipDues.Status.DUE)
    page = world.client_for("coordinator").get(world.hue.get_absolute_url()).content.decode()
    assert '<span class="badge warn">Due</span>' in page


def test_dues_paid_show_as_ok_and_waived_as_neutral():
    assert [MembershipDues.Status.PAID.tone, MembershipDues.Status.WAIVED.tone] == ["ok", "neutral"]
