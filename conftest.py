"""Fixtures shared by every test: a small RVASE-like world and one account per role."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from reseau.accounts.models import Role, User
from reseau.registry.models import Member
from tests.factories import CountryFactory, MemberFactory, NetworkFactory, UserFactory

# One Chromium for the whole run, shared by every app's browser tests; the disk and a local
# S3 server for the storage tests.
pytest_plugins = ["tests.browser.fixtures", "tests.object_storage"]

ROLES = ["anonymous", "partner", "focal_point", "coordinator", "secretariat"]


def _is_heavy(item: pytest.Item) -> bool:
    return item.get_closest_marker("heavy") is not None or "live_server" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The long tests run first: pytest-xdist hands tests out in this order, round robin at
    first, so they spread over the workers instead of keeping one busy after the others end."""
    items.sort(key=lambda item: not _is_heavy(item))  # stable: the rest keep their order


@pytest.fixture(autouse=True)
def _background_jobs_run_inline():
    """Tasks run at once in tests, so an e-mail queued by a view is in the outbox."""
    from huey.contrib.djhuey import HUEY

    previous = HUEY.immediate
    HUEY.immediate = True
    yield
    HUEY.immediate = previous


@pytest.fixture(autouse=True)
def _default_language(settings):
    """Each test starts in the site's default language: a French page rendered by an
    earlier test must not leave French active for the next one."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher is slow on purpose; tests create many accounts.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_of_its_own(settings, tmp_path):
    """Files a test stores (printed programmes kept for later requests…) go to its own folder:
    none is left in the project's media folder, nor found there by another test."""
    settings.MEDIA_ROOT = tmp_path / "media"


@dataclass
class World:
    hue: Member
    vientiane: Member
    users: dict[str, User | None]

    def client_for(self, role: str) -> Client:
        client = Client()
        user = self.users[role]
        if user is not None:
            client.force_login(user)
        return client


@pytest.fixture
def world(db) -> World:
    network = NetworkFactory()
    vietnam = CountryFactory(code="VN", name_en="Vietnam", name_fr="Viêt Nam")
    laos = CountryFactory(code="LA", name_en="Laos", name_fr="Laos")
    hue = MemberFactory(
        network=network,
        country=vietnam,
        slug="hue",
        name_en="Huế",
        name_fr="Huế",
        name_local="Thành phố Huế",
        name_alternative="Hue",
    )
    vientiane = MemberFactory(
        network=network,
        country=laos,
        slug="vientiane",
        name_en="Vientiane Capital",
        name_fr="Vientiane Capitale",
        name_local="ນະຄອນຫຼວງວຽງຈັນ",
    )
    users: dict[str, User | None] = {
        "anonymous": None,
        "partner": UserFactory(email="partner@reseau.test", role=Role.PARTNER, network=network),
        "focal_point": UserFactory(email="focal.hue@reseau.test", role=Role.FOCAL_POINT, member=hue, network=network),
        "coordinator": UserFactory(email="coordinator@reseau.test", role=Role.COORDINATOR, network=network),
        "secretariat": UserFactory(
            email="secretariat@reseau.test", role=Role.SECRETARIAT, is_staff=True, is_superuser=True
        ),
    }
    return World(hue=hue, vientiane=vientiane, users=users)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """PostgreSQL: the test databases wait for no disk flush at commit (browser and migration
    tests commit; a lost test database is made again). Production keeps the server's setting."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        options = database.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c synchronous_commit=off".strip()
