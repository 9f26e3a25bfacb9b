"""Inviting members to an event: who is invited, who is behind with dues, who may then register."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from reseau.audit.models import AuditEvent
from reseau.events.models import Event, Invitation, Registration
from tests.factories import DuesFactory, EventFactory, MemberFactory, NetworkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(world):
    return EventFactory(network=world.hue.network, slug="study-tour-2031", title_en="Study tour 2031")


def _url(event: Event) -> str:
    return reverse("events:invitations", kwargs={"slug": event.slug})


def _row(page: str, name: str) -> str:
    """The table row of one member."""
    start = page.index(f">{name}")
    return page[page.rfind("<tr>", 0, start) : page.index("</tr>", start)]


@pytest.mark.parametrize(("role", "status"), [("focal_point", 403), ("partner", 404)])
def test_only_the_staff_invite(world, event, role, status):
    client = world.client_for(role)
    assert client.get(_url(event)).status_code == status
    assert client.post(_url(event), {"invite_all": "1"}).status_code == status
    assert not Invitation.objects.exists()


def test_members_with_dues_outstanding_are_marked_not_hidden(world, event):
    DuesFactory(member=world.vientiane, year=2020, status="due")
    DuesFactory(member=world.hue, year=2020, status="paid", paid_on=datetime.date(2020, 4, 1))
    DuesFactory(member=world.hue, year=timezone.localdate().year, status="paid")
    page = world.client_for("coordinator").get(_url(event)).content.decode()
    vientiane, hue = _row(page, "Vientiane Capital"), _row(page, "Huế")
    assert "Dues outstanding" in vientiane
    assert 'name="members"' in vientiane
    assert "Up to date with dues" in hue
    assert "Dues outstanding" not in hue
    assert "1 member with dues outstanding" in page


def test_dues_badge_in_french(world, event):
    DuesFactory(member=world.vientiane, year=2020, status="due")
    coordinator = world.users["coordinator"]
    coordinator.language = "fr"
    coordinator.save()
    page = world.client_for("coordinator").get(_url(event)).content.decode()
    assert "Cotisations impayées" in _row(page, "Vientiane Capitale")


def test_the_coordinator_invites_ticked_members(world, event):
    client = world.client_for("coordinator")
    response = client.post(_url(event), {"members": [world.hue.pk]})
    assert response.status_code == 302
    assert response["Location"] == _url(event)
    assert list(event.invitations.values_list("member__slug", flat=True)) == ["hue"]
    page = client.get(_url(event)).content.decode()
    assert "1 member invited." in page
    assert "Invited" in _row(page, "Huế")
    assert 'name="members"' not in _row(page, "Huế")
    assert "Not invited" in _row(page, "Vientiane Capital")
    assert AuditEvent.objects.filter(action="created").count() == 1


def test_invite_all_invites_those_not_yet_invited(world, event):
    Invitation.objects.create(event=event, member=world.hue)
    third = MemberFactory(network=world.hue.network, slug="kampot", name_en="Kampot")
    client = world.client_for("coordinator")
    response = client.post(_url(event), {"invite_all": "1"}, follow=True)
    assert "2 members invited." in response.content.decode()
    assert set(event.invitations.values_list("member_id", flat=True)) == {world.hue.pk, world.vientiane.pk, third.pk}


def test_nothing_ticked_says_so(world, event):
    response = world.client_for("coordinator").post(_url(event), {})
    assert response.status_code == 200
    assert "Tick the members to invite, or invite them all." in response.content.decode()
    assert not Invitation.objects.exists()


def test_another_networks_member_cannot_be_invited(world, event):
    tunis = MemberFactory(network=NetworkFactory(code="maghreb"), slug="tunis", name_en="Tunis")
    page = world.client_for("coordinator").get(_url(event)).content.decode()
    assert "Tunis" not in page
    response = world.client_for("coordinator").post(_url(event), {"members": [tunis.pk]})
    assert response.status_code == 200
    assert not Invitation.objects.exists()


def test_once_invitations_are_sent_a_member_not_invited_cannot_register(world, event):
    world.client_for("coordinator").post(_url(event), {"members": [world.vientiane.pk]})
    register = reverse("events:register", kwargs={"slug": event.slug})
    data = {"member": world.hue.pk, "name": "Hoàng Văn Nam", "gender": "man", "role": "delegate"}
    response = world.client_for("focal_point").post(register, data)
    assert response.status_code == 200
    assert "Huế is not invited to this event." in response.content.decode()
    assert not Registration.objects.exists()
    # In French, the refusal is the translated message (the catalogue is compiled by the lead).
    focal_point = world.users["focal_point"]
    focal_point.language = "fr"
    focal_point.save()
    with translation.override("fr"):
        expected = translation.gettext("%(member)s is not invited to this event.") % {"member": "Huế"}
    response = world.client_for("focal_point").post(register, data)
    assert expected != "Huế is not invited to this event."
    assert escape(expected) in response.content.decode()


def test_the_invitations_page_has_constant_queries(world, event, django_assert_max_num_queries):
    client = world.client_for("coordinator")
    for n in range(30):
        member = MemberFactory(network=world.hue.network, slug=f"member-x{n}")
        DuesFactory(member=member, year=2020, status="due")
    with django_assert_max_num_queries(12):
        assert client.get(_url(event)).status_code == 200
