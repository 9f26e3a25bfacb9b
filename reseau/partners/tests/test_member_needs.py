"""Members' needs: recorded by the member's focal point or the network's staff, followed up, and
closed only with an answer; the network-wide list for the coordinator."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from reseau.accounts.models import Role
from reseau.audit.models import AuditEvent
from reseau.partners.models import MemberNeed
from reseau.partners.selectors import needs_open_for_network
from tests.factories import MemberFactory, MemberNeedFactory, NetworkFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("partners:need_list")


def _create_url(member) -> str:
    return reverse("partners:need_create", kwargs={"slug": member.slug})


def _edit_url(need: MemberNeed) -> str:
    return reverse("partners:need_edit", kwargs={"pk": need.pk})


def _close_url(need: MemberNeed) -> str:
    return reverse("partners:need_close", kwargs={"pk": need.pk})


def _data(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": "training",
        "title": "Training on faecal sludge management",
        "description": "For the technicians of the sanitation unit.",
        "expressed_on": "2024-03-01",
        "expressed_by": "",
    }
    data.update(changes)
    return data


def _staff_data(**changes: object) -> dict[str, object]:
    return _data(**{"status": "open", "owner": "", "due": "", **changes})


@pytest.fixture
def need(world):
    return MemberNeedFactory(member=world.hue, title="Training on FSM", expressed_on=datetime.date(2024, 3, 1))


def _page(world, role: str, member) -> str:
    response = world.client_for(role).get(member.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


# Recording ----------------------------------------------------------------------------------


def test_the_focal_point_records_a_need_of_its_own_member(world):
    response = world.client_for("focal_point").post(_create_url(world.hue), _data(), follow=True)
    page = response.content.decode()
    assert "Need recorded." in page
    assert "Training on faecal sludge management" in page


def test_a_recorded_need_is_open(world):
    world.client_for("focal_point").post(_create_url(world.hue), _data())
    assert MemberNeed.objects.get().status == MemberNeed.Status.OPEN


def test_the_focal_points_form_leaves_follow_up_to_the_staff(world):
    form = world.client_for("focal_point").get(_create_url(world.hue)).context["form"]
    assert {"status", "owner", "due"}.isdisjoint(form.fields)


def test_the_focal_point_cannot_record_a_need_for_another_member(world):
    assert world.client_for("focal_point").post(_create_url(world.vientiane), _data()).status_code == 403


def test_nothing_is_recorded_for_another_member(world):
    world.client_for("focal_point").post(_create_url(world.vientiane), _data())
    assert not MemberNeed.objects.exists()


def test_a_partner_cannot_record_a_need(world):
    assert world.client_for("partner").post(_create_url(world.hue), _data()).status_code == 403


def test_the_coordinator_records_a_need_with_who_follows_it_up(world):
    coordinator = world.users["coordinator"]
    world.client_for("coordinator").post(
        _create_url(world.hue), _staff_data(owner=coordinator.pk, due="2024-04-30", status="in_progress")
    )
    need = MemberNeed.objects.get()
    assert (need.owner, need.due, need.status) == (coordinator, datetime.date(2024, 4, 30), "in_progress")


def test_recording_leaves_a_history_row_on_the_member(world):
    world.client_for("coordinator").post(_create_url(world.hue), _staff_data())
    event = AuditEvent.objects.get(action="created", object_repr__contains="Training on faecal")
    assert event.subject == f"registry.member:{world.hue.pk}"


def test_who_expressed_it_is_one_of_the_members_people(world):
    stranger = PersonFactory(member=world.vientiane)
    response = world.client_for("coordinator").post(_create_url(world.hue), _staff_data(expressed_by=stranger.pk))
    assert "expressed_by" in response.context["form"].errors


def test_a_new_need_cannot_be_recorded_as_answered(world):
    response = world.client_for("coordinator").post(_create_url(world.hue), _staff_data(status="answered"))
    assert "status" in response.context["form"].errors


def test_a_need_expressed_in_the_future_is_refused(world):
    response = world.client_for("focal_point").post(_create_url(world.hue), _data(expressed_on="2999-01-01"))
    assert "The date cannot be in the future." in response.content.decode()


# Answering ----------------------------------------------------------------------------------


def test_the_coordinator_answers_a_need(world, need):
    world.client_for("coordinator").post(
        _close_url(need), {"status": "answered", "answer": "Training held in Phnom Penh.", "answered_on": "2024-05-02"}
    )
    need.refresh_from_db()
    assert (need.status, need.answer, need.answered_on) == (
        "answered",
        "Training held in Phnom Penh.",
        datetime.date(2024, 5, 2),
    )


def test_the_answer_records_who_answered(world, need):
    world.client_for("coordinator").post(
        _close_url(need), {"status": "answered", "answer": "Done.", "answered_on": "2024-05-02"}
    )
    need.refresh_from_db()
    assert need.answered_by == world.users["coordinator"]


def test_the_focal_point_reads_the_answer_on_its_members_page(world, need):
    world.client_for("coordinator").post(
        _close_url(need), {"status": "declined", "answer": "No budget this year.", "answered_on": "2024-05-02"}
    )
    assert "No budget this year." in _page(world, "focal_point", world.hue)


def test_answering_without_an_answer_is_refused(world, need):
    response = world.client_for("coordinator").post(
        _close_url(need), {"status": "answered", "answer": "   ", "answered_on": "2024-05-02"}
    )
    assert "Write the answer given to the member" in response.content.decode()


def test_a_refused_answer_leaves_the_need_open(world, need):
    world.client_for("coordinator").post(
        _close_url(need), {"status": "declined", "answer": "", "answered_on": "2024-05-02"}
    )
    need.refresh_from_db()
    assert need.status == "open"


def test_an_answer_dated_before_the_need_is_refused_keeping_what_was_typed(world, need):
    response = world.client_for("coordinator").post(
        _close_url(need), {"status": "answered", "answer": "Sent the programme.", "answered_on": "2024-01-15"}
    )
    page = response.content.decode()
    assert "The answer cannot be dated before the need was expressed." in page
    assert "Sent the programme." in page


def test_closing_through_the_edit_page_also_needs_an_answer(world, need):
    need.status = "answered"
    need.answer = "Done."
    need.answered_on = datetime.date(2024, 5, 1)
    need.save()
    response = world.client_for("coordinator").post(
        _edit_url(need), _staff_data(status="answered", answer="", answered_on="2024-05-01")
    )
    assert "Write the answer given to the member" in response.content.decode()


def test_a_closed_need_can_be_reopened(world, need):
    MemberNeed.objects.filter(pk=need.pk).update(
        status="answered", answer="Done.", answered_on=datetime.date(2024, 5, 1)
    )
    world.client_for("coordinator").post(
        _edit_url(need), _staff_data(status="open", answer="Done.", answered_on="2024-05-01")
    )
    need.refresh_from_db()
    assert need.status == "open"


def test_the_database_refuses_a_closed_need_without_an_answer(world, need):
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberNeed.objects.filter(pk=need.pk).update(status="declined")


@pytest.mark.parametrize("role", ["focal_point", "partner"])
def test_only_the_networks_staff_answer(world, need, role):
    assert world.client_for(role).get(_close_url(need)).status_code == 403


def test_another_networks_coordinator_does_not_find_the_need(world, need):
    client = Client()
    client.force_login(UserFactory(role=Role.COORDINATOR, network=NetworkFactory(code="maghreb")))
    assert client.get(_close_url(need)).status_code == 404


# The member's page ---------------------------------------------------------------------------


def test_the_member_page_shows_the_need_with_its_status(world, need):
    page = _page(world, "coordinator", world.hue)
    assert '<span class="badge warn">Open</span>' in page


def test_the_focal_point_never_sees_another_members_needs(world):
    MemberNeedFactory(member=world.vientiane, title="Vientiane's request")
    assert "Vientiane&#x27;s request" not in _page(world, "focal_point", world.vientiane)


def test_a_partner_sees_no_need(world, need):
    assert "Training on FSM" not in _page(world, "partner", world.hue)


def test_html_in_a_need_is_shown_as_text(world):
    MemberNeedFactory(member=world.hue, title="<b>Urgent</b>")
    assert "&lt;b&gt;Urgent&lt;/b&gt;" in _page(world, "coordinator", world.hue)


def test_khmer_text_survives(world):
    member = MemberFactory(network=world.hue.network, slug="phnom-penh", name_en="Phnom Penh")
    world.client_for("coordinator").post(_create_url(member), _staff_data(title="វគ្គបណ្តុះបណ្តាល"))
    assert "វគ្គបណ្តុះបណ្តាល" in _page(world, "coordinator", member)


def test_statuses_read_in_french(world, need):
    user = world.users["coordinator"]
    user.language = "fr"
    user.save()
    assert '<span class="badge warn">Ouvert</span>' in _page(world, "coordinator", world.hue)


# The network-wide list -----------------------------------------------------------------------


def test_the_list_shows_open_needs_first(world):
    MemberNeedFactory(
        member=world.hue,
        title="Old answered",
        status="answered",
        answer="Yes",
        answered_on=datetime.date(2024, 2, 1),
        expressed_on=datetime.date(2024, 1, 1),
    )
    MemberNeedFactory(member=world.hue, title="In progress one", status="in_progress")
    MemberNeedFactory(member=world.vientiane, title="Open one", expressed_on=datetime.date(2024, 6, 1))
    page = world.client_for("coordinator").get(LIST_URL).content.decode()
    assert page.index("Open one") < page.index("In progress one") < page.index("Old answered")


@pytest.mark.parametrize(
    ("query", "shown"),
    [("status=in_progress", "B progressing"), ("kind=funding_search", "C funding"), ("member=vientiane", "C funding")],
)
def test_the_list_filters(world, query, shown):
    MemberNeedFactory(member=world.hue, title="A open training")
    MemberNeedFactory(member=world.hue, title="B progressing", status="in_progress")
    MemberNeedFactory(member=world.vientiane, title="C funding", kind="funding_search")
    page = world.client_for("coordinator").get(f"{LIST_URL}?{query}").content.decode()
    titles = [t for t in ("A open training", "B progressing", "C funding") if t in page]
    assert titles == [shown]


def test_the_list_leaves_out_another_networks_needs_for_a_coordinator(world):
    MemberNeedFactory(member=MemberFactory(network=NetworkFactory(code="maghreb")), title="Elsewhere")
    assert "Elsewhere" not in world.client_for("coordinator").get(LIST_URL).content.decode()


def test_the_secretariat_lists_every_networks_needs(world):
    MemberNeedFactory(member=MemberFactory(network=NetworkFactory(code="maghreb")), title="Elsewhere")
    assert "Elsewhere" in world.client_for("secretariat").get(LIST_URL).content.decode()


def test_the_home_page_leads_the_coordinator_to_the_list(world):
    assert f'href="{LIST_URL}"' in world.client_for("coordinator").get("/").content.decode()


# Selectors for other apps --------------------------------------------------------------------


def test_needs_open_for_network_leaves_out_closed_needs_and_other_networks(world):
    open_need = MemberNeedFactory(member=world.hue, status="open")
    progressing = MemberNeedFactory(member=world.vientiane, status="in_progress")
    MemberNeedFactory(member=world.hue, status="declined", answer="No", answered_on=datetime.date(2024, 3, 2))
    MemberNeedFactory(member=MemberFactory(network=NetworkFactory(code="maghreb")))
    assert set(needs_open_for_network(network=world.hue.network)) == {open_need, progressing}
