"""Importing a spreadsheet in two steps: check it (nothing written), then apply it.

``import_check`` reads and checks every row and keeps the outcome in an
ImportBatch. ``import_apply`` writes the batch's valid rows in one transaction:
either every row is saved, each with its history row, or none is.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db import transaction
from django.utils import timezone

from reseau.accounts.types import Actor
from reseau.core.spreadsheets import FileProblem, read_table
from reseau.exchange.importers import CREATE, IMPORTERS, NO_HEADER, NO_ROWS, UNCHANGED, UPDATE, Importer, RowChecker
from reseau.exchange.messages import WARNING, Issue
from reseau.exchange.models import ImportBatch
from reseau.registry.models import Network

# The header is the first row of the sheet; data rows are numbered as the spreadsheet shows them.
FIRST_DATA_ROW = 2


def importer_for(kind: str, *, actor: Actor, network: Network | None) -> Importer:
    return IMPORTERS[kind](actor=actor, network=network)


def import_check(*, actor: Actor, kind: str, network: Network | None, file_name: str, content: bytes) -> ImportBatch:
    """Read and check a whole file without writing to the registry.

    Raises FileProblem when the file as a whole cannot be imported (unreadable,
    wrong columns, no rows); row problems go into the batch's report.
    """
    importer = importer_for(kind, actor=actor, network=network)
    table = read_table(content, file_name)
    if not table:
        raise FileProblem(NO_HEADER)
    header = importer.read_header(table[0])
    issues: list[Issue] = []
    rows: list[dict[str, Any]] = []
    seen: dict[Any, int] = {}
    row_count = invalid_count = 0
    for number, cells in enumerate(table[1:], start=FIRST_DATA_ROW):
        if not any(cells):
            continue  # blank lines between blocks are not rows
        row_count += 1
        values = {name: cells[index] if index < len(cells) else "" for index, name in enumerate(header) if name}
        checker = RowChecker(number, values)
        outcome = importer.check_row(checker)
        if outcome.data is not None:
            first = next((seen[key] for key in outcome.identity if key in seen), None)
            if first is not None:
                checker.issues = [i for i in checker.issues if i.level != WARNING]
                checker.error(header[0], "duplicate_row", row=first)
                outcome.data = None
            else:
                for key in outcome.identity:
                    seen[key] = number
        issues.extend(checker.issues)
        if outcome.data is None:
            invalid_count += 1
        else:
            rows.append({"row": number, "action": outcome.action, "label": outcome.label, "data": outcome.data})
    if row_count == 0:
        raise FileProblem(NO_ROWS)
    actions = Counter(row["action"] for row in rows)
    return ImportBatch.objects.create(
        kind=kind,
        network=network,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        file_name=file_name[:255],
        rows=rows,
        report=[issue.as_json() for issue in issues],
        row_count=row_count,
        valid_count=len(rows),
        invalid_count=invalid_count,
        new_count=actions[CREATE],
        update_count=actions[UPDATE],
        unchanged_count=actions[UNCHANGED],
        warning_count=sum(1 for issue in issues if issue.level == WARNING),
    )


@transaction.atomic
def import_apply(*, actor: Actor, batch: ImportBatch) -> Counter[str] | None:
    """Write the batch's valid rows; None when the batch was already applied or cancelled.

    Raises importers.StaleData or importers.RowNotSaved, having written nothing, when
    a row can no longer be saved as checked.
    """
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.PENDING:
        return None
    importer = importer_for(batch.kind, actor=actor, network=batch.network)
    done: Counter[str] = Counter()
    for row in batch.rows:
        done[importer.apply(row["row"], row["data"])] += 1
    batch.status = ImportBatch.Status.APPLIED
    batch.applied_at = timezone.now()
    batch.save(update_fields=["status", "applied_at"])
    return done


@transaction.atomic
def import_cancel(*, batch: ImportBatch) -> bool:
    """Set a waiting batch aside; returns whether it was still waiting."""
    updated = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.PENDING).update(
        status=ImportBatch.Status.CANCELLED
    )
    return updated > 0
