"""Outbox migration 0002 gave each message already there its status: sent when it was, failed
when it had run out of attempts, queued otherwise (issue 14)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from reseau.outbox.models import EmailStatus, OutgoingEmail

BEFORE_THE_STATUS = [("outbox", "0001_initial")]


def _migrate(targets) -> None:
    MigrationExecutor(connection).migrate(targets)


@pytest.fixture
def messages_from_before_the_status():
    """Three messages as 0001 kept them: sent, out of attempts, waiting; their subjects say which."""
    _migrate(BEFORE_THE_STATUS)
    OldEmail = (
        MigrationExecutor(connection).loader.project_state(BEFORE_THE_STATUS).apps.get_model("outbox", "OutgoingEmail")
    )
    OldEmail.objects.create(subject="sent", body="b", to=["a@x.test"], attempts=1, sent_at=timezone.now())
    OldEmail.objects.create(subject="out of attempts", body="b", to=["a@x.test"], attempts=10, last_error="451")
    OldEmail.objects.create(subject="waiting", body="b", to=["a@x.test"], attempts=2)
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    yield
    OutgoingEmail.objects.all().delete()


@pytest.mark.heavy
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("messages_from_before_the_status")
def test_the_messages_already_there_get_their_status():
    assert dict(OutgoingEmail.objects.values_list("subject", "status")) == {
        "sent": EmailStatus.SENT,
        "out of attempts": EmailStatus.FAILED,
        "waiting": EmailStatus.QUEUED,
    }
