"""The "Projects" section of a member's page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from reseau.projects.models import Stage
from tests.factories import MemberFactory, NetworkFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def _section(page: str) -> str:
    start = page.index('id="projects-title"')
    return page[start : page.index("</section>", start)]


@pytest.fixture
def projects(world):
    network = world.hue.network
    led = ProjectFactory(
        network=network, code="hue-fsm", title_en="FSM in Huế", lead_member=world.hue, stage=Stage.VALIDATED
    )
    joined = ProjectFactory(
        network=network,
        code="vientiane-youth",
        title_en="Youth in Vientiane",
        lead_member=world.vientiane,
        shared_with_partners=True,
    )
    joined.members.add(world.hue)
    other = MemberFactory(network=network, slug="can-tho", name_en="Cần Thơ")
    unrelated = ProjectFactory(network=network, code="can-tho-market", title_en="Market", lead_member=other)
    unrelated.members.add(world.vientiane)
    return {"led": led, "joined": joined, "unrelated": unrelated}


def test_a_member_page_lists_the_projects_it_leads_or_joins(world, projects):
    page = world.client_for("coordinator").get(world.hue.get_absolute_url()).content.decode()
    section = _section(page)
    assert f'<a href="{projects["led"].get_absolute_url()}">FSM in Huế</a>' in section
    assert '<span class="badge ok">Validated</span>' in section
    assert "Lead member" in section
    assert "Youth in Vientiane" in section
    assert "Participating member" in section
    assert "Market" not in section
    assert 'href="/projects/?member=hue"' in section


def test_only_projects_the_viewer_may_see(world, projects):
    section = _section(world.client_for("partner").get(world.hue.get_absolute_url()).content.decode())
    assert "Youth in Vientiane" in section
    assert "FSM in Huế" not in section
    assert "Propose a project" not in section


def test_the_secretariat_sees_another_networks_projects(world):
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    tunis = MemberFactory(network=maghreb, country=world.hue.country, slug="tunis", name_en="Tunis")
    ProjectFactory(network=maghreb, title_en="Tunis market", lead_member=tunis)
    assert "Tunis market" in _section(world.client_for("secretariat").get("/members/tunis/").content.decode())


def test_an_empty_section_offers_to_propose_to_those_who_may(world):
    focal_point = _section(world.client_for("focal_point").get(world.hue.get_absolute_url()).content.decode())
    assert "No project yet." in focal_point
    assert "Propose a project" in focal_point
    # The focal point of Huế does not propose for Vientiane.
    other = _section(world.client_for("focal_point").get(world.vientiane.get_absolute_url()).content.decode())
    assert "Propose a project" not in other
    assert "Propose a project" in _section(
        world.client_for("coordinator").get(world.vientiane.get_absolute_url()).content.decode()
    )


def _request_of(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_the_section_takes_one_query(world, projects):
    for n in range(5):
        extra = ProjectFactory(network=world.hue.network, lead_member=world.vientiane, title_en=f"Extra {n}")
        extra.members.add(world.hue)
    template = Template('{% load sections %}{% page_sections "registry.member" member %}')
    user = world.users["coordinator"]
    with CaptureQueriesContext(connection) as queries:
        html = template.render(Context({"member": world.hue, "request": _request_of(user)}))
    # The other sections of the place (the library's documents) make their own queries.
    own = [query["sql"] for query in queries if "projects_project" in query["sql"]]
    assert len(own) == 1, own
    assert html.count("Participating member") == 6
    # Each project once, even when the member both leads and joins it.
    projects["led"].members.add(world.hue)
    html = template.render(Context({"member": world.hue, "request": _request_of(user)}))
    assert html.count("FSM in Huế") == 1
