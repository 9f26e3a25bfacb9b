"""Every file the platform accepts is checked here, before anything reads or stores it.

A form takes a file with ``UploadField(rule=...)``, never with a bare ``forms.FileField``:
``tests/test_upload_harness.py`` finds every file field of every form and fails on one that is
not an ``UploadField``, then sends its hostile files to each. An ``UploadRule`` says what one
field accepts; the checks run in this order, each refusal a clear message on the field:

1. the name: its extension is one the field accepts; the name kept is made safe
   (``safe_file_name``: no folders, control or direction characters, at most 100 characters);
2. the size, as received, before the content is read;
3. the content, not the name: zip formats (XLSX, DOCX) must open as a zip holding their own parts,
   other binary formats must start with their signature, text (CSV) must be UTF-8 without NUL
   and not a web page;
4. for zip formats, what the archive expands to: its declared sizes (Python's zipfile never
   inflates an entry beyond its declared size), its number of entries, its expansion ratio,
   and no entry whose name leaves the archive (``../``, ``/etc``, ``C:``).

No library is used for the signatures: the one kept up to date for Python 3.11 (puremagic 1.x)
tells an XLSX from a DOCX by its zip signature only, which says less than opening the archive;
and text formats have no signature at all.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrPromise

from reseau.core.spreadsheets import NOT_UTF8
from reseau.core.text import strip_bidi_controls, strip_control_characters

MB = 1024 * 1024


@dataclass(frozen=True)
class FileFormat:
    """A kind of file by its content: a zip holding ``zip_folder``, a signature, or UTF-8 text."""

    extension: str  # lower case, without the dot
    content_type: str
    zip_folder: str = ""  # for Office Open XML: the folder its main part lives in
    zip_mimetype: str = ""  # for OpenDocument: what its "mimetype" entry says
    signature: bytes = b""
    signature_also: tuple[int, bytes] | None = None  # more bytes further in (WebP: "WEBP" at 8)
    text: bool = False
    not_utf8: StrPromise | None = None  # how to fix a text file in another encoding


XLSX = FileFormat("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", zip_folder="xl/")
DOCX = FileFormat("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", zip_folder="word/")
PDF = FileFormat("pdf", "application/pdf", signature=b"%PDF-")
CSV = FileFormat(
    "csv",
    "text/csv",
    text=True,
    not_utf8=NOT_UTF8,
)
PPTX = FileFormat(
    "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", zip_folder="ppt/"
)
_ODF = "application/vnd.oasis.opendocument."
ODT = FileFormat("odt", f"{_ODF}text", zip_mimetype=f"{_ODF}text")
ODS = FileFormat("ods", f"{_ODF}spreadsheet", zip_mimetype=f"{_ODF}spreadsheet")
ODP = FileFormat("odp", f"{_ODF}presentation", zip_mimetype=f"{_ODF}presentation")
TXT = FileFormat("txt", "text/plain", text=True)
MARKDOWN = FileFormat("md", "text/markdown", text=True)
JPEG = FileFormat("jpg", "image/jpeg", signature=b"\xff\xd8\xff")
JPEG_LONG = FileFormat("jpeg", "image/jpeg", signature=b"\xff\xd8\xff")
PNG = FileFormat("png", "image/png", signature=b"\x89PNG\r\n\x1a\n")
WEBP = FileFormat("webp", "image/webp", signature=b"RIFF", signature_also=(8, b"WEBP"))
IMAGES = (JPEG, JPEG_LONG, PNG, WEBP)

_ZIP_SIGNATURE = b"PK\x03\x04"
# An Office file of honest content inflates some ten times; a zip bomb a thousand.
MAX_EXPANSION_RATIO = 100
_RATIO_CHECKED_FROM = 1 * MB
_TEXT_CHUNK = 64 * 1024
# What a browser would take for a web page, whatever the file is called.
_MARKUP_START = re.compile(rb"\s*<(?:!doctype|html|head|body|script|svg|\?xml|iframe|meta)", re.IGNORECASE)

TOO_LARGE = _("This file is larger than %(megabytes)s MB. Make it smaller or split it into smaller files.")
EXPANDS_TOO_MUCH = _(
    "This file expands to more than %(megabytes)s MB when opened, or far more than its size: it cannot be read safely."
)
TOO_MANY_PARTS = _("This file is made of more than %(max)s parts: it cannot be read safely.")
UNSAFE_PART = _("This file holds a part whose name points outside the file: it cannot be read safely.")
NAME_MAX_LENGTH = 100
# A phone's photo has 12 to 50 million pixels; beyond this a photo (or a "pixel flood" crafted
# to look small) would take gigabytes to open, to make its thumbnail or strip its location.
MAX_PHOTO_PIXELS = 80_000_000
TOO_MANY_PIXELS = _(
    "This photo has more than %(megapixels)s million pixels. Send a smaller copy of it (a phone can share one)."
)


@dataclass(frozen=True)
class UploadRule:
    """What one upload field accepts. The messages are whole sentences written for that field."""

    formats: tuple[FileFormat, ...]
    # In bytes; or a function giving them, asked when a file arrives, for a limit an operator
    # sets (``LIBRARY_MAX_UPLOAD_MB``): read at import, a changed setting would not count.
    size_limit: int | Callable[[], int]
    wrong_type: StrPromise  # the name's extension is not one of the formats
    unreadable: StrPromise  # the content is not what the name says, or is damaged
    expanded_limit: int | Callable[[], int] = 50 * MB
    max_entries: int = 500

    @property
    def max_bytes(self) -> int:
        return self.size_limit() if callable(self.size_limit) else self.size_limit

    @property
    def max_expanded_bytes(self) -> int:
        return self.expanded_limit() if callable(self.expanded_limit) else self.expanded_limit

    @property
    def accept(self) -> str:
        """The ``accept`` attribute of the file input: extensions and content types."""
        kinds = [f".{f.extension}" for f in self.formats] + [f.content_type for f in self.formats]
        return ",".join(kinds)

    def format_for(self, name: str) -> FileFormat | None:
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        return next((f for f in self.formats if f.extension == extension), None)


# Names -------------------------------------------------------------------------------------------


def safe_file_name(name: str, *, max_length: int = NAME_MAX_LENGTH) -> str:
    """The name to show and keep: its last path part, without control or direction characters.

    Letters of every script are kept ("Kế hoạch.xlsx", "ແຜນ.xlsx"); a leading dot is dropped, so
    that no name is hidden or means "the folder above"; a long name is cut before its extension.
    """
    name = unicodedata.normalize("NFC", name)
    name = re.split(r"[/\\]", name)[-1]
    name = strip_bidi_controls(strip_control_characters(name), marks=True)
    name = re.sub(r"\s+", " ", name).strip().lstrip(".").strip()
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    suffix = f".{extension[:10]}" if extension else ""
    stem = stem[: max(max_length - len(suffix), 1)].rstrip(" .")
    return f"{stem or 'file'}{suffix}"


# Checks ------------------------------------------------------------------------------------------


def check_upload(upload: UploadedFile[bytes], rule: UploadRule) -> None:
    """Raises ValidationError with a clear message when ``upload`` breaks ``rule``.

    Renames the upload to its safe name; leaves it at its start, ready to be read.
    """
    upload.name = safe_file_name(upload.name or "")
    file_format = rule.format_for(upload.name)
    if file_format is None:
        raise forms.ValidationError(rule.wrong_type, code="wrong_type")
    if (upload.size or 0) > rule.max_bytes:
        raise forms.ValidationError(TOO_LARGE, code="too_large", params={"megabytes": rule.max_bytes // MB})
    try:
        if file_format.zip_folder or file_format.zip_mimetype:
            _check_archive(upload, file_format, rule)
        elif file_format.text:
            _check_text(upload, file_format, rule)
        else:
            _check_signature(upload, file_format, rule)
            if file_format in IMAGES:
                _check_pixels(upload)
    finally:
        upload.seek(0)


def _check_signature(upload: UploadedFile[bytes], file_format: FileFormat, rule: UploadRule) -> None:
    upload.seek(0)
    start = upload.read(max(len(file_format.signature), 16))
    if not start.startswith(file_format.signature):
        raise forms.ValidationError(rule.unreadable, code="unreadable")
    if file_format.signature_also is not None:
        offset, expected = file_format.signature_also
        if start[offset : offset + len(expected)] != expected:
            raise forms.ValidationError(rule.unreadable, code="unreadable")


def _check_pixels(upload: UploadedFile[bytes]) -> None:
    """Reads the photo's size from its header only (Pillow decodes nothing until asked)."""
    import warnings

    from PIL import Image

    upload.seek(0)
    too_many = forms.ValidationError(
        TOO_MANY_PIXELS, code="too_many_pixels", params={"megapixels": MAX_PHOTO_PIXELS // 1_000_000}
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
    except Image.DecompressionBombError:
        raise too_many from None
    except (OSError, ValueError, SyntaxError):
        return  # a header Pillow cannot read: the photo is kept as it came, with no thumbnail
    if width * height > MAX_PHOTO_PIXELS:
        raise too_many


def _check_archive(upload: UploadedFile[bytes], file_format: FileFormat, rule: UploadRule) -> None:
    upload.seek(0)
    if upload.read(len(_ZIP_SIGNATURE)) != _ZIP_SIGNATURE:
        raise forms.ValidationError(rule.unreadable, code="unreadable")
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise forms.ValidationError(rule.unreadable, code="unreadable") from None
    if len(entries) > rule.max_entries:
        raise forms.ValidationError(TOO_MANY_PARTS, code="too_many_parts", params={"max": rule.max_entries})
    if any(_escapes(entry.filename) for entry in entries):
        raise forms.ValidationError(UNSAFE_PART, code="unsafe_part")
    expanded = sum(entry.file_size for entry in entries)
    ratio_too_high = expanded > _RATIO_CHECKED_FROM and expanded > MAX_EXPANSION_RATIO * (upload.size or 1)
    if expanded > rule.max_expanded_bytes or ratio_too_high:
        raise forms.ValidationError(
            EXPANDS_TOO_MUCH, code="expands_too_much", params={"megabytes": rule.max_expanded_bytes // MB}
        )
    names = {entry.filename for entry in entries}
    if file_format.zip_mimetype:
        if not _declares_mimetype(upload, entries, file_format.zip_mimetype):
            raise forms.ValidationError(rule.unreadable, code="unreadable")
        return
    if "[Content_Types].xml" not in names or not any(name.startswith(file_format.zip_folder) for name in names):
        raise forms.ValidationError(rule.unreadable, code="unreadable")


def _declares_mimetype(upload: UploadedFile[bytes], entries: list[zipfile.ZipInfo], mimetype: str) -> bool:
    """An OpenDocument file starts with a small "mimetype" entry naming its kind."""
    entry = next((e for e in entries if e.filename == "mimetype"), None)
    if entry is None or entry.file_size > 200:
        return False
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            return archive.read(entry).strip() == mimetype.encode()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return False


def _escapes(name: str) -> bool:
    """Whether an entry's name would be written outside the folder it is extracted into."""
    if name.startswith(("/", "\\")) or "\\" in name or re.match(r"[A-Za-z]:", name):
        return True
    return ".." in name.split("/")


def _check_text(upload: UploadedFile[bytes], file_format: FileFormat, rule: UploadRule) -> None:
    upload.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    first = True
    for chunk in upload.chunks(_TEXT_CHUNK):
        if first and _MARKUP_START.match(chunk.removeprefix(codecs.BOM_UTF8)):
            raise forms.ValidationError(rule.unreadable, code="unreadable")
        first = False
        if b"\x00" in chunk:
            raise forms.ValidationError(rule.unreadable, code="unreadable")
        try:
            decoder.decode(chunk)
        except UnicodeDecodeError:
            raise forms.ValidationError(file_format.not_utf8 or rule.unreadable, code="not_utf8") from None
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise forms.ValidationError(file_format.not_utf8 or rule.unreadable, code="not_utf8") from None


# The form field ---------------------------------------------------------------------------------


class UploadField(forms.FileField):
    """The only file field forms use: ``check_upload`` runs on every file it receives."""

    def __init__(self, *, rule: UploadRule, **kwargs: Any) -> None:
        self.rule = rule
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": rule.accept}))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, UploadedFile):
            # Safe before any check: a refused file's name is shown on the page too.
            data.name = safe_file_name(data.name or "")
        upload = super().clean(data, initial)
        if isinstance(upload, UploadedFile):
            check_upload(upload, self.rule)
        return upload


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleUploadField(UploadField):
    """Several files at once (a meeting's photos): each is checked as ``UploadField`` checks one;
    the first refusal names the file it is about."""

    def __init__(self, *, rule: UploadRule, max_files: int = 20, **kwargs: Any) -> None:
        self.max_files = max_files
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": rule.accept}))
        super().__init__(rule=rule, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        files = [item for item in (data if isinstance(data, (list, tuple)) else [data]) if item]
        if not files:
            return super().clean(None, initial)  # "This field is required." when it is
        if len(files) > self.max_files:
            raise forms.ValidationError(TOO_MANY_FILES, code="too_many_files", params={"max": self.max_files})
        cleaned = []
        for upload in files:
            try:
                cleaned.append(super().clean(upload, initial))
            except forms.ValidationError as error:
                name = safe_file_name(getattr(upload, "name", "") or "")
                raise forms.ValidationError(
                    ONE_FILE_REFUSED, code="file_refused", params={"name": name, "reason": " ".join(error.messages)}
                ) from None
        return cleaned


TOO_MANY_FILES = _("Send at most %(max)s files at once.")
ONE_FILE_REFUSED = _("“%(name)s”: %(reason)s Nothing was saved.")


class CheckedFileField(models.FileField):
    """A model's file field whose form field is an ``UploadField`` with this rule, so the admin
    and every ModelForm check files as the site's forms do. The rule is not part of migrations."""

    def __init__(self, *args: Any, rule: UploadRule | None = None, **kwargs: Any) -> None:
        self.rule = rule
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs: Any) -> Any:
        assert self.rule is not None, "a CheckedFileField needs its rule"
        return super().formfield(**{"form_class": UploadField, "rule": self.rule, **kwargs})
