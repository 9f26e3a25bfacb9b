"""The library's files on either storage: the same tests on the local disk and in an S3 bucket
(a local moto server started by the tests), so several app servers can share one library
(issue 13, item 6)."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reseau.library.models import Document, DocumentVersion
from reseau.library.tests.test_text_reading import _pdf_with_text

pytestmark = pytest.mark.django_db

MINUTES = _pdf_with_text("Minutes of the Can Tho meeting")
SECOND = _pdf_with_text("Minutes of the Can Tho meeting, corrected")
# A name with Vietnamese letters and spaces: a key of the bucket (and its address) in UTF-8.
NAME = "Biên bản Cần Thơ.pdf"
EVERYONE = {
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
}


def _pdf(content: bytes = MINUTES, name: str = NAME) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _add(world, *uploads, access: str = "network") -> Document:
    response = world.client_for("coordinator").post(
        reverse("library:document_create"), {"kind": "minutes", "access": access, "uploads": list(uploads)}
    )
    assert response.status_code == 302, response.content.decode()
    return Document.objects.get()


def _add_version(world, document: Document, content: bytes) -> None:
    url = reverse("library:version_create", kwargs={"pk": document.pk})
    response = world.client_for("coordinator").post(url, {"file": _pdf(content, "corrected.pdf")})
    assert response.status_code == 302, response.content.decode()


def _download(world, role: str, document: Document, number: int = 1):
    url = reverse("library:version_download", kwargs={"pk": document.pk, "number": number})
    return world.client_for(role).get(url)


def _body(response) -> bytes:
    # The test client closes the file (and the S3 object's download) once the content is read.
    return b"".join(response.streaming_content)


def test_a_file_added_downloads_as_it_was_added(world, file_storage):
    document = _add(world, _pdf())
    response = _download(world, "focal_point", document)
    assert (response.status_code, response["Content-Length"]) == (200, str(len(MINUTES)))
    assert _body(response) == MINUTES
    stored = document.versions.get().file.name
    assert (stored.startswith(f"library/{document.pk}/1/"), file_storage.names()) == (True, [stored])


def test_a_new_version_keeps_the_older_file(world, file_storage):
    document = _add(world, _pdf())
    _add_version(world, document, SECOND)
    first, second = (_body(_download(world, "coordinator", document, number)) for number in (1, 2))
    assert (first, second) == (MINUTES, SECOND)
    assert len(file_storage.names()) == 2


def test_a_second_file_of_the_same_name_never_replaces_the_first(world, file_storage):
    first = default_storage.save("library/same.pdf", _pdf(MINUTES))
    second = default_storage.save("library/same.pdf", _pdf(SECOND))
    assert first != second
    with default_storage.open(first, "rb") as kept:
        assert kept.read() == MINUTES


def test_the_text_is_read_from_the_stored_file(world, file_storage, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the background job, run inline
        _add(world, _pdf())
    version = DocumentVersion.objects.get()
    assert version.text_state == DocumentVersion.TextState.DONE
    assert "Minutes of the Can Tho meeting" in version.text
    page = world.client_for("coordinator").get(reverse("library:document_list"), {"q": "meeting"}).content.decode()
    assert "Biên bản Cần Thơ" in page


def test_deleting_a_document_removes_every_version_from_the_storage(
    world, file_storage, django_capture_on_commit_callbacks
):
    document = _add(world, _pdf())
    _add_version(world, document, SECOND)
    with django_capture_on_commit_callbacks(execute=True):
        world.client_for("secretariat").post(reverse("library:document_delete", kwargs={"pk": document.pk}))
    assert file_storage.names() == []
    if file_storage.kind == "s3":
        assert file_storage.bucket_keys() == []  # as the object store itself lists it


def test_a_photos_thumbnail_is_stored_and_given_back(world, file_storage):
    from tests.factories import photo_bytes

    document = _add(world, SimpleUploadedFile("Huế.jpg", photo_bytes((1600, 1200)), content_type="image/jpeg"))
    url = reverse("library:version_thumbnail", kwargs={"pk": document.pk, "number": 1})
    assert _body(world.client_for("coordinator").get(url))[8:12] == b"WEBP"


def test_deleting_a_photo_removes_its_thumbnail_from_the_storage(
    world, file_storage, django_capture_on_commit_callbacks
):
    from tests.factories import photo_bytes

    document = _add(world, SimpleUploadedFile("Huế.jpg", photo_bytes((1600, 1200)), content_type="image/jpeg"))
    with django_capture_on_commit_callbacks(execute=True):
        world.client_for("secretariat").post(reverse("library:document_delete", kwargs={"pk": document.pk}))
    assert file_storage.names() == []


def test_an_anonymous_visitor_is_not_given_a_network_file(world, file_storage):
    document = _add(world, _pdf())
    assert _download(world, "anonymous", document).status_code == 404


def test_a_public_file_is_given_to_an_anonymous_visitor(world, file_storage):
    document = _add(world, _pdf(), access="public")
    assert _body(_download(world, "anonymous", document)) == MINUTES


def test_a_file_gone_from_the_storage_is_not_found(world, file_storage):
    document = _add(world, _pdf())
    default_storage.delete(document.versions.get().file.name)
    assert _download(world, "coordinator", document).status_code == 404


def test_the_bucket_gives_no_file_to_a_visitor_who_asks_it_directly(world, s3_file_storage):
    document = _add(world, _pdf(), access="public")  # even a public document: only the site serves it
    name = document.versions.get().file.name
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(s3_file_storage.object_url(name), timeout=10)  # no signature, no key
    assert refused.value.code == 403
    key = s3_file_storage.bucket_keys()[0]
    acl = s3_file_storage.server.client().get_object_acl(Bucket=s3_file_storage.bucket, Key=key)
    assert {grant["Grantee"].get("URI") for grant in acl["Grants"]} & EVERYONE == set()


def test_no_page_names_the_bucket(world, s3_file_storage):
    document = _add(world, _pdf(), access="public")
    for role in ("anonymous", "coordinator"):
        for url in (document.get_absolute_url(), reverse("library:document_list")):
            page = world.client_for(role).get(url).content.decode()
            assert s3_file_storage.bucket not in page
            assert s3_file_storage.server.endpoint_url not in page


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _store_away(s3_file_storage, settings) -> None:
    from botocore.config import Config

    away = s3_file_storage.server.storage_entry(
        s3_file_storage.bucket,
        endpoint_url=f"http://127.0.0.1:{_closed_port()}",
        client_config=Config(connect_timeout=1, retries={"total_max_attempts": 1}),
    )
    settings.STORAGES = {**settings.STORAGES, "default": away}


def test_an_object_store_out_of_reach_is_said_and_nothing_is_kept(world, s3_file_storage, settings):
    _store_away(s3_file_storage, settings)
    response = world.client_for("coordinator").post(
        reverse("library:document_create"), {"kind": "minutes", "access": "network", "uploads": [_pdf()]}
    )
    assert response.status_code == 200
    assert "could not be stored (the file storage is unavailable)" in response.content.decode()
    assert (Document.objects.count(), s3_file_storage.bucket_keys()) == (0, [])


def test_an_object_store_out_of_reach_is_said_in_french_to_a_french_reader(world, s3_file_storage, settings):
    coordinator = world.users["coordinator"]
    coordinator.language = "fr"
    coordinator.save(update_fields=["language"])
    _store_away(s3_file_storage, settings)
    response = world.client_for("coordinator").post(
        reverse("library:document_create"), {"kind": "minutes", "access": "network", "uploads": [_pdf()]}
    )
    assert "n’a pas pu être enregistré (le stockage des fichiers est indisponible)" in response.content.decode()


def _stored_then_away(world, s3_file_storage, settings) -> Document:
    document = _add(world, _pdf())
    _store_away(s3_file_storage, settings)
    return document


def test_a_download_while_the_object_store_is_out_of_reach_says_so(world, s3_file_storage, settings):
    document = _stored_then_away(world, s3_file_storage, settings)
    response = _download(world, "coordinator", document)
    assert (response.status_code, "Files out of reach for a moment" in response.content.decode()) == (503, True)


def test_a_download_while_the_object_store_is_out_of_reach_asks_to_try_again_later(world, s3_file_storage, settings):
    document = _stored_then_away(world, s3_file_storage, settings)
    assert _download(world, "coordinator", document)["Retry-After"] == "60"


def test_a_french_reader_is_told_in_french_that_the_files_are_out_of_reach(world, s3_file_storage, settings):
    coordinator = world.users["coordinator"]
    coordinator.language = "fr"
    coordinator.save(update_fields=["language"])
    document = _stored_then_away(world, s3_file_storage, settings)
    assert "Fichiers momentanément inaccessibles" in _download(world, "coordinator", document).content.decode()
