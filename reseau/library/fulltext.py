"""The library's full-text search: one interface, the database's own index behind it.

Each document has one row in the index (``models.DocumentIndex``, table ``library_search``):
its titles, its metadata (descriptions, members, themes, file names) and the text of its latest
version. The backend is chosen here, by ``connection.vendor``, and nowhere else:

- SQLite: an FTS5 table tokenized ``unicode61 remove_diacritics 2`` ("Huế" is found by "hue"),
  fed with đ already folded to d (the tokenizer does not fold it), ranked by ``bm25`` and cut
  into snippets by ``snippet()``; a second FTS5 table, tokenized ``trigram``, holds the runs of
  Khmer, Lao, Thai and Burmese text, which put no space between words.
- PostgreSQL: a table with a stored ``tsvector`` (a GIN index) in the ``reseau_fold`` text
  search configuration (``simple`` after ``unaccent``), ranked by ``ts_rank`` and cut by
  ``ts_headline``; the runs of those scripts are found by ``LIKE`` on a trigram GIN index.

A word is any run of letters and digits; every word must be found (in any part), and a run of
Khmer or Lao letters must be in the text as it is typed. Snippets come back HTML-safe: the
database marks the hits with two private-use characters (removed from every indexed text),
the text is escaped here and only then are the marks turned into ``<mark>``.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import BooleanField, F, FloatField, Func, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Substr
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from reseau.core.text import fold_for_search
from reseau.library.models import Document, DocumentIndex, DocumentVersion

# The marks the database puts around a hit; no indexed text contains them.
START, STOP = "\ue000", "\ue001"
ELLIPSIS = "…"
# The text of a file indexed (a tsvector holds at most 1 MB); the rest is not searched.
BODY_LIMIT = 500_000
# PostgreSQL cuts passages from the text's beginning only: ts_headline parses all it is given
# (some 180 ms for 500,000 characters), and a page shows 25 passages.
HEADLINE_LIMIT = 30_000
# Documents read at once while indexing: their texts are in memory together.
CHUNK_SIZE = 50
# Khmer (and its symbols), Lao, Thai and Burmese: scripts written without spaces between words.
SCRIPT_RUN = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff]+")
_WORD = re.compile(r"[^\W_]+")
_FILE_NAME_SEPARATORS = re.compile(r"[._\-]+")
_UNINDEXABLE = {ord(START): None, ord(STOP): None, 0: None}
# What SQLite's tokenizer does not fold (it removes accents, not strokes).
_STROKE_FOLDS = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O"})
# bm25 weights of title, metadata, text, scripts; ts_rank weighs A (title), B (metadata), D (text).
_SQLITE_WEIGHTS = "10.0, 3.0, 1.0, 0.0"
PG_CONFIG = "reseau_fold"
# The order of equal ranks: the library's own (``Document.Meta.ordering``).
NEWEST_FIRST = ("-document_date", "-created_at", "pk")
_PG_QUERY = f"plainto_tsquery('{PG_CONFIG}', %s)"
_PG_HEADLINE = f'StartSel={START}, StopSel={STOP}, MaxWords=24, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "'
# A run of those scripts' snippet: so many characters before the first hit, so many in all.
_SCRIPT_BEFORE, _SCRIPT_LENGTH = 60, 200
# A title's hit counts as many times the word in the text.
_SCRIPT_TITLE_WEIGHT = 10


@dataclass(frozen=True)
class SearchQuery:
    """What is looked for: words (folded), and runs of scripts without spaces, as typed."""

    words: tuple[str, ...]
    scripts: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.words or self.scripts)


def parse(query: str) -> SearchQuery:
    folded = unicodedata.normalize("NFC", fold_for_search(query).translate(_UNINDEXABLE))
    scripts = tuple(dict.fromkeys(SCRIPT_RUN.findall(folded)))
    words = tuple(dict.fromkeys(_WORD.findall(SCRIPT_RUN.sub(" ", folded))))
    return SearchQuery(words=words, scripts=scripts)


def _is_postgresql(database: BaseDatabaseWrapper | None = None) -> bool:
    return (database or connection).vendor == "postgresql"


# Reading -----------------------------------------------------------------------------------------


class _OnIndex(Func):
    """SQL about the index row joined to each document; ``{table}`` is that join's alias."""

    def __init__(self, sql: str, params: Sequence[str], output_field: Any) -> None:
        super().__init__(F("search_index__title"), output_field=output_field)
        self.sql = sql
        self.sql_params = tuple(params)

    def as_sql(
        self,
        compiler: Any,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> tuple[str, tuple[str | int, ...]]:
        column = self.source_expressions[0]
        table = compiler.quote_name_unless_alias(getattr(column, "alias", None) or DocumentIndex._meta.db_table)
        return self.sql.format(table=table), self.sql_params


def _sqlite_match(words: Sequence[str]) -> str:
    return " ".join(f'"{word}"' for word in words)  # each word a phrase: no operator is read


def _sqlite_script_rows(term: str) -> RawSQL:
    """The rows holding a run of those scripts: a phrase of its trigrams, read from the index's
    positions (three times quicker than LIKE, which reads every candidate's text again); a run
    shorter than a trigram by LIKE. A run holds only those scripts' letters: no quote to escape."""
    if len(term) >= 3:
        return RawSQL("SELECT rowid FROM library_search_scripts WHERE library_search_scripts MATCH %s", [f'"{term}"'])
    return RawSQL("SELECT rowid FROM library_search_scripts WHERE scripts LIKE %s", [f"%{term}%"])


def _script_rank(scripts: Sequence[str], *, find: str) -> _OnIndex:
    """How often the runs are in the text, a hit in the title counting many times."""
    parts, params = [], []
    for term in scripts:
        parts.append(
            f"(CASE WHEN {find}({{table}}.title, %s) > 0 THEN {_SCRIPT_TITLE_WEIGHT} ELSE 0 END"
            " + (length({table}.scripts) - length(replace({table}.scripts, %s, ''))) / length(%s))"
        )
        params += [term, term, term]
    return _OnIndex("(" + " + ".join(parts) + ")", params, FloatField())


def search(*, documents: QuerySet[Document], query: str) -> QuerySet[Document]:
    """The documents that match ``query``, best first (then newest); none for a query with no word."""
    parsed = parse(query)
    if not parsed:
        return documents.none()
    documents = documents.filter(search_index__isnull=False)
    if _is_postgresql():
        if parsed.words:
            text = " ".join(parsed.words)
            documents = documents.filter(_OnIndex(f"{{table}}.vector @@ {_PG_QUERY}", [text], BooleanField()))
            rank = _OnIndex(f"ts_rank({{table}}.vector, {_PG_QUERY})", [text], FloatField())
        for term in parsed.scripts:
            documents = documents.filter(_OnIndex("{table}.scripts LIKE %s", [f"%{term}%"], BooleanField()))
        if not parsed.words:
            rank = _script_rank(parsed.scripts, find="strpos")
    else:
        if parsed.words:
            match = _sqlite_match(parsed.words)
            documents = documents.filter(_OnIndex("{table} MATCH %s", [match], BooleanField()))
            rank = _OnIndex(f"-bm25({{table}}, {_SQLITE_WEIGHTS})", [], FloatField())
        for term in parsed.scripts:
            documents = documents.filter(pk__in=_sqlite_script_rows(term))
        if not parsed.words:
            rank = _script_rank(parsed.scripts, find="instr")
    return documents.alias(search_rank=rank).order_by("-search_rank", *NEWEST_FIRST)


def snippets(*, document_ids: Sequence[int], query: str) -> dict[int, SafeString]:
    """For each document found by ``query`` (a page of them), a passage of its text or
    metadata with the hits marked, HTML-safe; none for a document found by its title only."""
    parsed = parse(query)
    ids = list(document_ids)
    if not ids or not parsed:
        return {}
    placeholders = ", ".join(["%s"] * len(ids))
    postgresql = _is_postgresql()
    with connection.cursor() as cursor:
        if parsed.words and postgresql:
            # Any of the words (OR): a passage need not hold them all, the document does.
            any_word = " || ".join([_PG_QUERY] * len(parsed.words))
            cursor.execute(
                f"SELECT rowid, ts_headline('{PG_CONFIG}', left(body, {HEADLINE_LIMIT}), {any_word}, %s), "  # noqa: S608
                f"ts_headline('{PG_CONFIG}', meta, {any_word}, %s) "
                f"FROM library_search WHERE rowid IN ({placeholders})",
                [*parsed.words, _PG_HEADLINE, *parsed.words, _PG_HEADLINE, *ids],
            )
        elif parsed.words:
            cursor.execute(  # a passage of the text, else of the metadata
                f"SELECT rowid, snippet(library_search, 2, %s, %s, %s, 24), "  # noqa: S608  (placeholders)
                "snippet(library_search, 1, %s, %s, %s, 24) "
                f"FROM library_search WHERE library_search MATCH %s AND rowid IN ({placeholders})",
                [START, STOP, ELLIPSIS, START, STOP, ELLIPSIS, _sqlite_match(parsed.words), *ids],
            )
        else:
            return _script_snippets(cursor, ids, parsed.scripts, postgresql=postgresql)
        found = {}
        for pk, *passages in cursor.fetchall():
            marked = next((passage for passage in passages if passage and START in passage), None)
            if marked is not None:
                found[pk] = _html(marked)
        return found


def _html(passage: str) -> SafeString:
    escaped = str(escape(" ".join(passage.split())))
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308  (escaped above)


def _script_snippets(cursor: Any, ids: list[int], scripts: Sequence[str], *, postgresql: bool) -> dict[int, SafeString]:
    find, larger = ("strpos", "greatest") if postgresql else ("instr", "max")
    placeholders = ", ".join(["%s"] * len(ids))
    term = scripts[0]
    cursor.execute(
        f"SELECT rowid, {larger}({find}(scripts, %s) - {_SCRIPT_BEFORE}, 1), "  # noqa: S608  (placeholders)
        f"substr(scripts, {larger}({find}(scripts, %s) - {_SCRIPT_BEFORE}, 1), {_SCRIPT_LENGTH}), length(scripts) "
        f"FROM library_search WHERE rowid IN ({placeholders})",
        [term, term, *ids],
    )
    hits = re.compile("|".join(re.escape(term) for term in sorted(scripts, key=len, reverse=True)))
    found = {}
    for pk, start, passage, length in cursor.fetchall():
        if not passage or not hits.search(passage):
            continue
        marked = hits.sub(lambda hit: f"{START}{hit.group()}{STOP}", passage)
        before = ELLIPSIS if start > 1 else ""
        after = ELLIPSIS if start - 1 + len(passage) < length else ""
        found[pk] = _html(f"{before}{marked}{after}")
    return found


# Writing -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndexEntry:
    pk: int
    title: str
    meta: str
    body: str
    scripts: str


def index_entry(*, pk: int, titles: Iterable[str], metadata: Iterable[str], body: str) -> IndexEntry:
    """What the index keeps of a document's texts, for this database."""
    postgresql = _is_postgresql()

    def cleaned(parts: Iterable[str]) -> str:
        # Each part once: a member's English and French names are often one name, and a
        # passage cut from the metadata would show it twice.
        text = unicodedata.normalize("NFC", "\n".join(dict.fromkeys(part for part in parts if part)))
        text = text.translate(_UNINDEXABLE)
        return text if postgresql else text.translate(_STROKE_FOLDS)

    title, meta, text = cleaned(titles), cleaned(metadata), cleaned([body[:BODY_LIMIT]])
    scripts = " ".join(SCRIPT_RUN.findall("\n".join((title, meta, text))))
    return IndexEntry(pk=pk, title=title, meta=meta, body=text, scripts=scripts)


def file_name_words(name: str) -> str:
    """The words of a file name ("flood-plan_2023.pdf": "flood plan 2023 pdf"); a database
    may read a file name as one token."""
    return _FILE_NAME_SEPARATORS.sub(" ", name)


def _entries(documents: QuerySet[Document]) -> Iterator[IndexEntry]:
    latest = DocumentVersion.objects.filter(document=OuterRef("pk")).order_by("-number").values("text")[:1]
    rows = (
        documents.order_by("pk")
        .annotate(latest_text=Substr(Subquery(latest), 1, BODY_LIMIT))
        .prefetch_related(
            "members", "themes", Prefetch("versions", queryset=DocumentVersion.objects.only("document", "name"))
        )
        .iterator(chunk_size=CHUNK_SIZE)
    )
    for document in rows:
        names: list[str] = []
        for member in document.members.all():
            names += [member.name_en, member.name_fr, member.name_local, member.name_alternative]  # type: ignore[attr-defined]
        for theme in document.themes.all():
            names += [theme.name_en, theme.name_fr]  # type: ignore[attr-defined]
        names += [file_name_words(version.name) for version in document.versions.all()]
        yield index_entry(
            pk=document.pk,
            titles=[document.title_en, document.title_fr],  # type: ignore[attr-defined]
            metadata=[document.description_en, document.description_fr, *names],  # type: ignore[attr-defined]
            body=document.latest_text or "",
        )


def index_write(*, entries: Iterable[IndexEntry], database: BaseDatabaseWrapper | None = None) -> int:
    """Put these entries in the index, in place of what it had for their documents, a few at
    a time (their texts are in memory together); how many."""
    database = database or connection
    written = 0
    for chunk in _batched(entries):
        rows = [(entry.pk, entry.title, entry.meta, entry.body, entry.scripts) for entry in chunk]
        with database.cursor() as cursor:
            if _is_postgresql(database):
                cursor.executemany(
                    "INSERT INTO library_search (rowid, title, meta, body, scripts) VALUES (%s, %s, %s, %s, %s) "
                    "ON CONFLICT (rowid) DO UPDATE SET title = EXCLUDED.title, meta = EXCLUDED.meta, "
                    "body = EXCLUDED.body, scripts = EXCLUDED.scripts",
                    rows,
                )
            else:
                _sqlite_delete(cursor, [row[0] for row in rows])
                cursor.executemany(
                    "INSERT INTO library_search (rowid, title, meta, body, scripts) VALUES (%s, %s, %s, %s, %s)", rows
                )
                cursor.executemany(
                    "INSERT INTO library_search_scripts (rowid, scripts) VALUES (%s, %s)",
                    [(row[0], row[4]) for row in rows if row[4]],
                )
        written += len(rows)
    return written


def _batched(entries: Iterable[IndexEntry]) -> Iterator[tuple[IndexEntry, ...]]:
    iterator = iter(entries)
    while chunk := tuple(itertools.islice(iterator, CHUNK_SIZE)):
        yield chunk


def _sqlite_delete(cursor: Any, ids: Sequence[int]) -> None:
    placeholders = ", ".join(["%s"] * len(ids))
    for table in ("library_search", "library_search_scripts"):
        cursor.execute(f"DELETE FROM {table} WHERE rowid IN ({placeholders})", list(ids))  # noqa: S608


def documents_index(*, documents: QuerySet[Document]) -> int:
    """Index these documents (a batch of them: their texts are read a few at a time)."""
    return index_write(entries=_entries(documents))


def document_index_update(*, document: Document) -> None:
    """Index one document again, after it or one of its versions changed."""
    if not documents_index(documents=Document.objects.filter(pk=document.pk)):
        document_index_delete(document_id=document.pk)


def document_index_delete(*, document_id: int) -> None:
    """Leave a deleted document out of the index (a row left would never be joined to a document)."""
    with connection.cursor() as cursor:
        if _is_postgresql():
            cursor.execute("DELETE FROM library_search WHERE rowid = %s", [document_id])
        else:
            _sqlite_delete(cursor, [document_id])


def index_remove_missing() -> int:
    """Leave out the rows of documents that no longer exist; how many there were."""
    removed = 0
    with connection.cursor() as cursor:
        tables = ("library_search",) if _is_postgresql() else ("library_search", "library_search_scripts")
        for table in tables:
            cursor.execute(f"DELETE FROM {table} WHERE rowid NOT IN (SELECT id FROM library_document)")  # noqa: S608
            removed = max(removed, cursor.rowcount)
    return removed
