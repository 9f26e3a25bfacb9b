"""Writes of the library: each in one transaction with its history row.

A file is stored only after its checks (``core.uploads``) passed; when storing fails (a full
disk, the object store away), the files already stored by the same request are removed and
nothing of the documents is kept.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy

from reseau.accounts.types import Actor
from reseau.audit.models import AuditEvent
from reseau.audit.services import audit_record, audit_snapshot
from reseau.core.file_storage import STORAGE_ERRORS, storage_problem
from reseau.core.services import model_create, model_delete, model_update
from reseau.core.text import strip_control_characters
from reseau.library import fulltext
from reseau.library.extraction import text_in_child_process
from reseau.library.models import (
    LIBRARY_UPLOAD,
    PHOTO_CONTENT_TYPES,
    THUMBNAIL_BOUND,
    Document,
    DocumentVersion,
    IndexProgress,
    thumbnail_path,
)
from reseau.registry.models import Network

logger = logging.getLogger(__name__)

# Lazy: said in the language of the person whose file it was, not the one at start-up.
NOT_STORED = gettext_lazy("The file could not be stored (%(reason)s). Nothing was saved; try again later.")
# EXIF's GPS block: where a photo was taken, removed before the photo is kept.
EXIF_GPS_IFD = 0x8825

logger = logging.getLogger(__name__)
# A photo of more pixels gets no thumbnail (when Pillow's own bound is lifted).
THUMBNAIL_MAX_PIXELS = 90_000_000


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0] if "." in name else name


@transaction.atomic
def document_create(
    *, actor: Actor, network: Network, data: Mapping[str, Any], files: Iterable[UploadedFile[bytes]]
) -> list[Document]:
    """One document per file, each with the same description; a file without a typed title is
    named after its file. All or none: one file that cannot be stored keeps none."""
    uploads = list(files)
    stored: list[DocumentVersion] = []
    documents: list[Document] = []
    try:
        for upload in uploads:
            values = dict(data)
            if len(uploads) > 1 or not (values.get("title_en") or values.get("title_fr")):
                typed_en, typed_fr = values.get("title_en") or "", values.get("title_fr") or ""
                name = _stem(upload.name or "")
                values["title_en"] = f"{typed_en} — {name}" if typed_en and len(uploads) > 1 else typed_en or name
                values["title_fr"] = f"{typed_fr} — {name}" if typed_fr and len(uploads) > 1 else typed_fr
            created_by = actor if getattr(actor, "is_authenticated", False) else None
            document = model_create(instance=Document(network=network, created_by=created_by), data=values, actor=actor)
            stored.append(_store_version(actor=actor, document=document, upload=upload))
            fulltext.document_index_update(document=document)
            documents.append(document)
    except STORAGE_ERRORS as error:
        _remove_files(stored)
        raise ValidationError(NOT_STORED % {"reason": storage_problem(error)}) from None
    except Exception:
        _remove_files(stored)
        raise
    return documents


@transaction.atomic
def version_add(*, actor: Actor, document: Document, upload: UploadedFile[bytes]) -> DocumentVersion:
    """A new file for the document; the older versions stay. The search reads the new file's
    text once it is read (its name at once)."""
    try:
        version = _store_version(actor=actor, document=document, upload=upload)
    except STORAGE_ERRORS as error:
        raise ValidationError(NOT_STORED % {"reason": storage_problem(error)}) from None
    fulltext.document_index_update(document=document)
    return version


def _store_version(*, actor: Actor, document: Document, upload: UploadedFile[bytes]) -> DocumentVersion:
    file_format = LIBRARY_UPLOAD.format_for(upload.name or "")
    content_type = file_format.content_type if file_format else "application/octet-stream"
    content = upload.read()
    if content_type in PHOTO_CONTENT_TYPES:
        content = photo_without_location(content)
    number = (document.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = DocumentVersion(
        document=document,
        number=number,
        name=upload.name or "file",
        size=len(content),
        content_type=content_type,
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    version.file.save(version.name, ContentFile(content), save=False)
    if version.is_photo:
        _store_thumbnail(version, content)
    try:
        version.full_clean(exclude=["file"])
        version.save()
    except Exception:
        _remove_files([version])
        raise
    audit_record(actor=actor, instance=version, subject=document, action=AuditEvent.Action.CREATED)
    transaction.on_commit(lambda: _queue_text_reading(version.pk))
    return version


def _queue_text_reading(version_id: int) -> None:
    from reseau.library.tasks import read_version_text  # the job module imports this one

    read_version_text(version_id)


def version_read_text(*, version_id: int) -> DocumentVersion | None:
    """Read a version's text (the background job): done, no text found, or failed and why.
    A version deleted meanwhile is nothing to read."""
    version = DocumentVersion.objects.filter(pk=version_id).first()
    if version is None:
        return None
    with version.file.open("rb") as stored:
        content = stored.read()
    extracted = text_in_child_process(content, version.content_type)
    text = strip_control_characters(extracted.text).strip()
    if extracted.failed:
        state = DocumentVersion.TextState.FAILED
    elif not text:
        state = DocumentVersion.TextState.NO_TEXT  # a photo, an empty, encrypted or damaged file
    else:
        state = DocumentVersion.TextState.DONE
    problem = extracted.problem
    with transaction.atomic():
        DocumentVersion.objects.filter(pk=version.pk).update(text=text, text_state=state, text_problem=problem)
        fulltext.document_index_update(document=version.document)
    version.refresh_from_db()
    return version


def _remove_files(versions: Iterable[DocumentVersion]) -> None:
    """Files stored by a request that then failed; the storage that failed may refuse this too,
    and what it kept is then only logged (no document names it)."""
    for version in versions:
        try:
            if version.thumbnail:
                version.file.storage.delete(version.thumbnail)
            version.file.delete(save=False)
        except STORAGE_ERRORS:
            logger.exception("Could not remove %s after a failed upload", version.file.name)


@dataclass(frozen=True)
class Thumbnail:
    content: bytes  # WebP
    width: int
    height: int


def photo_thumbnail(content: bytes, *, bound: int = THUMBNAIL_BOUND) -> Thumbnail | None:
    """A small WebP of the photo, its longest side at most ``bound`` pixels, turned as the
    camera said (EXIF orientation), without any metadata (no EXIF, GPS, XMP or colour profile).
    None when Pillow cannot make one: a damaged photo, or one too large to open safely (more
    pixels than Pillow's guard against decompression bombs, ``Image.MAX_IMAGE_PIXELS``)."""
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(content)) as image:
            # Pillow's own bound (some 89 million pixels) is only a warning up to twice as many.
            if image.width * image.height > (Image.MAX_IMAGE_PIXELS or THUMBNAIL_MAX_PIXELS):
                logger.warning("No thumbnail of a photo of %s × %s pixels", image.width, image.height)
                return None
            image.draft("RGB", (bound, bound))  # a JPEG is decoded at a fraction of its size
            small = ImageOps.exif_transpose(image)
            small.thumbnail((bound, bound), Image.Resampling.LANCZOS)
            if small.mode not in ("RGB", "RGBA"):
                small = small.convert("RGBA" if small.has_transparency_data else "RGB")
            clean = Image.new(small.mode, small.size)  # the pixels only: no metadata follows
            clean.paste(small)
            output = io.BytesIO()
            clean.save(output, format="WEBP", quality=80)
            return Thumbnail(output.getvalue(), *clean.size)
    except Exception:
        # Pillow raises many kinds of error on damaged files; a thumbnail is never worth more.
        logger.warning("No thumbnail could be made of a photo", exc_info=True)
        return None


def _store_thumbnail(version: DocumentVersion, content: bytes) -> None:
    """Make and store the photo's thumbnail beside its file, named on the version (not saved);
    when it cannot be made or stored, the version has none, and the photo is kept all the same."""
    thumbnail = photo_thumbnail(content)
    if thumbnail is None:
        return
    try:
        name = version.file.storage.save(thumbnail_path(version), ContentFile(thumbnail.content))
    except Exception:
        logger.warning("The thumbnail of %s could not be stored", version.file.name, exc_info=True)
        return
    version.thumbnail = name
    version.thumbnail_width, version.thumbnail_height = thumbnail.width, thumbnail.height


def version_thumbnail_make(*, version: DocumentVersion) -> bool:
    """Make the thumbnail a photo lacks (one stored before thumbnails were made, or whose
    thumbnail failed): whether it has one now. Anything but a photo has none."""
    if version.thumbnail or not version.is_photo:
        return bool(version.thumbnail)
    try:
        with version.file.open("rb") as stored:
            content = stored.read()
    except OSError:
        return False
    _store_thumbnail(version, content)
    if not version.thumbnail:
        return False
    DocumentVersion.objects.filter(pk=version.pk).update(
        thumbnail=version.thumbnail, thumbnail_width=version.thumbnail_width, thumbnail_height=version.thumbnail_height
    )
    return True


def photo_without_location(content: bytes) -> bytes:
    """The photo without the EXIF GPS block (where it was taken); a photo without EXIF, or one
    Pillow cannot read, is kept as it came (its content was already checked)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(content)) as image:
            exif = image.getexif()
            if EXIF_GPS_IFD not in exif:
                return content
            del exif[EXIF_GPS_IFD]
            output = io.BytesIO()
            image.save(output, format=image.format, exif=exif.tobytes(), quality=95)
            return output.getvalue()
    except (UnidentifiedImageError, OSError, ValueError):
        return content


def versions_thumbnails_make() -> tuple[int, int]:
    """Make the thumbnails the photos lack (``manage.py library_thumbnails``), one version at a
    time (in constant memory): how many were made, and how many photos still have none."""
    photos = DocumentVersion.objects.filter(content_type__in=PHOTO_CONTENT_TYPES, thumbnail="")
    made = missing = 0
    for version in photos.defer("text").order_by("pk").iterator(chunk_size=100):
        if version_thumbnail_make(version=version):
            made += 1
        else:
            missing += 1
    return made, missing


@transaction.atomic
def document_update(*, actor: Actor, document: Document, data: Mapping[str, Any]) -> bool:
    changed = model_update(instance=document, data=data, actor=actor)
    if changed:
        fulltext.document_index_update(document=document)
    return changed


@transaction.atomic
def document_archive(*, actor: Actor, document: Document) -> bool:
    """Hidden from the library (the search included, ``selectors.document_list``), not deleted."""
    if document.archived_at is not None:
        return False
    changed = model_update(instance=document, data={"archived_at": timezone.now()}, actor=actor)
    fulltext.document_index_update(document=document)
    return changed


@transaction.atomic
def document_restore(*, actor: Actor, document: Document) -> bool:
    if document.archived_at is None:
        return False
    changed = model_update(instance=document, data={"archived_at": None}, actor=actor)
    fulltext.document_index_update(document=document)
    return changed


@transaction.atomic
def document_delete(*, actor: Actor, document: Document) -> None:
    """Deleted with its versions; the network's history keeps what it was and its files' names.
    The files leave the storage once the deletion is committed."""
    versions = list(document.versions.defer("text"))
    names = [name for version in versions for name in (version.file.name, version.thumbnail) if name]
    before = {**audit_snapshot(document), "files": ", ".join(version.name for version in versions)}
    storage = DocumentVersion._meta.get_field("file").storage
    document_id = document.pk
    model_delete(instance=document, actor=actor, subject=document.network, before=before)
    fulltext.document_index_delete(document_id=document_id)

    def remove_files() -> None:
        for name in names:
            try:
                storage.delete(name)
            except STORAGE_ERRORS:  # the document is gone; its file is only left behind, and said
                logger.exception("Could not remove %s of the deleted document %s", name, document_id)

    transaction.on_commit(remove_files)


# The batch of documents indexed in one transaction by ``library_reindex``.
REINDEX_BATCH = 500


def library_reindex(
    *, resume: bool = False, batch_size: int = REINDEX_BATCH, report: Callable[[int, int], None] | None = None
) -> int:
    """Index every document again, in batches by key, each batch committed with the last key
    it reached (``IndexProgress``): ``resume`` continues after it, so an interrupted run starts
    again where it stopped. The search keeps working meanwhile (rows are replaced, not emptied
    first); rows of documents deleted meanwhile leave at the end. How many were indexed;
    ``report(indexed, last key)`` after each batch."""
    progress = IndexProgress.objects.order_by("pk").first()
    if progress is None:
        progress = IndexProgress.objects.create()
    if not resume:
        progress.last_pk = 0
        progress.started_at = timezone.now()
    progress.finished_at = None
    progress.save()
    after, indexed = progress.last_pk, 0
    while True:
        keys = list(Document.objects.filter(pk__gt=after).order_by("pk").values_list("pk", flat=True)[:batch_size])
        if not keys:
            break
        with transaction.atomic():
            indexed += fulltext.documents_index(documents=Document.objects.filter(pk__in=keys))
            after = keys[-1]
            IndexProgress.objects.filter(pk=progress.pk).update(last_pk=after)
        if report is not None:
            report(indexed, after)
    fulltext.index_remove_missing()
    IndexProgress.objects.filter(pk=progress.pk).update(finished_at=timezone.now())
    return indexed
