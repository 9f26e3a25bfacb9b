"""Issue 12: accounts made by the demo seed (public password) are harmless outside demo mode."""

from __future__ import annotations

import pytest
from django.core.checks import run_checks
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("accounts:login")


@pytest.fixture
def demo_secretariat(db):
    return UserFactory(
        email="secretariat@reseau.test", role="secretariat", is_staff=True, is_superuser=True, is_demo=True
    )


def _deploy_errors() -> list[str]:
    return [message.id for message in run_checks(include_deployment_checks=True) if message.id == "accounts.E001"]


def _sign_in(client, url=URL):
    return client.post(url, {"username": "secretariat@reseau.test", "password": "demo-password"})


def test_the_deployment_check_fails_on_demo_accounts_outside_demo_mode(demo_secretariat, settings):
    settings.DEMO_MODE = False
    assert _deploy_errors() == ["accounts.E001"]


def test_the_deployment_check_passes_without_demo_accounts(settings, world):
    settings.DEMO_MODE = False
    assert _deploy_errors() == []


def test_the_deployment_check_accepts_demo_accounts_in_demo_mode(demo_secretariat, settings):
    settings.DEMO_MODE = True
    assert _deploy_errors() == []


def test_a_demo_account_cannot_sign_in_outside_demo_mode(demo_secretariat, client, settings):
    settings.DEMO_MODE = False
    response = _sign_in(client)
    assert "This email and password do not match an account." in response.content.decode()


def test_a_demo_account_cannot_sign_in_to_the_admin_outside_demo_mode(demo_secretariat, client, settings):
    settings.DEMO_MODE = False
    assert _sign_in(client, reverse("admin:login")).status_code == 200


def test_a_demo_accounts_open_session_ends_outside_demo_mode(demo_secretariat, client, settings):
    client.force_login(demo_secretariat)
    settings.DEMO_MODE = False
    assert client.get(reverse("registry:member_directory")).status_code == 302


def test_a_demo_account_signs_in_in_demo_mode(demo_secretariat, client, settings):
    settings.DEMO_MODE = True
    assert _sign_in(client).status_code == 302


def test_an_ordinary_account_signs_in_outside_demo_mode(world, client, settings):
    settings.DEMO_MODE = False
    assert _sign_in(client).status_code == 302
