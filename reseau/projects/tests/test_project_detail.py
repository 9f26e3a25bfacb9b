"""The project page: facts, members, timeline in the network's time, and what each role may do."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from reseau.accounts.models import Role
from reseau.projects import services
from reseau.projects.models import Project, Stage, Transition
from reseau.registry.models import Theme
from tests.factories import DuesFactory, MemberFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(world):
    sanitation = Theme.objects.create(code="urban-sanitation", kind="work", name_en="Urban sanitation")
    can_tho = MemberFactory(network=world.hue.network, country=world.hue.country, slug="can-tho", name_en="Cần Thơ")
    project = ProjectFactory(
        network=world.hue.network,
        code="rvase-2025-fsm-hue",
        title_en="Faecal sludge management in Huế",
        title_fr="Gestion des boues de vidange à Huế",
        summary_en="Collection and treatment.\n\nSecond paragraph.",
        lead_member=world.hue,
        proposed_by=can_tho,
        start_date=datetime.date(2025, 3, 1),
        end_date=datetime.date(2027, 2, 28),
        total_budget=Decimal("1250000.50"),
        currency="USD",
    )
    project.themes.add(sanitation)
    project.members.set([world.vientiane, can_tho])
    return project


def _page(client: Client, project: Project) -> str:
    response = client.get(project.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_the_project(world, project):
    page = _page(world.client_for("coordinator"), project)
    assert "<h1>Faecal sludge management in Huế</h1>" in page
    assert "rvase-2025-fsm-hue" in page
    assert '<span class="badge neutral">Proposed</span>' in page
    assert f'<a href="{world.hue.get_absolute_url()}">Huế</a>' in page
    assert f'<a href="{world.vientiane.get_absolute_url()}">Vientiane Capital</a>' in page
    assert '<a href="/members/can-tho/">Cần Thơ</a>' in page  # participating, and proposed by
    assert "1 March 2025" in page
    assert "28 February 2027" in page
    assert "1,250,000.50 USD" in page
    assert "Urban sanitation" in page
    assert "<p>Collection and treatment.</p>" in page
    assert "<p>Second paragraph.</p>" in page


def test_title_and_summary_in_the_users_language_with_a_fallback(world, project):
    user = world.users["coordinator"]
    user.language = "fr"
    user.save()
    page = _page(world.client_for("coordinator"), project)
    assert "<h1>Gestion des boues de vidange à Huế</h1>" in page
    # No French summary: the English one rather than nothing.
    assert "<p>Collection and treatment.</p>" in page


def test_html_typed_in_the_summary_is_shown_escaped(world, project):
    Project.objects.filter(pk=project.pk).update(
        summary_en='<script>alert("x")</script><b>bold</b>', title_en="<i>Title</i>"
    )
    page = _page(world.client_for("coordinator"), project)
    assert "<script>alert" not in page
    assert "<b>bold</b>" not in page
    assert "<i>Title</i>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in page
    assert "<h1>&lt;i&gt;Title&lt;/i&gt;</h1>" in page


def test_participants_dues_are_shown_to_the_network_not_to_partners(world, project):
    DuesFactory(member=world.vientiane, year=2024, status="due")
    Project.objects.filter(pk=project.pk).update(shared_with_partners=True)
    page = _page(world.client_for("coordinator"), project)
    assert "Dues outstanding" in page
    assert "Dues outstanding" not in _page(world.client_for("partner"), project)


def test_partners_see_shared_projects_only(world, project):
    # A project of the partner's network that is not shared: refused with its reason.
    assert world.client_for("partner").get(project.get_absolute_url()).status_code == 403
    Project.objects.filter(pk=project.pk).update(shared_with_partners=True)
    page = _page(world.client_for("partner"), project)
    assert "Change the stage" not in page
    assert "Edit</a>" not in page
    assert "History of changes" not in page


def test_unknown_code_and_anonymous_visitors(world, project):
    assert world.client_for("coordinator").get("/projects/nowhere/").status_code == 404
    response = world.client_for("anonymous").get(project.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_actions_follow_the_permissions(world, project):
    edit = reverse("projects:project_edit", args=[project.code])
    move = reverse("projects:project_transition", args=[project.code])
    coordinator = _page(world.client_for("coordinator"), project)
    assert edit in coordinator
    assert move in coordinator
    focal_point = _page(world.client_for("focal_point"), project)
    assert edit in focal_point
    assert move in focal_point
    Project.objects.filter(pk=project.pk).update(stage=Stage.DESIGN)
    focal_point = _page(world.client_for("focal_point"), project)
    assert edit not in focal_point
    assert move not in focal_point
    other = UserFactory(
        email="focal.vientiane@reseau.test", role=Role.FOCAL_POINT, member=world.vientiane, network=world.hue.network
    )
    client = Client()
    client.force_login(other)
    Project.objects.filter(pk=project.pk).update(stage=Stage.PROPOSED)
    page = _page(client, project)
    assert edit not in page
    assert move not in page


def test_history_is_for_staff(world, project):
    services.project_update(actor=world.users["coordinator"], project=project, data={"title_en": "FSM, phase 2"})
    coordinator = _page(world.client_for("coordinator"), project)
    assert "History of changes" in coordinator
    assert "<del><bdi>Faecal sludge management in Huế</bdi></del>" in coordinator
    assert "History of changes" not in _page(world.client_for("focal_point"), project)


def test_the_timeline_shows_each_step_in_the_networks_time(world, project):
    Transition.objects.create(
        project=project,
        from_stage="",
        to_stage=Stage.PROPOSED,
        at=datetime.datetime(2025, 3, 1, 20, 30, tzinfo=datetime.UTC),
        by=world.users["focal_point"],
        by_label="focal.hue@reseau.test",
    )
    Transition.objects.create(
        project=project,
        from_stage=Stage.PROPOSED,
        to_stage=Stage.UNDER_DISCUSSION,
        at=datetime.datetime(2025, 3, 4, 2, 0, tzinfo=datetime.UTC),
        by=None,
        by_label="former.coordinator@reseau.test",
        comment="Seen at the annual meeting.",
    )
    # The secretariat sits in Paris, yet the timeline is in Phnom Penh time (UTC+7).
    page = _page(world.client_for("secretariat"), project)
    timeline = page[page.index('id="timeline-title"') :]
    assert "2 March 2025, 03:30" in timeline
    assert "4 March 2025, 09:00" in timeline
    assert "Phnom Penh time (UTC+7)" in timeline  # the zone named, not its id
    first = world.users["focal_point"]
    assert f"{first} recorded the project as “Proposed”." in timeline
    assert "former.coordinator@reseau.test moved the project from “Proposed” to “Under discussion”." in timeline
    assert "Comment: Seen at the annual meeting." in timeline
    # Newest first.
    assert timeline.index("Under discussion”.") < timeline.index("recorded the project as")


def test_a_returned_project_shows_the_secretariats_comments_prominently(world, project):
    Project.objects.filter(pk=project.pk).update(stage=Stage.SUBMITTED)
    services.project_transition(
        actor=world.users["secretariat"],
        project=project,
        to_stage=Stage.RETURNED,
        comment="Add a budget per activity.\n<b>Then</b> resubmit.",
    )
    page = _page(world.client_for("focal_point"), project)
    notice = page[page.index('id="returned-title"') : page.index('id="facts-title"')]
    assert "Comments of the Permanent Secretariat" in notice
    assert "<p>Add a budget per activity.<br>&lt;b&gt;Then&lt;/b&gt; resubmit.</p>" in notice
    assert f"Returned by {world.users['secretariat']}" in notice
    timeline = page[page.index('id="timeline-title"') :]
    assert "Comments of the Permanent Secretariat:" in timeline
    assert "Add a budget per activity." in timeline

    # Once resubmitted, the notice goes; the timeline keeps the comments.
    services.project_transition(actor=world.users["coordinator"], project=project, to_stage=Stage.SUBMITTED)
    page = _page(world.client_for("focal_point"), project)
    assert 'id="returned-title"' not in page
    assert "Add a budget per activity." in page[page.index('id="timeline-title"') :]


def test_the_follow_up_is_included(world, project):
    response = world.client_for("coordinator").get(project.get_absolute_url())
    assert "projects/_follow_up.html" in [t.name for t in response.templates]
