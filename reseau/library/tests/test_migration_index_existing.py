"""Library migration 0003 made the full-text index and put the documents already recorded in
it; it writes their rows in its own columns, whatever later migrations add to the index."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from reseau.library import fulltext
from reseau.library.models import Document
from tests.factories import DocumentFactory

BEFORE_THE_INDEX = [("library", "0002_text_of_the_files")]


def _migrate(targets) -> None:
    MigrationExecutor(connection).migrate(targets)


@pytest.fixture
def back_to_the_latest_afterwards():
    yield
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    Document.objects.all().delete()
    fulltext.index_remove_missing()  # the index is not a table Django empties


@pytest.mark.heavy
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_the_latest_afterwards")
def test_a_document_recorded_before_the_index_is_found_by_a_word_of_its_file():
    document = DocumentFactory(version__text="Biên bản cuộc họp về thoát nước đô thị")
    _migrate(BEFORE_THE_INDEX)
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert fulltext.search(documents=Document.objects.all(), query="thoat nuoc").ids == [document.pk]
