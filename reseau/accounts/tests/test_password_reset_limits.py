"""Issue 12: password-reset requests do not turn into a flood of e-mails, and say nothing either way."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from reseau.accounts.models import PasswordResetRequest

pytestmark = pytest.mark.django_db

URL = reverse("accounts:password_reset")
DONE = reverse("accounts:password_reset_done")


def _ask(client, email="focal.hue@reseau.test", address="203.0.113.20"):
    return client.post(URL, {"email": email}, REMOTE_ADDR=address)


def test_forty_requests_for_one_account_send_one_mail(world, client):
    for _ in range(40):
        _ask(client)
    assert len(mail.outbox) == 1


def test_forty_requests_from_many_addresses_for_one_account_send_one_mail(world, client):
    for number in range(40):
        _ask(client, address=f"198.51.100.{number + 1}")
    assert len(mail.outbox) == 1


def test_a_new_mail_may_be_asked_for_after_the_interval(world, client):
    _ask(client)
    PasswordResetRequest.objects.update(at=PasswordResetRequest.objects.get().at - datetime.timedelta(minutes=11))
    _ask(client)
    assert len(mail.outbox) == 2


def test_one_client_asking_for_many_accounts_is_capped(world, client):
    emails = ["partner@reseau.test", "coordinator@reseau.test", "secretariat@reseau.test", "focal.hue@reseau.test"]
    for number in range(10):
        _ask(client, email=f"nobody{number}@example.org")
    for email in emails:
        _ask(client, email=email)
    assert len(mail.outbox) == 0


def test_another_client_is_not_capped_by_the_first(world, client):
    for number in range(10):
        _ask(client, email=f"nobody{number}@example.org")
    _ask(client, address="192.0.2.50")
    assert len(mail.outbox) == 1


def test_a_refused_request_answers_the_same_page(world, client):
    first = _ask(client)
    second = _ask(client)
    assert (first.status_code, first["Location"]) == (second.status_code, second["Location"]) == (302, DONE)


def test_an_unknown_address_answers_the_same_page(world, client):
    response = _ask(client, email="nobody@example.org")
    assert (response.status_code, response["Location"]) == (302, DONE)
