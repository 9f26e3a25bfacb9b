"""The invented library (``generate_network --documents``): stored files, indexed, in the
network's languages, marked as examples."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from reseau.library import fulltext
from reseau.library.models import Document, DocumentVersion
from reseau.library.synthetic import reference
from reseau.seeds.synthetic import generate_network

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    return generate_network(
        members=4, network_code="library-net", seed=1, projects=0, plans_activities=0, events=0, documents=30
    )


def test_the_documents_asked_for_are_added(network):
    assert Document.objects.filter(network=network).count() == 30


def test_each_document_is_marked_as_an_example(network):
    assert all(document.title_en.endswith("(example)") for document in Document.objects.filter(network=network))


def test_each_file_is_really_stored(network):
    version = DocumentVersion.objects.filter(document__network=network).first()
    with default_storage.open(version.file.name) as stored:
        assert stored.read().decode() == version.text


def test_a_documents_reference_finds_it_alone(network):
    found = fulltext.search(documents=Document.objects.all(), query=reference(7))
    assert [version.name for document in found for version in document.versions.all()] == [f"{reference(7)}.txt"]


def test_a_word_without_its_accents_finds_invented_texts(network):
    assert fulltext.search(documents=Document.objects.all(), query="reunion").exists()


def test_running_it_again_appends_documents_with_new_references(network):
    generate_network(
        members=1, network_code="library-net", seed=1, projects=0, plans_activities=0, events=0, documents=5
    )
    assert fulltext.search(documents=Document.objects.all(), query=reference(35)).count() == 1


def test_the_command_adds_documents(db):
    call_command("generate_network", "--members", "2", "--network", "cmd-library", "--documents", "3", verbosity=0)
    assert Document.objects.filter(network__code="cmd-library").count() == 3
