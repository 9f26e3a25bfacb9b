from __future__ import annotations

import pytest
from django.urls import reverse

from reseau.accounts.models import FailedLogin

pytestmark = pytest.mark.django_db

URL = reverse("accounts:login")


def test_sign_in_by_email_in_any_case(world, client):
    response = client.post(URL, {"username": "Focal.Hue@Reseau.test", "password": "demo-password"})
    assert response.status_code == 302
    assert client.get("/").context["user"].email == "focal.hue@reseau.test"


def test_wrong_password_says_so_and_keeps_the_email(world, client):
    response = client.post(URL, {"username": "focal.hue@reseau.test", "password": "nope"})
    page = response.content.decode()
    assert "This email and password do not match an account." in page
    assert 'value="focal.hue@reseau.test"' in page


def test_sign_in_is_refused_after_five_failures_even_with_the_right_password(world, client):
    for _ in range(5):
        client.post(URL, {"username": "focal.hue@reseau.test", "password": "guess"})
    response = client.post(URL, {"username": "focal.hue@reseau.test", "password": "demo-password"})
    assert response.status_code == 200
    assert "Too many failed sign-in attempts." in response.content.decode()
    assert FailedLogin.objects.filter(email="focal.hue@reseau.test").count() == 5


def test_a_successful_sign_in_clears_earlier_failures(world, client):
    for _ in range(3):
        client.post(URL, {"username": "focal.hue@reseau.test", "password": "guess"})
    assert client.post(URL, {"username": "focal.hue@reseau.test", "password": "demo-password"}).status_code == 302
    assert not FailedLogin.objects.filter(email="focal.hue@reseau.test").exists()


def test_the_admin_sign_in_is_rate_limited_too(world, client):
    for _ in range(5):
        client.post(reverse("admin:login"), {"username": "secretariat@reseau.test", "password": "guess"})
    response = client.post(reverse("admin:login"), {"username": "secretariat@reseau.test", "password": "demo-password"})
    assert "Too many failed sign-in attempts." in response.content.decode()


def test_sign_out(world):
    client = world.client_for("coordinator")
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("registry:member_directory")).status_code == 302


# Issue 11, item 6: the language chosen before signing in is kept.


def test_a_language_chosen_before_signing_in_wins_over_the_accounts(world, client):
    user = world.users["focal_point"]
    user.language = "en"
    user.save(update_fields=["language"])
    client.post("/language/", {"language": "fr", "next": URL})
    client.post(URL, {"username": "focal.hue@reseau.test", "password": "demo-password"})
    assert '<html lang="fr">' in client.get("/members/").content.decode()


def test_a_language_chosen_before_signing_in_is_saved_on_the_account(world, client):
    user = world.users["focal_point"]
    user.language = "en"
    user.save(update_fields=["language"])
    client.post("/language/", {"language": "fr", "next": URL})
    client.post(URL, {"username": "focal.hue@reseau.test", "password": "demo-password"})
    user.refresh_from_db()
    assert user.language == "fr"


def test_english_chosen_before_signing_in_wins_over_a_french_account(world, client):
    user = world.users["focal_point"]
    user.language = "fr"
    user.save(update_fields=["language"])
    client.post("/language/", {"language": "en", "next": URL})
    client.post(URL, {"username": "focal.hue@reseau.test", "password": "demo-password"})
    assert '<html lang="en">' in client.get("/members/").content.decode()


def test_without_a_choice_in_this_session_the_accounts_language_applies(world, client):
    user = world.users["focal_point"]
    user.language = "fr"
    user.save(update_fields=["language"])
    # A cookie left by an earlier visit is not a choice made in this session.
    client.cookies["reseau_language"] = "en"
    client.post(URL, {"username": "focal.hue@reseau.test", "password": "demo-password"})
    assert '<html lang="fr">' in client.get("/members/").content.decode()


def test_signing_in_without_a_choice_leaves_the_accounts_language(world, client):
    user = world.users["focal_point"]
    user.language = "fr"
    user.save(update_fields=["language"])
    client.post(URL, {"username": "focal.hue@reseau.test", "password": "demo-password"})
    user.refresh_from_db()
    assert user.language == "fr"
