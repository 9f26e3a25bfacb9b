"""The logframe and the decisions register left the plans app by migrations that move no data:
a seeded database migrated back to before the split and forward again keeps every row, and
the history rows keep pointing at their objects (content types and subject keys follow)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from reseau.accounts.models import User
from reseau.decisions.models import Decision
from reseau.decisions.services import decision_note_add, decision_update
from reseau.logframe.models import Indicator
from reseau.logframe.services import indicator_update

BEFORE_THE_SPLIT = [
    ("plans", "0002_decision_event_and_event_computations"),
    ("logframe", None),
    ("decisions", None),
]


def _migrate(targets: list[tuple[str, str | None]]) -> None:
    executor = MigrationExecutor(connection)  # a new one each time: it reads what is applied
    executor.migrate(targets)


def _latest() -> list[tuple[str, str | None]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _row_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _history() -> list[tuple[str, str, str]]:
    """(content type's app label, model, subject) of each history row, read without the ORM's models."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ct.app_label, ct.model, e.subject FROM audit_auditevent e "
            "JOIN django_content_type ct ON ct.id = e.content_type_id ORDER BY e.id"
        )
        return [tuple(row) for row in cursor.fetchall()]


@pytest.mark.heavy
@pytest.mark.django_db(transaction=True)
def test_back_to_before_the_split_and_forward_again_keeps_every_row():
    _migrate(_latest())
    call_command("seed_rvase", stdout=StringIO())
    # History rows about the moved models.
    actor = User.objects.create_user(email="secretariat@example.org", password="x", role="secretariat")
    decision = Decision.objects.filter(status=Decision.Status.OPEN).order_by("pk").first()
    indicator = Indicator.objects.order_by("pk").first()
    assert decision is not None
    assert indicator is not None
    decision_update(actor=actor, decision=decision, data={"status": Decision.Status.DONE})
    decision_note_add(actor=actor, decision=decision, data={"text": "Done at the meeting."})
    indicator_update(actor=actor, indicator=indicator, data={"unit": "cities"})
    history = _history()
    assert ("decisions", "decision", f"decisions.decision:{decision.pk}") in history
    assert ("decisions", "decisionnote", f"decisions.decision:{decision.pk}") in history
    assert ("logframe", "indicator", f"logframe.result:{indicator.result_id}") in history
    counts = _row_counts()
    assert counts["plans_decision"] == 18  # the 2023 road map and the 2019 conference
    assert counts["plans_indicator"] == 10

    # Only the record of applied migrations differs: the split's and every later one are unapplied.
    undone = len(MigrationExecutor(connection).migration_plan(BEFORE_THE_SPLIT))
    assert undone >= 6  # the split's five and logframe's later one, at least
    _migrate(BEFORE_THE_SPLIT)
    back = _row_counts()
    # Apps built on the split ones (the library) are unapplied with them: their tables leave and
    # come back empty. Every other table keeps its rows.
    above = set(counts) - set(back)
    kept = {table: rows for table, rows in counts.items() if table not in above}
    assert back == {**kept, "django_migrations": counts["django_migrations"] - undone}
    before = _history()
    assert ("plans", "decision", f"plans.decision:{decision.pk}") in before
    assert ("plans", "decisionnote", f"plans.decision:{decision.pk}") in before
    assert ("plans", "indicator", f"plans.result:{indicator.result_id}") in before
    assert not any(label in ("logframe", "decisions") for label, _, _ in before)

    _migrate(_latest())
    assert {table: rows for table, rows in _row_counts().items() if table not in above} == kept
    assert _history() == history
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DONE
    assert decision.notes.count() == 1
