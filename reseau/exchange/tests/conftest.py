"""Fixtures of the spreadsheet tests: the themes and countries that files refer to."""

from __future__ import annotations

import pytest

from reseau.registry.models import Theme
from tests.factories import CountryFactory


@pytest.fixture
def catalogue(world):
    CountryFactory(code="KH", name_en="Cambodia", name_fr="Cambodge")
    Theme.objects.create(code="urban-sanitation", kind="work", name_en="Urban sanitation", position=2)
    Theme.objects.create(code="gender-equality", kind="cross_cutting", name_en="Gender equality", position=1)
    return world
