from __future__ import annotations

import datetime
import re

import pytest
from axes.models import AccessAttempt, AccessAttemptExpiration, AccessFailureLog
from django.core import mail
from django.db.models import F
from django.urls import reverse

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


ATTACKER = "198.51.100.7"
OWNER = "203.0.113.20"
PROXY = "10.0.0.2"


def _sign_in(client, password, *, address=OWNER, forwarded_for=None, url=URL, email="focal.hue@reseau.test"):
    extra = {"REMOTE_ADDR": address}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client.post(url, {"username": email, "password": password}, **extra)


def _time_passes(**delta):
    """Move every recorded failure back in time, as if that long had passed."""
    age = datetime.timedelta(**delta)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - age)
    AccessAttemptExpiration.objects.update(expires_at=F("expires_at") - age)
    AccessFailureLog.objects.update(attempt_time=F("attempt_time") - age)


def _guess_five_times(client, **where):
    for _ in range(5):
        _sign_in(client, "guess", **where)


def test_five_failures_from_one_address_slow_that_address_down(world, client):
    _guess_five_times(client, address=ATTACKER)
    response = _sign_in(client, "demo-password", address=ATTACKER)
    assert "Too many failed sign-in attempts for this account from your connection." in response.content.decode()


def test_the_rightful_person_elsewhere_signs_in_while_the_guesser_waits(world, client):
    _guess_five_times(client, address=ATTACKER)
    assert _sign_in(client, "demo-password", address=OWNER).status_code == 302


def test_the_wait_ends_after_a_minute(world, client):
    _guess_five_times(client, address=ATTACKER)
    _time_passes(minutes=1, seconds=5)
    assert _sign_in(client, "demo-password", address=ATTACKER).status_code == 302


def test_each_further_failure_doubles_the_wait(world, client):
    _guess_five_times(client, address=ATTACKER)
    _time_passes(minutes=1, seconds=5)
    _sign_in(client, "guess", address=ATTACKER)
    _time_passes(minutes=1, seconds=5)
    response = _sign_in(client, "demo-password", address=ATTACKER)
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_the_failure_that_reaches_the_limit_already_says_so(world, client):
    for _ in range(4):
        _sign_in(client, "guess", address=ATTACKER)
    response = _sign_in(client, "guess", address=ATTACKER)
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_the_failure_that_reaches_the_limit_answers_too_many_requests(world, client):
    for _ in range(5):
        response = _sign_in(client, "guess", address=ATTACKER)
    assert response.status_code == 429


def test_the_message_is_translated(world, client):
    client.post("/language/", {"language": "fr", "next": URL})
    _guess_five_times(client, address=ATTACKER)
    response = _sign_in(client, "demo-password", address=ATTACKER)
    assert "Trop de tentatives de connexion" in response.content.decode()


def test_behind_an_untrusted_proxy_the_forwarded_address_is_ignored(world, client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    _guess_five_times(client, address=PROXY, forwarded_for=ATTACKER)
    response = _sign_in(client, "demo-password", address=PROXY, forwarded_for=OWNER)
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_behind_a_trusted_proxy_two_people_are_throttled_separately(world, client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    _guess_five_times(client, address=PROXY, forwarded_for=ATTACKER)
    assert _sign_in(client, "demo-password", address=PROXY, forwarded_for=OWNER).status_code == 302


def test_a_forged_forwarded_address_does_not_escape_the_wait(world, client, settings):
    # The trusted proxy appends the real address; what the client wrote to its left is not believed.
    settings.TRUSTED_PROXY_COUNT = 1
    for forged in ["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5"]:
        _sign_in(client, "guess", address=PROXY, forwarded_for=f"{forged}, {ATTACKER}")
    response = _sign_in(client, "demo-password", address=PROXY, forwarded_for=f"192.0.2.9, {ATTACKER}")
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_a_password_reset_ends_the_wait(world, client):
    _guess_five_times(client, address=ATTACKER)
    client.post(reverse("accounts:password_reset"), {"email": "focal.hue@reseau.test"}, REMOTE_ADDR=ATTACKER)
    link = re.search(r"http://testserver(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link, REMOTE_ADDR=ATTACKER)["Location"]
    client.post(form_url, {"new_password1": "A-new-long-passphrase", "new_password2": "A-new-long-passphrase"})
    assert _sign_in(client, "A-new-long-passphrase", address=ATTACKER).status_code == 302


def test_a_successful_sign_in_clears_earlier_failures(world, client):
    for _ in range(3):
        _sign_in(client, "guess", address=ATTACKER)
    assert _sign_in(client, "demo-password", address=ATTACKER).status_code == 302
    client.logout()
    for _ in range(3):
        _sign_in(client, "guess", address=ATTACKER)
    assert _sign_in(client, "demo-password", address=ATTACKER).status_code == 302


def test_the_admin_sign_in_is_slowed_down_too(world, client):
    admin_url = reverse("admin:login")
    for _ in range(5):
        _sign_in(client, "guess", address=ATTACKER, url=admin_url, email="secretariat@reseau.test")
    response = _sign_in(client, "demo-password", address=ATTACKER, url=admin_url, email="secretariat@reseau.test")
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_the_admin_signs_in_from_elsewhere_while_a_guesser_waits(world, client):
    admin_url = reverse("admin:login")
    for _ in range(5):
        _sign_in(client, "guess", address=ATTACKER, url=admin_url, email="secretariat@reseau.test")
    response = _sign_in(client, "demo-password", address=OWNER, url=admin_url, email="secretariat@reseau.test")
    assert response.status_code == 302


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


def test_the_password_tried_is_not_kept(world, client):
    _sign_in(client, "my-secret-guess", address=ATTACKER)
    assert not AccessAttempt.objects.filter(post_data__contains="my-secret-guess").exists()
