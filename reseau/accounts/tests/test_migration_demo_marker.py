"""Issue 12: a database seeded by `make run` before demo accounts were marked gets them marked
(migration accounts 0003), so that an older deployment is caught by the check too."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("accounts", "0002_user_organisation")]
AFTER = [("accounts", "0003_throttling_by_axes_demo_marker")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_the_latest_afterwards():
    yield
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_the_latest_afterwards")
def test_the_seeded_demo_accounts_are_marked_and_no_other():
    apps = _migrate(BEFORE)
    User = apps.get_model("accounts", "User")
    User.objects.create(email="secretariat@reseau.test", password="!")
    User.objects.create(email="lan@hue.example", password="!")
    apps = _migrate(AFTER)
    marked = set(apps.get_model("accounts", "User").objects.filter(is_demo=True).values_list("email", flat=True))
    assert marked == {"secretariat@reseau.test"}
