from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_choosing_french_is_remembered_on_the_account(world):
    client = world.client_for("focal_point")
    response = client.post("/language/", {"language": "fr", "next": "/members/"})
    assert response.status_code == 302
    assert response["Location"] == "/members/"
    user = world.users["focal_point"]
    user.refresh_from_db()
    assert user.language == "fr"
    # On another device, without the cookie, the account's choice applies.
    other_device = world.client_for("focal_point")
    page = other_device.get("/members/").content.decode()
    assert '<html lang="fr">' in page
    assert "Annuaire des membres" in page


def test_anonymous_visitors_switch_with_a_cookie(client, db):
    client.post("/language/", {"language": "fr", "next": "/"})
    assert '<html lang="fr">' in client.get("/").content.decode()


def test_an_unknown_language_or_foreign_redirect_is_ignored(client, db):
    response = client.post("/language/", {"language": "xx", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert '<html lang="en">' in client.get("/").content.decode()


def test_dates_follow_the_language(world):
    client = world.client_for("coordinator")
    assert "15 June 2023" in client.get("/networks/rvase/").content.decode()
    client.post("/language/", {"language": "fr", "next": "/"})
    assert "15 juin 2023" in client.get("/networks/rvase/").content.decode()
