"""Each kind of file's text is read in the background for the search; a file that cannot be
read is marked, never the queue (issue 13)."""

from __future__ import annotations

import io
import os
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reseau.library import extraction
from reseau.library.models import Document, DocumentVersion

pytestmark = pytest.mark.django_db

VIETNAMESE = "Kế hoạch hành động của thành phố Cần Thơ"
KHMER = "ផែនការសកម្មភាពរាជធានីភ្នំពេញ"
LAO = "ແຜນການນະຄອນຫຼວງວຽງຈັນ"


def _pdf_with_text(text: str) -> bytes:
    """A one-page PDF that writes ``text`` (ASCII) in Helvetica, with a correct cross-reference."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xlsx(text: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Member", text])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _pptx(text: str) -> bytes:
    from pptx import Presentation

    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[1])
    slide.shapes.title.text = text
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def _odt(text: str) -> bytes:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
        f"<office:body><office:text><text:p>{text}</text:p></office:text></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content_type", "content", "expected"),
    [
        ("application/pdf", _pdf_with_text("Annual meeting Phnom Penh"), "Annual meeting Phnom Penh"),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _docx(VIETNAMESE), VIETNAMESE),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _xlsx(LAO), LAO),
        ("application/vnd.openxmlformats-officedocument.presentationml.presentation", _pptx(KHMER), KHMER),
        ("application/vnd.oasis.opendocument.text", _odt(VIETNAMESE), VIETNAMESE),
        ("text/plain", KHMER.encode(), KHMER),
    ],
)
def test_the_text_of_each_kind_is_read(content_type, content, expected):
    assert expected in extraction.text_in_child_process(content, content_type).text


def test_a_damaged_pdf_has_no_text_and_says_why():
    read = extraction.text_in_child_process(b"%PDF-1.4 this is not a PDF", "application/pdf")
    assert (read.text, read.failed, bool(read.problem)) == ("", False, True)


def _hang(content: bytes):
    time.sleep(30)
    yield ""


def test_a_reader_that_hangs_marks_the_file_as_failed(monkeypatch):
    monkeypatch.setitem(extraction.PARSERS, "text/plain", _hang)
    read = extraction.text_in_child_process(b"x", "text/plain", timeout=0.5)
    assert read.failed


def test_a_reader_that_crashes_marks_the_file_as_failed(monkeypatch):
    monkeypatch.setitem(extraction.PARSERS, "text/plain", lambda content: iter([os._exit(3)]))
    read = extraction.text_in_child_process(b"x", "text/plain")
    assert read.problem == "the reader stopped (exit code 3)"


def test_a_photo_has_no_text_to_read():
    assert extraction.text_in_child_process(b"\xff\xd8\xff", "image/jpeg").no_parser


# Through the library -----------------------------------------------------------------------------


def _add(world, name: str, content: bytes):
    client = world.client_for("coordinator")
    client.post(
        reverse("library:document_create"),
        {"kind": "report", "access": "network", "uploads": [SimpleUploadedFile(name, content)]},
    )
    return DocumentVersion.objects.get()


def test_an_added_files_text_is_read(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        version = _add(world, "plan.docx", _docx(VIETNAMESE))
    version.refresh_from_db()
    assert version.text_state == DocumentVersion.TextState.DONE


def test_a_word_inside_a_file_finds_it_typed_without_accents(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _add(world, "plan.docx", _docx(VIETNAMESE))
    page = world.client_for("coordinator").get(reverse("library:document_list"), {"q": "can tho"}).content.decode()
    assert Document.objects.get().title in page


def test_a_damaged_file_is_kept_and_marked(world, django_capture_on_commit_callbacks):
    damaged = b"%PDF-1.4 damaged"
    with django_capture_on_commit_callbacks(execute=True):
        version = _add(world, "broken.pdf", damaged)
    version.refresh_from_db()
    assert version.text_state == DocumentVersion.TextState.NO_TEXT


def test_the_staff_read_why_a_files_text_is_missing(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _add(world, "broken.pdf", b"%PDF-1.4 damaged")
    page = world.client_for("coordinator").get(Document.objects.get().get_absolute_url()).content.decode()
    assert "No text found" in page
