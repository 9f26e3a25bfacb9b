"""The notifications page and the outbox cost the same with 3 items and with 60."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reseau.communication.models import Notification
from reseau.outbox.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    client.get(url)  # the session and the first reads settled
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def _notifications(user, count: int) -> None:
    Notification.objects.bulk_create(
        [
            Notification(user=user, kind="event_invitation", subject=f"Invitation {n}", link="/events/")
            for n in range(count)
        ]
    )


def _emails(count: int) -> None:
    OutgoingEmail.objects.bulk_create(
        [OutgoingEmail(subject=f"Invitation {n}", body="Text", to=[f"person{n}@example.org"]) for n in range(count)]
    )


@pytest.mark.parametrize("count", [3, 60])
def test_the_notifications_page_makes_the_same_queries(world, count):
    _notifications(world.users["coordinator"], count)
    assert _queries(world.client_for("coordinator"), reverse("communication:notification_list")) == 3


@pytest.mark.parametrize("count", [3, 60])
def test_the_outbox_makes_the_same_queries(world, count):
    _emails(count)
    assert _queries(world.client_for("secretariat"), reverse("communication:outbox")) == 6
