from __future__ import annotations

import pytest
from django.urls import reverse

from reseau.audit.models import AuditEvent
from reseau.partners.models import Organisation
from reseau.registry.models import Theme
from tests.factories import CountryFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

CREATE = reverse("partners:organisation_create")


def _form_data(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name_en": "French Development Agency",
        "name_fr": "Agence française de développement",
        "acronym": "AFD",
        "kind": "donor",
        "region_en": "",
        "region_fr": "",
        "website": "",
        "notes": "",
    }
    data.update(changes)
    return data


def _edit_url(organisation: Organisation) -> str:
    return reverse("partners:organisation_edit", kwargs={"pk": organisation.pk})


def test_coordinator_adds_an_organisation_with_countries_and_themes(world):
    cambodia = CountryFactory(code="KH", name_en="Cambodia", name_fr="Cambodge")
    theme = Theme.objects.create(code="urban-sanitation", kind="work", name_en="Urban sanitation")
    response = world.client_for("coordinator").post(
        CREATE,
        _form_data(countries=[cambodia.pk], themes=[theme.pk], region_en="South-East Asia", shared_with_partners="on"),
        follow=True,
    )
    assert response.status_code == 200
    organisation = Organisation.objects.get()
    assert organisation.name_fr == "Agence française de développement"
    assert organisation.shared_with_partners
    assert list(organisation.countries.all()) == [cambodia]
    assert list(organisation.themes.all()) == [theme]
    page = response.content.decode()
    assert "Organisation added." in page
    assert "Cambodia" in page
    assert "Urban sanitation" in page
    # One history row, naming who created it, shown on the page.
    event = AuditEvent.objects.get()
    assert event.action == "created"
    assert event.actor_label == str(world.users["coordinator"])
    assert event.subject == f"partners.organisation:{organisation.pk}"
    assert "coordinator@reseau.test" in page


@pytest.mark.parametrize("role", ["focal_point", "partner"])
def test_focal_points_and_partners_cannot_add_or_edit(world, role):
    shared = OrganisationFactory(shared_with_partners=True)
    client = world.client_for(role)
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, _form_data()).status_code == 403
    assert client.post(_edit_url(shared), _form_data()).status_code == 403
    assert Organisation.objects.count() == 1
    assert not AuditEvent.objects.exists()


def test_partner_gets_404_editing_an_organisation_it_cannot_see(world):
    hidden = OrganisationFactory()
    assert world.client_for("partner").get(_edit_url(hidden)).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(world):
    response = world.client_for("anonymous").get(CREATE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_an_acronym_matching_an_existing_organisation_warns_and_saves_nothing(world):
    auf = OrganisationFactory(name_en="Agence universitaire de la Francophonie", acronym="AUF", kind="university")
    client = world.client_for("coordinator")
    response = client.post(CREATE, _form_data(name_en="AUF", name_fr="", acronym="", notes="Met in Hanoi"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "An organisation with a similar name already exists" in page
    assert auf.get_absolute_url() in page
    assert "Agence universitaire de la Francophonie (AUF)" in page
    assert "save it anyway" in page
    # Everything typed is still there.
    assert 'value="AUF"' in page
    assert "Met in Hanoi" in page
    assert Organisation.objects.count() == 1
    assert not AuditEvent.objects.exists()


def test_a_name_differing_only_in_accents_and_case_warns(world):
    OrganisationFactory(name_en="Asian Development Bank", name_fr="Banque asiatique de développement", acronym="ADB")
    response = world.client_for("secretariat").post(
        CREATE, _form_data(name_en="BANQUE ASIATIQUE DE DEVELOPPEMENT", name_fr="", acronym="")
    )
    assert "An organisation with a similar name already exists" in response.content.decode()
    assert Organisation.objects.count() == 1


def test_ticking_the_box_creates_the_organisation_anyway(world):
    OrganisationFactory(name_en="Agence universitaire de la Francophonie", acronym="AUF")
    response = world.client_for("coordinator").post(
        CREATE, _form_data(name_en="AUF", name_fr="", acronym="", confirm_not_duplicate="on")
    )
    assert response.status_code == 302
    assert Organisation.objects.filter(name_en="AUF").exists()


def test_the_box_is_not_offered_until_a_similar_organisation_is_found(world):
    page = world.client_for("coordinator").get(CREATE).content.decode()
    assert "save it anyway" not in page


def test_editing_does_not_warn_about_the_organisation_itself(world):
    afd = OrganisationFactory(name_en="French Development Agency", name_fr="Agence française de développement")
    response = world.client_for("coordinator").post(_edit_url(afd), _form_data(notes="Office in Phnom Penh"))
    assert response.status_code == 302
    afd.refresh_from_db()
    assert afd.notes == "Office in Phnom Penh"
    assert afd.acronym == "AFD"
    event = AuditEvent.objects.get()
    assert event.changes["notes"] == ["", "Office in Phnom Penh"]


def test_renaming_to_another_organisations_name_warns(world):
    OrganisationFactory(name_en="Asian Development Bank", acronym="ADB")
    afd = OrganisationFactory(name_en="French Development Agency", acronym="AFD")
    response = world.client_for("coordinator").post(
        _edit_url(afd), _form_data(name_en="Asian development bank", name_fr="", acronym="AFD")
    )
    assert "An organisation with a similar name already exists" in response.content.decode()
    afd.refresh_from_db()
    assert afd.name_en == "French Development Agency"


def test_missing_name_and_bad_website_are_refused(world):
    response = world.client_for("coordinator").post(CREATE, _form_data(name_en="", website="not a web address"))
    page = response.content.decode()
    assert "This field is required." in page
    assert "Enter a valid URL." in page
    assert not Organisation.objects.exists()


def test_html_typed_in_a_name_is_shown_as_text(world):
    client = world.client_for("coordinator")
    client.post(CREATE, _form_data(name_en="<b>Bold</b> Bank", name_fr="", acronym=""))
    organisation = Organisation.objects.get()
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert "<b>Bold</b>" not in page
    assert "&lt;b&gt;Bold&lt;/b&gt; Bank" in page


@pytest.mark.parametrize("name", ["ក្រសួងមហាផ្ទៃ", "ກະຊວງພາຍໃນ", "Ban Phát triển Châu Á"])
def test_names_in_khmer_lao_and_vietnamese_survive_the_round_trip(world, name):
    client = world.client_for("coordinator")
    response = client.post(CREATE, _form_data(name_en=name, name_fr="", acronym=""))
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert organisation.name_en == name
    assert name in client.get(organisation.get_absolute_url()).content.decode()
    found = client.get(reverse("partners:organisation_list"), {"q": name}).content.decode()
    assert organisation.get_absolute_url() in found


def test_saving_an_unchanged_form_records_no_history(world):
    afd = OrganisationFactory(
        name_en="French Development Agency", name_fr="Agence française de développement", acronym="AFD"
    )
    response = world.client_for("coordinator").post(_edit_url(afd), _form_data(), follow=True)
    assert "Nothing was changed." in response.content.decode()
    assert not AuditEvent.objects.exists()


def test_changing_only_the_countries_is_confirmed_as_a_change(world):
    laos = CountryFactory(code="LA", name_en="Laos", name_fr="Laos")
    afd = OrganisationFactory(
        name_en="French Development Agency", name_fr="Agence française de développement", acronym="AFD"
    )
    response = world.client_for("coordinator").post(_edit_url(afd), _form_data(countries=[laos.pk]), follow=True)
    assert "Changes saved." in response.content.decode()
    assert list(afd.countries.all()) == [laos]


def test_a_change_of_countries_alone_is_in_the_history(world):
    organisation = OrganisationFactory(name_en="Asian Development Bank", acronym="ADB", kind="donor")
    laos = world.vientiane.country
    data = {
        "name_en": organisation.name_en,
        "name_fr": "",
        "acronym": "ADB",
        "kind": "donor",
        "countries": [laos.pk],
        "region_en": "",
        "region_fr": "",
        "website": "",
        "notes": "",
    }
    response = world.client_for("coordinator").post(
        reverse("partners:organisation_edit", kwargs={"pk": organisation.pk}), data, follow=True
    )
    assert "Changes saved." in response.content.decode()
    event = AuditEvent.objects.get(object_id=str(organisation.pk), action="updated")
    assert event.changes["countries"] == ["", "Laos"]
