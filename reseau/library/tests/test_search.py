"""The library's ranked full-text search (issue 13): words typed without accents, Khmer and Lao
words inside running text, ranking, snippets, facets and access levels. Every test runs on the
database of the run: SQLite (FTS5) by default, PostgreSQL (tsvector, trigram) with DATABASE_URL."""

from __future__ import annotations

import datetime
from io import StringIO
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from reseau.library import fulltext, selectors, services
from reseau.library.access import documents_visible_to
from reseau.library.admin import DocumentAdmin
from reseau.library.models import Document, IndexProgress
from reseau.registry.models import Theme
from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db

KHMER_WORD = "សហប្រតិបត្តិការ"  # co-operation
KHMER_TEXT = f"កិច្ចប្រជុំប្រចាំឆ្នាំនៃបណ្តាញទីក្រុងបាននិយាយអំពី{KHMER_WORD}រវាងរាជធានីភ្នំពេញនិងទីក្រុងហ្វេ"
LAO_WORD = "ການຮ່ວມມື"  # co-operation
LAO_TEXT = f"ກອງປະຊຸມປະຈຳປີຂອງເຄືອຂ່າຍໄດ້ເວົ້າເຖິງ{LAO_WORD}ລະຫວ່າງນະຄອນຫຼວງວຽງຈັນແລະເມືອງເຫວ້"
FILLER = " ".join(["The network met and spoke of roads, schools and markets."] * 40)


def _titles(world, role: str = "coordinator", **query) -> list[str]:
    """The titles found, in the order of the page."""
    filters = selectors.LibraryFilters.from_data(query)
    documents = selectors.document_list(documents=documents_visible_to(world.users[role]), filters=filters)
    return [document.title for document in documents]


def _page(world, role: str = "coordinator", **query) -> str:
    return world.client_for(role).get(reverse("library:document_list"), query).content.decode()


def _document(world, title: str, text: str = "", **fields):
    fields.setdefault("access", "public")
    return DocumentFactory(network=world.hue.network, title_en=title, version__text=text, **fields)


# Words typed without accents ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("Hue", "Annual meeting in Huế"),
        ("Can Tho", "Flood plan of Cần Thơ"),
        ("Da Nang", "Mobility study of Đà Nẵng"),
        ("reunion", "Compte rendu de la réunion"),
        ("đà nẵng", "Mobility study of Đà Nẵng"),
    ],
)
def test_a_title_is_found_by_its_words_typed_without_accents(world, query, title):
    _document(world, title)
    _document(world, "Something else entirely")
    assert _titles(world, q=query) == [title]


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("Hue", "Le comité s'est réuni à Huế en mars."),
        ("can tho", "Kế hoạch hành động của thành phố Cần Thơ"),
        ("DA NANG", "Thành phố Đà Nẵng và nước"),
        ("reunion", "Compte rendu de la réunion du comité de pilotage."),
    ],
)
def test_the_text_of_a_file_is_found_by_its_words_typed_without_accents(world, query, text):
    _document(world, "Minutes", text)
    _document(world, "Other minutes", "Nothing to see here.")
    assert _titles(world, q=query) == ["Minutes"]


def test_every_word_must_be_found(world):
    _document(world, "Flood plan of Cần Thơ")
    _document(world, "Flood plan of Huế")
    assert _titles(world, q="flood hue") == ["Flood plan of Huế"]


def test_a_word_of_a_description_is_found(world):
    _document(world, "Minutes", description_en="Drainage works in the old town")
    assert _titles(world, q="drainage") == ["Minutes"]


def test_a_members_name_is_found(world):
    document = _document(world, "Minutes")
    document.members.add(world.vientiane)
    fulltext.document_index_update(document=document)
    assert _titles(world, q="vientiane") == ["Minutes"]


def test_a_file_name_is_found(world):
    _document(world, "Minutes")
    assert _titles(world, q="report") == ["Minutes"]  # the factory's file is report.pdf


def test_punctuation_alone_finds_nothing(world):
    _document(world, "Minutes")
    assert _titles(world, q="!!! ---") == []


def test_quotes_and_operators_are_words_not_syntax(world):
    _document(world, "Water AND roads")
    assert _titles(world, q='"water" OR NEAR(roads') == []


# Scripts with no space between words -------------------------------------------------------------


def test_a_khmer_word_finds_the_document_whose_text_holds_it(world):
    _document(world, "Khmer minutes", KHMER_TEXT)
    _document(world, "Lao minutes", LAO_TEXT)
    assert _titles(world, q=KHMER_WORD) == ["Khmer minutes"]


def test_a_lao_word_finds_the_document_whose_text_holds_it(world):
    _document(world, "Khmer minutes", KHMER_TEXT)
    _document(world, "Lao minutes", LAO_TEXT)
    assert _titles(world, q=LAO_WORD) == ["Lao minutes"]


def test_a_khmer_word_not_in_the_text_finds_nothing(world):
    _document(world, "Khmer minutes", KHMER_TEXT)
    assert _titles(world, q="ប្រព័ន្ធលូ") == []


def test_a_khmer_title_is_found_by_a_word_inside_it(world):
    _document(world, f"ផែនការ{KHMER_WORD}២០២៣")
    assert _titles(world, q=KHMER_WORD) == [f"ផែនការ{KHMER_WORD}២០២៣"]


def test_a_khmer_word_in_the_title_outranks_one_in_the_text(world):
    _document(world, "In the text", KHMER_TEXT)
    _document(world, f"ផែនការ{KHMER_WORD}")
    assert _titles(world, q=KHMER_WORD) == [f"ផែនការ{KHMER_WORD}", "In the text"]


def test_a_khmer_and_a_latin_word_together_must_both_be_found(world):
    _document(world, "Phnom Penh minutes", KHMER_TEXT)
    _document(world, "Vientiane minutes", KHMER_TEXT)
    assert _titles(world, q=f"penh {KHMER_WORD}") == ["Phnom Penh minutes"]


# Ranking ----------------------------------------------------------------------------------------


def test_a_title_hit_outranks_a_single_mention_deep_in_the_text(world):
    _document(world, "Minutes of March", f"{FILLER} Drainage was mentioned once. {FILLER}")
    _document(world, "Drainage of the old town", FILLER)
    assert _titles(world, q="drainage") == ["Drainage of the old town", "Minutes of March"]


def test_two_mentions_outrank_one(world):
    _document(world, "Once", f"Drainage. {FILLER}")
    _document(world, "Twice", f"Drainage and drainage. {FILLER}")
    assert _titles(world, q="drainage") == ["Twice", "Once"]


def test_without_a_search_the_newest_document_comes_first(world):
    _document(world, "Older", document_date=datetime.date(2021, 5, 1))
    _document(world, "Newer", document_date=datetime.date(2024, 5, 1))
    assert _titles(world) == ["Newer", "Older"]


# More matches than a search ranks ---------------------------------------------------------------


@pytest.fixture
def two_ranked(monkeypatch):
    """A search ranks two matches (``fulltext.RANKED_MATCHES`` is a thousand)."""
    monkeypatch.setattr(fulltext, "RANKED_MATCHES", 2)


def _mentions(world, count: int) -> list[str]:
    titles = [f"Minutes {n}" for n in range(count)]
    for title in titles:
        _document(world, title, "The drainage of the old town.")
    return titles


def test_a_search_with_many_matches_ranks_the_newest(world, two_ranked):
    titles = _mentions(world, 4)
    assert set(_titles(world, q="drainage")) == set(titles[-2:])


def test_an_old_document_with_the_words_in_its_title_is_found_however_many_match(world, two_ranked):
    _document(world, "Drainage of the old town", "Minutes.")
    _mentions(world, 4)
    assert _titles(world, q="drainage")[0] == "Drainage of the old town"


def test_the_page_says_more_documents_match_than_are_ranked(world, two_ranked):
    _mentions(world, 4)
    assert "More than 2 documents match." in _page(world, q="drainage")


def test_the_page_counts_the_matches_when_they_are_all_ranked(world, two_ranked):
    _mentions(world, 2)
    assert "2 documents" in _page(world, q="drainage")


def test_the_page_says_in_french_that_more_documents_match_than_are_ranked(world, two_ranked):
    coordinator = world.users["coordinator"]
    coordinator.language = "fr"
    coordinator.save(update_fields=["language"])
    _mentions(world, 4)
    assert "Plus de 2 documents correspondent." in _page(world, q="drainage")


def test_the_facets_count_the_ranked_matches(world, two_ranked):
    _mentions(world, 4)
    assert _facets(world, q="drainage")["kind"] == {"Report": 2}


def test_a_second_page_of_results_follows_the_first(world, monkeypatch):
    monkeypatch.setattr("reseau.library.views.DOCUMENTS_PER_PAGE", 2)
    titles = _mentions(world, 3)
    client = world.client_for("coordinator")
    second = client.get(reverse("library:document_list"), {"q": "drainage", "page": 2}).content.decode()
    assert titles[0] in second


# Snippets ---------------------------------------------------------------------------------------


def test_the_snippet_marks_the_word_found(world):
    _document(world, "Minutes", "Compte rendu de la réunion du comité de pilotage.")
    assert "<mark>réunion</mark>" in _page(world, q="reunion")


def test_the_snippet_marks_a_word_of_the_text_when_the_other_is_in_the_title(world):
    _document(world, "Minutes of Huế", "Compte rendu de la réunion du comité de pilotage.")
    assert "<mark>réunion</mark>" in _page(world, q="reunion hue")


def test_the_snippet_of_a_khmer_word_marks_it(world):
    _document(world, "Khmer minutes", KHMER_TEXT)
    assert f"<mark>{KHMER_WORD}</mark>" in _page(world, q=KHMER_WORD)


def test_a_passage_of_the_metadata_names_a_member_once(world):
    document = _document(world, "Minutes", "Compte rendu du comité de pilotage.")
    document.members.add(world.hue)  # "Huế" in English and in French, "Thành phố Huế" locally
    fulltext.document_index_update(document=document)
    assert _snippet(world, q="hue").count("<mark>Huế</mark>") == 2


def _snippet(world, **query) -> str:
    return _page(world, **query).split('<span class="snippet">')[1].split("</span>")[0]


HOSTILE = 'Drainage <script>alert(1)</script> costs 3 < 5 & <b onclick="x()">more</b>'


def test_a_script_in_a_files_text_never_reaches_the_page_as_markup(world):
    _document(world, "Minutes", HOSTILE)
    assert "<script" not in _snippet(world, q="drainage")


def test_the_text_of_a_snippet_is_escaped(world):
    _document(world, "Minutes", HOSTILE)
    assert "3 &lt; 5 &amp;" in _snippet(world, q="drainage")


def test_only_the_marks_are_markup_in_a_snippet(world):
    _document(world, "Minutes", HOSTILE)
    assert "<b" not in _snippet(world, q="drainage")


def test_the_marks_of_the_database_cannot_be_forged_by_a_text(world):
    _document(world, "Minutes", f"Drainage {fulltext.START}forged{fulltext.STOP} text")
    assert "<mark>forged</mark>" not in _page(world, q="drainage")


def test_a_document_found_by_its_title_only_has_no_snippet(world):
    document = _document(world, "Drainage", "Nothing else here.")
    assert fulltext.snippets(document_ids=[document.pk], query="drainage") == {}


# Access levels and archives ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "partner"])
def test_a_reader_never_finds_a_network_or_secretariat_document(world, role):
    for level in ("public", "partners", "network", "secretariat"):
        _document(world, f"The {level} drainage plan", access=level)
    found = _titles(world, role, q="drainage")
    assert not {"The network drainage plan", "The secretariat drainage plan"} & set(found)


def test_the_coordinator_finds_the_network_document_but_not_the_secretariats(world):
    for level in ("network", "secretariat"):
        _document(world, f"The {level} drainage plan", access=level)
    assert _titles(world, q="drainage") == ["The network drainage plan"]


def test_a_partner_counts_no_network_document_in_the_facets(world):
    _document(world, "Public drainage report", kind="report")
    _document(world, "Network drainage study", kind="study", access="network")
    page = _page(world, "partner", q="drainage")
    assert "Study" not in page.split('class="card facets"')[1]


def test_an_archived_document_is_not_found(world):
    _document(world, "Drainage plan", archived_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC))
    assert _titles(world, q="drainage") == []


# Facets -----------------------------------------------------------------------------------------


def _facets(world, role: str = "coordinator", **query) -> dict[str, dict[str, int]]:
    filters = selectors.LibraryFilters.from_data(query)
    documents = selectors.document_list(documents=documents_visible_to(world.users[role]), filters=filters)
    return {
        facet.name: {str(value.label): value.count for value in facet.values}
        for facet in selectors.library_facets(documents=documents)
    }


@pytest.fixture
def drainage(world):
    water = Theme.objects.create(code="water", kind="work", name_en="Water", name_fr="Eau")
    first = _document(
        world, "Drainage report", kind="report", languages=["vi", "en"], document_date=datetime.date(2023, 4, 1)
    )
    first.themes.add(water)
    first.members.add(world.hue)
    second = _document(world, "Drainage study", kind="study", languages=["fr"], document_date=datetime.date(2024, 4, 1))
    second.members.add(world.hue, world.vientiane)
    third = _document(world, "Drainage report 2", kind="report", languages=["vi"])
    for document in (first, second, third):
        fulltext.document_index_update(document=document)
    _document(world, "Roads report", kind="report", languages=["vi"])
    return water


def test_the_facets_count_the_types_found(world, drainage):
    assert _facets(world, q="drainage")["kind"] == {"Report": 2, "Study": 1}


def test_the_facets_count_the_themes_found(world, drainage):
    assert _facets(world, q="drainage")["theme"] == {"Water": 1}


def test_the_facets_count_the_members_found(world, drainage):
    assert _facets(world, q="drainage")["member"] == {"Huế": 2, "Vientiane Capital": 1}


def test_the_facets_count_the_years_found(world, drainage):
    assert _facets(world, q="drainage")["year"] == {"2024": 1, "2023": 1}


def test_the_facets_count_the_languages_found(world, drainage):
    assert _facets(world, q="drainage")["language"] == {"Vietnamese": 2, "English": 1, "French": 1}


def test_a_facet_link_adds_its_filter_and_keeps_the_search(world, drainage):
    assert 'href="?q=drainage&amp;kind=report"' in _page(world, q="drainage")


def test_a_theme_filter_keeps_its_documents(world, drainage):
    assert _titles(world, q="drainage", theme=drainage) == ["Drainage report"]


def test_a_member_filter_keeps_its_documents(world, drainage):
    assert sorted(_titles(world, q="drainage", member=world.vientiane)) == ["Drainage study"]


def test_a_year_filter_keeps_its_documents(world, drainage):
    assert _titles(world, q="drainage", year=2023) == ["Drainage report"]


def test_a_language_filter_keeps_its_documents(world, drainage):
    assert sorted(_titles(world, q="drainage", language="vi")) == ["Drainage report", "Drainage report 2"]


def test_a_chosen_filter_is_shown_with_the_link_that_removes_it(world, drainage):
    chosen = _page(world, q="drainage", year="2023").split('class="plain chosen-filters"')[1].split("</ul>")[0]
    assert 'Year: <bdi>2023</bdi> <a href="?q=drainage"' in chosen


def test_the_chosen_filters_apply_on_the_page(world, drainage):
    page = _page(world, q="drainage", language="fr")
    assert "Drainage report" not in page


def test_a_filter_that_is_no_longer_valid_leaves_the_search_working(world, drainage):
    assert "Roads report" not in _page(world, q="drainage", member="999999")


def test_the_htmx_partial_carries_the_facets(world, drainage):
    response = world.client_for("coordinator").get(
        reverse("library:document_list"), {"q": "drainage"}, headers={"HX-Request": "true"}
    )
    assert 'class="card facets"' in response.content.decode()


# The index kept up to date by the services -------------------------------------------------------


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/plain")


def test_an_uploaded_files_text_is_found_once_read(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the job reading the text is queued on commit
        world.client_for("coordinator").post(
            reverse("library:document_create"),
            {"kind": "minutes", "access": "network", "uploads": [_upload("notes.txt", "Họp tại Cần Thơ".encode())]},
        )
    assert _titles(world, q="can tho") == ["notes"]


def test_a_changed_title_is_found_and_the_old_one_no_longer(world):
    document = _document(world, "Drainage plan")
    services.document_update(actor=world.users["coordinator"], document=document, data={"title_en": "Sewer plan"})
    assert (_titles(world, q="sewer"), _titles(world, q="drainage")) == (["Sewer plan"], [])


def test_a_new_versions_text_replaces_the_older_ones_in_the_search(world, django_capture_on_commit_callbacks):
    document = _document(world, "Minutes", "Drainage of the old town")
    with django_capture_on_commit_callbacks(execute=True):
        services.version_add(
            actor=world.users["coordinator"], document=document, upload=_upload("v2.txt", b"Sewers of the new town")
        )
    assert (_titles(world, q="sewers"), _titles(world, q="drainage")) == (["Minutes"], [])


def test_a_title_corrected_in_the_admin_is_found(world, rf):
    document = _document(world, "Drainage plan")
    Document.objects.filter(pk=document.pk).update(title_en="Sewer plan")
    document.refresh_from_db()
    form = SimpleNamespace(instance=document, save_m2m=lambda: None)
    DocumentAdmin(Document, admin.site).save_related(rf.get("/"), form, [], True)
    assert _titles(world, q="sewer") == ["Sewer plan"]


def test_a_deleted_document_leaves_the_index(world):
    document = _document(world, "Drainage plan")
    services.document_delete(actor=world.users["secretariat"], document=document)
    assert not _index_has(document.pk)


def _index_has(pk: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM library_search WHERE rowid = %s", [pk])
        return bool(cursor.fetchone()[0])


# Reindexing -------------------------------------------------------------------------------------


def test_the_reindex_command_indexes_every_document(world):
    _document(world, "Drainage plan", indexed=False)
    call_command("library_reindex", stdout=StringIO())
    assert _titles(world, q="drainage") == ["Drainage plan"]


def test_a_document_not_yet_indexed_is_not_found(world):
    _document(world, "Drainage plan", indexed=False)
    assert _titles(world, q="drainage") == []


def test_the_index_is_written_a_few_documents_at_a_time(world, monkeypatch):
    monkeypatch.setattr(fulltext, "CHUNK_SIZE", 2)
    documents = [_document(world, f"Drainage plan {number}", indexed=False) for number in range(5)]
    call_command("library_reindex", stdout=StringIO())
    assert all(_index_has(document.pk) for document in documents)


def test_the_reindex_command_says_how_many_it_indexed(world):
    for number in range(3):
        _document(world, f"Plan {number}", indexed=False)
    out = StringIO()
    call_command("library_reindex", "--batch-size", "2", stdout=out)
    assert out.getvalue().strip().endswith("3 documents indexed.")


def test_the_reindex_records_the_last_document_of_each_batch(world, monkeypatch):
    documents = [_document(world, f"Drainage plan {number}", indexed=False) for number in range(5)]
    real = fulltext.documents_index
    batches = []

    def fail_on_the_third_batch(*, documents):
        batches.append(1)
        if len(batches) == 3:
            raise RuntimeError("killed")
        return real(documents=documents)

    monkeypatch.setattr(fulltext, "documents_index", fail_on_the_third_batch)
    with pytest.raises(RuntimeError):
        call_command("library_reindex", "--batch-size", "2", stdout=StringIO())
    assert IndexProgress.objects.get().last_pk == documents[3].pk


def test_resume_continues_after_the_last_document_indexed(world):
    documents = [_document(world, f"Drainage plan {number}", indexed=False) for number in range(4)]
    IndexProgress.objects.create(last_pk=documents[1].pk)
    call_command("library_reindex", "--resume", stdout=StringIO())
    assert [_index_has(document.pk) for document in documents] == [False, False, True, True]


def test_a_full_reindex_starts_again_from_the_first_document(world):
    documents = [_document(world, f"Drainage plan {number}", indexed=False) for number in range(2)]
    IndexProgress.objects.create(last_pk=documents[1].pk)
    call_command("library_reindex", stdout=StringIO())
    assert [_index_has(document.pk) for document in documents] == [True, True]


def test_a_finished_reindex_is_recorded(world):
    _document(world, "Drainage plan", indexed=False)
    call_command("library_reindex", stdout=StringIO())
    assert IndexProgress.objects.get().finished_at is not None


def test_the_reindex_removes_the_rows_of_documents_gone(world):
    document = _document(world, "Drainage plan")
    pk = document.pk
    Document.objects.filter(pk=pk).delete()  # not through the services: its row stays
    call_command("library_reindex", stdout=StringIO())
    assert not _index_has(pk)


def test_the_facets_speak_the_readers_language(world, drainage):
    coordinator = world.users["coordinator"]
    coordinator.language = "fr"
    coordinator.save(update_fields=["language"])
    assert "Affiner les résultats" in _page(world, q="drainage")


def test_a_theme_facet_is_named_in_the_readers_language(world, drainage):
    coordinator = world.users["coordinator"]
    coordinator.language = "fr"
    coordinator.save(update_fields=["language"])
    assert ">Eau</bdi>" in _page(world, q="drainage")
