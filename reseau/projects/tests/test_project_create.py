"""Proposing a project: who may, for which member, and what is refused."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from reseau.accounts.models import Role
from reseau.audit.models import AuditEvent
from reseau.audit.services import audit_subject_key
from reseau.projects.models import Project, Stage, Transition
from reseau.registry.models import Theme
from tests.factories import DuesFactory, MemberFactory, NetworkFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("projects:project_create")


@pytest.fixture
def themes(db):
    return {
        "sanitation": Theme.objects.create(code="urban-sanitation", kind="work", name_en="Urban sanitation"),
        "gender": Theme.objects.create(code="gender-equality", kind="cross_cutting", name_en="Gender equality"),
    }


def _data(**overrides) -> dict:
    data = {
        "code": "rvase-2025-fsm-hue",
        "title_en": "Faecal sludge management in Huế",
        "title_fr": "Gestion des boues de vidange à Huế",
        "summary_en": "Treatment plant and collection.",
        "summary_fr": "",
        "start_date": "2025-03-01",
        "end_date": "2027-02-28",
        "total_budget": "1250000.50",
        "currency": "USD",
    }
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


def _errors(response) -> dict:
    assert response.status_code == 200, response.status_code
    return response.context["form"].errors


def test_who_may_propose(world):
    anonymous = world.client_for("anonymous").get(URL)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("accounts:login"))
    assert world.client_for("partner").get(URL).status_code == 403
    assert world.client_for("partner").post(URL, _data(lead_member=world.hue.pk)).status_code == 403
    for role in ("focal_point", "coordinator", "secretariat"):
        assert world.client_for(role).get(URL).status_code == 200, role
    assert not Project.objects.exists()


def test_a_focal_point_proposes_for_its_own_member(world, themes):
    client = world.client_for("focal_point")
    page = client.get(URL).content.decode()
    assert 'name="lead_member"' not in page
    assert 'name="shared_with_partners"' not in page
    assert "Vientiane Capital — Dues not recorded" in page

    response = client.post(
        URL,
        # A lead member typed into the request is ignored: the focal point's own member leads.
        _data(
            lead_member=world.vientiane.pk,
            themes=[themes["sanitation"].pk, themes["gender"].pk],
            members=[world.vientiane.pk],
            shared_with_partners="on",
        ),
    )
    project = Project.objects.get()
    assert response.status_code == 302
    assert response["Location"] == project.get_absolute_url()
    assert project.lead_member == world.hue
    assert project.network == world.hue.network
    assert project.stage == Stage.PROPOSED
    assert project.proposed_by_user == world.users["focal_point"]
    assert not project.shared_with_partners
    assert project.title_en == "Faecal sludge management in Huế"
    assert project.title_fr == "Gestion des boues de vidange à Huế"
    assert project.start_date == datetime.date(2025, 3, 1)
    assert project.end_date == datetime.date(2027, 2, 28)
    assert project.total_budget == Decimal("1250000.50")
    assert project.currency == "USD"
    assert set(project.themes.all()) == set(themes.values())
    assert list(project.members.all()) == [world.vientiane]
    first = Transition.objects.get(project=project)
    assert (first.from_stage, first.to_stage, first.by) == ("", Stage.PROPOSED, world.users["focal_point"])
    assert AuditEvent.objects.filter(subject=audit_subject_key(project), action="created").count() == 1

    followed = client.get(response["Location"]).content.decode()
    assert "Project proposed." in followed


def test_the_coordinator_chooses_among_its_networks_members(world):
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    tunis = MemberFactory(network=maghreb, country=world.hue.country, slug="tunis", name_en="Tunis")
    page = world.client_for("coordinator").get(URL).content.decode()
    assert 'name="lead_member"' in page
    assert "Tunis" not in page
    assert 'name="shared_with_partners"' in page

    refused = world.client_for("coordinator").post(URL, _data(lead_member=tunis.pk))
    assert "lead_member" in _errors(refused)

    response = world.client_for("coordinator").post(
        URL, _data(lead_member=world.vientiane.pk, members=[world.hue.pk], shared_with_partners="on")
    )
    assert response.status_code == 302
    project = Project.objects.get()
    assert project.lead_member == world.vientiane
    assert project.shared_with_partners
    assert project.proposed_by_user == world.users["coordinator"]


def test_the_secretariat_may_name_any_member_and_the_network_follows(world):
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    tunis = MemberFactory(network=maghreb, country=world.hue.country, slug="tunis", name_en="Tunis")
    page = world.client_for("secretariat").get(URL).content.decode()
    assert "Tunis (Maghreb)" in page
    assert "Huế (RVASE)" in page

    # Participating members come from the lead member's network only.
    refused = world.client_for("secretariat").post(URL, _data(lead_member=tunis.pk, members=[world.hue.pk]))
    assert _errors(refused)["members"] == ["Choose only members of the lead member's network."]

    response = world.client_for("secretariat").post(URL, _data(lead_member=tunis.pk))
    assert response.status_code == 302
    assert Project.objects.get().network == maghreb


def test_members_show_their_dues_standing(world):
    DuesFactory(member=world.vientiane, year=2024, status="due")
    page = world.client_for("coordinator").get(URL).content.decode()
    assert "Vientiane Capital — Dues outstanding" in page
    assert "Huế — Dues not recorded" in page
    assert "Only members up to date with their dues" in page


def test_the_lead_member_is_not_counted_among_the_participants(world):
    world.client_for("focal_point").post(URL, _data(members=[world.hue.pk, world.vientiane.pk]))
    assert list(Project.objects.get().members.all()) == [world.vientiane]


def test_themes_are_offered_work_themes_first(world, themes):
    page = world.client_for("coordinator").get(URL).content.decode()
    assert page.index("Urban sanitation — Work theme") < page.index("Gender equality — Cross-cutting theme")
    assert 'type="checkbox" name="themes"' in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end_date": "2025-02-28"}, "end_date", "The end date cannot be before the start date."),
        ({"total_budget": "-5"}, "total_budget", "An amount cannot be negative."),
        ({"total_budget": "abc"}, "total_budget", "Enter a number."),
        ({"total_budget": "10.123"}, "total_budget", "Ensure that there are no more than 2 decimal places."),
        ({"currency": "XYZ"}, "currency", "Select a valid choice. XYZ is not one of the available choices."),
        ({"code": "board"}, "code", "“board” is a word the site uses in its addresses: choose another code."),
        ({"code": "new"}, "code", "“new” is a word the site uses in its addresses: choose another code."),
        ({"code": "rates"}, "code", "“rates” is a word the site uses in its addresses: choose another code."),
        ({"code": "FSM in Huế"}, "code", None),
        ({"code": "fsm/hue"}, "code", None),
        ({"code": ""}, "code", "This field is required."),
        ({"title_en": "", "title_fr": ""}, "title_en", "Enter the title in English, in French or in both."),
        ({"start_date": "tomorrow"}, "start_date", "Enter a valid date."),
    ],
)
def test_bad_input_is_refused_and_kept(world, overrides, field, message):
    response = world.client_for("coordinator").post(URL, _data(lead_member=world.hue.pk, **overrides))
    errors = _errors(response)
    assert field in errors
    if message is not None:
        assert message in errors[field]
    assert not Project.objects.exists()
    page = response.content.decode()
    assert "Please correct the errors below." in page or "form-errors" in page
    # What was typed is still there to correct.
    assert 'value="Faecal sludge management in Huế"' in page or field == "title_en"


def test_a_code_already_taken_is_refused(world):
    ProjectFactory(network=world.hue.network, lead_member=world.hue, code="rvase-2025-fsm-hue")
    response = world.client_for("coordinator").post(URL, _data(lead_member=world.hue.pk, code="RVASE-2025-FSM-HUE"))
    assert _errors(response)["code"] == ["A project with this code already exists."]


def test_the_code_is_stored_in_lower_case(world):
    world.client_for("focal_point").post(URL, _data(code="  RVASE-2025-FSM-Hue "))
    assert Project.objects.get().code == "rvase-2025-fsm-hue"


def test_a_khmer_title_round_trips(world):
    title = "ការគ្រប់គ្រងកាកសំណល់ ភ្នំពេញ"
    response = world.client_for("coordinator").post(
        URL, _data(lead_member=world.hue.pk, code="rvase-2025-khmer", title_en=title, title_fr="")
    )
    assert response.status_code == 302
    project = Project.objects.get()
    assert project.title_en == title
    page = world.client_for("coordinator").get(project.get_absolute_url()).content.decode()
    assert f"<h1>{title}</h1>" in page
    edit = world.client_for("coordinator").get(reverse("projects:project_edit", args=[project.code])).content.decode()
    assert f'value="{title}"' in edit


def test_a_focal_point_without_a_member_cannot_propose(world):
    orphan = UserFactory(email="orphan@reseau.test", role=Role.FOCAL_POINT, network=world.hue.network)
    client = Client()
    client.force_login(orphan)
    response = client.post(URL, _data())
    assert "Your account is not attached to a member." in response.content.decode()
    assert not Project.objects.exists()


def test_a_title_in_french_only_is_shown_everywhere(world):
    client = world.client_for("focal_point")
    title = "Titre seulement en français"
    response = client.post(URL, _data(code="fr-only", title_en="", title_fr=title))
    assert response.status_code == 302
    project = Project.objects.get()
    assert project.title_fr == title
    assert not project.title_en
    assert f"<h1>{title}</h1>" in client.get(project.get_absolute_url()).content.decode()
    assert title in client.get(reverse("projects:project_list"), headers={"HX-Request": "true"}).content.decode()
    assert title in client.get(reverse("projects:board")).content.decode()
    assert title in client.get(world.hue.get_absolute_url()).content.decode()
