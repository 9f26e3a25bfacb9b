"""Recording and editing a decision or action item: who may, what is offered, what is refused."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from reseau.audit.models import AuditEvent
from reseau.decisions.models import Decision
from tests.factories import (
    ActivityFactory,
    DecisionFactory,
    MemberFactory,
    NetworkFactory,
    PersonFactory,
    PlanFactory,
)

pytestmark = pytest.mark.django_db

CREATE = reverse("decisions:decision_create")


def _edit(decision: Decision) -> str:
    return reverse("decisions:decision_edit", kwargs={"pk": decision.pk})


@pytest.fixture
def choices(world):
    network = world.hue.network
    plan = PlanFactory(network=network, code="annual-2025", title_en="Annual action plan 2025")
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    tunis = MemberFactory(network=maghreb, slug="tunis", name_en="Tunis")
    return {
        "person": PersonFactory(member=world.hue, name="Lê Văn Cường", email="cuong@hue.example"),
        "aimf_person": PersonFactory(member=None, name="Claire Martin", email="claire.martin@aimf.example"),
        "tunis_person": PersonFactory(member=tunis, name="Sami Ben Ali"),
        "tunis": tunis,
        "activity": ActivityFactory(axis__plan=plan, number=4, title_en="Study tour on urban sanitation"),
        "other_activity": ActivityFactory(axis__plan=PlanFactory(network=maghreb, code="maghreb-2025"), number=1),
    }


def _data(choices, **changes) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": "action",
        "title_en": "Send the study tour programme",
        "title_fr": "Envoyer le programme du voyage d'étude",
        "meeting": "Annual meeting 2024, Huế",
        "meeting_date": "2024-11-20",
        "owner_person": choices["person"].pk,
        "owner_member": "",
        "due_date": "2025-01-31",
        "status": "open",
        "activities": [choices["activity"].pk],
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


@pytest.mark.parametrize(("role", "status"), [("partner", 403), ("focal_point", 403)])
def test_only_staff_record_and_edit(world, choices, role, status):
    decision = DecisionFactory(network=world.hue.network, title_en="Adopt the road map")
    client = world.client_for(role)
    assert client.get(CREATE).status_code == status
    assert client.post(CREATE, _data(choices)).status_code == status
    assert client.get(_edit(decision)).status_code == status
    assert client.post(_edit(decision), _data(choices)).status_code == status
    assert Decision.objects.count() == 1
    decision.refresh_from_db()
    assert decision.title_en == "Adopt the road map"


def test_anonymous_visitors_are_sent_to_sign_in(world, choices):
    decision = DecisionFactory(network=world.hue.network)
    for url in (CREATE, _edit(decision)):
        response = world.client_for("anonymous").post(url, _data(choices))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    assert Decision.objects.count() == 1


def test_the_coordinator_records_an_action_item_linked_to_an_activity(world, choices):
    client = world.client_for("coordinator")
    response = client.post(CREATE, _data(choices))
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == decision.get_absolute_url()
    assert decision.network == world.hue.network
    assert decision.kind == "action"
    assert decision.status == "open"
    assert decision.title_en == "Send the study tour programme"
    assert decision.title_fr == "Envoyer le programme du voyage d'étude"
    assert decision.meeting_date == datetime.date(2024, 11, 20)
    assert decision.due_date == datetime.date(2025, 1, 31)
    assert decision.owner_person == choices["person"]
    assert decision.owner_member is None
    assert list(decision.activities.all()) == [choices["activity"]]
    assert list(choices["activity"].decisions.all()) == [decision]
    assert AuditEvent.objects.filter(action="created").count() == 1
    assert "Decision recorded." in client.get(decision.get_absolute_url()).content.decode()


def test_the_form_offers_the_networks_people_members_and_activities(world, choices):
    page = world.client_for("coordinator").get(CREATE).content.decode()
    assert "Lê Văn Cường (Huế)" in page
    assert "Claire Martin" in page
    assert "Sami Ben Ali" not in page
    assert "Tunis" not in page
    assert "maghreb-2025" not in page
    assert '<optgroup label="Annual action plan 2025">' in page  # the plan's title, not its code
    assert ">4. Study tour on urban sanitation</option>" in page
    assert 'name="network"' not in page
    assert "Give the action item an owner" not in page


@pytest.mark.parametrize(
    ("field", "value"),
    [("owner_person", "tunis_person"), ("owner_member", "tunis"), ("activities", "other_activity")],
)
def test_the_coordinator_cannot_choose_from_another_network(world, choices, field, value):
    chosen = choices[value].pk
    response = world.client_for("coordinator").post(
        CREATE, _data(choices, **{field: [chosen] if field == "activities" else chosen})
    )
    assert response.status_code == 200
    assert not Decision.objects.exists()
    assert "Select a valid choice" in response.content.decode()


def test_the_secretariat_chooses_the_network_and_what_belongs_to_it(world, choices):
    client = world.client_for("secretariat")
    page = client.get(CREATE).content.decode()
    assert 'name="network"' in page
    assert "Tunis (Maghreb)" in page
    assert "Huế (RVASE)" in page
    maghreb = choices["tunis"].network
    response = client.post(CREATE, _data(choices, network=maghreb.pk))
    content = response.content.decode()
    assert response.status_code == 200
    assert not Decision.objects.exists()
    assert "Choose a person of one of the chosen network&#x27;s members, or one who works for no member." in content
    assert "Choose activities of the chosen network&#x27;s plans." in content
    response = client.post(
        CREATE, _data(choices, owner_person="", owner_member=world.vientiane.pk, network=maghreb.pk, activities=[])
    )
    assert "Choose a member of the chosen network." in response.content.decode()
    response = client.post(
        CREATE,
        _data(
            choices,
            network=maghreb.pk,
            owner_person=choices["aimf_person"].pk,
            owner_member=choices["tunis"].pk,
            activities=[choices["other_activity"].pk],
        ),
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.network == maghreb
    assert decision.owner_member == choices["tunis"]


def test_an_action_item_needs_an_owner(world, choices):
    response = world.client_for("coordinator").post(CREATE, _data(choices, owner_person="", owner_member=""))
    assert response.status_code == 200
    assert not Decision.objects.exists()
    assert "Give the action item an owner: a person or a member." in response.content.decode()


def test_a_decision_may_have_no_owner_and_an_item_may_have_both(world, choices):
    client = world.client_for("coordinator")
    assert client.post(CREATE, _data(choices, kind="decision", owner_person="", due_date="")).status_code == 302
    both = _data(choices, owner_member=world.hue.pk, title_en="Both owners")
    assert client.post(CREATE, both).status_code == 302
    decision = Decision.objects.get(title_en="Both owners")
    assert decision.owner_person == choices["person"]
    assert decision.owner_member == world.hue


def test_the_due_date_cannot_be_before_the_meeting(world, choices):
    client = world.client_for("coordinator")
    response = client.post(CREATE, _data(choices, meeting_date="2024-11-20", due_date="2024-11-19"))
    assert response.status_code == 200
    assert not Decision.objects.exists()
    assert "The due date cannot be before the meeting date." in response.content.decode()
    assert client.post(CREATE, _data(choices, meeting_date="2024-11-20", due_date="2024-11-20")).status_code == 302


@pytest.mark.parametrize("field", ["meeting_date", "due_date"])
def test_bad_dates_are_refused(world, choices, field):
    response = world.client_for("coordinator").post(CREATE, _data(choices, **{field: "31/02/2025"}))
    assert response.status_code == 200
    assert not Decision.objects.exists()
    assert "Enter a valid date." in response.content.decode()


def test_the_title_in_english_is_required_and_the_kind_and_status_must_be_known(world, choices):
    client = world.client_for("coordinator")
    response = client.post(CREATE, _data(choices, title_en="  "))
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert client.post(CREATE, _data(choices, kind="wish")).status_code == 200
    assert client.post(CREATE, _data(choices, status="forgotten")).status_code == 200
    assert not Decision.objects.exists()


def test_khmer_text_round_trip(world, choices):
    client = world.client_for("coordinator")
    title = "រៀបចំកម្មវិធីទស្សនកិច្ចសិក្សា នៅភ្នំពេញ"
    assert client.post(CREATE, _data(choices, title_en=title, meeting="កិច្ចប្រជុំប្រចាំឆ្នាំ")).status_code == 302
    decision = Decision.objects.get()
    assert decision.title_en == title
    assert decision.meeting == "កិច្ចប្រជុំប្រចាំឆ្នាំ"
    page = client.get(decision.get_absolute_url()).content.decode()
    assert title in page
    assert "កិច្ចប្រជុំប្រចាំឆ្នាំ" in page
    assert title in client.get(_edit(decision)).content.decode()


def test_html_typed_in_a_title_is_shown_as_text(world, choices):
    client = world.client_for("coordinator")
    response = client.post(CREATE, _data(choices, title_en="<script>alert(1)</script>", due_date="bad"))
    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_editing_saves_the_changes_and_records_them(world, choices):
    decision = DecisionFactory(
        network=world.hue.network, kind="action", title_en="Draft the concept note", owner_member=world.hue
    )
    client = world.client_for("coordinator")
    page = client.get(_edit(decision)).content.decode()
    assert "Draft the concept note" in page
    assert "Edit a decision" in page
    response = client.post(_edit(decision), _data(choices, title_en="Draft the concept note", status="done"))
    assert response.status_code == 302
    assert response["Location"] == decision.get_absolute_url()
    decision.refresh_from_db()
    assert decision.status == "done"
    assert list(decision.activities.all()) == [choices["activity"]]
    event = AuditEvent.objects.get(action="updated")
    assert "status" in event.changes
    assert "Changes saved." in client.get(decision.get_absolute_url()).content.decode()


def test_saving_without_changes_says_so(world, choices):
    client = world.client_for("secretariat")
    client.post(CREATE, _data(choices, network=world.hue.network.pk))
    decision = Decision.objects.get()
    response = client.post(_edit(decision), _data(choices), follow=True)
    assert "Nothing was changed." in response.content.decode()
    # Editing keeps the decision in its network: no network field then.
    assert 'name="network"' not in client.get(_edit(decision)).content.decode()


def test_an_invalid_edit_changes_nothing(world, choices):
    decision = DecisionFactory(network=world.hue.network, kind="action", title_en="Keep me", owner_member=world.hue)
    response = world.client_for("coordinator").post(
        _edit(decision), _data(choices, title_en="Changed", owner_person="")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Give the action item an owner" in content
    # The page's heading and cancel link name the stored decision, not what was typed.
    assert "Keep me" in content
    decision.refresh_from_db()
    assert decision.title_en == "Keep me"


def test_decisions_of_another_network_cannot_be_edited_by_the_coordinator(world, choices):
    other = DecisionFactory(network=choices["tunis"].network, title_en="Open an office in Tunis")
    assert world.client_for("coordinator").get(_edit(other)).status_code == 404
    assert world.client_for("secretariat").get(_edit(other)).status_code == 200


@pytest.mark.browser
def test_browser_journey_record_follow_up_and_home(rvase, live_server, page, axe):
    """A coordinator records an action item for Huế; Huế's focal point reads it on its home page and reports.

    axe-core runs on every page, at a desktop and a phone viewport; no page is wider than the screen.
    """
    from playwright.sync_api import expect

    from reseau.plans.models import Plan
    from reseau.registry.models import Member
    from tests.browser.fixtures import sign_in

    def check(label: str) -> None:
        axe.check(page, label)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{page.url} is {overflow}px wider than the screen"

    hue = Member.objects.get(slug="hue")
    plan = Plan.objects.filter(network=hue.network).first() or PlanFactory(network=hue.network, code="browser-plan")
    ActivityFactory(axis__plan=plan, number=900, title_en="Study tour on faecal sludge management")

    sign_in(page, "coordinator@reseau.test")
    page.goto("/decisions/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Decisions register")
    check("decision list")
    page.get_by_role("link", name="Record a decision").click()
    check("decision form")
    page.get_by_label("Decision or action, in English").fill("Send the study tour programme to the members")
    page.get_by_label("Meeting", exact=True).fill("Annual meeting 2024, Huế")
    page.get_by_label("Meeting date").fill("2024-11-20")
    page.get_by_label("Due date").fill("2024-11-19")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The due date cannot be before the meeting date.")).to_be_visible()
    expect(page.get_by_text("Give the action item an owner: a person or a member.")).to_be_visible()
    check("decision form with errors")
    page.get_by_label("Due date").fill("2024-12-31")
    page.get_by_label("Owner (member)").select_option(label=hue.name)
    page.get_by_label("Plan activities").select_option(label="900. Study tour on faecal sludge management")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Send the study tour programme to the members")
    expect(page.get_by_text("Overdue").first).to_be_visible()
    check("decision page")
    page.goto("/decisions/?overdue=on")
    expect(page.get_by_role("link", name="Send the study tour programme to the members")).to_be_visible()
    check("filtered decision list")
    page.goto("/")
    expect(page.get_by_role("heading", name=re.compile("Decisions overdue"))).to_be_visible()
    check("coordinator home")

    page.context.clear_cookies()
    sign_in(page, "focal.hue@reseau.test")
    expect(page.get_by_role("heading", name=re.compile("Your decisions overdue"))).to_be_visible()
    check("focal point home")
    page.get_by_role("link", name="Send the study tour programme to the members").click()
    page.get_by_role("link", name="Add a follow-up note").first.click()
    check("note form")
    page.get_by_label("Follow-up").fill("The programme was sent on Monday.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The programme was sent on Monday.")).to_be_visible()
    check("decision page with a note")
    axe.assert_clean()


def test_a_decision_can_be_tied_to_a_meeting_of_the_calendar(world, choices):
    """The register offers the network's meetings; the decision page then leads to the event."""
    from tests.factories import EventFactory

    meeting = EventFactory(network=world.hue.network, slug="annual-meeting-2024", title_en="Annual meeting 2024")
    elsewhere = EventFactory(network=NetworkFactory(code="maghreb"), slug="maghreb-meeting", title_en="Tunis meeting")
    client = world.client_for("coordinator")
    page = client.get(CREATE).content.decode()
    assert "Annual meeting 2024" in page
    assert "Tunis meeting" not in page

    response = client.post(CREATE, _data(choices, event=meeting.pk))
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert decision.event == meeting
    assert meeting.get_absolute_url() in client.get(decision.get_absolute_url()).content.decode()

    # The secretariat records for any network, but not with another network's meeting.
    response = world.client_for("secretariat").post(
        CREATE, _data(choices, network=world.hue.network.pk, event=elsewhere.pk)
    )
    assert response.status_code == 200
    assert "Choose a meeting of the chosen network." in response.content.decode()
    assert Decision.objects.count() == 1
