"""The header's search finds members, people, organisations, projects, events, plan activities,
decisions and documents, each labelled with its kind, and only what the reader may see (issue 13)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from reseau.registry.services import person_update
from tests.factories import (
    ActivityFactory,
    DecisionFactory,
    DocumentFactory,
    EventFactory,
    MemberFactory,
    NetworkFactory,
    OrganisationFactory,
    PersonFactory,
    PlanFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def _search(world, role: str, query: str) -> str:
    return world.client_for(role).get(reverse("home:search"), {"q": query}).content.decode()


def _kinds(page: str) -> list[str]:
    return re.findall(r'<h2 id="kind-\d+">([^<]+?) <span', page)


def test_a_member_is_found_without_its_accents(world):
    assert '<a href="/members/hue/">Huế</a>' in _search(world, "coordinator", "hue")


def test_a_member_is_found_by_its_name_in_lao(world):
    assert "Vientiane Capital" in _search(world, "coordinator", "ນະຄອນຫຼວງ")


def test_each_result_is_labelled_with_its_kind(world):
    EventFactory(network=world.hue.network, title_en="Festival in Huế")
    assert _kinds(_search(world, "coordinator", "hue")) == ["Members", "Events"]


def test_a_person_is_found_by_name(world):
    PersonFactory(member=world.hue, name="Nguyễn Văn An")
    assert "Nguyễn Văn An" in _search(world, "coordinator", "nguyen van an")


def test_a_person_is_found_by_a_title_typed_without_accents(world):
    PersonFactory(member=world.hue, name="Lê Thị Hoa", title_fr="Chargée des relations extérieures")
    assert "Lê Thị Hoa" in _search(world, "coordinator", "chargee exterieures")


def test_a_person_is_found_by_a_name_in_khmer_script(world):
    PersonFactory(member=world.hue, name="Sok Dara", name_local="សុខ តារា")
    assert "Sok Dara" in _search(world, "coordinator", "តារា")


def test_a_person_renamed_is_found_by_the_new_name(world):
    person = PersonFactory(member=world.hue, name="Nguyễn Văn An")
    person_update(actor=world.users["coordinator"], person=person, data={"name": "Trần Văn Bình"})
    assert "Trần Văn Bình" in _search(world, "coordinator", "tran van binh")


def test_an_organisation_is_found_by_its_acronym(world):
    OrganisationFactory(name_en="Agence universitaire de la Francophonie", acronym="AUF")
    assert "Agence universitaire de la Francophonie (AUF)" in _search(world, "coordinator", "auf")


def test_a_project_is_found(world):
    ProjectFactory(network=world.hue.network, lead_member=world.hue, title_en="Sanitation of Cần Thơ")
    assert "Sanitation of Cần Thơ" in _search(world, "coordinator", "can tho")


def test_a_plan_activity_is_found(world):
    plan = PlanFactory(network=world.hue.network, status="validated")
    ActivityFactory(axis__plan=plan, title_en="Training of focal points")
    assert "Training of focal points" in _search(world, "coordinator", "training")


def test_a_decision_is_found(world):
    DecisionFactory(network=world.hue.network, title_en="Create the regional office")
    assert "Create the regional office" in _search(world, "coordinator", "regional office")


def test_a_document_is_found(world):
    DocumentFactory(network=world.hue.network, title_en="Réunion annuelle", access="network")
    assert "Réunion annuelle" in _search(world, "focal_point", "reunion")


def test_a_document_is_found_by_a_word_inside_its_file(world):
    DocumentFactory(
        network=world.hue.network, title_en="Annual report", version__text="Wastewater treatment in Cần Thơ"
    )
    assert "Annual report" in _search(world, "coordinator", "can tho")


def test_the_document_that_matches_best_is_listed_first(world):
    DocumentFactory(network=world.hue.network, title_en="Minutes", version__text="A word on sanitation.")
    DocumentFactory(network=world.hue.network, title_en="Sanitation study", version__text="Sanitation, sanitation.")
    page = _search(world, "coordinator", "sanitation")
    assert page.index("Sanitation study") < page.index("Minutes")


def test_a_focal_point_does_not_find_another_networks_person(world):
    tunis = MemberFactory(network=NetworkFactory(code="maghreb", acronym="Maghreb"), slug="tunis")
    PersonFactory(member=tunis, name="Leila Ben Salah")
    assert "Leila Ben Salah" not in _search(world, "focal_point", "leila")


def test_a_partner_does_not_find_decisions(world):
    DecisionFactory(network=world.hue.network, title_en="Create the regional office")
    assert "Create the regional office" not in _search(world, "partner", "regional office")


def test_an_anonymous_visitor_finds_a_public_document(world):
    DocumentFactory(network=world.hue.network, title_en="Public report", access="public")
    assert "Public report" in _search(world, "anonymous", "report")


def test_an_anonymous_visitor_does_not_find_a_network_document(world):
    DocumentFactory(network=world.hue.network, title_en="Internal report", access="network")
    assert "Internal report" not in _search(world, "anonymous", "report")


def test_an_anonymous_visitor_does_not_find_members(world):
    assert "Huế" not in _search(world, "anonymous", "hue").split("<main", 1)[1]


def test_nothing_found_says_so(world):
    assert "Nothing you may see matches “zzz”." in _search(world, "coordinator", "zzz")


def test_html_typed_in_the_search_is_shown_as_text(world):
    assert "&lt;script&gt;" in _search(world, "coordinator", "<script>")


def test_the_search_is_reachable_from_the_header(world):
    page = world.client_for("focal_point").get(reverse("home:home")).content.decode()
    assert f'href="{reverse("home:search")}"' in page


# Session and user, then one query for each of seven kinds, two for the documents (the newest
# matches, and those with the words in their title), and the count of the events when there are
# more than the five shown.
@pytest.mark.parametrize(("events", "queries"), [(1, 11), (6, 12), (60, 12)])
def test_the_search_makes_as_many_queries_with_many_results(world, events, queries, django_assert_num_queries):
    for number in range(events):
        EventFactory(network=world.hue.network, title_en=f"Meeting in Huế {number}")
    client = world.client_for("coordinator")
    with django_assert_num_queries(queries):
        client.get(reverse("home:search"), {"q": "hue"})


def test_the_search_says_more_documents_match_than_it_ranks(world, monkeypatch):
    monkeypatch.setattr("reseau.library.fulltext.RANKED_MATCHES", 2)
    for number in range(3):
        DocumentFactory(network=world.hue.network, title_en=f"Drainage report {number}")
    page = world.client_for("coordinator").get(reverse("home:search"), {"q": "drainage"}).content.decode()
    assert "(more than 2)" in page


def test_the_documents_found_link_to_the_librarys_own_search(world):
    DocumentFactory(network=world.hue.network, title_en="Drainage report")
    page = world.client_for("coordinator").get(reverse("home:search"), {"q": "drainage"}).content.decode()
    assert f'href="{reverse("library:document_list")}?q=drainage"' in page
