from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from reseau.exchange.models import ImportBatch
from reseau.exchange.tests.helpers import read_csv, read_xlsx, upload
from reseau.partners.models import OrganisationContact
from reseau.registry.models import Country, Theme
from tests.factories import FundingOpportunityFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _url(kind: str, fmt: str) -> str:
    return reverse("exchange:export", kwargs={"kind": kind, "fmt": fmt})


@pytest.fixture
def organisations(catalogue):
    khmer = OrganisationFactory(
        name_en="Phnom Penh Capital Hall",
        name_fr="Hôtel de ville de Phnom Penh",
        acronym="",
        kind="national_authority",
        region_en="ភ្នំពេញ",
        website="https://phnompenh.gov.kh",
        notes="Contact via ASAC",
        shared_with_partners=True,
    )
    khmer.countries.set(Country.objects.filter(code__in=["KH", "VN"]))
    khmer.themes.set(Theme.objects.filter(code="urban-sanitation"))
    lao = OrganisationFactory(name_en="ນະຄອນຫຼວງວຽງຈັນ", name_fr="Vientiane", kind="lg_network")
    viet = OrganisationFactory(name_en="Thành phố Hồ Chí Minh", name_fr="Hô-Chi-Minh-Ville", kind="other")
    return khmer, lao, viet


ORGANISATION_LABELS = [
    "Name (English)",
    "Name (French)",
    "Acronym",
    "Type",
    "Countries",
    "Region (English)",
    "Region (French)",
    "Website",
    "Themes",
    "Notes",
    "Shared with partners",
]


def test_organisations_xlsx_has_labelled_headers_and_local_scripts(organisations, world):
    response = world.client_for("coordinator").get(_url("organisations", "xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "attachment" in response["Content-Disposition"]
    assert ".xlsx" in response["Content-Disposition"]
    rows = read_xlsx(response.content)
    assert rows[0] == ORGANISATION_LABELS
    by_name = {row[0]: row for row in rows[1:]}
    assert set(by_name) == {"Phnom Penh Capital Hall", "ນະຄອນຫຼວງວຽງຈັນ", "Thành phố Hồ Chí Minh"}
    khmer = by_name["Phnom Penh Capital Hall"]
    assert khmer[1] == "Hôtel de ville de Phnom Penh"
    assert khmer[3] == "National ministry or committee"
    assert khmer[4] == "Cambodia;Vietnam"
    assert khmer[5] == "ភ្នំពេញ"
    assert khmer[7] == "https://phnompenh.gov.kh"
    assert khmer[8] == "Urban sanitation"
    assert khmer[10] == "yes"
    assert by_name["ນະຄອນຫຼວງວຽງຈັນ"][10] == "no"


def test_organisations_csv_is_utf8_with_bom_and_keeps_local_scripts(organisations, world):
    response = world.client_for("secretariat").get(_url("organisations", "csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = read_csv(response.content)
    assert rows[0] == ORGANISATION_LABELS
    names = [row[0] for row in rows[1:]]
    assert "ນະຄອນຫຼວງວຽງຈັນ" in names
    assert "Thành phố Hồ Chí Minh" in names
    khmer = next(row for row in rows if row[0] == "Phnom Penh Capital Hall")
    assert khmer[4] == "Cambodia;Vietnam"
    assert khmer[5] == "ភ្នំពេញ"
    assert khmer[10] == "yes"


def test_a_partner_exports_only_the_organisations_shared_with_partners(organisations, world):
    rows = read_csv(world.client_for("partner").get(_url("organisations", "csv")).content)
    assert [row[0] for row in rows[1:]] == ["Phnom Penh Capital Hall"]


def test_contacts_export_is_for_network_staff_only(organisations, world):
    person = PersonFactory(member=None, name="Sok Dara", email="dara@example.org")
    OrganisationContact.objects.create(organisation=organisations[0], person=person, role="Director")
    response = world.client_for("coordinator").get(_url("contacts", "xlsx"))
    assert read_xlsx(response.content) == [
        ["Organisation", "Acronym", "Contact's name", "Contact's e-mail", "Role in the organisation"],
        ["Phnom Penh Capital Hall", None, "Sok Dara", "dara@example.org", "Director"],
    ]
    for role in ("partner", "focal_point"):
        assert world.client_for(role).get(_url("contacts", "csv")).status_code == 403
    response = world.client_for("anonymous").get(_url("contacts", "csv"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_funding_export_writes_dates_as_iso_and_amounts_as_plain_decimals(organisations, world):
    call = FundingOpportunityFactory(
        network=world.hue.network,
        donor=organisations[0],
        title_en="Clean water for Huế",
        title_fr="Eau propre pour Huế",
        amount_min=Decimal("15000.50"),
        amount_max=Decimal("250000"),
        currency="USD",
        opens_on=datetime.date(2026, 1, 15),
        closes_on=datetime.date(2026, 6, 15),
        status="preparing",
        eligible_member_kinds=["city", "province"],
    )
    call.members.set([world.hue, world.vientiane])
    call.eligible_countries.set(Country.objects.filter(code="LA"))
    csv_rows = read_csv(world.client_for("coordinator").get(_url("funding", "csv")).content)
    assert csv_rows[0][:3] == ["Title (English)", "Title (French)", "Donor"]
    row = dict(zip(csv_rows[0], csv_rows[1], strict=True))
    assert row["Title (English)"] == "Clean water for Huế"
    assert row["Donor"] == "Phnom Penh Capital Hall"
    assert row["Minimum amount"] == "15000.50"
    assert row["Maximum amount"] == "250000.00"
    assert row["Opens on"] == "2026-01-15"
    assert row["Closes on"] == "2026-06-15"
    assert row["Members concerned"] == ";".join(sorted([world.hue.name, world.vientiane.name]))
    assert row["Eligible kinds of member"] == "City;Province"
    assert row["Eligible countries"] == "Laos"
    assert row["Currency"] == "USD"
    assert row["Status"] == "Preparing"
    xlsx_rows = read_xlsx(world.client_for("coordinator").get(_url("funding", "xlsx")).content)
    cells = dict(zip(xlsx_rows[0], xlsx_rows[1], strict=True))
    # A spreadsheet cell holds a date and time without a time zone, as openpyxl reads it.
    assert cells["Opens on"] == datetime.datetime(2026, 1, 15)  # noqa: DTZ001 — a cell has no time zone
    assert cells["Minimum amount"] == 15000.5


def test_a_partner_exports_only_shared_funding_calls(organisations, world):
    FundingOpportunityFactory(
        network=world.hue.network, donor=organisations[0], title_en="Shared call", shared_with_partners=True
    )
    FundingOpportunityFactory(network=world.hue.network, donor=organisations[0], title_en="Internal call")
    rows = read_csv(world.client_for("partner").get(_url("funding", "csv")).content)
    assert [row[0] for row in rows[1:]] == ["Shared call"]


def test_text_that_looks_like_a_formula_is_exported_as_text(world):
    OrganisationFactory(name_en='=HYPERLINK("http://evil.test")', notes="+33 1 23 45 67 89")
    client = world.client_for("coordinator")
    csv_row = read_csv(client.get(_url("organisations", "csv")).content)[1]
    assert csv_row[0] == '\'=HYPERLINK("http://evil.test")'
    assert csv_row[9] == "'+33 1 23 45 67 89"
    response = client.get(_url("organisations", "xlsx"))
    cell = load_workbook(io.BytesIO(response.content)).worksheets[0]["A2"]
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://evil.test")'


@pytest.mark.parametrize(("kind", "fmt"), [("members", "csv"), ("organisations", "pdf"), ("organisations", "xls")])
def test_unknown_kind_or_format_is_not_found(world, kind, fmt):
    assert world.client_for("secretariat").get(_url(kind, fmt)).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(world):
    response = world.client_for("anonymous").get(_url("organisations", "xlsx"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.heavy
def test_export_query_counts_do_not_grow_with_rows(catalogue):
    world = catalogue
    themes = list(Theme.objects.all())
    countries = list(Country.objects.all())

    def add(n: int) -> None:
        for _ in range(n):
            organisation = OrganisationFactory()
            organisation.countries.set(countries)
            organisation.themes.set(themes)
            OrganisationContact.objects.create(organisation=organisation, person=PersonFactory(member=None))
            call = FundingOpportunityFactory(network=world.hue.network, donor=organisation)
            call.themes.set(themes)
            call.eligible_countries.set(countries)
            call.members.set([world.hue])

    client = world.client_for("coordinator")
    urls = [_url(kind, fmt) for kind in ("organisations", "contacts", "funding") for fmt in ("xlsx", "csv")]

    def count(url: str, rows: int) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert len(read_csv(response.content) if url.endswith(".csv") else read_xlsx(response.content)) == rows + 1
        return len(queries)

    add(10)
    small = {url: count(url, 10) for url in urls}
    add(190)
    large = {url: count(url, 200) for url in urls}
    assert large == small
    assert max(small.values()) <= 10, small


def _french_client(world, role: str):
    user = world.users[role]
    user.language = "fr"
    user.save(update_fields=["language"])
    return world.client_for(role)


def test_a_french_reader_exports_organisations_with_french_headers(organisations, world):
    rows = read_xlsx(_french_client(world, "coordinator").get(_url("organisations", "xlsx")).content)
    assert rows[0][:4] == ["Nom (anglais)", "Nom (français)", "Sigle", "Type"]


def test_a_french_reader_exports_organisation_types_as_french_labels(organisations, world):
    rows = read_xlsx(_french_client(world, "coordinator").get(_url("organisations", "xlsx")).content)
    khmer = next(row for row in rows if row[0] == "Phnom Penh Capital Hall")
    assert khmer[3] == "Ministère ou comité national"


def test_a_french_reader_exports_countries_by_their_french_names(organisations, world):
    rows = read_xlsx(_french_client(world, "coordinator").get(_url("organisations", "xlsx")).content)
    khmer = next(row for row in rows if row[0] == "Phnom Penh Capital Hall")
    assert khmer[4] == "Cambodge;Viêt Nam"


def test_a_french_reader_exports_flags_as_oui_or_non(organisations, world):
    rows = read_xlsx(_french_client(world, "coordinator").get(_url("organisations", "xlsx")).content)
    khmer = next(row for row in rows if row[0] == "Phnom Penh Capital Hall")
    assert khmer[10] == "oui"


@pytest.mark.parametrize("kind", ["organisations", "funding"])
def test_a_french_export_imports_back_unchanged(organisations, world, kind):
    FundingOpportunityFactory(
        network=world.hue.network, donor=organisations[0], title_en="Clean water", status="preparing"
    ).members.set([world.hue])
    client = _french_client(world, "coordinator")
    exported = client.get(_url(kind, "xlsx")).content
    upload(client, kind, f"{kind}.xlsx", exported)
    batch = ImportBatch.objects.latest("pk")
    assert (batch.invalid_count, batch.unchanged_count) == (0, batch.row_count)
