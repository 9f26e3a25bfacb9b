from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from reseau.audit.models import AuditEvent
from reseau.funding.models import FundingOpportunity
from tests.factories import FundingOpportunityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(world):
    call = FundingOpportunityFactory(
        network=world.hue.network,
        donor=OrganisationFactory(name_en="European Union"),
        title_en="Local authorities: partners for development",
        title_fr="Autorités locales : partenaires pour le développement",
        amount_min=Decimal("100000"),
        amount_max=Decimal("500000"),
        opens_on=datetime.date(2026, 1, 10),
        closes_on=datetime.date(2026, 4, 30),
        eligible_member_kinds=["city"],
        notes="First draft",
    )
    call.members.set([world.hue])
    return call


def _url(call: FundingOpportunity) -> str:
    return reverse("funding:opportunity_edit", kwargs={"pk": call.pk})


def _form_data(call: FundingOpportunity, **changes) -> dict:
    data = {
        "donor": call.donor_id,
        "title_en": call.title_en,
        "title_fr": call.title_fr or "",
        "url": call.url,
        "themes": [t.pk for t in call.themes.all()],
        "eligible_countries": [c.pk for c in call.eligible_countries.all()],
        "eligible_member_kinds": call.eligible_member_kinds,
        "amount_min": str(call.amount_min or ""),
        "amount_max": str(call.amount_max or ""),
        "currency": call.currency,
        "opens_on": call.opens_on.isoformat() if call.opens_on else "",
        "closes_on": call.closes_on.isoformat() if call.closes_on else "",
        "status": call.status,
        "members": [m.pk for m in call.members.all()],
        "notes": call.notes,
    }
    if call.shared_with_partners:
        data["shared_with_partners"] = "on"
    data.update(changes)
    return data


def test_anonymous_visitors_are_sent_to_sign_in(world, call):
    response = world.client_for("anonymous").get(_url(call))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ["focal_point", "partner"])
def test_focal_points_and_partners_may_not_edit(world, call, role):
    call.shared_with_partners = True
    call.save()
    client = world.client_for(role)
    assert client.get(_url(call)).status_code == 403
    assert client.post(_url(call), _form_data(call, title_en="Taken over")).status_code == 403
    call.refresh_from_db()
    assert call.title_en == "Local authorities: partners for development"
    assert not AuditEvent.objects.exists()


def test_a_partner_is_refused_an_unshared_call_of_its_network(world, call):
    # The list counts the calls not shared with partners: the address answers why, not "not found".
    assert world.client_for("partner").get(_url(call)).status_code == 403


def test_a_partner_does_not_learn_that_another_networks_call_exists(world):
    theirs = FundingOpportunityFactory(network__code="maghreb", network__name_en="Maghreb")
    assert world.client_for("partner").get(_url(theirs)).status_code == 404


def test_coordinator_of_another_network_gets_not_found(world):
    theirs = FundingOpportunityFactory(network__code="maghreb", network__name_en="Maghreb")
    assert world.client_for("coordinator").get(_url(theirs)).status_code == 404
    assert world.client_for("secretariat").get(_url(theirs)).status_code == 200


def test_form_shows_the_stored_values(world, call):
    page = world.client_for("coordinator").get(_url(call)).content.decode()
    assert "Edit Local authorities: partners for development" in page
    assert 'value="2026-04-30"' in page
    assert 'value="100000.00"' in page
    assert 'value="city" id="id_eligible_member_kinds_0" checked' in page
    assert f'value="{world.hue.pk}" id="id_members_0" checked' in page


def test_coordinator_edits_and_the_history_shows_the_change(world, call):
    client = world.client_for("coordinator")
    response = client.post(
        _url(call),
        _form_data(call, closes_on="2026-05-15", status="preparing", eligible_member_kinds=["city", "province"]),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == call.get_absolute_url()
    call.refresh_from_db()
    assert call.closes_on == datetime.date(2026, 5, 15)
    assert call.status == "preparing"
    assert call.eligible_member_kinds == ["city", "province"]
    event = AuditEvent.objects.get()
    assert event.action == AuditEvent.Action.UPDATED
    assert event.actor_label == str(world.users["coordinator"])
    assert event.changes["closes_on"] == ["2026-04-30", "2026-05-15"]
    assert event.changes["status"] == ["Watching", "Preparing"]
    page = response.content.decode()
    assert "Changes saved." in page
    assert "<del><bdi>30/04/2026</bdi></del> → <ins><bdi>15/05/2026</bdi></ins>" in page


def test_members_can_be_changed(world, call):
    world.client_for("coordinator").post(_url(call), _form_data(call, members=[world.vientiane.pk]))
    assert list(call.members.all()) == [world.vientiane]


def test_saving_an_unchanged_form_records_no_history(world, call):
    response = world.client_for("coordinator").post(_url(call), _form_data(call), follow=True)
    assert "Nothing was changed." in response.content.decode()
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"closes_on": "2026-01-01"}, "The closing date cannot be before the opening date."),
        ({"amount_max": "99.99"}, "The maximum amount cannot be less than the minimum amount."),
        ({"amount_min": "-1"}, "An amount cannot be negative."),
        ({"amount_min": "ten thousand"}, "Enter a number."),
        ({"opens_on": "2026-02-30"}, "Enter a valid date."),
    ],
)
def test_bad_input_changes_nothing(world, call, changes, message):
    response = world.client_for("coordinator").post(_url(call), _form_data(call, notes="New notes", **changes))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    for value in changes.values():
        assert f'value="{value}"' in page
    assert "New notes" in page
    stored = FundingOpportunity.objects.get(pk=call.pk)
    assert stored.notes == "First draft"
    assert stored.closes_on == datetime.date(2026, 4, 30)
    assert not AuditEvent.objects.exists()


def test_secretariat_edits_a_call_of_any_network(world):
    theirs = FundingOpportunityFactory(network__code="maghreb", network__name_en="Maghreb", title_en="Tunis call")
    client = world.client_for("secretariat")
    assert client.post(_url(theirs), _form_data(theirs, title_en="Tunis and Sfax call")).status_code == 302
    theirs.refresh_from_db()
    assert theirs.title_en == "Tunis and Sfax call"
    assert theirs.network.code == "maghreb"
