from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from reseau.accounts.models import Role
from reseau.audit.models import AuditEvent
from reseau.partners.models import Interaction, OrganisationContact
from tests.factories import InteractionFactory, NetworkFactory, OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def afd(world):
    return OrganisationFactory(name_en="French Development Agency", acronym="AFD", shared_with_partners=True)


def _create_url(organisation) -> str:
    return reverse("partners:interaction_create", kwargs={"pk": organisation.pk})


def _edit_url(interaction: Interaction) -> str:
    return reverse("partners:interaction_edit", kwargs={"pk": interaction.pk})


def _data(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": "meeting",
        "date": "2024-03-01",
        "summary": "Presented the sanitation programme.",
        "next_step": "",
        "next_step_owner": "",
        "next_step_due": "",
    }
    data.update(changes)
    return data


def test_coordinator_records_a_meeting_with_people_on_both_sides(world, afd):
    hue_person = PersonFactory(member=world.hue, name="Trần Văn Nam")
    aimf_person = PersonFactory(member=None, name="Pierre Baillet")
    their = PersonFactory(member=None, name="Claire Dubois")
    OrganisationContact.objects.create(organisation=afd, person=their)
    coordinator = world.users["coordinator"]
    client = world.client_for("coordinator")
    response = client.post(
        _create_url(afd),
        _data(
            our_people=[hue_person.pk, aimf_person.pk],
            their_people=[their.pk],
            next_step="Send the concept note",
            next_step_owner=coordinator.pk,
            next_step_due="2024-04-01",
        ),
        follow=True,
    )
    page = response.content.decode()
    assert "Interaction recorded." in page
    interaction = Interaction.objects.get()
    assert interaction.network == world.hue.network
    assert interaction.created_by == coordinator
    assert set(interaction.our_people.all()) == {hue_person, aimf_person}
    assert list(interaction.their_people.all()) == [their]
    assert interaction.next_step_due == datetime.date(2024, 4, 1)
    assert "Presented the sanitation programme." in page
    assert "Trần Văn Nam" in page
    assert "Claire Dubois" in page
    assert "Send the concept note" in page
    event = AuditEvent.objects.get()
    assert event.subject == f"partners.organisation:{afd.pk}"
    assert event.action == "created"


def test_our_side_lists_the_networks_people_and_the_aimfs_only(world, afd):
    PersonFactory(member=world.vientiane, name="Souksavanh Phommachanh")
    PersonFactory(member=None, name="Pierre Baillet")
    tunis = PersonFactory(
        member__network=NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb"),
        member__slug="tunis",
        name="Leïla Ben Ali",
    )
    page = world.client_for("coordinator").get(_create_url(afd)).content.decode()
    assert "Souksavanh Phommachanh" in page
    assert "Pierre Baillet" in page
    assert tunis.name not in page


def test_secretariat_chooses_the_network_and_cannot_mix_in_another_networks_people(world, afd):
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb")
    tunis_person = PersonFactory(member__network=maghreb, member__slug="tunis", name="Leïla Ben Ali")
    client = world.client_for("secretariat")
    assert 'name="network"' in client.get(_create_url(afd)).content.decode()
    refused = client.post(_create_url(afd), _data(network=world.hue.network.pk, our_people=[tunis_person.pk]))
    assert "From another network: Leïla Ben Ali." in refused.content.decode()
    assert not Interaction.objects.exists()
    accepted = client.post(_create_url(afd), _data(network=maghreb.pk, our_people=[tunis_person.pk]))
    assert accepted.status_code == 302
    assert Interaction.objects.get().network == maghreb


def test_a_due_date_without_a_next_step_is_refused_on_the_next_step(world, afd):
    response = world.client_for("coordinator").post(_create_url(afd), _data(next_step_due="2024-04-01"))
    page = response.content.decode()
    assert "Describe the next step or remove its due date." in page
    assert page.index('id="id_next_step_error"') < page.index('name="next_step"')
    assert not Interaction.objects.exists()


@pytest.mark.parametrize("field", ["date", "next_step_due"])
def test_an_impossible_date_is_refused(world, afd, field):
    response = world.client_for("coordinator").post(
        _create_url(afd), _data(**{field: "2024-13-45"}, next_step="Call back")
    )
    assert "Enter a valid date." in response.content.decode()
    assert not Interaction.objects.exists()


def test_a_summary_is_required(world, afd):
    response = world.client_for("coordinator").post(_create_url(afd), _data(summary=""))
    assert "This field is required." in response.content.decode()


def test_html_typed_in_the_summary_is_shown_as_text(world, afd):
    client = world.client_for("coordinator")
    client.post(_create_url(afd), _data(summary="<script>alert('x')</script>\nSecond line"))
    page = client.get(afd.get_absolute_url()).content.decode()
    assert "<script>alert(" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;<br>Second line" in page


@pytest.mark.parametrize("summary", ["ប្រជុំជាមួយ ភ្នំពេញ", "ປະຊຸມກັບ ວຽງຈັນ", "Họp với Ủy ban nhân dân Huế"])
def test_summaries_in_khmer_lao_and_vietnamese_survive_the_round_trip(world, afd, summary):
    client = world.client_for("coordinator")
    assert client.post(_create_url(afd), _data(summary=summary)).status_code == 302
    assert Interaction.objects.get().summary == summary
    assert summary in client.get(afd.get_absolute_url()).content.decode()


@pytest.mark.parametrize("role", ["focal_point", "partner"])
def test_focal_points_and_partners_cannot_record_or_edit(world, afd, role):
    interaction = InteractionFactory(organisation=afd, network=world.hue.network)
    client = world.client_for(role)
    assert client.get(_create_url(afd)).status_code == 403
    assert client.post(_create_url(afd), _data()).status_code == 403
    assert client.get(_edit_url(interaction)).status_code == 403
    assert Interaction.objects.count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(world, afd):
    response = world.client_for("anonymous").get(_create_url(afd))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_coordinator_edits_an_interaction_including_the_done_date(world, afd):
    interaction = InteractionFactory(
        organisation=afd,
        network=world.hue.network,
        next_step="Send the concept note",
        next_step_due=datetime.date(2024, 4, 1),
    )
    client = world.client_for("coordinator")
    response = client.post(
        _edit_url(interaction),
        _data(
            summary="Presented the programme; AFD interested.",
            next_step="Send the concept note",
            next_step_due="2024-04-01",
            next_step_done_on="2024-03-28",
        ),
        follow=True,
    )
    assert "Changes saved." in response.content.decode()
    interaction.refresh_from_db()
    assert interaction.next_step_done_on == datetime.date(2024, 3, 28)
    assert interaction.summary == "Presented the programme; AFD interested."
    event = AuditEvent.objects.get()
    assert event.action == "updated"
    assert "next_step_done_on" in event.changes


def test_a_done_date_without_a_next_step_is_refused(world, afd):
    interaction = InteractionFactory(organisation=afd, network=world.hue.network)
    response = world.client_for("coordinator").post(_edit_url(interaction), _data(next_step_done_on="2024-03-28"))
    assert "Describe the next step or remove the date it was done." in response.content.decode()


def test_a_coordinator_cannot_edit_another_networks_interaction(world, afd):
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb")
    interaction = InteractionFactory(organisation=afd, network=maghreb)
    assert world.client_for("coordinator").get(_edit_url(interaction)).status_code == 404
    assert world.client_for("secretariat").get(_edit_url(interaction)).status_code == 200


def test_the_next_step_owner_is_chosen_among_staff(world, afd):
    UserFactory(full_name="Chantal Dupont", role=Role.COORDINATOR, network=world.hue.network)
    UserFactory(full_name="Former coordinator", role=Role.COORDINATOR, network=world.hue.network, is_active=False)
    page = world.client_for("coordinator").get(_create_url(afd)).content.decode()
    owner_select = page[
        page.index('name="next_step_owner"') : page.index("</select>", page.index('name="next_step_owner"'))
    ]
    assert "Chantal Dupont" in owner_select
    assert "Former coordinator" not in owner_select
    assert str(world.users["focal_point"]) not in owner_select
    assert str(world.users["partner"]) not in owner_select


def _maghreb_coordinator():
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb")
    return UserFactory(full_name="Karim Haddad", role=Role.COORDINATOR, network=maghreb)


def test_another_networks_coordinator_is_not_offered_as_next_step_owner(world, afd):
    _maghreb_coordinator()
    page = world.client_for("coordinator").get(_create_url(afd)).content.decode()
    assert "Karim Haddad" not in page


def test_another_networks_coordinator_forged_as_next_step_owner_is_refused(world, afd):
    stranger = _maghreb_coordinator()
    data = _data(next_step="Send the letter", next_step_owner=stranger.pk)
    response = world.client_for("coordinator").post(_create_url(afd), data)
    assert "Select a valid choice" in response.content.decode()
    assert not Interaction.objects.filter(organisation=afd).exists()


def test_the_secretariat_cannot_give_a_next_step_to_staff_of_another_network_than_the_chosen_one(world, afd):
    stranger = _maghreb_coordinator()
    data = _data(network=world.hue.network.pk, next_step="Send the letter", next_step_owner=stranger.pk)
    response = world.client_for("secretariat").post(_create_url(afd), data)
    assert "Choose someone of the chosen network" in response.content.decode()
