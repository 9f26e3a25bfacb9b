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
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
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
    signature: bytes = b""
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


@dataclass(frozen=True)
class UploadRule:
    """What one upload field accepts. The messages are whole sentences written for that field."""

    formats: tuple[FileFormat, ...]
    max_bytes: int
    wrong_type: StrPromise  # the name's extension is not one of the formats
    unreadable: StrPromise  # the content is not what the name says, or is damaged
    max_expanded_bytes: int = 50 * MB
    max_entries: int = 500

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
        if file_format.zip_folder:
            _check_archive(upload, file_format, rule)
        elif file_format.text:
            _check_text(upload, file_format, rule)
        else:
            upload.seek(0)
            if not upload.read(len(file_format.signature)) == file_format.signature:
                raise forms.ValidationError(rule.unreadable, code="unreadable")
    finally:
        upload.seek(0)


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
    if "[Content_Types].xml" not in names or not any(name.startswith(file_format.zip_folder) for name in names):
        raise forms.ValidationError(rule.unreadable, code="unreadable")


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
