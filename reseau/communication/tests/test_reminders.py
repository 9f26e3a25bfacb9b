"""Each reminder rule on known data, on the day it is due and on a day it is not."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from reseau.accounts.models import Role
from reseau.communication.reminders import reminders_run
from reseau.outbox.models import OutgoingEmail
from reseau.projects.models import Stage, Transition
from tests.factories import (
    DecisionFactory,
    DuesFactory,
    EventFactory,
    FundingOpportunityFactory,
    InteractionFactory,
    PersonFactory,
    ProjectFactory,
    RegistrationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _subjects_to(address: str) -> list[str]:
    return [e.subject for e in OutgoingEmail.objects.all() if e.to == [address]]


# --- Focal point not confirmed (the network's deadline: 15 June 2023 in the factories) ---------


def test_an_unconfirmed_focal_point_is_asked_for_14_days_before_the_deadline(world):
    PersonFactory(member=world.vientiane, email="mayor.office@vientiane.example.org")
    reminders_run(today=datetime.date(2023, 6, 1))
    assert _subjects_to("mayor.office@vientiane.example.org") == ["Focal point to confirm: Vientiane Capital"]


def test_the_coordinator_is_told_of_an_unconfirmed_focal_point(world):
    reminders_run(today=datetime.date(2023, 6, 1))
    assert "Focal point to confirm: Vientiane Capital" in _subjects_to("coordinator@reseau.test")


def test_a_confirmed_focal_point_is_not_asked_for(world, vientiane_focal_point):
    reminders_run(today=datetime.date(2023, 6, 1))
    assert "Focal point to confirm: Vientiane Capital" not in _subjects_to("coordinator@reseau.test")


def test_no_focal_point_reminder_on_another_day(world):
    reminders_run(today=datetime.date(2023, 6, 2))
    assert _subjects_to("coordinator@reseau.test") == []


# --- Dues --------------------------------------------------------------------------------------


def test_dues_of_the_year_are_asked_for_from_february(world, hue_focal_point):
    DuesFactory(member=world.hue, year=2026, amount="1500.00")
    reminders_run(today=datetime.date(2026, 2, 1))
    assert _subjects_to("le.thi.hoa@example.org") == ["Membership dues 2026: Huế"]


def test_dues_are_not_asked_for_in_january(world, hue_focal_point):
    DuesFactory(member=world.hue, year=2026)
    reminders_run(today=datetime.date(2026, 1, 31))
    assert _subjects_to("le.thi.hoa@example.org") == []


def test_dues_are_asked_for_once(world, hue_focal_point):
    DuesFactory(member=world.hue, year=2026)
    reminders_run(today=datetime.date(2026, 2, 1))
    reminders_run(today=datetime.date(2026, 3, 1))
    assert len(_subjects_to("le.thi.hoa@example.org")) == 1


# --- Funding calls -----------------------------------------------------------------------------


@pytest.fixture
def call(world):
    return FundingOpportunityFactory(
        network=world.hue.network,
        title_en="Urban resilience call",
        closes_on=datetime.date(2026, 12, 20),
        status="watching",
    )


def test_a_call_is_announced_14_days_before_it_closes(world, call):
    reminders_run(today=datetime.date(2026, 12, 6))
    assert _subjects_to("coordinator@reseau.test") == ["Closes in 14 days: Urban resilience call"]


def test_a_call_is_announced_again_3_days_before_it_closes(world, call):
    reminders_run(today=datetime.date(2026, 12, 6))
    reminders_run(today=datetime.date(2026, 12, 17))
    assert _subjects_to("coordinator@reseau.test")[0] == "Closes in 3 days: Urban resilience call"


def test_a_call_goes_to_those_following_its_theme(world, call):
    from reseau.communication.services import preference_update
    from reseau.registry.models import Theme

    theme = Theme.objects.create(code="resilience", name_en="Resilience", name_fr="Résilience")
    call.themes.add(theme)
    follower = PersonFactory(member=world.hue, email="planner@hue.example.org")
    preference_update(actor=None, email=follower.email, data={"themes": [theme]})
    reminders_run(today=datetime.date(2026, 12, 6))
    assert len(_subjects_to("planner@hue.example.org")) == 1


def test_a_call_is_not_announced_10_days_before(world, call):
    reminders_run(today=datetime.date(2026, 12, 10))
    assert _subjects_to("coordinator@reseau.test") == []


# --- Next steps and action items -----------------------------------------------------------------


def test_a_next_step_is_recalled_to_its_owner_3_days_before(world):
    InteractionFactory(
        network=world.hue.network,
        next_step="Send the concept note",
        next_step_due=datetime.date(2026, 12, 9),
        next_step_owner=world.users["coordinator"],
    )
    reminders_run(today=datetime.date(2026, 12, 6))
    assert _subjects_to("coordinator@reseau.test") == ["Next step: Send the concept note"]


def test_an_overdue_next_step_is_recalled_the_day_after(world):
    InteractionFactory(
        network=world.hue.network,
        next_step="Send the concept note",
        next_step_due=datetime.date(2026, 12, 5),
        next_step_owner=world.users["coordinator"],
    )
    reminders_run(today=datetime.date(2026, 12, 6))
    assert "was due on 05/12/2026" in OutgoingEmail.objects.get().body


def test_a_next_step_done_is_not_recalled(world):
    InteractionFactory(
        network=world.hue.network,
        next_step="Send the concept note",
        next_step_due=datetime.date(2026, 12, 9),
        next_step_owner=world.users["coordinator"],
        next_step_done_on=datetime.date(2026, 12, 1),
    )
    reminders_run(today=datetime.date(2026, 12, 6))
    assert OutgoingEmail.objects.count() == 0


def test_an_action_item_is_recalled_to_its_owner(world, hue_focal_point):
    DecisionFactory(
        network=world.hue.network,
        title_en="Share the FSM case study",
        owner_person=hue_focal_point,
        due_date=datetime.date(2026, 12, 9),
    )
    reminders_run(today=datetime.date(2026, 12, 6))
    assert _subjects_to("le.thi.hoa@example.org") == ["Action item: Share the FSM case study"]


def test_an_action_item_of_a_member_goes_to_its_focal_points(world, hue_focal_point):
    DecisionFactory(
        network=world.hue.network,
        title_en="Share the FSM case study",
        owner_member=world.hue,
        due_date=datetime.date(2026, 12, 5),
    )
    reminders_run(today=datetime.date(2026, 12, 6))
    assert len(_subjects_to("le.thi.hoa@example.org")) == 1


def test_a_done_action_item_is_not_recalled(world, hue_focal_point):
    DecisionFactory(
        network=world.hue.network, owner_person=hue_focal_point, status="done", due_date=datetime.date(2026, 12, 9)
    )
    reminders_run(today=datetime.date(2026, 12, 6))
    assert OutgoingEmail.objects.count() == 0


# --- Events --------------------------------------------------------------------------------------


def test_an_invited_member_without_delegation_is_reminded_3_days_before_the_deadline(world, vientiane_focal_point):
    from reseau.events.models import Invitation

    event = EventFactory(
        network=world.hue.network,
        title_en="Annual meeting",
        title_fr="Réunion annuelle",
        registration_deadline=datetime.datetime(2031, 5, 4, 10, 0, tzinfo=datetime.UTC),
    )
    Invitation.objects.create(event=event, member=world.vientiane)
    reminders_run(today=datetime.date(2031, 5, 1))
    assert "Inscriptions bientôt closes : Réunion annuelle" in _subjects_to("focal.vientiane@reseau.test")


def test_a_member_with_a_delegation_is_not_reminded(world, vientiane_focal_point):
    from reseau.events.models import Invitation

    event = EventFactory(
        network=world.hue.network,
        title_en="Annual meeting",
        registration_deadline=datetime.datetime(2031, 5, 4, 10, 0, tzinfo=datetime.UTC),
    )
    Invitation.objects.create(event=event, member=world.vientiane)
    RegistrationFactory(event=event, person=vientiane_focal_point)
    reminders_run(today=datetime.date(2031, 5, 1))
    assert not any(s.startswith("Inscriptions") for s in _subjects_to("focal.vientiane@reseau.test"))


def test_those_registered_are_reminded_the_day_before(world, hue_focal_point):
    event = EventFactory(network=world.hue.network, title_en="Focal point meeting")  # 18 May 2031, Phnom Penh
    RegistrationFactory(event=event, person=hue_focal_point)
    reminders_run(today=datetime.date(2031, 5, 17))
    assert _subjects_to("le.thi.hoa@example.org") == ["Tomorrow: Focal point meeting"]


def test_no_day_before_reminder_two_days_before(world, hue_focal_point):
    event = EventFactory(network=world.hue.network, title_en="Focal point meeting")
    RegistrationFactory(event=event, person=hue_focal_point)
    reminders_run(today=datetime.date(2031, 5, 16))
    assert _subjects_to("le.thi.hoa@example.org") == []


# --- Projects ------------------------------------------------------------------------------------


def test_a_project_submitted_is_told_to_the_secretariat(world):
    project = ProjectFactory(network=world.hue.network, lead_member=world.hue, title_en="FSM in Huế")
    Transition.objects.create(
        project=project,
        from_stage=Stage.DESIGN,
        to_stage=Stage.SUBMITTED,
        by=world.users["focal_point"],
        at=timezone.now(),
    )
    reminders_run()
    assert _subjects_to("secretariat@reseau.test") == ["FSM in Huế: Submitted for validation"]


def test_a_project_returned_is_told_to_the_lead_member_focal_points(world, hue_focal_point):
    project = ProjectFactory(network=world.hue.network, lead_member=world.hue, title_en="FSM in Huế")
    Transition.objects.create(
        project=project,
        from_stage=Stage.SUBMITTED,
        to_stage=Stage.RETURNED,
        by=world.users["secretariat"],
        comment="Add the budget",
        at=timezone.now(),
    )
    reminders_run()
    assert "Add the budget" in OutgoingEmail.objects.get(to=["le.thi.hoa@example.org"]).body


def test_the_person_who_moved_the_project_is_not_told(world):
    project = ProjectFactory(network=world.hue.network, lead_member=world.hue)
    Transition.objects.create(
        project=project,
        from_stage=Stage.SUBMITTED,
        to_stage=Stage.VALIDATED,
        by=world.users["coordinator"],
        at=timezone.now(),
    )
    reminders_run()
    assert _subjects_to("coordinator@reseau.test") == []


# --- Twice ---------------------------------------------------------------------------------------


def test_running_the_scheduler_twice_sends_each_reminder_once(world, hue_focal_point):
    DuesFactory(member=world.hue, year=2026)
    InteractionFactory(
        network=world.hue.network,
        next_step="Call back",
        next_step_due=datetime.date(2026, 12, 9),
        next_step_owner=world.users["coordinator"],
    )
    reminders_run(today=datetime.date(2026, 12, 6))
    reminders_run(today=datetime.date(2026, 12, 6))
    assert OutgoingEmail.objects.count() == 2


def test_the_second_run_says_it_sent_nothing(world, hue_focal_point):
    DuesFactory(member=world.hue, year=2026)
    reminders_run(today=datetime.date(2026, 12, 6))
    assert reminders_run(today=datetime.date(2026, 12, 6)) == 0


def test_a_coordinator_of_another_network_is_not_told(world):
    from tests.factories import NetworkFactory

    other = NetworkFactory(code="rvaa", acronym="RVAA", focal_point_deadline=datetime.date(2030, 1, 1))
    UserFactory(email="coordinator.other@reseau.test", role=Role.COORDINATOR, network=other)
    reminders_run(today=datetime.date(2023, 6, 1))
    assert _subjects_to("coordinator.other@reseau.test") == []


# --- Members' contacts and needs -----------------------------------------------------------------


def test_a_next_step_with_a_member_is_recalled_to_its_owner(world):
    InteractionFactory(
        organisation=None,
        member=world.vientiane,
        network=world.hue.network,
        next_step="Send the training programme",
        next_step_due=datetime.date(2026, 12, 9),
        next_step_owner=world.users["coordinator"],
    )
    reminders_run(today=datetime.date(2026, 12, 6))
    assert "with Vientiane Capital is due on 09/12/2026" in OutgoingEmail.objects.get().body


def test_a_need_to_answer_is_recalled_to_the_person_following_it(world):
    from tests.factories import MemberNeedFactory

    MemberNeedFactory(
        member=world.vientiane,
        title="Training on faecal sludge management",
        owner=world.users["coordinator"],
        due=datetime.date(2026, 12, 9),
    )
    reminders_run(today=datetime.date(2026, 12, 6))
    assert _subjects_to("coordinator@reseau.test") == ["Need to answer: Training on faecal sludge management"]


def test_an_answered_need_is_not_recalled(world):
    from tests.factories import MemberNeedFactory

    MemberNeedFactory(
        member=world.vientiane,
        owner=world.users["coordinator"],
        due=datetime.date(2026, 12, 9),
        status="answered",
        answer="Training planned in March",
        answered_on=datetime.date(2026, 12, 1),
    )
    reminders_run(today=datetime.date(2026, 12, 6))
    assert _subjects_to("coordinator@reseau.test") == []
