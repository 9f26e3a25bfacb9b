"""The demo partner (the EU delegation) finds something true to read in the seeded RVASE data."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from reseau.accounts.models import User
from reseau.funding.models import FundingOpportunity
from reseau.projects.models import Project
from reseau.seeds.demo import DEMO_ACCOUNTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(settings) -> Client:
    settings.DEMO_MODE = True
    call_command("seed_rvase", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    client = Client()
    client.force_login(User.objects.get(email="partner@reseau.test"))
    return client


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_demo_partner_reads_the_fsm_projects(partner):
    page = _page(partner, "/projects/")
    assert "4 projects" in page
    assert "6 projects are not shared with partners." in page


def test_the_vientiane_page_shows_its_project_in_implementation(partner):
    assert "/projects/rvase-fsm-vientiane/" in _page(partner, "/members/vientiane/")


def test_the_demo_partner_reads_two_example_calls(partner):
    page = _page(partner, "/funding/")
    assert "2 funding opportunities" in page
    assert "1 funding opportunity is not shared with partners." in page


def test_the_demo_partner_is_told_the_plans_are_drafts(partner):
    assert "5 draft action plans are not shared with partners." in _page(partner, "/plans/")


def test_seeding_again_keeps_the_coordinators_choice(partner, settings):
    Project.objects.filter(code="rvase-fsm-hue").update(shared_with_partners=False)
    FundingOpportunity.objects.update(shared_with_partners=False)
    FundingOpportunity.objects.filter(pk=FundingOpportunity.objects.order_by("pk")[0].pk).update(
        shared_with_partners=True
    )
    call_command("seed_demo", stdout=StringIO())
    assert not Project.objects.get(code="rvase-fsm-hue").shared_with_partners
    assert FundingOpportunity.objects.filter(shared_with_partners=True).count() == 1


def test_the_seeded_demo_accounts_are_marked_as_demo(partner):
    # Issue 12: the mark keeps them from signing in outside demo mode (accounts.backends).
    marked = set(User.objects.filter(is_demo=True).values_list("email", flat=True))
    assert marked == {email for email, *_rest in DEMO_ACCOUNTS}


def test_the_demo_s_contacts_and_needs_with_members_say_they_are_demo(partner):
    from reseau.partners.models import Interaction, MemberNeed
    from reseau.seeds.demo import DEMO_MEMBER_INTERACTIONS, DEMO_MEMBER_NEEDS

    demo_titles = [title for _slug, _kind, title, _description, _on in DEMO_MEMBER_NEEDS]
    demo_summaries = [summary for _slug, _kind, _date, summary, _step, _due in DEMO_MEMBER_INTERACTIONS]
    assert all("(demo)" in text for text in demo_titles + demo_summaries)
    assert MemberNeed.objects.filter(title__in=demo_titles).count() == len(demo_titles)
    assert Interaction.objects.filter(summary__in=demo_summaries).count() == len(demo_summaries)


def test_the_partner_reads_no_member_s_needs(partner):
    page = _page(partner, "/members/hue/")
    assert "Examples of faecal sludge tariffs" not in page
