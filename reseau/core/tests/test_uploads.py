"""The upload checks of ``core.uploads``, one rule at a time (the harness in tests/test_upload_harness.py
sends the hostile files to every upload field of the site)."""

from __future__ import annotations

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

from reseau.core.uploads import CSV, DOCX, JPEG, MB, PDF, PNG, XLSX, UploadField, UploadRule, safe_file_name
from tests.factories import photo_bytes
from tests.hostile_files import HTML_PAGE, PE_EXECUTABLE, pixel_flood, workbook_with, zip_bomb, zip_bytes

RULE = UploadRule(
    formats=(XLSX, CSV, DOCX, PDF),
    size_limit=1 * MB,
    wrong_type="Wrong type.",
    unreadable="Unreadable.",
    max_entries=20,
)


class _Form(forms.Form):
    file = UploadField(rule=RULE)


def _errors(name: str, content: bytes) -> list[str]:
    form = _Form(files={"file": SimpleUploadedFile(name, content)})
    return list(form.errors.get("file", []))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Kế hoạch Huế 2024.xlsx", "Kế hoạch Huế 2024.xlsx"),
        ("ផែនការ.xlsx", "ផែនការ.xlsx"),
        ("ແຜນການ.csv", "ແຜນການ.csv"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\me\\plan.xlsx", "plan.xlsx"),
        ("invoice\u202excod.xlsx", "invoicexcod.xlsx"),
        ("a\u2066b\u2069\u200e\u200fc.csv", "abc.csv"),
        ("line\nbreak\x00.csv", "line break.csv"),
        ("..", "file"),
        (".htaccess", "htaccess"),
    ],
)
def test_a_file_name_is_kept_safe_with_its_letters(name, expected):
    assert safe_file_name(name) == expected


def test_a_long_file_name_is_cut_before_its_extension():
    assert safe_file_name("ກ" * 300 + ".xlsx") == "ກ" * 95 + ".xlsx"


def test_a_well_formed_workbook_passes():
    assert _errors("ok.xlsx", workbook_with({"xl/worksheets/sheet1.xml": "<worksheet/>"})) == []


def test_a_word_document_passes_as_docx_and_not_as_xlsx():
    document = zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
    assert _errors("report.docx", document) == []
    assert _errors("report.xlsx", document) == ["Unreadable."]


def test_a_pdf_is_known_by_its_signature():
    assert _errors("minutes.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n") == []
    assert _errors("minutes.pdf", PE_EXECUTABLE) == ["Unreadable."]


def test_an_extension_the_field_does_not_take_is_refused():
    assert _errors("tool.exe", PE_EXECUTABLE) == ["Wrong type."]


def test_a_web_page_named_csv_is_refused():
    assert _errors("list.csv", b"\xef\xbb\xbf  " + HTML_PAGE) == ["Unreadable."]


def test_a_csv_in_utf8_with_a_bom_passes():
    assert _errors("list.csv", "\ufeffname_en,kind\r\nĐà Nẵng,donor\r\n".encode()) == []


def test_a_utf8_letter_cut_between_two_reads_is_still_utf8():
    content = ("name_en\r\n" + "ភ្នំពេញ\r\n" * 20_000).encode()  # several chunks of 64 KB
    assert _errors("list.csv", content) == []


def test_an_archive_of_high_expansion_ratio_is_refused_under_the_expanded_limit():
    bomb = zip_bomb(2 * MB)  # 2 MB once opened, about 2 KB in the file
    assert "it cannot be read safely" in _errors("bomb.xlsx", bomb)[0]


def test_an_archive_checked_leaves_the_file_ready_to_read():
    content = workbook_with({"xl/worksheets/sheet1.xml": "<worksheet/>"})
    form = _Form(files={"file": SimpleUploadedFile("ok.xlsx", content)})
    assert form.is_valid()
    assert form.cleaned_data["file"].read() == content


# Photos: their size in pixels, read from the header ------------------------------------------

PHOTO_RULE = UploadRule(formats=(PNG, JPEG), size_limit=1 * MB, wrong_type="Wrong type.", unreadable="Unreadable.")


def _photo_errors(content: bytes, name: str = "photo.png") -> list[str]:
    field = UploadField(rule=PHOTO_RULE)
    try:
        field.clean(SimpleUploadedFile(name, content))
    except forms.ValidationError as error:
        return list(error.messages)
    return []


def test_a_photo_claiming_a_billion_pixels_is_refused():
    assert _photo_errors(pixel_flood(30_000, 30_000)) == [
        "This photo has more than 80 million pixels. Send a smaller copy of it (a phone can share one)."
    ]


def test_a_photo_just_over_the_pixel_limit_is_refused():
    assert _photo_errors(pixel_flood(10_000, 8_001)) != []


def test_a_phones_photo_is_taken():
    assert _photo_errors(photo_bytes((4000, 3000)), "photo.jpg") == []
