"""The plan table: the deck's layout for a period, the period chooser, the comparison of two periods."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from reseau.plans.models import ActivityProgress, Plan
from tests.factories import ActivityFactory, AxisFactory, NetworkFactory, PlanFactory, ReportingPeriodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    """The deck's 2023 plan, in part: two axes, three activities, two periods with progress."""
    network = world.hue.network
    plan = PlanFactory(
        network=network,
        code="rvase-2023",
        kind=Plan.Kind.ANNUAL,
        title_en="2023 Action Plan",
        title_fr="Plan d'action 2023",
        status=Plan.Status.VALIDATED,
        starts_on=datetime.date(2023, 1, 1),
        ends_on=datetime.date(2023, 12, 31),
    )
    dialogue = AxisFactory(
        plan=plan, number=1, title_en="Facilitate regional dialogue between local authorities and stakeholders"
    )
    ownership = AxisFactory(plan=plan, number=2, title_en="Supporting local project ownership")
    contact = ActivityFactory(
        axis=dialogue,
        number=1,
        title_en="Making contact with member cities and their focal points; confirming needs.",
    )
    ActivityFactory(axis=dialogue, number=7, title_en="National Dialogue and Advocacy")
    diagnosis = ActivityFactory(
        axis=ownership, number=8, title_en="Diagnosis of training needs, exchange of experiences and studies"
    )
    first_half = ReportingPeriodFactory(
        network=network,
        kind="half_year",
        label="2023-H1",
        starts_on=datetime.date(2023, 1, 1),
        ends_on=datetime.date(2023, 6, 30),
    )
    year = ReportingPeriodFactory(network=network, label="2023")
    ActivityProgress.objects.create(
        activity=contact,
        period=first_half,
        achieved="Cambodia: ASAC, Kampot, Phnom Penh.\nLaos: Luang Prabang, Vientiane.",
        planned="Ongoing dialogue.",
        suggestions="Formal appointment of a focal point.",
        status="ongoing",
    )
    ActivityProgress.objects.create(
        activity=contact,
        period=year,
        achieved="Vietnam: Hue, Can Tho, Hai Phong.",
        planned="Dialogue continues in 2024.",
        status="done",
    )
    ActivityProgress.objects.create(
        activity=diagnosis, period=first_half, achieved="Drafted during the contacts with the members"
    )
    return plan


def _page(client, plan, **params) -> str:
    response = client.get(plan.get_absolute_url(), params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _table(page: str) -> str:
    return page[page.index("<table") : page.index("</table>")]


def test_who_reads_the_plan_table(world, plan):
    url = plan.get_absolute_url()
    anonymous = world.client_for("anonymous").get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("accounts:login"))
    for role in ("partner", "focal_point", "coordinator", "secretariat"):
        assert world.client_for(role).get(url).status_code == 200, role
    # A draft is the network's own: partners do not read it, and are told why (403).
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.DRAFT)
    assert world.client_for("partner").get(url).status_code == 403
    assert world.client_for("focal_point").get(url).status_code == 200


def test_another_networks_plan_is_not_found(world):
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    other = PlanFactory(network=maghreb, code="maghreb-2023", status=Plan.Status.VALIDATED)
    for role in ("partner", "focal_point", "coordinator"):
        assert world.client_for(role).get(other.get_absolute_url()).status_code == 404, role
    assert world.client_for("secretariat").get(other.get_absolute_url()).status_code == 200


def test_the_table_has_the_decks_columns_grouped_by_axis(world, plan):
    page = _page(world.client_for("focal_point"), plan, period="2023-H1")
    table = _table(page)
    headers = re.findall(r'<th scope="col">(.*?)</th>', table)
    assert headers[1:] == ["Activities", "Achieved", "Planned", "Suggestions", "Status"]
    assert "#" in headers[0]
    # Axis heading rows, in order, each followed by its activities in number order.
    first_axis = table.index("1. Facilitate regional dialogue between local authorities and stakeholders")
    second_axis = table.index("2. Supporting local project ownership")
    activity_1 = table.index('id="activity-1"')
    activity_7 = table.index('id="activity-7"')
    activity_8 = table.index('id="activity-8"')
    assert first_axis < activity_1 < activity_7 < second_axis < activity_8
    assert table.count('scope="rowgroup"') == 2
    # The texts of the period, with their line breaks.
    assert "Cambodia: ASAC, Kampot, Phnom Penh.<br>Laos: Luang Prabang, Vientiane." in table
    assert "Ongoing dialogue." in table
    assert "Formal appointment of a focal point." in table
    assert "Drafted during the contacts with the members" in table
    assert "Vietnam: Hue, Can Tho, Hai Phong." not in table  # another period
    assert '<span class="badge warn">Ongoing</span>' in table
    # On phones each cell says which column it is.
    assert 'data-label="Achieved"' in table
    assert 'data-label="Suggestions"' in table
    # Each activity leads to its page.
    assert reverse("plans:activity_detail", kwargs={"code": plan.code, "number": 7}) in table


def test_the_default_period_is_the_latest_with_progress(world, plan):
    # 2024-H1 overlaps nothing of the plan; 2023-Q4 overlaps it but has no progress.
    network = plan.network
    ReportingPeriodFactory(
        network=network,
        kind="quarter",
        label="2023-Q4",
        starts_on=datetime.date(2023, 10, 1),
        ends_on=datetime.date(2023, 12, 31),
    )
    ReportingPeriodFactory(
        network=network,
        kind="half_year",
        label="2024-H1",
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2024, 6, 30),
    )
    response = world.client_for("focal_point").get(plan.get_absolute_url())
    assert response.context["period"].label == "2023"
    page = response.content.decode()
    assert "Vietnam: Hue, Can Tho, Hai Phong." in _table(page)
    # The chooser offers the network's periods that overlap the plan, and only those.
    options = re.findall(r'<option value="([^"]+)"', page[page.index('id="id_period"') : page.index('id="id_compare"')])
    assert options == ["2023-Q4", "2023", "2023-H1"]
    assert "2024-H1" not in page
    # Without progress at all: the latest of the overlapping periods.
    ActivityProgress.objects.all().delete()
    assert world.client_for("focal_point").get(plan.get_absolute_url()).context["period"].label == "2023-Q4"


def test_an_unknown_or_non_overlapping_period_is_not_found(world, plan):
    ReportingPeriodFactory(
        network=plan.network,
        kind="year",
        label="2025",
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2025, 12, 31),
    )
    client = world.client_for("focal_point")
    assert client.get(plan.get_absolute_url(), {"period": "1999"}).status_code == 404
    assert client.get(plan.get_absolute_url(), {"period": "2025"}).status_code == 404
    assert client.get(plan.get_absolute_url(), {"period": "2023", "compare": "nope"}).status_code == 404


def test_comparing_two_periods_shows_both_side_by_side(world, plan):
    response = world.client_for("focal_point").get(plan.get_absolute_url(), {"period": "2023", "compare": "2023-H1"})
    assert response.status_code == 200
    table = _table(response.content.decode())
    row = table[table.index('id="activity-1"') :]
    row = row[: row.index("</tr>")]
    # Period A's texts, then period B's, in the same row.
    assert row.index("Vietnam: Hue, Can Tho, Hai Phong.") < row.index("Cambodia: ASAC, Kampot, Phnom Penh.")
    assert row.index("Dialogue continues in 2024.") < row.index("Ongoing dialogue.")
    assert '<span class="badge ok">Done</span>' in row
    assert '<span class="badge warn">Ongoing</span>' in row
    assert 'data-label="Achieved (2023)"' in row
    assert 'data-label="Achieved (2023-H1)"' in row
    assert 'data-label="Status (2023-H1)"' in row
    assert '<th scope="colgroup" colspan="4">2023</th>' in table
    assert '<th scope="colgroup" colspan="4">2023-H1</th>' in table
    assert table.count('<th scope="col">Achieved</th>') == 2
    # The axis headings span the ten columns.
    assert 'colspan="10"' in table
    # Comparing a period with itself is the period alone.
    same = world.client_for("focal_point").get(plan.get_absolute_url(), {"period": "2023", "compare": "2023"})
    assert same.context["compare"] is None


def test_texts_are_escaped(world, plan):
    activity = plan.activities.get(number=7)
    activity.title_en = "<script>alert('title')</script>"
    activity.save()
    period = plan.network.reporting_periods.get(label="2023")
    ActivityProgress.objects.create(
        activity=activity, period=period, achieved="<b>bold</b>\n<img src=x onerror=alert(1)>"
    )
    table = _table(_page(world.client_for("focal_point"), plan, period="2023"))
    assert "<script>alert" not in table
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in table
    assert "&lt;b&gt;bold&lt;/b&gt;<br>&lt;img src=x onerror=alert(1)&gt;" in table
    assert "<img src=x" not in table


def test_staff_get_the_editing_links_and_readers_do_not(world, plan):
    record = reverse("plans:progress_edit", kwargs={"code": plan.code, "number": 8, "period": "2023"})
    export_xlsx = reverse("plans:plan_export", kwargs={"code": plan.code, "fmt": "xlsx"}) + "?period=2023"
    export_docx = reverse("plans:plan_export", kwargs={"code": plan.code, "fmt": "docx"}) + "?period=2023"
    staff_only = [
        record,
        reverse("plans:plan_edit", kwargs={"code": plan.code}),
        reverse("plans:axis_create", kwargs={"code": plan.code}),
        reverse("plans:activity_create", kwargs={"code": plan.code}),
        reverse("plans:plan_import", kwargs={"code": plan.code}),
    ]
    for role in ("coordinator", "secretariat"):
        page = _page(world.client_for(role), plan, period="2023")
        for url in [*staff_only, export_xlsx, export_docx]:
            assert f'href="{url}"' in page, (role, url)
        assert 'aria-label="Record progress of activity 8 for 2023"' in page
    for role in ("partner", "focal_point"):
        page = _page(world.client_for(role), plan, period="2023")
        for url in staff_only:
            assert f'href="{url}"' not in page, (role, url)
        assert f'href="{export_xlsx}"' in page
        assert f'href="{export_docx}"' in page


def test_a_plan_without_periods_or_activities(world):
    plan = PlanFactory(
        network=world.hue.network,
        code="rvase-2026",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
    )
    page = _page(world.client_for("coordinator"), plan)
    assert "No reporting period of the network overlaps this plan yet" in page
    assert "No activity in this plan yet." in page
    assert reverse("plans:axis_create", kwargs={"code": plan.code}) in page
    AxisFactory(plan=plan, number=1, title_en="Dialogue")
    ActivityFactory(plan=plan, axis=plan.axes.get(), number=1, title_en="Contact the members")
    table = _table(_page(world.client_for("coordinator"), plan))
    assert "Contact the members" in table
    assert "Achieved" not in table


def test_khmer_and_lao_text_is_shown_as_written(world, plan):
    activity = plan.activities.get(number=7)
    period = plan.network.reporting_periods.get(label="2023")
    ActivityProgress.objects.create(
        activity=activity,
        period=period,
        achieved="កិច្ចប្រជុំនៅភ្នំពេញ",
        planned="ກອງປະຊຸມຢູ່ວຽງຈັນ",
        suggestions="Hội thảo tại Huế",
    )
    table = _table(_page(world.client_for("focal_point"), plan, period="2023"))
    assert "កិច្ចប្រជុំនៅភ្នំពេញ" in table
    assert "ກອງປະຊຸມຢູ່ວຽງຈັນ" in table
    assert "Hội thảo tại Huế" in table


def test_the_headers_are_translated(world, plan):
    client = world.client_for("focal_point")
    client.cookies["reseau_language"] = "fr"
    table = _table(_page(client, plan, period="2023"))
    headers = re.findall(r'<th scope="col">(.*?)</th>', table)
    assert headers[2:5] == ["Réalisé", "Prévu", "Suggestions"]
    assert "Plan d&#x27;action 2023" in _page(client, plan, period="2023")
