"""The document library: adding files, reading them at their access level, versions, archiving,
deleting, and the pages that list their documents (issue 13)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reseau.audit.models import AuditEvent
from reseau.library.models import Document, DocumentVersion
from tests.factories import TINY_PDF, DocumentFactory, EventFactory, NetworkFactory
from tests.hostile_files import HTML_PAGE, zip_bytes

pytestmark = pytest.mark.django_db

KHMER_TITLE = "ផែនការសកម្មភាព ២០២៣"


def _pdf(name: str = "minutes.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, TINY_PDF, content_type="application/pdf")


def _add(client, *files, **data):
    fields = {"kind": "minutes", "access": "network", **data}
    return client.post(reverse("library:document_create"), {**fields, "uploads": list(files)})


def _stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "library"
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def _odt() -> bytes:
    return zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office/>"})


def _jpeg_with_gps() -> bytes:
    from PIL import Image

    image = Image.new("RGB", (8, 8), "red")
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif[0x8825] = {1: "N", 2: (11.0, 33.0, 0.0)}  # GPS: latitude of Phnom Penh
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    return buffer.getvalue()


# Adding ------------------------------------------------------------------------------------------


def test_the_coordinator_adds_a_pdf_and_reads_its_page(world):
    response = _add(world.client_for("coordinator"), _pdf(), title_en="Minutes of the 2023 meeting")
    document = Document.objects.get()
    assert response["Location"] == document.get_absolute_url()


def test_a_document_without_a_title_is_named_after_its_file(world):
    _add(world.client_for("coordinator"), _pdf("Compte rendu 2023.pdf"))
    assert Document.objects.get().title_en == "Compte rendu 2023"


def test_several_files_make_several_documents(world):
    _add(world.client_for("coordinator"), _pdf("one.pdf"), _pdf("two.pdf"))
    assert sorted(Document.objects.values_list("title_en", flat=True)) == ["one", "two"]


def test_several_files_with_a_title_keep_each_files_name(world):
    _add(world.client_for("coordinator"), _pdf("day1.pdf"), _pdf("day2.pdf"), title_en="Photos")
    assert sorted(Document.objects.values_list("title_en", flat=True)) == ["Photos — day1", "Photos — day2"]


def test_a_khmer_title_shows_on_the_documents_page(world):
    _add(world.client_for("coordinator"), _pdf(), title_en=KHMER_TITLE)
    page = world.client_for("coordinator").get(Document.objects.get().get_absolute_url()).content.decode()
    assert f"<h1>{KHMER_TITLE}</h1>" in page


def test_html_typed_in_a_title_is_shown_as_text(world):
    _add(world.client_for("coordinator"), _pdf(), title_en="<script>alert(1)</script>")
    page = world.client_for("coordinator").get(Document.objects.get().get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_an_opendocument_text_is_taken(world):
    _add(world.client_for("coordinator"), SimpleUploadedFile("note.odt", _odt()))
    assert DocumentVersion.objects.get().content_type == "application/vnd.oasis.opendocument.text"


def test_a_zip_renamed_odt_is_refused(world):
    response = _add(world.client_for("coordinator"), SimpleUploadedFile("note.odt", zip_bytes({"a.txt": "x"})))
    assert "is not what its name says" in response.content.decode()


def test_a_web_page_renamed_pdf_is_refused_and_nothing_is_stored(world):
    _add(world.client_for("coordinator"), _pdf("ok.pdf"), SimpleUploadedFile("page.pdf", HTML_PAGE))
    assert (Document.objects.count(), _stored_files()) == (0, [])


def test_the_operators_size_limit_is_the_one_applied(world, settings):
    settings.LIBRARY_MAX_UPLOAD_MB = 1
    large = SimpleUploadedFile("large.pdf", TINY_PDF + b"\0" * (1024 * 1024), content_type="application/pdf")
    response = _add(world.client_for("coordinator"), large)
    assert "larger than 1 MB" in response.content.decode()


def test_a_refused_file_is_named_in_the_message(world):
    response = _add(world.client_for("coordinator"), SimpleUploadedFile("page.pdf", HTML_PAGE))
    assert "“page.pdf”:" in response.content.decode()


def test_the_refusal_is_in_french_for_a_french_reader(world):
    coordinator = world.users["coordinator"]
    coordinator.language = "fr"
    coordinator.save(update_fields=["language"])
    response = _add(world.client_for("coordinator"), SimpleUploadedFile("page.pdf", HTML_PAGE))
    assert "Rien n’a été enregistré." in response.content.decode()


def test_a_refused_upload_keeps_what_was_typed(world):
    response = _add(world.client_for("coordinator"), SimpleUploadedFile("page.pdf", HTML_PAGE), title_en="My title")
    assert 'value="My title"' in response.content.decode()


def test_a_full_disk_is_said_and_nothing_is_half_stored(world, monkeypatch):
    from django.core.files.storage import FileSystemStorage

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", full)
    response = _add(world.client_for("coordinator"), _pdf("one.pdf"), _pdf("two.pdf"))
    assert ("No space left on device" in response.content.decode(), Document.objects.count()) == (True, 0)


def test_a_photos_location_is_removed_when_it_is_added(world):
    from PIL import Image

    _add(world.client_for("coordinator"), SimpleUploadedFile("photo.jpg", _jpeg_with_gps()), kind="photo")
    with DocumentVersion.objects.get().file.open("rb") as stored, Image.open(stored) as image:
        assert 0x8825 not in image.getexif()


def test_a_photo_keeps_its_other_metadata(world):
    from PIL import Image

    _add(world.client_for("coordinator"), SimpleUploadedFile("photo.jpg", _jpeg_with_gps()), kind="photo")
    with DocumentVersion.objects.get().file.open("rb") as stored, Image.open(stored) as image:
        assert image.getexif()[0x010F] == "Camera maker"


def test_a_focal_points_document_names_its_member(world):
    _add(world.client_for("focal_point"), _pdf(), members=[world.hue.pk])
    assert list(Document.objects.get().members.all()) == [world.hue]


def test_a_member_of_another_network_cannot_be_named(world):
    from tests.factories import MemberFactory

    tunis = MemberFactory(network=NetworkFactory(code="maghreb", acronym="Maghreb"), slug="tunis")
    response = _add(world.client_for("coordinator"), _pdf(), members=[tunis.pk])
    assert response.status_code == 200
    assert not Document.objects.exists()


def test_an_event_of_another_network_cannot_be_linked(world):
    other = EventFactory(network=NetworkFactory(code="maghreb", acronym="Maghreb"))
    response = _add(world.client_for("secretariat"), _pdf(), network=world.hue.network.pk, event=other.pk)
    assert "This belongs to another network than the document." in response.content.decode()


def test_only_the_secretariat_may_keep_a_document_to_itself(world):
    page = world.client_for("coordinator").get(reverse("library:document_create")).content.decode()
    assert 'value="secretariat"' not in page


# Reading ----------------------------------------------------------------------------------------


@pytest.fixture
def shelf(world):
    network = world.hue.network
    return {
        level: DocumentFactory(network=network, access=level, title_en=f"The {level} document")
        for level in ("public", "partners", "network", "secretariat")
    }


def _library(world, role: str, **query) -> str:
    return world.client_for(role).get(reverse("library:document_list"), query).content.decode()


@pytest.mark.parametrize(
    ("role", "reads"),
    [
        ("anonymous", {"public"}),
        ("partner", {"public", "partners"}),
        ("focal_point", {"public", "partners", "network"}),
        ("coordinator", {"public", "partners", "network"}),
        ("secretariat", {"public", "partners", "network", "secretariat"}),
    ],
)
def test_each_reader_sees_the_documents_of_its_level(world, shelf, role, reads):
    page = _library(world, role)
    assert {level for level in shelf if f"The {level} document" in page} == reads


def test_a_partner_is_told_how_many_documents_are_not_shared(world, shelf):
    assert "1 document of your networks is not shared with partners." in _library(world, "partner")


def test_a_partner_opening_a_network_document_is_told_it_is_not_shared(world, shelf):
    response = world.client_for("partner").get(shelf["network"].get_absolute_url())
    assert response.status_code == 403


def test_a_document_of_another_network_is_not_found_by_its_coordinator(world):
    other = DocumentFactory(network=NetworkFactory(code="maghreb", acronym="Maghreb"))
    assert world.client_for("coordinator").get(other.get_absolute_url()).status_code == 404


def test_the_search_finds_a_title_typed_without_accents(world):
    DocumentFactory(network=world.hue.network, title_en="Réunion annuelle à Huế", access="public")
    assert "Réunion annuelle à Huế" in _library(world, "coordinator", q="reunion hue")


def test_the_search_leaves_out_what_does_not_match(world):
    DocumentFactory(network=world.hue.network, title_en="Réunion annuelle à Huế", access="public")
    assert "No document matches this search." in _library(world, "coordinator", q="Vientiane")


def test_the_library_is_reachable_from_the_header(world):
    page = world.client_for("focal_point").get(reverse("home:home")).content.decode()
    assert f'href="{reverse("library:document_list")}"' in page


def test_the_library_is_reachable_by_anonymous_visitors(world):
    page = world.client_for("anonymous").get(reverse("home:home")).content.decode()
    assert f'href="{reverse("library:document_list")}"' in page


def test_an_empty_library_says_so(world):
    assert "No document you may read is in the library yet." in _library(world, "coordinator")


# Downloads --------------------------------------------------------------------------------------


def _download(world, role: str, document: Document, number: int = 1):
    url = reverse("library:version_download", kwargs={"pk": document.pk, "number": number})
    return world.client_for(role).get(url)


def test_a_pdf_opens_in_the_browser(world, shelf):
    assert _download(world, "coordinator", shelf["network"])["Content-Disposition"].startswith("inline")


def test_a_download_is_never_sniffed(world, shelf):
    assert _download(world, "coordinator", shelf["network"])["X-Content-Type-Options"] == "nosniff"


def test_a_network_file_is_not_kept_by_shared_caches(world, shelf):
    assert _download(world, "coordinator", shelf["network"])["Cache-Control"] == "private, no-store"


def test_an_anonymous_visitor_cannot_download_a_network_file(world, shelf):
    assert _download(world, "anonymous", shelf["network"]).status_code == 404


def test_a_word_file_downloads_as_an_attachment(world):
    from tests.hostile_files import workbook_with

    _add(world.client_for("coordinator"), SimpleUploadedFile("plan.xlsx", workbook_with({"xl/a.xml": "<a/>"})))
    response = _download(world, "coordinator", Document.objects.get())
    assert response["Content-Disposition"].startswith("attachment")


def test_a_download_gives_the_file_as_it_was_added(world, shelf):
    assert b"".join(_download(world, "coordinator", shelf["network"]).streaming_content) == TINY_PDF


# Versions, archive, delete ----------------------------------------------------------------------


def test_a_new_version_keeps_the_older_one(world, shelf):
    document = shelf["network"]
    url = reverse("library:version_create", kwargs={"pk": document.pk})
    world.client_for("coordinator").post(url, {"file": _pdf("v2.pdf")})
    assert list(document.versions.values_list("number", flat=True)) == [2, 1]


def test_the_older_version_can_still_be_downloaded(world, shelf):
    document = shelf["network"]
    url = reverse("library:version_create", kwargs={"pk": document.pk})
    world.client_for("coordinator").post(url, {"file": _pdf("v2.pdf")})
    assert _download(world, "coordinator", document, number=1).status_code == 200


def test_an_archived_document_leaves_the_library(world, shelf):
    world.client_for("coordinator").post(reverse("library:document_archive", kwargs={"pk": shelf["network"].pk}))
    assert "The network document" not in _library(world, "focal_point")


def test_an_archived_document_is_still_there_for_its_coordinator(world, shelf):
    world.client_for("coordinator").post(reverse("library:document_archive", kwargs={"pk": shelf["network"].pk}))
    assert "The network document" in _library(world, "coordinator", archived="on")


def test_a_restored_document_is_back_in_the_library(world, shelf):
    client = world.client_for("coordinator")
    client.post(reverse("library:document_archive", kwargs={"pk": shelf["network"].pk}))
    client.post(reverse("library:document_restore", kwargs={"pk": shelf["network"].pk}))
    assert "The network document" in _library(world, "focal_point")


def test_the_coordinator_cannot_delete(world, shelf):
    url = reverse("library:document_delete", kwargs={"pk": shelf["network"].pk})
    assert world.client_for("coordinator").post(url).status_code == 403


def test_the_secretariat_deletes_a_document_and_its_files(world, shelf):
    url = reverse("library:document_delete", kwargs={"pk": shelf["network"].pk})
    world.client_for("secretariat").post(url)
    assert Document.objects.filter(pk=shelf["network"].pk).exists() is False


def test_a_deletion_is_in_the_networks_history(world, shelf):
    url = reverse("library:document_delete", kwargs={"pk": shelf["network"].pk})
    world.client_for("secretariat").post(url)
    deleted = AuditEvent.objects.get(action=AuditEvent.Action.DELETED, object_repr="The network document")
    assert deleted.subject == f"registry.network:{world.hue.network.pk}"


def test_a_deleted_documents_files_leave_the_storage(world, django_capture_on_commit_callbacks):
    document = DocumentFactory(network=world.hue.network)
    url = reverse("library:document_delete", kwargs={"pk": document.pk})
    with django_capture_on_commit_callbacks(execute=True):
        world.client_for("secretariat").post(url)
    assert _stored_files() == []


def test_a_focal_point_cannot_change_the_coordinators_document(world, shelf):
    url = reverse("library:document_edit", kwargs={"pk": shelf["network"].pk})
    assert world.client_for("focal_point").get(url).status_code == 403


# Pages that list their documents -----------------------------------------------------------------


def test_the_event_page_lists_its_documents(world):
    event = EventFactory(network=world.hue.network)
    DocumentFactory(network=world.hue.network, event=event, title_en="Presentation of Huế")
    page = world.client_for("focal_point").get(event.get_absolute_url()).content.decode()
    assert "Presentation of Huế" in page


def test_the_event_page_offers_to_add_a_document_to_it(world):
    event = EventFactory(network=world.hue.network)
    page = world.client_for("coordinator").get(event.get_absolute_url()).content.decode()
    assert f"{reverse('library:document_create')}?event={event.pk}" in page


def test_the_member_page_lists_its_documents(world):
    document = DocumentFactory(network=world.hue.network, title_en="Huế case study")
    document.members.add(world.hue)
    page = world.client_for("coordinator").get(world.hue.get_absolute_url()).content.decode()
    assert "Huế case study" in page


def test_the_event_page_does_not_list_a_document_the_reader_may_not_read(world):
    event = EventFactory(network=world.hue.network, visibility="partners")
    DocumentFactory(network=world.hue.network, event=event, title_en="Internal minutes", access="network")
    page = world.client_for("partner").get(event.get_absolute_url()).content.decode()
    assert "Internal minutes" not in page


def test_the_project_page_lists_its_documents(world):
    from tests.factories import ProjectFactory

    project = ProjectFactory(network=world.hue.network, lead_member=world.hue)
    DocumentFactory(network=world.hue.network, project=project, title_en="Concept note of Huế")
    page = world.client_for("focal_point").get(project.get_absolute_url()).content.decode()
    assert "Concept note of Huế" in page


def test_the_project_page_offers_to_add_a_document_to_it(world):
    from tests.factories import ProjectFactory

    project = ProjectFactory(network=world.hue.network, lead_member=world.hue)
    page = world.client_for("coordinator").get(project.get_absolute_url()).content.decode()
    assert f"{reverse('library:document_create')}?project={project.pk}" in page


def test_the_project_page_does_not_list_a_document_kept_to_the_secretariat(world):
    from tests.factories import ProjectFactory

    project = ProjectFactory(network=world.hue.network, lead_member=world.hue)
    DocumentFactory(network=world.hue.network, project=project, title_en="Audit letter", access="secretariat")
    page = world.client_for("coordinator").get(project.get_absolute_url()).content.decode()
    assert "Audit letter" not in page


def test_the_decision_page_lists_its_documents(world):
    from tests.factories import DecisionFactory

    decision = DecisionFactory(network=world.hue.network)
    DocumentFactory(network=world.hue.network, decision=decision, title_en="Signed resolution")
    page = world.client_for("coordinator").get(decision.get_absolute_url()).content.decode()
    assert "Signed resolution" in page


def test_the_organisation_page_lists_its_documents(world):
    from tests.factories import OrganisationFactory

    organisation = OrganisationFactory(name_en="Agence française de développement")
    DocumentFactory(network=world.hue.network, organisation=organisation, title_en="Grant agreement")
    page = world.client_for("coordinator").get(organisation.get_absolute_url()).content.decode()
    assert "Grant agreement" in page


def test_the_organisation_page_offers_to_add_a_document_to_it(world):
    from tests.factories import OrganisationFactory

    organisation = OrganisationFactory()
    page = world.client_for("coordinator").get(organisation.get_absolute_url()).content.decode()
    assert f"{reverse('library:document_create')}?organisation={organisation.pk}" in page


# Seed -------------------------------------------------------------------------------------------


def test_the_seed_files_the_decks_text_under_the_2023_annual_meeting(db):
    from io import StringIO

    from django.core.management import call_command

    call_command("seed_rvase", stdout=StringIO())
    deck = Document.objects.get(title_en="Annual meeting 2023: the presentation (deck)")
    assert deck.event.slug == "rvase-annual-meeting-2023"


def test_running_the_seed_twice_files_each_document_once(db):
    from io import StringIO

    from django.core.management import call_command

    call_command("seed_rvase", stdout=StringIO())
    call_command("seed_rvase", stdout=StringIO())
    assert DocumentVersion.objects.count() == 2


def test_the_seeded_terms_of_reference_download_as_they_were_written(world, db):
    from io import StringIO

    from django.core.management import call_command

    call_command("seed_rvase", stdout=StringIO())
    terms = Document.objects.get(title_en="Terms of reference of the network coordinator")
    response = world.client_for("secretariat").get(terms.versions.get().get_download_url())
    assert "TERMES DE REFERENCE" in b"".join(response.streaming_content).decode()


def test_the_seeded_terms_of_reference_are_found_by_a_word_inside_them(world, db):
    from io import StringIO

    from django.core.management import call_command

    call_command("seed_rvase", stdout=StringIO())
    page = _library(world, "coordinator", q="cooperation")  # "coopération", in the text only
    assert "Terms of reference of the network coordinator" in page


def test_a_public_file_may_be_kept_by_shared_caches_for_visitors(world, shelf):
    assert _download(world, "anonymous", shelf["public"])["Cache-Control"] == "public, max-age=300"


def test_a_public_file_read_signed_in_is_not_kept_by_shared_caches(world, shelf):
    assert _download(world, "coordinator", shelf["public"])["Cache-Control"] == "private, no-store"
