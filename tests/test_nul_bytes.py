"""Issue 12, finding 6: a NUL character in an address or a form is refused (400) before the database.

PostgreSQL refuses NUL in text and answered 500, among others on the anonymous private-feed
addresses; SQLite took it. Run on both: DATABASE_URL=postgres://… makes the same test hit PostgreSQL.
"""

from __future__ import annotations

from django.urls import reverse

NUL = "\x00"
BAD_REQUEST = 400


def test_a_nul_in_a_private_feed_address_is_refused(world):
    url = reverse("events:private_feed_mine", kwargs={"token": f"token{NUL}"})
    assert world.client_for("anonymous").get(url).status_code == BAD_REQUEST


def test_a_nul_in_a_query_is_refused(world):
    response = world.client_for("coordinator").get(reverse("registry:member_directory"), {"q": f"Hu{NUL}"})
    assert response.status_code == BAD_REQUEST


def test_a_nul_in_a_form_field_is_refused(world):
    response = world.client_for("anonymous").post(
        reverse("accounts:login"), {"username": f"coordinator@reseau.test{NUL}", "password": "x"}
    )
    assert response.status_code == BAD_REQUEST


def test_the_refusal_says_why_in_the_readers_language(world):
    url = reverse("events:private_feed_mine", kwargs={"token": f"token{NUL}"})
    response = world.client_for("anonymous").get(url, headers={"accept-language": "fr"})
    assert "caractère nul" in response.content.decode()


def test_the_same_address_without_nul_is_answered(world):
    response = world.client_for("coordinator").get(reverse("registry:member_directory"), {"q": "Hu"})
    assert response.status_code == 200
