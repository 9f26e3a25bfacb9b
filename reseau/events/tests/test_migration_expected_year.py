"""Undated events saved before ``expected_year`` existed get it from their date note, else their
title (migration events 0003), so the 2024 meetings stop being listed as upcoming at once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import EventFactory

BEFORE = [("events", "0002_event_recurrence_ends_at")]
AFTER = [("events", "0003_expected_year_and_meeting_kind")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_the_latest_afterwards():
    # The test leaves events at 0003; the tests after it need every later migration too.
    yield
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_the_latest_afterwards")
def test_the_migration_reads_the_year_of_undated_events(world):
    EventFactory(network=world.hue.network, slug="by-note", starts_at=None, status="to_be_fixed", date_note="2024")
    EventFactory(
        network=world.hue.network, slug="by-title", starts_at=None, status="to_be_fixed", title_en="ASEAN Summit 2025"
    )
    EventFactory(network=world.hue.network, slug="dated", date_note="May 2031")
    _migrate(BEFORE)
    apps = _migrate(AFTER)
    years = dict(apps.get_model("events", "Event").objects.values_list("slug", "expected_year"))
    assert years == {"by-note": 2024, "by-title": 2025, "dated": None}
