"""The seeded decisions are the 2023 annual meeting deck's conclusions, linked to the plan's
activities and to the meeting in the calendar."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from reseau.decisions.models import Decision
from reseau.decisions.seed import load_decisions
from reseau.events.models import Event
from reseau.events.seed import load_events
from reseau.partners.seed import load_partners
from reseau.plans.models import Activity
from reseau.plans.seed import load_plans
from reseau.projects.seed import load_projects
from reseau.registry.seed_rvase import load_rvase

pytestmark = pytest.mark.django_db

PLAN = "rvase-2023-action-plan"


def _load_all() -> dict[str, int]:
    load_rvase()
    load_partners()
    load_projects()
    load_plans()
    load_events()
    return load_decisions()


def _decision(text: str) -> Decision:
    return Decision.objects.get(title_en__contains=text)


def test_decisions_of_the_conclusions():
    _load_all()
    conclusions = Decision.objects.filter(network__code="rvase", meeting_date=datetime.date(2023, 5, 18))
    decisions = list(conclusions.prefetch_related("activities"))
    assert len(decisions) == 16
    for decision in decisions:
        assert decision.meeting == "2023 annual meeting of the RVASE, Phnom Penh"
        assert decision.meeting_date == datetime.date(2023, 5, 18)
        assert decision.title_fr
        assert decision.title_fr != decision.title_en
        assert decision.owner_person is None
        decision.full_clean()
    assert sum(d.kind == Decision.Kind.DECISION for d in decisions) == 3

    themes = _decision("The proposed work themes are agreed and validated.")
    assert (themes.kind, themes.status) == (Decision.Kind.DECISION, Decision.Status.DONE)
    approach = _decision("The thematic approach to structuring the network's work")
    assert approach.kind == Decision.Kind.DECISION

    focal = _decision("each member officially confirms its focal point")
    assert focal.title_en.startswith("By mid-June, each member officially confirms its focal point")
    assert focal.due_date == datetime.date(2023, 6, 15)
    assert focal.kind == Decision.Kind.ACTION
    assert focal.status == Decision.Status.OPEN
    assert focal.owner_member is None
    assert [a.number for a in focal.activities.all()] == [1]
    assert Activity.objects.get(plan__code=PLAN, number=1).decisions.filter(pk=focal.pk).exists()

    location = _decision("location of the RVASE annual meeting in 2024")
    assert [a.number for a in location.activities.all()] == [4]
    assert location.due_date == datetime.date(2023, 10, 23)  # the AIMF Congress (GA), Cotonou
    # Due dates only where the deck gives one.
    assert {d.due_date for d in decisions if d.due_date} == {datetime.date(2023, 6, 15), datetime.date(2023, 10, 23)}

    for text in (
        "A framework agreement will be sought with UCLG-ASPAC.",
        "initiate dialogue with the Asian Development Bank",
        "ASEAN Smart Cities Network: via PPCA",
        "Meet the EU delegations in the three countries",
        "UN-ESCAP (regional office",
    ):
        numbers = {a.number for a in _decision(text).activities.all()}
        assert {2, 15} <= numbers, text

    gender = _decision("Emilie shares and monitors the completion of the questionnaire.")
    assert gender.owner_member is None
    assert gender.owner_person is None

    owners = {d.owner_member.slug for d in decisions if d.owner_member}
    assert owners == {"hue", "vientiane", "phnom-penh"}
    hue = _decision("Hué's bid to host the next AIMF General Assembly")
    assert (hue.kind, hue.status, hue.owner_member.slug) == (Decision.Kind.DECISION, Decision.Status.DONE, "hue")
    assert _decision("The modalities for mobilizing the RVASE will be explored.").owner_member.slug == "vientiane"
    for text in ("constitutive document", "monthly meeting", "shared calendar", "AIMF exchange platform"):
        assert _decision(text).status == Decision.Status.OPEN


def test_they_were_taken_at_the_2023_annual_meeting():
    _load_all()
    meeting = Event.objects.get(slug="rvase-annual-meeting-2023")
    assert Decision.objects.filter(meeting_date=datetime.date(2023, 5, 18)).count() == 16
    assert meeting.decisions.count() == 16


def _snapshot() -> dict[str, list[dict]]:
    return {
        model.__name__: list(model.objects.order_by("pk").values()) for model in (Decision, Decision.activities.through)
    }


def test_running_it_twice_changes_nothing():
    assert _load_all() == {"decisions": 18}
    before = _snapshot()
    assert _load_all() == {"decisions": 0}
    assert _snapshot() == before


def test_what_the_network_moved_on_is_not_moved_back():
    _load_all()
    focal = _decision("each member officially confirms its focal point")
    focal.status = Decision.Status.DONE
    focal.save()
    load_decisions()
    assert _decision("each member officially confirms its focal point").status == Decision.Status.DONE


def test_the_seed_command_loads_the_decisions():
    out = StringIO()
    call_command("seed_rvase", stdout=out)
    assert "decisions: 18" in out.getvalue()
    call_command("seed_rvase", stdout=StringIO())
    assert Decision.objects.count() == 18
    assert Decision.objects.filter(event__slug="rvase-annual-meeting-2023").count() == 16


def test_the_2019_conference_decided_the_common_action_plan():
    _load_all()
    decision = _decision("common action plan is adopted")
    assert decision.event.slug == "second-conference-south-east-asian-cities-2019"


def test_the_2019_conference_created_the_regional_office():
    _load_all()
    assert _decision("regional office of the AIMF").owner_member.slug == "phnom-penh"
