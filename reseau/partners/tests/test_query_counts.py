"""The partner pages' SQL query counts stay within budget and do not grow with the data."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from reseau.partners import services
from reseau.partners.models import Organisation, OrganisationContact
from reseau.registry.models import Theme
from tests.factories import CountryFactory, InteractionFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

PAGE_QUERY_BUDGET = 15


def _add_organisations(count: int, *, world, start: int) -> list:
    countries = [
        CountryFactory(code="KH", name_en="Cambodia", name_fr="Cambodge"),
        CountryFactory(code="LA", name_en="Laos", name_fr="Laos"),
    ]
    themes = list(Theme.objects.all())
    created: list = []
    for n in range(start, start + count):
        organisation = OrganisationFactory(name_en=f"Organisation {n:04}", acronym=f"O{n}", region_en="ASEAN")
        organisation.countries.set(countries)
        organisation.themes.set(themes)
        services.relationship_set_stage(
            actor=world.users["coordinator"], organisation=organisation, network=world.hue.network, stage="contacted"
        )
        OrganisationContact.objects.create(
            organisation=organisation, person=PersonFactory(member=None, title_en="Officer"), role="Focal person"
        )
        created.append(organisation)
    return created


def _add_activity(organisation: Organisation, *, world, count: int) -> None:
    """Contacts, interactions with people on both sides, and stage changes on one organisation."""
    for n in range(count):
        person = PersonFactory(member=world.hue if n % 2 else None, title_en="Adviser")
        OrganisationContact.objects.create(organisation=organisation, person=person, role="Adviser")
        interaction = InteractionFactory(
            organisation=organisation,
            network=world.hue.network,
            date=datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
            next_step=f"Step {n}",
            next_step_owner=world.users["coordinator"],
            next_step_due=datetime.date(2024, 2, 1),
        )
        interaction.our_people.add(PersonFactory(member=world.hue))
        interaction.their_people.add(person)
        services.relationship_set_stage(
            actor=world.users["secretariat"],
            organisation=organisation,
            network=world.hue.network,
            stage=["in_dialogue", "cooperating", "dormant"][n % 3],
            on=datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
            reason=f"Reason {n}",
        )
        services.organisation_update(
            actor=world.users["secretariat"], organisation=organisation, data={"notes": f"Notes {n}"}
        )


def _count(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, f"{path}: {response.status_code}"
    return len(queries)


@pytest.mark.heavy
def test_query_counts_do_not_grow_with_the_number_of_organisations(world):
    Theme.objects.create(code="urban-sanitation", kind="work", name_en="Urban sanitation")
    Theme.objects.create(code="gender-equality", kind="cross_cutting", name_en="Gender equality")
    first = _add_organisations(10, world=world, start=0)[0]
    first.shared_with_partners = True
    first.save()
    _add_activity(first, world=world, count=2)
    pages = [
        ("coordinator", "/partners/"),
        ("coordinator", "/partners/?q=organisation&kind=donor&stage=contacted&theme=urban-sanitation"),
        ("coordinator", "/partners/?page=2"),
        ("secretariat", "/partners/"),
        ("focal_point", "/partners/"),
        ("partner", "/partners/"),
        ("coordinator", first.get_absolute_url()),
        ("secretariat", first.get_absolute_url()),
        ("focal_point", first.get_absolute_url()),
        ("partner", first.get_absolute_url()),
        ("coordinator", f"/partners/{first.pk}/interactions/new/"),
        ("coordinator", "/"),
        ("secretariat", "/"),
    ]
    clients = {role: world.client_for(role) for role, _path in pages}

    def measure() -> dict[str, int]:
        return {f"{role} {path}": _count(clients[role], path) for role, path in pages}

    small = measure()
    _add_organisations(200, world=world, start=10)
    _add_activity(first, world=world, count=20)
    assert Organisation.objects.count() == 210
    large = measure()

    over_budget = {page: n for page, n in large.items() if n > PAGE_QUERY_BUDGET}
    assert not over_budget, f"pages over {PAGE_QUERY_BUDGET} queries: {over_budget}"
    grew = {page: (small[page], large[page]) for page in small if small[page] != large[page]}
    assert not grew, f"query counts that grew with the data: {grew}"
