"""The interaction log works for members as for organisations: who logs, who reads, and the rule
that an interaction is with an organisation or a member, exactly one."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from reseau.accounts.models import Role
from reseau.audit.models import AuditEvent
from reseau.partners.models import Interaction
from reseau.partners.selectors import member_interactions
from tests.factories import (
    InteractionFactory,
    MemberFactory,
    NetworkFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _create_url(member) -> str:
    return reverse("partners:member_interaction_create", kwargs={"slug": member.slug})


def _edit_url(interaction: Interaction) -> str:
    return reverse("partners:interaction_edit", kwargs={"pk": interaction.pk})


def _done_url(interaction: Interaction) -> str:
    return reverse("partners:next_step_done", kwargs={"pk": interaction.pk})


def _data(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": "call",
        "date": "2024-03-01",
        "summary": "Call about the FSM project.",
        "next_step": "",
        "next_step_owner": "",
        "next_step_due": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def hue_call(world):
    return InteractionFactory(
        organisation=None,
        member=world.hue,
        network=world.hue.network,
        kind="call",
        summary="Call with the focal point of Huế",
        next_step="Send the training programme",
        next_step_due=datetime.date(2024, 4, 1),
    )


def _page(world, role: str, member) -> str:
    response = world.client_for(role).get(member.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


# Logging ------------------------------------------------------------------------------------


def test_coordinator_logs_a_call_with_a_member_and_it_is_on_the_member_page(world):
    person = PersonFactory(member=world.hue, name="Lê Thị Hoa")
    coordinator = world.users["coordinator"]
    response = world.client_for("coordinator").post(
        _create_url(world.hue),
        _data(
            their_people=[person.pk],
            next_step="Send the training programme",
            next_step_owner=coordinator.pk,
            next_step_due="2024-04-01",
        ),
        follow=True,
    )
    page = response.content.decode()
    assert "Interaction recorded." in page
    assert "Call about the FSM project." in page
    assert "Send the training programme" in page
    assert "Lê Thị Hoa" in page


def test_the_interaction_belongs_to_the_member_and_its_network(world):
    world.client_for("coordinator").post(_create_url(world.hue), _data())
    interaction = Interaction.objects.get()
    assert (interaction.member, interaction.organisation, interaction.network) == (world.hue, None, world.hue.network)


def test_logging_leaves_a_history_row_on_the_member(world):
    world.client_for("coordinator").post(_create_url(world.hue), _data())
    event = AuditEvent.objects.get(action="created", object_repr__contains="Phone call")
    assert event.subject == f"registry.member:{world.hue.pk}"


def test_the_secretariat_logs_an_interaction_in_the_members_network(world):
    world.client_for("secretariat").post(_create_url(world.vientiane), _data(kind="letter"))
    assert Interaction.objects.get().network == world.vientiane.network


def test_their_side_offers_only_the_members_own_people(world):
    vientiane_person = PersonFactory(member=world.vientiane, name="Souksavanh Phommachanh")
    response = world.client_for("coordinator").post(_create_url(world.hue), _data(their_people=[vientiane_person.pk]))
    assert "their_people" in response.context["form"].errors


def test_a_due_date_without_a_next_step_is_refused_keeping_what_was_typed(world):
    response = world.client_for("coordinator").post(_create_url(world.hue), _data(next_step_due="2024-04-01"))
    assert "Describe the next step or remove its due date." in response.content.decode()
    assert "Call about the FSM project." in response.content.decode()


def test_nothing_is_logged_when_refused(world):
    world.client_for("coordinator").post(_create_url(world.hue), _data(next_step_due="2024-04-01"))
    assert not Interaction.objects.exists()


# Editing and next steps ---------------------------------------------------------------------


def test_coordinator_edits_a_member_interaction(world, hue_call):
    world.client_for("coordinator").post(
        _edit_url(hue_call),
        _data(summary="Call about the training", next_step="Send the programme", next_step_done_on=""),
    )
    hue_call.refresh_from_db()
    assert hue_call.summary == "Call about the training"


def test_the_edit_page_names_the_member(world, hue_call):
    page = world.client_for("coordinator").get(_edit_url(hue_call)).content.decode()
    assert "Edit an interaction with Huế" in page


def test_marking_the_next_step_done_records_the_day(world, hue_call):
    world.client_for("coordinator").post(_done_url(hue_call))
    hue_call.refresh_from_db()
    assert hue_call.next_step_done_on is not None


def test_marking_done_without_next_returns_to_the_member_page(world, hue_call):
    response = world.client_for("coordinator").post(_done_url(hue_call))
    assert response["Location"] == world.hue.get_absolute_url()


def test_the_reminders_query_finds_member_next_steps(world, hue_call):
    pending = Interaction.objects.filter(next_step_done_on__isnull=True, next_step_due__isnull=False)
    assert list(pending) == [hue_call]


def test_an_overdue_member_next_step_is_on_the_coordinators_home(world, hue_call):
    page = world.client_for("coordinator").get("/").content.decode()
    assert f'href="{world.hue.get_absolute_url()}#member-interaction-{hue_call.pk}"' in page


# Who sees what ------------------------------------------------------------------------------


def test_the_focal_point_reads_its_own_members_contacts(world, hue_call):
    assert "Call with the focal point of Huế" in _page(world, "focal_point", world.hue)


def test_the_focal_point_is_not_offered_to_log_or_edit(world, hue_call):
    page = _page(world, "focal_point", world.hue)
    assert _edit_url(hue_call) not in page


def test_the_focal_point_never_sees_another_members_contacts(world):
    InteractionFactory(organisation=None, member=world.vientiane, network=world.vientiane.network, summary="Secret")
    page = _page(world, "focal_point", world.vientiane)
    assert "Contacts with the member" not in page


def test_a_partner_sees_no_member_contacts(world, hue_call):
    assert "Call with the focal point of Huế" not in _page(world, "partner", world.hue)


@pytest.mark.parametrize("role", ["focal_point", "partner"])
def test_only_the_networks_staff_log_an_interaction(world, role):
    assert world.client_for(role).post(_create_url(world.hue), _data()).status_code == 403


def test_the_focal_point_cannot_edit_its_members_interaction(world, hue_call):
    assert world.client_for("focal_point").get(_edit_url(hue_call)).status_code == 403


def test_another_networks_coordinator_cannot_edit_it(world, hue_call):
    other = UserFactory(role=Role.COORDINATOR, network=NetworkFactory(code="maghreb"))
    client = Client()
    client.force_login(other)
    assert client.get(_edit_url(hue_call)).status_code == 404


def test_the_selector_lists_a_members_interactions_newest_first(world):
    older = InteractionFactory(
        organisation=None, member=world.hue, network=world.hue.network, date=datetime.date(2024, 1, 1)
    )
    newer = InteractionFactory(
        organisation=None, member=world.hue, network=world.hue.network, date=datetime.date(2024, 2, 1)
    )
    InteractionFactory(organisation=None, member=world.vientiane, network=world.hue.network)
    assert list(member_interactions(member=world.hue)) == [newer, older]


# Text as typed ------------------------------------------------------------------------------


def test_html_in_a_summary_is_shown_as_text(world):
    InteractionFactory(
        organisation=None, member=world.hue, network=world.hue.network, summary="<script>alert(1)</script>"
    )
    page = _page(world, "coordinator", world.hue)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_lao_text_survives(world):
    world.client_for("coordinator").post(_create_url(world.vientiane), _data(summary="ປະຊຸມກັບເຈົ້າຄອງນະຄອນ"))
    assert "ປະຊຸມກັບເຈົ້າຄອງນະຄອນ" in _page(world, "coordinator", world.vientiane)


def test_the_section_is_in_french_for_a_french_reader(world, hue_call):
    user = world.users["coordinator"]
    user.language = "fr"
    user.save()
    assert "Échanges avec le membre" in _page(world, "coordinator", world.hue)


# The rule: an organisation or a member, exactly one ------------------------------------------


def test_an_interaction_with_both_an_organisation_and_a_member_is_refused_by_the_database(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Interaction.objects.create(
            organisation=OrganisationFactory(),
            member=world.hue,
            network=world.hue.network,
            kind="call",
            date=datetime.date(2024, 1, 1),
            summary="Both",
        )


def test_an_interaction_with_neither_is_refused_by_the_database(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Interaction.objects.create(
            network=world.hue.network, kind="call", date=datetime.date(2024, 1, 1), summary="Nobody"
        )


def test_an_interaction_with_a_member_of_another_network_is_refused(world):
    interaction = Interaction(
        member=MemberFactory(network=NetworkFactory(code="maghreb")),
        network=world.hue.network,
        kind="call",
        date=datetime.date(2024, 1, 1),
        summary="Elsewhere",
    )
    with pytest.raises(ValidationError):
        interaction.full_clean()
