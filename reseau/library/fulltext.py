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

A search reads its matches in the index's own order (newest first: no match is ranked or sorted
beyond those read) and ranks at most ``RANKED_MATCHES`` of them, the newest the reader may see
and every one with the words in its title; ``Ranked`` keeps their keys, best first, so that the
count, the pages and the facets never ask the index again. Runs of Khmer or Lao are ranked by
where they are found (title, description, elsewhere).

A word is any run of letters and digits; every word must be found (in any part), and a run of
Khmer or Lao letters must be in the text as it is typed. Snippets come back HTML-safe: the
database marks the hits with two private-use characters (removed from every indexed text),
the text is escaped here and only then are the marks turned into ``<mark>``.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    F,
    FloatField,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    When,
)
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
# (some 180 ms for 500,000 characters; 14 ms for a page of 25 passages from 30,000 each), and
# a word first met further on gets a passage of the metadata, or none.
HEADLINE_LIMIT = 10_000
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
# A search ranks at most so many matches: the newest the reader may see, with every one whose
# title holds the words, however old. Ranking and sorting every match of a common word (20,000
# of 50,000 documents) is what made a search slow; a reader shown this many (twenty pages) is
# asked to add a word (``Ranked.more``). The time of a search grows with it (BENCHMARKS.md).
RANKED_MATCHES = 500
_PG_QUERY = f"plainto_tsquery('{PG_CONFIG}', %s)"
_PG_HEADLINE = f'StartSel={START}, StopSel={STOP}, MaxWords=24, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "'
# A run of those scripts' snippet: so many characters before the first hit, so many in all.
_SCRIPT_BEFORE, _SCRIPT_LENGTH = 60, 200
# A run found in the title, or in the metadata, outranks one in the text by as much as bm25's
# weights of the columns (``_SQLITE_WEIGHTS``).
_SCRIPT_TITLE_WEIGHT, _SCRIPT_META_WEIGHT = 10, 3


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
    """SQL about the index row joined to each document; ``{table}`` is that join's alias (of
    ``library_search``, or with ``scripts`` of SQLite's ``library_search_scripts``)."""

    def __init__(self, sql: str, params: Sequence[str], output_field: Any, *, scripts: bool = False) -> None:
        super().__init__(F("script_index__scripts" if scripts else "search_index__title"), output_field=output_field)
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


def _sqlite_script_match(scripts: Sequence[str]) -> list[_OnIndex]:
    """The filters of runs of those scripts on the trigram index: a phrase of each run's
    trigrams, read from the index's positions (three times quicker than LIKE, which reads every
    candidate's text again); a run shorter than a trigram by LIKE. A run holds only those
    scripts' letters: no quote to escape."""
    phrases = " ".join(f'"{term}"' for term in scripts if len(term) >= 3)
    filters = [_OnIndex("{table} MATCH %s", [phrases], BooleanField(), scripts=True)] if phrases else []
    for term in scripts:
        if len(term) < 3:
            filters.append(_OnIndex("{table}.scripts LIKE %s", [f"%{term}%"], BooleanField(), scripts=True))
    return filters


def _script_rank(scripts: Sequence[str]) -> Case:
    """Where the runs are found: in a title, else in a description, else elsewhere (the text,
    a member's name…), weighed as the words' rank weighs the columns. Read from the document's
    own columns: counting a run's occurrences, or reading the index's copy of the titles, reads
    every candidate's text, and the trigram index's ``bm25`` costs as much (a common Khmer word
    ranked so took longer than all the rest of a search)."""
    whens = []
    for term in scripts:
        whens.append(When(Q(title_en__contains=term) | Q(title_fr__contains=term), then=_SCRIPT_TITLE_WEIGHT))
        whens.append(
            When(Q(description_en__contains=term) | Q(description_fr__contains=term), then=_SCRIPT_META_WEIGHT)
        )
    return Case(*whens, default=1, output_field=FloatField())


@dataclass(frozen=True)
class Candidate:
    pk: int
    rank: float


def _best_first(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Best first, then the newest added (the largest key). Not by document date, which the
    library's list uses: reading a thousand candidates' dates, each converted, cost more than
    finding them, and equal ranks are rare but for runs of Khmer or Lao."""
    return sorted(candidates, key=lambda candidate: (candidate.rank, candidate.pk), reverse=True)


class Ranked:
    """The documents a search found, best first: their keys, each page read when it is shown.

    A search ranks at most ``RANKED_MATCHES`` matches (``more`` says when more match): the
    newest the reader may see, with every one whose title holds the words. Counting, paging and
    the facets read these keys; none of them asks the index again.
    """

    def __init__(self, *, documents: QuerySet[Document], ids: Sequence[int], more: bool) -> None:
        self.documents = documents
        self.ids = list(ids)
        self.more = more

    def count(self) -> int:
        return len(self.ids)

    def exists(self) -> bool:
        return bool(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> Document: ...

    @overload
    def __getitem__(self, index: slice) -> list[Document]: ...

    def __getitem__(self, index: int | slice) -> Document | list[Document]:
        if isinstance(index, int):
            return self[index : index + 1 or None][0]
        ids = self.ids[index]
        rows = {document.pk: document for document in self.documents.filter(pk__in=ids).order_by()}
        return [rows[pk] for pk in ids if pk in rows]

    def __iter__(self) -> Iterator[Document]:
        return iter(self[:])

    def found(self) -> QuerySet[Document]:
        """The documents found, as a query (for counting them by type, theme…), in no order.
        Their keys go to the database as one value: Django reads a list of a thousand keys
        one by one, which took longer than the search."""
        if _is_postgresql():
            keys = RawSQL("SELECT unnest(%s::bigint[])", [self.ids])
        else:
            keys = RawSQL("SELECT value FROM json_each(%s)", [json.dumps(self.ids)])
        return self.documents.filter(pk__in=keys).order_by()


def _index_rowid(*, scripts: bool = False) -> _OnIndex:
    """The index's key, to read its matches newest first: SQLite's FTS5 gives them in that
    order; PostgreSQL's planner either walks the key's index backwards, testing each row until
    it has enough (a common word: a few hundred rows read), or takes a rare word's few matches
    from the text index and sorts them, from its statistics of the words."""
    return _OnIndex("{table}.rowid", [], BigIntegerField(), scripts=scripts)


def _candidates(rows: QuerySet[Document], rank: Any, limit: int, *, scripts: bool = False) -> list[Candidate]:
    """The newest ``limit`` of these matches (the index gives them in its key's order, so
    none is ranked or sorted beyond them), each with its rank; ``scripts``: in the order of
    the trigram index, which found them."""
    found = rows.annotate(search_rank=rank).order_by(_index_rowid(scripts=scripts).desc())
    return _fetch(found.annotate(found_pk=F("pk")).values("found_pk", "search_rank")[:limit])


def _fetch(values: QuerySet[Any]) -> list[Candidate]:
    """The candidates' keys and ranks as the database gives them (through the ORM, a thousand
    rows took longer than the search itself)."""
    sql, params = values.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        pk, rank = names.index("found_pk"), names.index("search_rank")
        return [Candidate(row[pk], float(row[rank] or 0)) for row in cursor.fetchall()]


def _postgresql_candidates(
    rows: QuerySet[Document], *, rank_sql: str, params: Sequence[str], limit: int
) -> list[Candidate]:
    """As ``_candidates``; the rank is computed once the newest are chosen, for them only
    (a ``ts_rank`` reads the document's whole vector)."""
    newest = rows.order_by(_index_rowid().desc()).values("pk")[:limit]
    ranked = (
        DocumentIndex.objects.filter(document__in=Subquery(newest))
        .annotate(search_rank=RawSQL(rank_sql, list(params)))  # noqa: S611  (this module's SQL; words as parameters)
        .annotate(found_pk=F("document_id"))
        .values("found_pk", "search_rank")
    )
    return sorted(_fetch(ranked), key=lambda candidate: -candidate.pk)


def search(*, documents: QuerySet[Document], query: str) -> Ranked:
    """The documents that match ``query``, best first (then newest added); none for a query
    with no word."""
    parsed = parse(query)
    if not parsed:
        return Ranked(documents=documents, ids=[], more=False)
    limit = RANKED_MATCHES + 1  # one more tells that there are more
    titled: list[Candidate] = []
    if _is_postgresql():
        matched = documents.filter(search_index__isnull=False)
        for term in parsed.scripts:
            matched = matched.filter(_OnIndex("{table}.scripts LIKE %s", [f"%{term}%"], BooleanField()))
        if parsed.words:
            text = " ".join(parsed.words)
            matched = matched.filter(_OnIndex(f"{{table}}.vector @@ {_PG_QUERY}", [text], BooleanField()))
            rank_sql, params = f"ts_rank(library_search.vector, {_PG_QUERY})", [text]
            title = _OnIndex(f"to_tsvector('{PG_CONFIG}', {{table}}.title) @@ {_PG_QUERY}", [text], BooleanField())
            titled = _postgresql_candidates(matched.filter(title), rank_sql=rank_sql, params=params, limit=limit)
            newest = _postgresql_candidates(matched, rank_sql=rank_sql, params=params, limit=limit)
        else:
            newest = _candidates(matched, _script_rank(parsed.scripts), limit)
    else:
        # Inner joins (an outer one cannot read an index's MATCH); the words' index only when
        # there are words: reading its row of each candidate found by a Khmer run cost more
        # than finding them.
        matched = documents.filter(search_index__isnull=False) if parsed.words else documents
        if parsed.scripts:
            matched = matched.filter(*_sqlite_script_match(parsed.scripts), script_index__isnull=False)
        if parsed.words:
            bm25 = _OnIndex(f"-bm25({{table}}, {_SQLITE_WEIGHTS})", [], FloatField())
            everywhere = _OnIndex("{table} MATCH %s", [_sqlite_match(parsed.words)], BooleanField())
            in_title = _OnIndex("{table} MATCH %s", [f"{{title}} : ({_sqlite_match(parsed.words)})"], BooleanField())
            newest = _candidates(matched.filter(everywhere), bm25, limit)
            titled = _candidates(matched.filter(in_title), bm25, limit)
        else:
            newest = _candidates(matched, _script_rank(parsed.scripts), limit, scripts=True)
    # The title's matches are read even when the newest hold every match (then they are among
    # them): one query less for a small library would make the page's count of queries change
    # with the size of the library.
    more = len(newest) > RANKED_MATCHES or len(titled) > RANKED_MATCHES
    chosen = {candidate.pk: candidate for candidate in [*newest[:RANKED_MATCHES], *titled[:RANKED_MATCHES]]}
    best_first = _best_first(chosen.values())
    return Ranked(documents=documents, ids=[candidate.pk for candidate in best_first], more=more)


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
