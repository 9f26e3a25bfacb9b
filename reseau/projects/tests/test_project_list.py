"""The list of projects: what a row shows, the filters, who sees what, and the export."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reseau.projects.models import Stage
from reseau.registry.models import Theme
from tests.factories import CountryFactory, MemberFactory, NetworkFactory, ProjectFactory

pytestmark = pytest.mark.django_db

URL = reverse("projects:project_list")
HEADER = [
    "Title (English)",
    "Title (French)",
    "Stage",
    "Lead member",
    "Members",
    "Themes",
    "Start date",
    "End date",
    "Dates estimated",
    "Total budget",
    "Currency",
]


def _results(client, **filters) -> str:
    """The results alone, as htmx asks for them (the filter form names every stage and member)."""
    response = client.get(URL, filters, headers={"HX-Request": "true"})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def projects(world):
    sanitation = Theme.objects.create(code="urban-sanitation", kind="work", name_en="Urban sanitation")
    gender = Theme.objects.create(code="gender-equality", kind="cross_cutting", name_en="Gender equality")
    network = world.hue.network
    fsm = ProjectFactory(
        network=network,
        code="rvase-2025-fsm-hue",
        title_en="Faecal sludge management in Huế",
        title_fr="Gestion des boues de vidange à Huế",
        lead_member=world.hue,
        stage=Stage.DESIGN,
        start_date=datetime.date(2025, 3, 1),
        end_date=datetime.date(2027, 2, 28),
        total_budget=Decimal("1250000.50"),
        currency="USD",
    )
    fsm.themes.set([sanitation, gender])
    fsm.members.set([world.vientiane])
    youth = ProjectFactory(
        network=network,
        code="rvase-2025-youth-vientiane",
        title_en="Youth and universities in Vientiane",
        lead_member=world.vientiane,
        stage=Stage.PROPOSED,
        shared_with_partners=True,
    )
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    tunis = MemberFactory(
        network=maghreb, country=CountryFactory(code="TN", name_en="Tunisia", name_fr="Tunisie"), slug="tunis"
    )
    elsewhere = ProjectFactory(network=maghreb, code="maghreb-2025-tunis", title_en="Tunis market", lead_member=tunis)
    return {"fsm": fsm, "youth": youth, "elsewhere": elsewhere}


def test_anonymous_visitors_are_sent_to_sign_in(world):
    response = world.client_for("anonymous").get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_row_shows_the_project_at_a_glance(world, projects):
    page = _results(world.client_for("coordinator"))
    fsm = projects["fsm"]
    assert f'<a href="{fsm.get_absolute_url()}">Faecal sludge management in Huế</a>' in page
    assert "rvase-2025-fsm-hue" in page
    assert "Huế" in page
    assert '<td data-label="Participating members">1</td>' in page
    assert '<span class="badge neutral">Design</span>' in page
    assert "Urban sanitation, Gender equality" in page
    assert "01/03/2025 to 28/02/2027" in page
    assert "1,250,000.50 USD" in page
    assert "2 projects" in page


def test_the_title_follows_the_language_with_a_fallback(world, projects):
    user = world.users["coordinator"]
    user.language = "fr"
    user.save()
    page = _results(world.client_for("coordinator"))
    assert "Gestion des boues de vidange à Huế" in page
    # No French title: the English one is shown rather than nothing.
    assert "Youth and universities in Vientiane" in page


def test_coordinator_and_focal_point_see_their_network_only(world, projects):
    for role in ("coordinator", "focal_point"):
        page = _results(world.client_for(role))
        assert "rvase-2025-fsm-hue" in page
        assert "rvase-2025-youth-vientiane" in page
        assert "maghreb-2025-tunis" not in page


def test_secretariat_sees_every_network(world, projects):
    page = _results(world.client_for("secretariat"))
    assert "3 projects" in page
    assert "maghreb-2025-tunis" in page


def test_partners_see_only_projects_shared_with_them(world, projects):
    page = _results(world.client_for("partner"))
    assert "rvase-2025-youth-vientiane" in page
    assert "rvase-2025-fsm-hue" not in page
    assert "maghreb-2025-tunis" not in page


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"q": "sludge"}, {"rvase-2025-fsm-hue"}),
        ({"q": "boues"}, {"rvase-2025-fsm-hue"}),
        ({"q": "YOUTH vientiane"}, {"rvase-2025-youth-vientiane"}),
        ({"q": "2025-fsm"}, {"rvase-2025-fsm-hue"}),
        ({"stage": "proposed"}, {"rvase-2025-youth-vientiane"}),
        ({"theme": "gender-equality"}, {"rvase-2025-fsm-hue"}),
        ({"country": "LA"}, {"rvase-2025-youth-vientiane"}),
        ({"country": "VN"}, {"rvase-2025-fsm-hue"}),
        # Vientiane leads one project and takes part in the other.
        ({"member": "vientiane"}, {"rvase-2025-fsm-hue", "rvase-2025-youth-vientiane"}),
        ({"member": "hue"}, {"rvase-2025-fsm-hue"}),
        ({"member": "hue", "stage": "proposed"}, set()),
        # A value that is not offered is ignored; the other filters still apply.
        ({"stage": "flying", "member": "hue"}, {"rvase-2025-fsm-hue"}),
    ],
)
def test_filters(world, projects, filters, expected):
    page = _results(world.client_for("coordinator"), **filters)
    shown = {code for code in ("rvase-2025-fsm-hue", "rvase-2025-youth-vientiane") if code in page}
    assert shown == expected
    if not expected:
        assert "No project matches these filters." in page


def test_a_project_joined_by_several_members_is_listed_once(world, projects):
    projects["fsm"].members.add(MemberFactory(network=world.hue.network, slug="can-tho"))
    page = _results(world.client_for("coordinator"), member="vientiane", theme="urban-sanitation")
    assert page.count(f">{projects['fsm'].title}</a>") == 1
    assert "1 project" in page


def test_the_full_page_has_the_filters_and_links(world, projects):
    page = world.client_for("coordinator").get(URL, {"theme": "urban-sanitation"}).content.decode()
    assert 'hx-get="/projects/"' in page
    assert 'id="project-results"' in page
    assert reverse("projects:board") in page
    assert reverse("projects:project_create") in page
    assert "Propose a project" in page
    # The export links carry the filters, so the file holds what the page shows.
    assert f"{reverse('projects:project_export', kwargs={'fmt': 'xlsx'})}?theme=urban-sanitation" in page
    assert f"{reverse('projects:project_export', kwargs={'fmt': 'csv'})}?theme=urban-sanitation" in page


def test_partners_are_not_offered_to_propose(world, projects):
    page = world.client_for("partner").get(URL).content.decode()
    assert "Propose a project" not in page


def test_fifty_projects_a_page(world):
    ProjectFactory.create_batch(55, network=world.hue.network, lead_member=world.hue)
    client = world.client_for("coordinator")
    first = _results(client)
    assert "55 projects" in first
    assert first.count("<tr>") == 51
    assert "Page 1 of 2" in first
    second = _results(client, page=2)
    assert second.count("<tr>") == 6


def test_typed_html_is_shown_as_text(world):
    ProjectFactory(network=world.hue.network, lead_member=world.hue, title_en="<script>alert(1)</script> FSM")
    page = _results(world.client_for("coordinator"))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; FSM" in page


# Export ------------------------------------------------------------------------------------------


def _export(client, fmt: str, **filters):
    return client.get(reverse("projects:project_export", kwargs={"fmt": fmt}), filters)


def test_xlsx_export(world, projects):
    ProjectFactory(network=world.hue.network, code="rvase-2025-khmer", title_en="ផែនការទីក្រុង", lead_member=world.hue)
    response = _export(world.client_for("coordinator"), "xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "attachment" in response["Content-Disposition"]
    assert "projects-" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADER
    assert [row[0] for row in rows[1:]] == [
        "Faecal sludge management in Huế",
        "ផែនការទីក្រុង",
        "Youth and universities in Vientiane",
    ]
    fsm = rows[1]
    assert fsm[:6] == [
        "Faecal sludge management in Huế",
        "Gestion des boues de vidange à Huế",
        "Design",
        "Huế",
        "Vientiane Capital",
        "Gender equality;Urban sanitation",
    ]
    assert fsm[6].date() == datetime.date(2025, 3, 1)
    assert fsm[7].date() == datetime.date(2027, 2, 28)
    assert fsm[8] == "no"
    assert Decimal(str(fsm[9])) == Decimal("1250000.50")
    assert fsm[10] == "USD"


def test_csv_export_is_utf8_with_a_byte_order_mark(world, projects):
    projects["fsm"].members.add(MemberFactory(network=world.hue.network, slug="can-tho", name_en="Cần Thơ"))
    response = _export(world.client_for("coordinator"), "csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == HEADER
    assert rows[1] == [
        "Faecal sludge management in Huế",
        "Gestion des boues de vidange à Huế",
        "Design",
        "Huế",
        "Cần Thơ;Vientiane Capital",
        "Gender equality;Urban sanitation",
        "2025-03-01",
        "2027-02-28",
        "no",
        "1250000.50",
        "USD",
    ]
    assert rows[2] == [
        "Youth and universities in Vientiane",
        "",
        "Proposed",
        "Vientiane Capital",
        "",
        "",
        "",
        "",
        "no",
        "",
        "EUR",
    ]


def test_the_export_holds_the_filtered_list_as_the_user_sees_it(world, projects):
    rows = _export(world.client_for("coordinator"), "csv", stage="proposed").content.decode("utf-8-sig").splitlines()
    assert len(rows) == 2
    assert rows[1].startswith("Youth and universities in Vientiane,")
    partner = _export(world.client_for("partner"), "csv").content.decode("utf-8-sig").splitlines()
    assert [row.split(",")[0] for row in partner[1:]] == ["Youth and universities in Vientiane"]
    secretariat = _export(world.client_for("secretariat"), "csv").content.decode("utf-8-sig").splitlines()
    assert len(secretariat) == 4


def test_a_title_a_spreadsheet_would_run_is_written_as_text(world):
    ProjectFactory(network=world.hue.network, lead_member=world.hue, code="formula", title_en="=HYPERLINK(1)")
    rows = list(csv.reader(io.StringIO(_export(world.client_for("coordinator"), "csv").content.decode("utf-8-sig"))))
    assert rows[1][0] == "'=HYPERLINK(1)"


def test_export_needs_a_known_format_and_an_account(world, projects):
    assert _export(world.client_for("coordinator"), "pdf").status_code == 404
    response = _export(world.client_for("anonymous"), "csv")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_french_reader_exports_projects_with_french_headers_and_stages(world, projects):
    world.users["coordinator"].language = "fr"
    world.users["coordinator"].save(update_fields=["language"])
    client = world.client_for("coordinator")
    rows = list(csv.reader(io.StringIO(_export(client, "csv", stage="proposed").content.decode("utf-8-sig"))))
    assert (rows[0][2], rows[1][2]) == ("Étape", "Proposé")
