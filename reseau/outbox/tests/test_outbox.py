"""Faults of the job queue: Redis unreachable, and a worker killed while sending (issue 12)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from huey.contrib.djhuey import HUEY
from huey.storage import RedisStorage

from reseau.outbox.models import OutgoingEmail
from reseau.outbox.services import email_deliver, email_pending_deliver, email_queue
from reseau.outbox.tasks import deliver_outgoing_email
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Nothing listens on port 1: every command to this Redis fails with "connection refused".
CLOSED_PORT_REDIS = "redis://127.0.0.1:1/0"


class Queue:
    """The job queue of the test: down as with REDIS_URL pointing at a closed port, then back."""

    def __init__(self):
        self.working_storage = HUEY.storage

    def go_down(self):
        HUEY.immediate = False
        HUEY.storage = RedisStorage(name="reseau", url=CLOSED_PORT_REDIS)

    def come_back(self):
        # Jobs then run inline, as the worker would run them.
        HUEY.storage = self.working_storage
        HUEY.immediate = True


@pytest.fixture
def queue():
    queue = Queue()
    queue.go_down()
    yield queue
    queue.come_back()


def test_password_reset_page_works_while_redis_is_unreachable(client, queue, mailoutbox):
    UserFactory(email="focal@reseau.test")

    response = client.post(reverse("accounts:password_reset"), {"email": "focal@reseau.test"})

    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")


def test_the_reset_email_waits_in_the_outbox_while_redis_is_unreachable(client, queue, mailoutbox):
    UserFactory(email="focal@reseau.test")

    client.post(reverse("accounts:password_reset"), {"email": "focal@reseau.test"})

    assert OutgoingEmail.objects.get().to == ["focal@reseau.test"]
    assert mailoutbox == []


def test_the_reset_email_is_sent_once_when_redis_is_back(client, queue, mailoutbox):
    UserFactory(email="focal@reseau.test")
    client.post(reverse("accounts:password_reset"), {"email": "focal@reseau.test"})

    queue.come_back()
    deliver_pending_sweep = email_pending_deliver(older_than=timedelta(0))
    email_pending_deliver(older_than=timedelta(0))

    assert deliver_pending_sweep == 1
    assert [m.to for m in mailoutbox] == [["focal@reseau.test"]]


def _killed_mid_send(email: OutgoingEmail) -> None:
    """What a worker killed after taking the message and before the mail server took it leaves."""
    OutgoingEmail.objects.filter(pk=email.pk).update(attempts=1, claimed_until=timezone.now() + timedelta(seconds=300))


@pytest.fixture
def stored_email(queue):
    email = email_queue(subject="Invitation", body="Welcome", to=["new@reseau.test"])
    queue.come_back()
    return email


def test_a_message_held_by_a_killed_worker_is_not_sent_by_another_before_its_hold_ends(stored_email, mailoutbox):
    _killed_mid_send(stored_email)

    deliver_outgoing_email(str(stored_email.key))
    email_pending_deliver(older_than=timedelta(0))

    assert mailoutbox == []


def test_a_message_whose_worker_was_killed_is_retried_and_sent_once(stored_email, mailoutbox):
    _killed_mid_send(stored_email)
    OutgoingEmail.objects.filter(pk=stored_email.pk).update(claimed_until=timezone.now() - timedelta(seconds=1))

    email_pending_deliver(older_than=timedelta(0))
    email_pending_deliver(older_than=timedelta(0))
    deliver_outgoing_email(str(stored_email.key))

    assert len(mailoutbox) == 1


def test_every_attempt_of_a_message_carries_the_same_message_id(stored_email, mailoutbox):
    email_deliver(key=stored_email.key)

    assert mailoutbox[0].extra_headers["Message-ID"] == f"<{stored_email.key}@reseau.outbox>"


def test_a_sent_message_records_when_and_after_how_many_attempts(stored_email, mailoutbox):
    _killed_mid_send(stored_email)
    OutgoingEmail.objects.filter(pk=stored_email.pk).update(claimed_until=timezone.now() - timedelta(seconds=1))

    email_pending_deliver(older_than=timedelta(0))

    stored_email.refresh_from_db()
    assert (stored_email.attempts, stored_email.sent_at is not None) == (2, True)
