from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from reseau.audit.models import AuditEvent
from reseau.funding.models import FundingOpportunity
from reseau.registry.models import Theme
from tests.factories import DuesFactory, MemberFactory, NetworkFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

URL = reverse("funding:opportunity_create")


@pytest.fixture
def donor(db):
    return OrganisationFactory(name_en="Agence française de développement", acronym="AFD")


def _form_data(donor, **changes) -> dict:
    data = {
        "donor": donor.pk,
        "title_en": "FICOL 2026",
        "title_fr": "FICOL 2026",
        "url": "https://www.afd.fr/ficol",
        "amount_min": "",
        "amount_max": "",
        "currency": "EUR",
        "opens_on": "",
        "closes_on": "",
        "status": "watching",
        "notes": "",
    }
    data.update(changes)
    return data


def test_anonymous_visitors_are_sent_to_sign_in(world):
    response = world.client_for("anonymous").get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ["partner", "focal_point"])
def test_only_network_staff_may_add_a_call(world, role, donor):
    client = world.client_for(role)
    assert client.get(URL).status_code == 403
    assert client.post(URL, _form_data(donor)).status_code == 403
    assert not FundingOpportunity.objects.exists()
    assert not AuditEvent.objects.exists()


def test_coordinator_adds_a_call_to_its_network_with_everything(world, donor):
    sanitation = Theme.objects.create(code="sanitation", kind="work", name_en="Urban sanitation")
    client = world.client_for("coordinator")
    data = _form_data(
        donor,
        themes=[sanitation.pk],
        eligible_countries=[world.hue.country_id, world.vientiane.country_id],
        eligible_member_kinds=["city", "association"],
        amount_min="10000",
        amount_max="250000.50",
        currency="USD",
        opens_on="2026-01-05",
        closes_on="2026-03-31",
        status="preparing",
        members=[world.hue.pk, world.vientiane.pk],
        notes="Ask the AFD office in Vientiane.",
        shared_with_partners="on",
    )
    response = client.post(URL, data, follow=True)

    call = FundingOpportunity.objects.get()
    assert response.redirect_chain[-1][0] == call.get_absolute_url()
    assert call.network == world.hue.network
    assert call.donor == donor
    assert call.title_en == "FICOL 2026"
    assert list(call.themes.all()) == [sanitation]
    assert set(call.eligible_countries.values_list("code", flat=True)) == {"VN", "LA"}
    assert call.eligible_member_kinds == ["city", "association"]
    assert call.amount_min == Decimal("10000")
    assert call.amount_max == Decimal("250000.50")
    assert call.currency == "USD"
    assert call.opens_on == datetime.date(2026, 1, 5)
    assert call.closes_on == datetime.date(2026, 3, 31)
    assert call.status == "preparing"
    assert set(call.members.all()) == {world.hue, world.vientiane}
    assert call.shared_with_partners is True
    page = response.content.decode()
    assert "Funding opportunity added." in page
    assert "FICOL 2026" in page
    assert "Ask the AFD office in Vientiane." in page


def test_adding_a_call_writes_its_history(world, donor):
    client = world.client_for("coordinator")
    client.post(URL, _form_data(donor, closes_on="2026-03-31"))
    call = FundingOpportunity.objects.get()
    event = AuditEvent.objects.get()
    assert event.action == AuditEvent.Action.CREATED
    assert event.object_id == str(call.pk)
    assert event.actor_label == str(world.users["coordinator"])
    assert event.changes["closes_on"] == [None, "2026-03-31"]
    page = client.get(call.get_absolute_url()).content.decode()
    assert "History of changes" in page
    assert "coordinator@reseau.test" in page


def test_form_lists_the_networks_members_with_their_dues_standing(world):
    DuesFactory(member=world.vientiane, year=2024)
    MemberFactory(network__code="maghreb", network__name_en="Maghreb", slug="tunis", name_en="Tunis")
    page = world.client_for("coordinator").get(URL).content.decode()
    assert "Huế — Dues not recorded" in page
    assert "Vientiane Capital — Dues outstanding" in page
    assert "Tunis" not in page
    assert "Only members up to date with their dues take part in the network" in page
    # Member types are offered with their labels.
    assert "Association of local governments" in page


def test_coordinator_cannot_name_a_member_of_another_network(world, donor):
    tunis = MemberFactory(network__code="maghreb", network__name_en="Maghreb", slug="tunis", name_en="Tunis")
    response = world.client_for("coordinator").post(URL, _form_data(donor, members=[tunis.pk]))
    assert response.status_code == 200
    assert "is not one of the available choices" in response.content.decode()
    assert not FundingOpportunity.objects.exists()


def test_secretariat_chooses_the_network(world, donor):
    maghreb = NetworkFactory(code="maghreb", name_en="Maghreb")
    client = world.client_for("secretariat")
    page = client.get(URL).content.decode()
    assert "Choose a network" in page
    response = client.post(URL, _form_data(donor))
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not FundingOpportunity.objects.exists()

    response = client.post(URL, _form_data(donor, network=maghreb.pk))
    assert response.status_code == 302
    assert FundingOpportunity.objects.get().network == maghreb


def test_secretariat_cannot_mix_members_of_another_network(world, donor):
    maghreb = NetworkFactory(code="maghreb", name_en="Maghreb")
    response = world.client_for("secretariat").post(URL, _form_data(donor, network=maghreb.pk, members=[world.hue.pk]))
    assert response.status_code == 200
    assert "Choose only members of the call&#x27;s network." in response.content.decode()
    assert not FundingOpportunity.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"opens_on": "2026-03-01", "closes_on": "2026-02-01"}, "The closing date cannot be before the opening date."),
        ({"amount_min": "5000", "amount_max": "1000"}, "The maximum amount cannot be less than the minimum amount."),
        ({"amount_min": "-10"}, "An amount cannot be negative."),
        ({"amount_max": "-0.01"}, "An amount cannot be negative."),
        ({"amount_max": "a lot"}, "Enter a number."),
        ({"closes_on": "31/02/2026"}, "Enter a valid date."),
        ({"opens_on": "next spring"}, "Enter a valid date."),
        ({"title_en": "", "title_fr": ""}, "Enter the title in English, in French or in both."),
        ({"donor": ""}, "This field is required."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_saving_nothing(world, donor, changes, message):
    data = {**_form_data(donor, title_en="ការហៅ ២០២៦", notes="Typed notes"), **changes}
    response = world.client_for("coordinator").post(URL, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message.replace("'", "&#x27;") in page
    assert "Please correct the errors below." in page
    # What was typed is kept.
    for value in changes.values():
        if value:
            assert f'value="{value}"' in page
    assert "Typed notes" in page
    if changes.get("title_en") is None:
        assert 'value="ការហៅ ២០២៦"' in page
    assert "is violated" not in page
    assert not FundingOpportunity.objects.exists()
    assert not AuditEvent.objects.exists()


def test_amounts_accept_the_french_decimal_comma(world, donor):
    user = world.users["coordinator"]
    user.language = "fr"
    user.save()
    response = world.client_for("coordinator").post(URL, _form_data(donor, amount_min="1500,50"))
    assert response.status_code == 302
    assert FundingOpportunity.objects.get().amount_min == Decimal("1500.50")


def test_a_french_only_title_is_enough(world, donor):
    data = _form_data(donor, title_en="", title_fr="Appel à propositions")
    response = world.client_for("coordinator").post(URL, data)
    assert response.status_code == 302
    call = FundingOpportunity.objects.get()
    page = world.client_for("coordinator").get(call.get_absolute_url()).content.decode()
    assert "Appel à propositions" in page


def test_html_typed_in_the_notes_is_shown_as_text(world, donor):
    client = world.client_for("coordinator")
    client.post(URL, _form_data(donor, notes="<script>alert(1)</script>Deadline <b>firm</b>"))
    call = FundingOpportunity.objects.get()
    page = client.get(call.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "<b>firm</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Deadline &lt;b&gt;firm&lt;/b&gt;" in page


@pytest.mark.parametrize("title", ["ការហៅសំណើគម្រោងអនាម័យទីក្រុង", "Quỹ hỗ trợ Huế", "ທຶນຊ່ວຍເຫຼືອ ວຽງຈັນ"])
def test_titles_in_khmer_vietnamese_and_lao_survive_the_round_trip(world, donor, title):
    client = world.client_for("coordinator")
    assert client.post(URL, _form_data(donor, title_en=title)).status_code == 302
    call = FundingOpportunity.objects.get()
    assert call.title_en == title
    assert title in client.get(call.get_absolute_url()).content.decode()
    assert title in client.get(reverse("funding:opportunity_list")).content.decode()
