"""The pipeline board: one column per stage, cards, filters, and who may move a card."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from reseau.projects import selectors
from reseau.projects.models import Project, Stage
from reseau.registry.models import Theme
from tests.factories import MemberFactory, NetworkFactory, ProjectFactory

pytestmark = pytest.mark.django_db

URL = reverse("projects:board")


def _columns(page: str) -> list[str]:
    """The stage headings in the order the board shows them."""
    return re.findall(r'<h2 id="stage-([a-z_]+)">', page)


def _column(page: str, stage: str) -> str:
    start = page.index(f'<h2 id="stage-{stage}">')
    end = page.find("</section>", start)
    return page[start:end]


@pytest.fixture
def board(world):
    sanitation = Theme.objects.create(code="urban-sanitation", kind="work", name_en="Urban sanitation")
    network = world.hue.network
    old = ProjectFactory(
        network=network,
        code="old-design",
        title_en="Waiting since long",
        lead_member=world.vientiane,
        stage=Stage.DESIGN,
        stage_since=datetime.date(2024, 1, 10),
    )
    new = ProjectFactory(
        network=network,
        code="new-design",
        title_en="Just arrived",
        lead_member=world.hue,
        stage=Stage.DESIGN,
        stage_since=datetime.date(2025, 5, 2),
    )
    new.themes.add(sanitation)
    proposal = ProjectFactory(
        network=network, code="hue-proposal", title_en="Huế proposal", lead_member=world.hue, stage=Stage.PROPOSED
    )
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb")
    other = ProjectFactory(
        network=maghreb,
        code="maghreb-project",
        title_en="Elsewhere",
        lead_member=MemberFactory(network=maghreb, country=world.hue.country, slug="tunis"),
    )
    return {"old": old, "new": new, "proposal": proposal, "other": other}


def test_anonymous_visitors_are_sent_to_sign_in(world):
    response = world.client_for("anonymous").get(URL)
    assert response.status_code == 302


def test_one_column_per_stage_in_pipeline_order_abandoned_last(world, board):
    page = world.client_for("coordinator").get(URL).content.decode()
    assert _columns(page) == list(Stage.values)
    assert _columns(page)[-1] == "abandoned"
    assert "No project at this stage." in _column(page, "completed")


def test_a_card_shows_title_lead_member_and_since_when(world, board):
    page = world.client_for("coordinator").get(URL).content.decode()
    design = _column(page, "design")
    assert "2 projects" in design
    # The project waiting longest comes first.
    assert design.index("Waiting since long") < design.index("Just arrived")
    assert "Vientiane Capital" in design
    assert "At this stage since 10/01/2024" in design
    assert f'href="{board["old"].get_absolute_url()}"' in design


def test_the_board_shows_the_users_network_only(world, board):
    page = world.client_for("coordinator").get(URL).content.decode()
    assert "Elsewhere" not in page
    assert "Elsewhere" in world.client_for("secretariat").get(URL).content.decode()


def test_partners_see_shared_projects_only_and_cannot_move_them(world, board):
    Project.objects.filter(code="hue-proposal").update(shared_with_partners=True)
    page = world.client_for("partner").get(URL).content.decode()
    assert "Huế proposal" in page
    assert "Waiting since long" not in page
    assert ">Move<" not in page
    assert "Propose a project" not in page


@pytest.mark.parametrize(
    ("filters", "shown", "hidden"),
    [
        ({"theme": "urban-sanitation"}, ["Just arrived"], ["Waiting since long", "Huế proposal"]),
        ({"country": "LA"}, ["Waiting since long"], ["Just arrived", "Huế proposal"]),
        ({"member": "hue"}, ["Just arrived", "Huế proposal"], ["Waiting since long"]),
    ],
)
def test_filters(world, board, filters, shown, hidden):
    page = world.client_for("coordinator").get(URL, filters).content.decode()
    columns = page[page.index('id="board-columns"') :]
    for title in shown:
        assert title in columns
    for title in hidden:
        assert title not in columns


def test_the_board_has_no_search_or_stage_filter(world, board):
    page = world.client_for("coordinator").get(URL).content.decode()
    assert 'name="theme"' in page
    assert 'name="country"' in page
    assert 'name="member"' in page
    assert 'name="q"' not in page
    assert 'name="stage"' not in page
    # htmx swaps the columns in from the same page: no separate partial to keep in step.
    assert 'hx-select="#board-columns"' in page


def test_staff_get_a_move_link_on_every_open_card(world, board):
    page = world.client_for("coordinator").get(URL).content.decode()
    move = reverse("projects:project_transition", kwargs={"code": "old-design"})
    assert f'href="{move}?next=/projects/board/"' in page
    assert page.count(">Move<") == 3


def test_a_focal_point_may_move_only_its_own_proposal(world, board):
    page = world.client_for("focal_point").get(URL).content.decode()
    # Huế's proposal can be withdrawn; the others are for the network's staff to move.
    assert page.count(">Move<") == 1
    assert 'Move<span class="visually-hidden"> Huế proposal</span>' in page


def test_nothing_to_move_in_closed_stages(world):
    ProjectFactory(network=world.hue.network, lead_member=world.hue, stage=Stage.COMPLETED, title_en="Done")
    page = world.client_for("secretariat").get(URL).content.decode()
    assert "Done" in page
    assert ">Move<" not in page


def test_a_crowded_column_links_to_the_full_list(world, monkeypatch):
    monkeypatch.setattr(selectors, "BOARD_CARDS_PER_STAGE", 3)
    for n in range(5):
        ProjectFactory(
            network=world.hue.network,
            lead_member=world.hue,
            title_en=f"Idea {n}",
            stage_since=datetime.date(2025, 1, 1) + datetime.timedelta(days=n),
        )
    page = world.client_for("coordinator").get(URL, {"member": "hue"}).content.decode()
    proposed = _column(page, "proposed")
    assert "5 projects" in proposed
    assert "Idea 0" in proposed
    assert "Idea 2" in proposed
    assert "Idea 3" not in proposed
    assert "and 2 more projects: see the list" in proposed
    assert f'href="{reverse("projects:project_list")}?stage=proposed&amp;member=hue"' in proposed
