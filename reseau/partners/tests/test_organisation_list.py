from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse

from reseau.partners.models import Relationship
from reseau.registry.models import Theme
from tests.factories import CountryFactory, NetworkFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

URL = reverse("partners:organisation_list")


def _results(client, **filters) -> str:
    """The list of organisations alone, without the filter form (whose options name every stage)."""
    return client.get(URL, filters, headers={"HX-Request": "true"}).content.decode()


@pytest.fixture
def organisations(world):
    sanitation = Theme.objects.create(code="urban-sanitation", kind="work", name_en="Urban sanitation")
    adb = OrganisationFactory(
        name_en="Asian Development Bank",
        name_fr="Banque asiatique de développement",
        acronym="ADB",
        kind="donor",
        region_en="Asia-Pacific",
    )
    adb.countries.add(CountryFactory(code="KH", name_en="Cambodia", name_fr="Cambodge"))
    adb.themes.add(sanitation)
    auf = OrganisationFactory(
        name_en="Agence universitaire de la Francophonie", acronym="AUF", kind="university", shared_with_partners=True
    )
    Relationship.objects.create(organisation=adb, network=world.hue.network, stage="in_dialogue")
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    Relationship.objects.create(organisation=auf, network=maghreb, stage="dormant")
    return {"adb": adb, "auf": auf}


def test_anonymous_visitors_are_sent_to_sign_in(world):
    response = world.client_for("anonymous").get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_coordinator_sees_every_organisation_with_its_own_networks_stage(world, organisations):
    page = _results(world.client_for("coordinator"))
    assert "Asian Development Bank" in page
    assert "(ADB)" in page
    assert "Donor or development bank" in page
    assert "Cambodia" in page
    assert "Asia-Pacific" in page
    assert "Urban sanitation" in page
    assert "In dialogue" in page
    # The Maghreb network's stage is not the RVASE coordinator's business on this list.
    assert "Agence universitaire de la Francophonie" in page
    assert "Dormant" not in page
    assert "Add an organisation" in world.client_for("coordinator").get(URL).content.decode()


def test_secretariat_sees_the_stage_of_each_network(world, organisations):
    page = _results(world.client_for("secretariat"))
    assert "RVASE: " in page
    assert "In dialogue" in page
    assert "Maghreb: " in page
    assert "Dormant" in page


def test_focal_point_reads_the_list_but_cannot_add(world, organisations):
    client = world.client_for("focal_point")
    assert "In dialogue" in _results(client, q="ADB")
    page = client.get(URL).content.decode()
    assert "Asian Development Bank" in page
    assert "Add an organisation" not in page


def test_partner_sees_only_shared_organisations_and_no_stages(world, organisations):
    client = world.client_for("partner")
    page = _results(client)
    assert "Agence universitaire de la Francophonie" in page
    assert "Asian Development Bank" not in page
    assert "Dormant" not in page
    assert "Stage" not in page
    full_page = client.get(URL).content.decode()
    assert "Add an organisation" not in full_page
    assert 'name="stage"' not in full_page


def test_search_ignores_accents_and_case_and_finds_acronyms(world, organisations):
    client = world.client_for("coordinator")
    for query in ["BANQUE ASIATIQUE DE DEVELOPPEMENT", "asiatique développement", "adb"]:
        page = client.get(URL, {"q": query}).content.decode()
        assert "Asian Development Bank" in page, query
        assert "Agence universitaire" not in page, query
    assert "No organisation matches these filters." in client.get(URL, {"q": "nowhere"}).content.decode()


def test_search_in_khmer_and_lao_script(world):
    OrganisationFactory(name_en="ក្រសួងមហាផ្ទៃ", kind="national_authority")
    OrganisationFactory(name_en="ກະຊວງພາຍໃນ", kind="national_authority")
    client = world.client_for("coordinator")
    khmer = client.get(URL, {"q": "ក្រសួងមហាផ្ទៃ"}).content.decode()
    assert "ក្រសួងមហាផ្ទៃ" in khmer
    assert "ກະຊວງພາຍໃນ" not in khmer
    lao = client.get(URL, {"q": "ກະຊວງພາຍໃນ"}).content.decode()
    assert "ກະຊວງພາຍໃນ" in lao
    assert "ក្រសួងមហាផ្ទៃ" not in lao


def test_filters_by_type_stage_and_theme(world, organisations):
    client = world.client_for("coordinator")
    universities = client.get(URL, {"kind": "university"}).content.decode()
    assert "Agence universitaire" in universities
    assert "Asian Development Bank" not in universities
    in_dialogue = _results(client, stage="in_dialogue")
    assert "Asian Development Bank" in in_dialogue
    assert "Agence universitaire" not in in_dialogue
    # Dormant for the Maghreb network only: not for the RVASE coordinator.
    assert "Agence universitaire" not in client.get(URL, {"stage": "dormant"}).content.decode()
    assert "Agence universitaire" in world.client_for("secretariat").get(URL, {"stage": "dormant"}).content.decode()
    themed = client.get(URL, {"theme": "urban-sanitation"}).content.decode()
    assert "Asian Development Bank" in themed
    assert "Agence universitaire" not in themed


def test_an_unknown_filter_value_is_ignored_not_an_error(world, organisations):
    response = world.client_for("coordinator").get(URL, {"stage": "<script>", "kind": "nonsense"})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_htmx_request_gets_only_the_results(world, organisations):
    response = world.client_for("coordinator").get(URL, {"q": "adb"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "Asian Development Bank" in page
    assert "<html" not in page


def test_fifty_organisations_per_page(world):
    for n in range(51):
        OrganisationFactory(name_en=f"Organisation {n:03}")
    client = world.client_for("coordinator")
    first = client.get(URL).content.decode()
    assert "51 organisations" in first
    assert "Organisation 049" in first
    assert "Organisation 050" not in first
    assert "Page 1 of 2" in first
    assert "Organisation 050" in client.get(URL, {"page": 2}).content.decode()


def test_staff_get_the_export_and_import_links_others_do_not(world, organisations):
    try:
        export = reverse("exchange:export", kwargs={"kind": "organisations", "fmt": "xlsx"})
        upload = reverse("exchange:import", kwargs={"kind": "organisations"})
    except NoReverseMatch:
        pytest.skip("the exchange views are not wired yet")
    for role in ["coordinator", "secretariat"]:
        page = world.client_for(role).get(URL).content.decode()
        assert export in page, role
        assert upload in page, role
    for role in ["focal_point", "partner"]:
        page = world.client_for(role).get(URL).content.decode()
        assert export not in page, role
        assert upload not in page, role
