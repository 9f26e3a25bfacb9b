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
