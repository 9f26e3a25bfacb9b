"""Files built to hurt a server that reads them: for the import tests and the upload harness.

Each is built here, small, with ``zipfile``: no file is kept in the repository.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape

CONTENT_TYPES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>'
)


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def shared_strings_xlsx(strings: Sequence[str], rows: Iterable[Sequence[int | str]]) -> bytes:
    """A workbook whose cells are indexes into ``strings`` (an int) or inline text (a str).

    Many cells may point to one long shared string: the file stays small, what it reads to does not.
    """
    sheet = io.StringIO()
    sheet.write(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    )
    for number, cells in enumerate(rows, start=1):
        sheet.write(f'<row r="{number}">')
        for index, cell in enumerate(cells):
            reference = f"{_column(index)}{number}"
            if isinstance(cell, int):
                sheet.write(f'<c r="{reference}" t="s"><v>{cell}</v></c>')
            else:
                sheet.write(f'<c r="{reference}" t="inlineStr"><is><t>{escape(cell)}</t></is></c>')
        sheet.write("</row>")
    sheet.write("</sheetData></worksheet>")
    shared = "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
    shared_xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">{shared}</sst>'
    )
    return zip_bytes(
        {
            "[Content_Types].xml": CONTENT_TYPES_XML,
            "_rels/.rels": ROOT_RELS,
            "xl/workbook.xml": WORKBOOK_XML,
            "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
            "xl/worksheets/sheet1.xml": sheet.getvalue(),
            "xl/sharedStrings.xml": shared_xml,
        }
    )


def zip_bytes(entries: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def workbook_with(extra: dict[str, str | bytes]) -> bytes:
    """A readable little workbook, plus ``extra`` entries (a bomb, a path that escapes…)."""
    entries: dict[str, str | bytes] = {
        "[Content_Types].xml": CONTENT_TYPES_XML,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WORKBOOK_XML,
    }
    entries.update(extra)
    return zip_bytes(entries)


def zip_bomb(expanded_bytes: int) -> bytes:
    """A workbook with one part of zeros: deflate shrinks it about a thousand times."""
    return workbook_with({"xl/media/zeros.bin": b"\x00" * expanded_bytes})


def many_entries(count: int) -> bytes:
    return workbook_with({f"xl/parts/{n}.xml": "<a/>" for n in range(count)})


def path_traversal() -> bytes:
    return workbook_with({"../../etc/cron.d/reseau": "* * * * * root true", "xl/ok.xml": "<a/>"})


# A Windows program (its "MZ" header and DOS stub) and a web page, each to be renamed .xlsx or .csv.
PE_EXECUTABLE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 48
    + b"This program cannot be run in DOS mode."
)
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def pixel_flood(width: int = 30_000, height: int = 30_000) -> bytes:
    """A PNG of a few bytes whose header claims ``width`` by ``height`` pixels: opened in full,
    it would take gigabytes of memory."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")
