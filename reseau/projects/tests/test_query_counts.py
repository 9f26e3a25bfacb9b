"""The project pages' SQL query counts stay within budget and do not grow with the number of projects."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from reseau.projects.models import Project, Stage
from reseau.registry.models import Member, Theme
from tests.factories import MemberFactory, ProjectFactory

pytestmark = pytest.mark.django_db

PAGE_QUERY_BUDGET = 20


def _add_projects(count: int, *, start: int, leads: list[Member], themes: list[Theme]) -> None:
    """Many projects at once: every stage, several leads, themes and participating members each."""
    stages = list(Stage.values)
    Project.objects.bulk_create(
        ProjectFactory.build(
            network=leads[0].network,
            code=f"bulk-{n:05}",
            title_en=f"Bulk project {n:05}",
            title_fr=f"Projet {n:05}",
            lead_member=leads[n % len(leads)],
            stage=stages[n % len(stages)],
            stage_since=datetime.date(2024, 1, 1) + datetime.timedelta(days=n % 300),
            start_date=datetime.date(2025, 1, 1),
            end_date=datetime.date(2026, 12, 31),
            total_budget=Decimal("1000.00") + n,
            currency="USD" if n % 2 else "EUR",
            shared_with_partners=n % 3 == 0,
        )
        for n in range(start, start + count)
    )
    created = list(Project.objects.filter(code__gte=f"bulk-{start:05}", code__lt=f"bulk-{start + count:05}"))
    Project.themes.through.objects.bulk_create(
        Project.themes.through(project_id=p.pk, theme_id=t.pk) for p in created for t in themes
    )
    Project.members.through.objects.bulk_create(
        Project.members.through(project_id=p.pk, member_id=m.pk)
        for p in created
        for m in leads
        if m.pk != p.lead_member_id
    )


def _count(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, f"{path}: {response.status_code}"
    return len(queries)


@pytest.mark.heavy
def test_list_board_and_export_query_counts_do_not_grow_with_the_number_of_projects(world):
    themes = [
        Theme.objects.create(code="urban-sanitation", kind="work", name_en="Urban sanitation"),
        Theme.objects.create(code="gender-equality", kind="cross_cutting", name_en="Gender equality"),
    ]
    can_tho = MemberFactory(network=world.hue.network, country=world.hue.country, slug="can-tho")
    leads = [world.hue, world.vientiane, can_tho]
    _add_projects(10, start=0, leads=leads, themes=themes)
    first = Project.objects.order_by("code").first()
    assert first is not None
    pages = [
        ("coordinator", "/projects/"),
        ("coordinator", "/projects/?q=bulk+project&stage=design&theme=urban-sanitation&country=VN&member=hue"),
        ("coordinator", "/projects/?member=vientiane&page=2"),
        ("secretariat", "/projects/"),
        ("focal_point", "/projects/"),
        ("partner", "/projects/"),
        ("coordinator", "/projects/board/"),
        ("coordinator", "/projects/board/?theme=gender-equality&country=LA&member=can-tho"),
        ("secretariat", "/projects/board/"),
        ("focal_point", "/projects/board/"),
        ("partner", "/projects/board/"),
        ("coordinator", "/projects/export.csv"),
        ("secretariat", "/projects/export.xlsx?stage=proposed"),
        ("coordinator", "/members/hue/"),
        ("partner", "/members/hue/"),
    ]
    clients = {role: world.client_for(role) for role, _path in pages}

    def measure() -> dict[str, int]:
        return {f"{role} {path}": _count(clients[role], path) for role, path in pages}

    small = measure()
    _add_projects(1990, start=10, leads=leads, themes=themes)
    assert Project.objects.count() == 2000
    large = measure()
    # The filters did find projects: the counts above are those of real pages.
    filtered = clients["coordinator"].get(pages[1][1]).content.decode()
    assert "Bulk project" in filtered
    assert "No project matches" not in filtered

    over_budget = {page: n for page, n in large.items() if n > PAGE_QUERY_BUDGET}
    assert not over_budget, f"pages over {PAGE_QUERY_BUDGET} queries: {over_budget}"
    grew = {page: (small[page], large[page]) for page in small if small[page] != large[page]}
    assert not grew, f"query counts that grew with the data: {grew}"


def test_the_project_page_query_count_does_not_grow_with_its_timeline(world):
    from reseau.projects import services

    project = ProjectFactory(network=world.hue.network, lead_member=world.hue)
    project.members.set([world.vientiane])
    clients = {role: world.client_for(role) for role in ("coordinator", "secretariat", "focal_point")}
    small = {role: _count(client, project.get_absolute_url()) for role, client in clients.items()}
    for _ in range(5):
        for to_stage in (Stage.UNDER_DISCUSSION, Stage.ABANDONED):
            services.project_transition(
                actor=world.users["secretariat"], project=project, to_stage=to_stage, comment="Back and forth"
            )
        Project.objects.filter(pk=project.pk).update(stage=Stage.PROPOSED)
        project.members.add(MemberFactory(network=world.hue.network, country=world.hue.country))
    large = {role: _count(client, project.get_absolute_url()) for role, client in clients.items()}
    assert small == large
    assert max(large.values()) <= PAGE_QUERY_BUDGET, large
