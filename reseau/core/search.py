"""Finding words typed without accents in any text column, on SQLite and PostgreSQL alike.

``Folded(expression)`` is the column as ``core.text.fold_for_search`` would write it
("Cần Thơ" → "can tho"; Khmer and Lao untouched): on SQLite by that very function, registered
on every connection (``register_sqlite_fold``); on PostgreSQL by ``translate`` with the same
letter table, so no database extension is needed. ``words_filter`` asks that every word of a
query be in one of the given columns. It reads every row of what it filters: it is for the
short lists a person searches across (members, events, decisions…), not for the library's
full text.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Func, Q, QuerySet, TextField, Value
from django.db.models.functions import Coalesce

from reseau.core.text import fold_for_search

SQLITE_FUNCTION = "reseau_fold"
# Latin-1 Supplement, Latin Extended-A/B and Latin Extended Additional (Vietnamese).
_LATIN_RANGES = ((0x00C0, 0x024F), (0x1E00, 0x1EFF))


@functools.cache
def _letter_table() -> tuple[str, str]:
    """Every letter that folds to one other letter, and what it folds to."""
    source, target = [], []
    for start, end in _LATIN_RANGES:
        for codepoint in range(start, end + 1):
            letter = chr(codepoint)
            folded = fold_for_search(letter)
            if len(folded) == 1 and folded != letter:
                source.append(letter)
                target.append(folded)
    return "".join(source), "".join(target)


class Folded(Func):
    output_field = TextField()

    def __init__(self, expression: Any, **extra: Any) -> None:
        super().__init__(Coalesce(expression, Value("")), **extra)

    def as_sqlite(self, compiler: Any, connection: BaseDatabaseWrapper, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, function=SQLITE_FUNCTION, **extra)

    def as_postgresql(self, compiler: Any, connection: BaseDatabaseWrapper, **extra: Any) -> Any:
        source, target = _letter_table()
        sql, params = compiler.compile(self.source_expressions[0])
        return f"lower(translate({sql}, %s, %s))", (*params, source, target)


def register_sqlite_fold(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """``connection_created`` receiver: SQLite calls ``fold_for_search`` as ``reseau_fold``."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, fold_for_search, deterministic=True)


def words_filter(
    queryset: QuerySet[Any], query: str, fields: Sequence[str], *, folded: Sequence[str] = ()
) -> QuerySet[Any]:
    """The rows where every word of ``query`` is in one of ``fields``, accents aside, or in one
    of the ``folded`` columns, which hold their text folded already (``fold_for_search``) and
    are compared as they are: folding a column costs a function call per row."""
    words = fold_for_search(query).split()
    if not words:
        return queryset.none()
    names = {f"_folded_{index}": Folded(field) for index, field in enumerate(fields)}
    queryset = queryset.annotate(**names)
    for word in words:
        any_field = Q()
        for name in [*names, *folded]:
            any_field |= Q(**{f"{name}__contains": word})
        queryset = queryset.filter(any_field)
    return queryset
