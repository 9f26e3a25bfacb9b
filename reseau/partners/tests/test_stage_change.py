from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from reseau.partners.models import Relationship, StageChange
from tests.factories import NetworkFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _url(organisation) -> str:
    return reverse("partners:stage_change", kwargs={"pk": organisation.pk})


def test_coordinator_moves_its_network_and_the_page_shows_the_history_with_the_reason(world):
    organisation = OrganisationFactory(name_en="Asian Development Bank")
    client = world.client_for("coordinator")
    form = client.get(_url(organisation)).content.decode()
    assert 'name="network"' not in form
    assert "For the network RVASE." in form
    today_in_phnom_penh = timezone.localdate(timezone=zoneinfo.ZoneInfo("Asia/Phnom_Penh"))
    assert f'value="{today_in_phnom_penh:%Y-%m-%d}"' in form  # today, where the network works, by default

    client.post(_url(organisation), {"stage": "contacted", "on": "2024-01-10", "reason": ""})
    response = client.post(
        _url(organisation),
        {"stage": "dormant", "on": "2024-06-01", "reason": "No budget for cities before 2026."},
        follow=True,
    )
    page = response.content.decode()
    assert "Stage recorded." in page
    relationship = Relationship.objects.get()
    assert relationship.network == world.hue.network
    assert relationship.stage == "dormant"
    assert relationship.since == datetime.date(2024, 6, 1)
    latest = StageChange.objects.first()
    assert latest is not None
    assert (latest.from_stage, latest.to_stage, latest.changed_by) == (
        "contacted",
        "dormant",
        world.users["coordinator"],
    )
    assert "from “Contacted” to “Dormant”" in page
    assert "No budget for cities before 2026." in page
    assert f"recorded by {world.users['coordinator']}" in page


def test_secretariat_chooses_the_network(world):
    organisation = OrganisationFactory()
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    client = world.client_for("secretariat")
    assert 'name="network"' in client.get(_url(organisation)).content.decode()
    response = client.post(_url(organisation), {"network": maghreb.pk, "stage": "identified", "on": "2024-02-01"})
    assert response.status_code == 302
    assert Relationship.objects.get().network == maghreb


def test_a_coordinator_cannot_move_another_networks_relationship(world):
    organisation = OrganisationFactory()
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    world.client_for("coordinator").post(
        _url(organisation), {"network": maghreb.pk, "stage": "cooperating", "on": "2024-02-01"}
    )
    assert Relationship.objects.get().network == world.hue.network


def test_the_same_stage_again_is_refused(world):
    organisation = OrganisationFactory()
    Relationship.objects.create(organisation=organisation, network=world.hue.network, stage="contacted")
    response = world.client_for("coordinator").post(_url(organisation), {"stage": "contacted", "on": "2024-02-01"})
    assert "already at this stage" in response.content.decode()
    assert not StageChange.objects.exists()


@pytest.mark.parametrize(
    ("on", "message"),
    [("2024-13-45", "Enter a valid date."), ("", "This field is required."), ("2999-01-01", "cannot be in the future")],
)
def test_bad_dates_are_refused(world, on, message):
    organisation = OrganisationFactory()
    response = world.client_for("coordinator").post(_url(organisation), {"stage": "contacted", "on": on})
    assert message in response.content.decode()
    assert not Relationship.objects.exists()


def test_an_unknown_stage_is_refused(world):
    organisation = OrganisationFactory()
    response = world.client_for("coordinator").post(_url(organisation), {"stage": "married", "on": "2024-01-01"})
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize("role", ["focal_point", "partner"])
def test_only_staff_change_stages(world, role):
    organisation = OrganisationFactory(shared_with_partners=True)
    client = world.client_for(role)
    assert client.get(_url(organisation)).status_code == 403
    assert client.post(_url(organisation), {"stage": "contacted", "on": "2024-01-01"}).status_code == 403
    assert not Relationship.objects.exists()


def test_html_typed_in_the_reason_is_shown_as_text(world):
    organisation = OrganisationFactory()
    client = world.client_for("coordinator")
    client.post(
        _url(organisation), {"stage": "contacted", "on": "2024-01-01", "reason": "<img src=x onerror=alert(1)>"}
    )
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
