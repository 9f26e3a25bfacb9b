"""Photos get a small thumbnail when they are added, without their metadata, read through the
same access check as their file, shown in the lists, and deleted with them (issue 13)."""

from __future__ import annotations

import io
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from reseau.library.models import THUMBNAIL_BOUND, Document, DocumentVersion
from tests.factories import TINY_PDF, DocumentFactory, EventFactory, NetworkFactory, photo_bytes

pytestmark = pytest.mark.django_db

ORIENTATION = 0x0112
ROTATED_90 = 6  # EXIF: the camera was held upright; the picture is stored lying on its side


def _add(client, *files, **data):
    fields = {"kind": "photo", "access": "network", **data}
    return client.post(reverse("library:document_create"), {**fields, "uploads": list(files)})


def _photo(name: str = "photo.jpg", size: tuple[int, int] = (1200, 800), image_format: str = "JPEG"):
    return SimpleUploadedFile(name, photo_bytes(size, image_format))


def _turned_photo() -> SimpleUploadedFile:
    image = Image.new("RGB", (1200, 800), "teal")
    exif = Image.Exif()
    exif[ORIENTATION] = ROTATED_90
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    return SimpleUploadedFile("upright.jpg", buffer.getvalue())


def _thumbnail(version: DocumentVersion) -> Image.Image:
    with default_storage.open(version.thumbnail, "rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
        image.load()
        return image


def _stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "library"
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def _photo_document(world, access: str = "network", **kwargs):
    return DocumentFactory(
        network=world.hue.network,
        access=access,
        kind="photo",
        version=photo_bytes(),
        version__name="photo.jpg",
        **kwargs,
    )


# Made when a photo is added ----------------------------------------------------------------------


def test_a_jpeg_gets_a_thumbnail_when_it_is_added(world):
    _add(world.client_for("coordinator"), _photo())
    assert DocumentVersion.objects.get().thumbnail != ""


def test_the_thumbnail_is_no_larger_than_the_bound(world):
    _add(world.client_for("coordinator"), _photo(size=(1200, 800)))
    assert max(_thumbnail(DocumentVersion.objects.get()).size) == THUMBNAIL_BOUND


def test_the_thumbnail_keeps_the_photos_proportions(world):
    _add(world.client_for("coordinator"), _photo(size=(1200, 800)))
    assert _thumbnail(DocumentVersion.objects.get()).size == (320, 213)


def test_the_thumbnails_size_is_recorded_for_the_page(world):
    _add(world.client_for("coordinator"), _photo(size=(1200, 800)))
    version = DocumentVersion.objects.get()
    assert (version.thumbnail_width, version.thumbnail_height) == (320, 213)


def test_a_small_photo_is_not_enlarged(world):
    _add(world.client_for("coordinator"), _photo(size=(100, 60)))
    assert _thumbnail(DocumentVersion.objects.get()).size == (100, 60)


def test_the_thumbnail_is_turned_as_the_camera_was_held(world):
    _add(world.client_for("coordinator"), _turned_photo())
    assert _thumbnail(DocumentVersion.objects.get()).size == (213, 320)


def test_the_thumbnail_has_no_exif(world):
    _add(world.client_for("coordinator"), _photo())
    assert dict(_thumbnail(DocumentVersion.objects.get()).getexif()) == {}


def test_the_thumbnail_has_no_location(world):
    _add(world.client_for("coordinator"), _photo())
    assert 0x8825 not in _thumbnail(DocumentVersion.objects.get()).getexif()


def test_the_thumbnail_is_kept_beside_the_photo(world):
    _add(world.client_for("coordinator"), _photo())
    version = DocumentVersion.objects.get()
    assert version.thumbnail.rsplit("/", 2)[0] == version.file.name.rsplit("/", 1)[0]


@pytest.mark.parametrize(("name", "image_format"), [("photo.png", "PNG"), ("photo.webp", "WEBP")])
def test_png_and_webp_photos_get_a_thumbnail(world, name, image_format):
    _add(world.client_for("coordinator"), _photo(name, image_format=image_format))
    assert DocumentVersion.objects.get().thumbnail != ""


def test_a_pdf_gets_no_thumbnail(world):
    _add(world.client_for("coordinator"), SimpleUploadedFile("minutes.pdf", TINY_PDF), kind="minutes")
    assert DocumentVersion.objects.get().thumbnail == ""


def test_a_new_version_of_a_photo_gets_its_own_thumbnail(world):
    document = _photo_document(world)
    url = reverse("library:version_create", kwargs={"pk": document.pk})
    world.client_for("coordinator").post(url, {"file": _photo("second.jpg")})
    assert document.versions.get(number=2).thumbnail.endswith("/2/thumbnail/second.webp")


# A thumbnail that cannot be made ----------------------------------------------------------------

# A JPEG's signature, so the file is accepted, and nothing a JPEG decoder can read.
DAMAGED_JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 200


def test_a_damaged_photo_is_still_added(world):
    _add(world.client_for("coordinator"), SimpleUploadedFile("damaged.jpg", DAMAGED_JPEG))
    assert Document.objects.count() == 1


def test_a_damaged_photo_gets_no_thumbnail(world):
    _add(world.client_for("coordinator"), SimpleUploadedFile("damaged.jpg", DAMAGED_JPEG))
    assert DocumentVersion.objects.get().thumbnail == ""


def test_a_photo_whose_thumbnail_fails_is_still_added(world, monkeypatch):
    from PIL import ImageOps

    def broken(*args, **kwargs):
        raise RuntimeError("the thumbnail maker broke")

    monkeypatch.setattr(ImageOps, "exif_transpose", broken)
    response = _add(world.client_for("coordinator"), _photo())
    assert response["Location"] == Document.objects.get().get_absolute_url()


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_a_photo_of_too_many_pixels_gets_no_thumbnail(world, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 600_000)  # the photo is 1200 × 800
    _add(world.client_for("coordinator"), _photo(size=(1200, 800)))
    assert DocumentVersion.objects.get().thumbnail == ""


def test_a_thumbnail_that_cannot_be_stored_leaves_the_photo_stored(world, monkeypatch):
    save = FileSystemStorage._save

    def full_for_thumbnails(storage, name, content):
        if "/thumbnail/" in name:
            raise OSError(28, "No space left on device")
        return save(storage, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", full_for_thumbnails)
    _add(world.client_for("coordinator"), _photo())
    version = DocumentVersion.objects.get()
    assert (version.thumbnail, default_storage.exists(version.file.name)) == ("", True)


def test_a_photo_page_without_a_thumbnail_shows_the_photo(world):
    _add(world.client_for("coordinator"), SimpleUploadedFile("damaged.jpg", DAMAGED_JPEG))
    document = Document.objects.get()
    page = world.client_for("coordinator").get(document.get_absolute_url()).content.decode()
    assert f'src="{document.versions.get().get_download_url()}"' in page


def test_nothing_is_left_of_a_photo_whose_adding_failed(world, monkeypatch):
    from reseau.library import fulltext

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fulltext, "document_index_update", full)
    _add(world.client_for("coordinator"), _photo())
    assert _stored_files() == []


# Read through the access check ------------------------------------------------------------------


def _thumbnail_response(world, role: str, document: Document, number: int = 1):
    url = reverse("library:version_thumbnail", kwargs={"pk": document.pk, "number": number})
    return world.client_for(role).get(url)


def test_the_network_reads_the_thumbnail_of_its_photo(world):
    assert _thumbnail_response(world, "focal_point", _photo_document(world)).status_code == 200


def test_the_thumbnail_is_the_stored_one(world):
    document = _photo_document(world)
    response = _thumbnail_response(world, "coordinator", document)
    with default_storage.open(document.versions.get().thumbnail, "rb") as stored:
        assert b"".join(response.streaming_content) == stored.read()


def test_the_thumbnail_is_a_webp_image(world):
    assert _thumbnail_response(world, "coordinator", _photo_document(world))["Content-Type"] == "image/webp"


def test_the_thumbnail_is_never_sniffed(world):
    response = _thumbnail_response(world, "coordinator", _photo_document(world))
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_thumbnail_shows_in_the_browser(world):
    response = _thumbnail_response(world, "coordinator", _photo_document(world))
    assert response["Content-Disposition"].startswith("inline")


def test_an_anonymous_visitor_cannot_read_a_network_photos_thumbnail(world):
    assert _thumbnail_response(world, "anonymous", _photo_document(world)).status_code == 404


def test_another_networks_coordinator_cannot_read_its_photos_thumbnail(world):
    other = DocumentFactory(
        network=NetworkFactory(code="maghreb", acronym="Maghreb"), version=photo_bytes(), version__name="photo.jpg"
    )
    assert _thumbnail_response(world, "coordinator", other).status_code == 404


def test_a_secretariat_photos_thumbnail_is_not_found_by_the_coordinator(world):
    document = _photo_document(world, access="secretariat")
    assert _thumbnail_response(world, "coordinator", document).status_code == 404


def test_a_pdf_has_no_thumbnail_to_read(world):
    document = DocumentFactory(network=world.hue.network)
    assert _thumbnail_response(world, "coordinator", document).status_code == 404


def test_a_network_thumbnail_is_not_kept_by_shared_caches(world):
    response = _thumbnail_response(world, "coordinator", _photo_document(world))
    assert response["Cache-Control"] == "private, no-store"


def test_a_public_thumbnail_may_be_kept_by_shared_caches_for_visitors(world):
    response = _thumbnail_response(world, "anonymous", _photo_document(world, access="public"))
    assert response["Cache-Control"] == "public, max-age=300"


# Deleted with the photo -------------------------------------------------------------------------


def test_a_deleted_photos_thumbnail_leaves_the_storage(world, django_capture_on_commit_callbacks):
    document = _photo_document(world)
    thumbnail = document.versions.get().thumbnail
    url = reverse("library:document_delete", kwargs={"pk": document.pk})
    with django_capture_on_commit_callbacks(execute=True):
        world.client_for("secretariat").post(url)
    assert default_storage.exists(thumbnail) is False


# Shown in the lists -----------------------------------------------------------------------------


def _img_of(document: Document) -> str:
    return f'<img class="thumbnail" src="{document.versions.get().get_thumbnail_url()}" alt=""'


def test_the_library_shows_a_photos_thumbnail(world):
    document = _photo_document(world, title_en="The dyke at Huế")
    page = world.client_for("coordinator").get(reverse("library:document_list")).content.decode()
    assert _img_of(document) in page


def test_the_library_gives_the_thumbnails_size(world):
    _photo_document(world)
    page = world.client_for("coordinator").get(reverse("library:document_list")).content.decode()
    assert 'width="320" height="240" loading="lazy"' in page


def test_the_photos_title_is_still_its_link(world):
    document = _photo_document(world, title_en="The dyke at Huế")
    page = world.client_for("coordinator").get(reverse("library:document_list")).content.decode()
    assert f'<a href="{document.get_absolute_url()}"><strong>The dyke at Huế</strong></a>' in page


def test_a_pdf_shows_no_thumbnail_in_the_library(world):
    DocumentFactory(network=world.hue.network)
    page = world.client_for("coordinator").get(reverse("library:document_list")).content.decode()
    assert 'class="thumbnail' not in page


def test_the_photos_page_shows_its_thumbnail(world):
    document = _photo_document(world)
    page = world.client_for("coordinator").get(document.get_absolute_url()).content.decode()
    assert f'src="{document.versions.get().get_thumbnail_url()}"' in page


def test_the_photos_page_does_not_load_the_whole_photo(world):
    document = _photo_document(world)
    page = world.client_for("coordinator").get(document.get_absolute_url()).content.decode()
    assert f'src="{document.versions.get().get_download_url()}"' not in page


def test_the_event_page_shows_its_photos_thumbnail(world):
    event = EventFactory(network=world.hue.network)
    document = _photo_document(world, event=event)
    page = world.client_for("coordinator").get(event.get_absolute_url()).content.decode()
    assert f'src="{document.versions.get().get_thumbnail_url()}"' in page


# Made for the photos that lack one ---------------------------------------------------------------


def test_the_command_makes_the_thumbnails_photos_lack(world):
    document = _photo_document(world)
    version = document.versions.get()
    default_storage.delete(version.thumbnail)
    DocumentVersion.objects.update(thumbnail="", thumbnail_width=0, thumbnail_height=0)
    call_command("library_thumbnails", stdout=StringIO())
    assert default_storage.exists(DocumentVersion.objects.get().thumbnail) is True


def test_the_command_says_how_many_it_made(world):
    _photo_document(world)
    DocumentVersion.objects.update(thumbnail="")
    out = StringIO()
    call_command("library_thumbnails", stdout=out)
    assert out.getvalue().startswith("Thumbnails made: 1. Photos still without one (damaged or too large): 0.")


def test_the_command_leaves_a_photo_that_has_its_thumbnail(world):
    document = _photo_document(world)
    before = document.versions.get().thumbnail
    call_command("library_thumbnails", stdout=StringIO())
    assert DocumentVersion.objects.get().thumbnail == before
