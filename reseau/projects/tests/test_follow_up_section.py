"""The follow-up part of the project page: partners, funding plan, milestones and notes.

The section is rendered as the project page includes it: ``project_follow_up``'s
context into ``projects/_follow_up.html``.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from reseau.accounts.models import Role
from reseau.projects.follow_up.selectors import project_follow_up
from reseau.projects.models import ExchangeRate, FundingLine, Milestone, ProgressNote, ProjectPartner
from tests.factories import (
    FundingOpportunityFactory,
    NetworkFactory,
    OrganisationFactory,
    ProjectFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

JUNE_2025 = datetime.date(2025, 6, 1)


def _section(project, user, *, on=JUNE_2025) -> str:
    request = RequestFactory().get(project.get_absolute_url())
    request.user = user or AnonymousUser()
    context = {"project": project, **project_follow_up(project, user=request.user, on=on)}
    return render_to_string("projects/_follow_up.html", context, request=request)


def _text(html: str) -> str:
    """The words of the page, without tags and with spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def usd_rates():
    ExchangeRate.objects.create(currency="USD", valid_from=datetime.date(2024, 1, 1), euros_per_unit=Decimal("0.92"))
    ExchangeRate.objects.create(currency="USD", valid_from=datetime.date(2025, 1, 1), euros_per_unit=Decimal("0.95"))


@pytest.fixture
def project(world):
    return ProjectFactory(
        network=world.hue.network,
        lead_member=world.hue,
        title_en="Faecal sludge management in Huế",
        total_budget=Decimal("100000"),
        currency="USD",
        stage="seeking_funding",
    )


@pytest.fixture
def call(world):
    return FundingOpportunityFactory(network=world.hue.network, title_en="FICOL 2025")


@pytest.fixture
def line(project, call):
    return FundingLine.objects.create(
        project=project,
        source=OrganisationFactory(name_en="Agence française de développement", acronym="AFD"),
        opportunity=call,
        amount_requested=Decimal("40000"),
        amount_secured=Decimal("20000"),
        currency="USD",
        status="requested",
        as_of=datetime.date(2024, 6, 1),
    )


def test_the_funding_plan_shows_known_figures(world, project, line, usd_rates):
    page = _section(project, world.users["coordinator"])
    words = _text(page)
    assert "100,000.00 USD" in words
    assert "95,000.00 EUR at the rate of 1 June 2025" in words
    assert "40,000.00 USD" in words
    assert "20,000.00 USD" in words
    assert "36,800.00 EUR" in words
    assert "18,400.00 EUR" in words
    assert "Funding gap, in euros 76,600.00 EUR" in words
    assert '<span class="badge warn">Requested</span>' in page
    assert f'<a href="{line.source.get_absolute_url()}">Agence française de développement (AFD)</a>' in page
    assert f'<a href="{line.opportunity.get_absolute_url()}">FICOL 2025</a>' in page
    assert "No exchange rate" not in page


def test_a_missing_rate_is_said_and_no_figure_is_given(world, project, line, usd_rates):
    FundingLine.objects.create(
        project=project,
        source=OrganisationFactory(name_en="Phnom Penh Capital Hall"),
        amount_requested=Decimal("4000000"),
        currency="KHR",
        as_of=datetime.date(2024, 6, 1),
    )
    page = _section(project, world.users["secretariat"])
    words = _text(page)
    assert "No exchange rate for KHR on 1 June 2024" in words
    assert "4,000,000.00 KHR" in words
    # The totals and the gap are not computed: no figure rather than a wrong one.
    assert "Funding gap, in euros Cannot be calculated: an exchange rate is missing." in words
    assert "Total requested, in euros Cannot be calculated" in words
    assert "76,600.00" not in words
    assert "36,800.00 EUR Total" not in words
    # The budget itself still converts, and the USD line too.
    assert "95,000.00 EUR at the rate of 1 June 2025" in words
    assert "36,800.00 EUR" in words
    # The secretariat is offered to record the missing rate.
    assert f"{reverse('projects:rate_create')}?currency=KHR&amp;valid_from=2024-06-01" in page


def test_a_budget_without_a_rate_is_not_converted(world, project, line):
    page = _text(_section(project, world.users["coordinator"]))
    assert "No exchange rate for USD on 1 June 2025" in page
    assert "No exchange rate for USD on 1 June 2024" in page
    assert "EUR at the rate of" not in page
    assert "Funding gap, in euros Cannot be calculated" in page


def test_a_project_without_a_budget_asks_for_one(world, usd_rates):
    project = ProjectFactory(network=world.hue.network, lead_member=world.hue, total_budget=None)
    words = _text(_section(project, world.users["coordinator"]))
    assert "Total budget Not recorded yet" in words
    assert "Record the total budget to calculate the gap." in words
    assert "No funding line recorded yet." in words


def test_a_budget_in_euros_is_shown_once(world):
    project = ProjectFactory(
        network=world.hue.network, lead_member=world.hue, total_budget=Decimal("250000.5"), currency="EUR"
    )
    words = _text(_section(project, world.users["coordinator"]))
    assert "Total budget 250,000.50 EUR Total requested" in words
    assert "Funding gap, in euros 250,000.50 EUR" in words


def test_french_readers_get_french_number_formats(world, project, line, usd_rates):
    with translation.override("fr"):
        page = _section(project, world.users["coordinator"])
    assert "100\xa0000,00 USD" in page
    assert "36\xa0800,00 EUR" in page
    assert "18\xa0400,00 EUR" in page
    assert "76\xa0600,00 EUR" in page
    assert "1 juin 2024" in page


def test_partners_milestones_and_notes_are_listed(world, project):
    today = timezone.localdate()
    shared = OrganisationFactory(name_en="Université de Huế", shared_with_partners=True)
    ProjectPartner.objects.create(project=project, organisation=shared, role="university")
    Milestone.objects.create(project=project, title_en="Feasibility study", due_date=today - datetime.timedelta(days=3))
    Milestone.objects.create(
        project=project,
        title_en="Site visit",
        due_date=today - datetime.timedelta(days=30),
        status="done",
        done_on=today - datetime.timedelta(days=31),
    )
    Milestone.objects.create(project=project, title_en="Final report", due_date=today + datetime.timedelta(days=30))
    ProgressNote.objects.create(
        project=project,
        date=datetime.date(2025, 5, 2),
        achievements="Study launched",
        next_steps="Meet the AFD",
        author=world.users["coordinator"],
    )
    page = _section(project, world.users["focal_point"])
    words = _text(page)
    assert (
        f'<a href="{shared.get_absolute_url()}">Université de Huế</a> <span class="badge neutral">University</span>'
        in page
    )
    assert "Feasibility study" in words
    assert "Site visit" in words
    assert "Final report" in words
    # Planned and past due: late. Done, or due later: not late.
    assert page.count('<span class="badge bad">Late</span>') == 1
    assert re.search(r'id="milestone-\d+">\s*<td>Feasibility study</td>.*?Late', page, re.S)
    assert "Done on" in words
    assert "2 May 2025" in words
    assert "Written by User" in words
    assert "Achievements Study launched" in words
    assert "Next steps Meet the AFD" in words
    assert "Difficulties" not in words


def test_html_typed_by_users_is_shown_escaped(world, project, usd_rates):
    evil = "<script>alert('x')</script>"
    source = OrganisationFactory(name_en=f"Donor {evil}")
    ProjectPartner.objects.create(project=project, organisation=source, role="donor")
    FundingLine.objects.create(project=project, source=source, amount_requested=Decimal("1"), currency="USD")
    Milestone.objects.create(project=project, title_en=f"Milestone {evil}", due_date=JUNE_2025)
    ProgressNote.objects.create(project=project, achievements=evil, difficulties=evil, next_steps=evil)
    page = _section(project, world.users["coordinator"])
    assert "<script>" not in page
    assert page.count("&lt;script&gt;") >= 6


@pytest.mark.parametrize(
    ("role", "funding", "follow_up", "rates"),
    [
        ("partner", False, False, False),
        ("focal_point", False, True, True),
        ("coordinator", True, True, True),
        ("secretariat", True, True, True),
    ],
)
def test_links_follow_permissions(world, project, line, role, funding, follow_up, rates):
    project.shared_with_partners = True
    project.save()
    milestone = Milestone.objects.create(project=project, title_en="Study", due_date=JUNE_2025)
    page = _section(project, world.users[role])
    staff_links = [
        reverse("projects:partner_add", kwargs={"code": project.code}),
        reverse("projects:funding_line_add", kwargs={"code": project.code}),
        reverse("projects:funding_line_edit", kwargs={"code": project.code, "pk": line.pk}),
    ]
    follow_up_links = [
        reverse("projects:milestone_add", kwargs={"code": project.code}),
        reverse("projects:milestone_edit", kwargs={"code": project.code, "pk": milestone.pk}),
        reverse("projects:note_add", kwargs={"code": project.code}),
    ]
    assert all((link in page) == funding for link in staff_links)
    assert all((link in page) == follow_up for link in follow_up_links)
    assert (reverse("projects:rate_list") in page) == rates


def test_partners_see_no_link_to_what_is_not_shared_with_them(world, project, line):
    page = _section(project, world.users["partner"])
    assert "Agence française de développement (AFD)" in page
    assert "FICOL 2025" in page
    assert line.source.get_absolute_url() not in page
    assert line.opportunity.get_absolute_url() not in page


def test_the_focal_point_of_a_joining_member_may_follow_up(world, project):
    joining = UserFactory(
        email="focal.vientiane@reseau.test", role=Role.FOCAL_POINT, member=world.vientiane, network=world.hue.network
    )
    add_note = reverse("projects:note_add", kwargs={"code": project.code})
    assert add_note not in _section(project, joining)
    project.members.add(world.vientiane)
    assert add_note in _section(project, joining)


def _fill(project, count: int, *, start: int) -> None:
    network = project.network
    for n in range(start, start + count):
        source = OrganisationFactory()
        ProjectPartner.objects.create(project=project, organisation=source, role="donor")
        FundingLine.objects.create(
            project=project,
            source=source,
            opportunity=FundingOpportunityFactory(network=network),
            amount_requested=Decimal(1000 + n),
            currency=["USD", "EUR", "KHR"][n % 3],
            as_of=datetime.date(2024, 6, 1),
        )
        Milestone.objects.create(
            project=project, title_en=f"Milestone {n}", due_date=datetime.date(2025, 1, n % 28 + 1)
        )
        ProgressNote.objects.create(project=project, achievements=f"Note {n}", author=UserFactory())


@pytest.mark.parametrize("role", ["partner", "focal_point", "coordinator", "secretariat"])
def test_the_query_count_does_not_grow_with_the_follow_up(world, project, usd_rates, role):
    project.shared_with_partners = True
    project.save()
    user = world.users[role]

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            _section(project, user)
        return len(queries)

    _fill(project, 3, start=0)
    small = count()
    _fill(project, 27, start=3)
    assert FundingLine.objects.filter(project=project).count() == 30
    large = count()
    assert small == large, (small, large)
    assert large <= 8


def test_the_project_page_includes_the_section(world, project, line, usd_rates):
    # Converted today: the 2025 rate (0.95) is still the latest.
    page = _text(world.client_for("focal_point").get(project.get_absolute_url()).content.decode())
    assert "Funding plan" in page
    assert "95,000.00 EUR at the rate of" in page
    assert "Funding gap, in euros 76,600.00 EUR" in page
    assert "Milestones" in page
    assert "Progress notes" in page


def test_the_project_pages_query_count_does_not_grow_with_the_follow_up(world, project, usd_rates):
    client = world.client_for("coordinator")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(project.get_absolute_url()).status_code == 200
        return len(queries)

    _fill(project, 3, start=0)
    small = count()
    _fill(project, 27, start=3)
    assert count() == small


# The funding opportunity's page lists the projects that count on it.


def test_the_call_lists_the_projects_counting_on_it(world, project, line, call):
    other = ProjectFactory(network=world.hue.network, lead_member=world.vientiane, title_en="Smart tourism")
    page = world.client_for("coordinator").get(call.get_absolute_url()).content.decode()
    assert "Projects counting on this call" in page
    assert f'<a href="{project.get_absolute_url()}">Faecal sludge management in Huế</a>' in page
    assert "Led by Huế" in page
    assert "Seeking funding" in page
    assert other.get_absolute_url() not in page


def test_a_project_counts_once_even_with_several_lines(world, project, line, call):
    FundingLine.objects.create(
        project=project, source=line.source, opportunity=call, amount_requested=Decimal("5"), currency="EUR"
    )
    page = world.client_for("secretariat").get(call.get_absolute_url()).content.decode()
    assert page.count(f'<a href="{project.get_absolute_url()}">') == 1


def test_the_call_lists_only_projects_the_reader_may_open(world, project, line, call):
    call.shared_with_partners = True
    call.save()
    client = world.client_for("partner")
    page = client.get(call.get_absolute_url()).content.decode()
    assert project.get_absolute_url() not in page
    assert "No project counts on this call yet." in page
    project.shared_with_partners = True
    project.save()
    assert project.get_absolute_url() in client.get(call.get_absolute_url()).content.decode()


def test_a_project_of_another_network_on_the_call_stays_hidden_from_coordinators(world, call):
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    theirs = ProjectFactory(network=maghreb, title_en="Their project")
    FundingLine.objects.create(project=theirs, source=OrganisationFactory(), opportunity=call, amount_requested=1)
    assert (
        theirs.get_absolute_url() not in world.client_for("coordinator").get(call.get_absolute_url()).content.decode()
    )
    assert theirs.get_absolute_url() in world.client_for("secretariat").get(call.get_absolute_url()).content.decode()


def test_the_calls_query_count_does_not_grow_with_its_projects(world, call):
    client = world.client_for("coordinator")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(call.get_absolute_url()).status_code == 200
        return len(queries)

    def add(n: int) -> None:
        for _ in range(n):
            project = ProjectFactory(network=world.hue.network, lead_member=world.hue)
            FundingLine.objects.create(project=project, source=call.donor, opportunity=call, amount_requested=1)

    add(3)
    small = count()
    add(27)
    assert count() == small
