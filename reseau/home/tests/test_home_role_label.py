"""The home page says the reader's role in the feminine when the registry says she is a woman (issue 11)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _lead(world, role: str) -> str:
    user = world.users[role]
    user.language = "fr"
    user.save(update_fields=["language"])
    page = world.client_for(role).get(reverse("home:home")).content.decode()
    return page.split('<p class="lead">', 1)[1].split("</p>", 1)[0]


def test_a_woman_coordinator_reads_her_role_in_the_feminine(world):
    PersonFactory(member=world.hue, email="Coordinator@reseau.test", gender="woman")
    assert _lead(world, "coordinator").startswith("Chargée d&#x27;animation du réseau")


def test_a_woman_partner_reads_her_role_in_the_feminine(world):
    PersonFactory(member=None, email="partner@reseau.test", gender="woman")
    assert _lead(world, "partner").startswith("Partenaire / observatrice")


def test_a_man_coordinator_reads_the_common_form(world):
    PersonFactory(member=world.hue, email="coordinator@reseau.test", gender="man")
    assert _lead(world, "coordinator").startswith("Chargé·e d&#x27;animation du réseau")


def test_a_coordinator_the_registry_does_not_know_reads_the_common_form(world):
    assert _lead(world, "coordinator").startswith("Chargé·e d&#x27;animation du réseau")


def test_the_english_role_is_the_same_for_everyone(world):
    PersonFactory(member=world.hue, email="coordinator@reseau.test", gender="woman")
    page = world.client_for("coordinator").get(reverse("home:home")).content.decode()
    assert '<p class="lead">Network coordinator' in page
