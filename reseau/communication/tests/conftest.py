from __future__ import annotations

import pytest

from reseau.accounts.models import Role
from tests.factories import AppointmentFactory, PersonFactory, UserFactory


@pytest.fixture
def vientiane_focal_point(world):
    """Souksavanh, focal point of Vientiane, who reads French (her account's language)."""
    person = PersonFactory(
        member=world.vientiane,
        name="Souksavanh PHOMMACHANH",
        name_local="ສຸກສະຫວັນ ພົມມະຈັນ",
        email="focal.vientiane@reseau.test",
    )
    AppointmentFactory(member=world.vientiane, person=person)
    UserFactory(
        email=person.email,
        role=Role.FOCAL_POINT,
        member=world.vientiane,
        network=world.vientiane.network,
        language="fr",
    )
    return person


@pytest.fixture
def hue_focal_point(world):
    """The focal point of Huế, without an account: written to in English (her record's language)."""
    person = PersonFactory(member=world.hue, name="Lê Thị Hoa", email="le.thi.hoa@example.org", languages=["vi", "en"])
    AppointmentFactory(member=world.hue, person=person)
    return person
