"""The text inside a file, for the library's search: one well-kept parser per kind.

``extract_text`` runs in a process of its own (``text_in_child_process``), so a parser that
crashes or never ends on one file marks that file ("failed", and why), never the job queue.
What a file says is bounded (``MAX_TEXT_CHARACTERS``): a 500-page report is searched by its
first million characters.
"""

from __future__ import annotations

import functools
import io
import multiprocessing
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

MAX_TEXT_CHARACTERS = 1_000_000
TIMEOUT_SECONDS = 60


class NoParser(Exception):
    """A kind of file the library keeps but does not read (a photo)."""


def _pdf(content: bytes) -> Iterator[str]:
    import pypdfium2

    document = pypdfium2.PdfDocument(content)
    try:
        for page in document:
            text_page = page.get_textpage()
            yield text_page.get_text_range()
            text_page.close()
            page.close()
    finally:
        document.close()


def _docx(content: bytes) -> Iterator[str]:
    import docx

    document = docx.Document(io.BytesIO(content))
    for paragraph in document.paragraphs:
        yield paragraph.text
    for table in document.tables:
        for row in table.rows:
            yield "\t".join(cell.text for cell in row.cells)


def _xlsx(content: bytes) -> Iterator[str]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            yield sheet.title
            for row in sheet.iter_rows(values_only=True):
                cells = [str(value) for value in row if value is not None]
                if cells:
                    yield "\t".join(cells)
    finally:
        workbook.close()


def _pptx(content: bytes) -> Iterator[str]:
    from pptx import Presentation

    for slide in Presentation(io.BytesIO(content)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                yield shape.text_frame.text
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
            yield slide.notes_slide.notes_text_frame.text


def _opendocument(content: bytes) -> Iterator[str]:
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        root = etree.fromstring(archive.read("content.xml"), parser=etree.XMLParser(resolve_entities=False))
    text_ns = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    for element in root.iter(f"{{{text_ns}}}p", f"{{{text_ns}}}h"):
        yield "".join(element.itertext())


def _plain(content: bytes) -> Iterator[str]:
    yield content.decode("utf-8-sig", errors="replace")


def _none(content: bytes) -> Iterator[str]:
    raise NoParser


PARSERS: dict[str, Callable[[bytes], Iterator[str]]] = {
    "application/pdf": _pdf,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": _docx,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": _xlsx,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": _pptx,
    "application/vnd.oasis.opendocument.text": _opendocument,
    "application/vnd.oasis.opendocument.spreadsheet": _opendocument,
    "application/vnd.oasis.opendocument.presentation": _opendocument,
    "text/plain": _plain,
    "text/markdown": _plain,
    "text/csv": _plain,
}


def extract_text(content: bytes, content_type: str) -> str:
    """The file's text, bounded; raises NoParser for a kind that has none, anything else when
    the file cannot be read."""
    parser = PARSERS.get(content_type, _none)
    parts: list[str] = []
    size = 0
    for part in parser(content):
        parts.append(part)
        size += len(part) + 1
        if size >= MAX_TEXT_CHARACTERS:
            break
    return "\n".join(parts)[:MAX_TEXT_CHARACTERS].replace("\x00", "")


@dataclass(frozen=True)
class Extracted:
    text: str = ""
    no_parser: bool = False
    # Why no text was read, in the parser's words (kept for the staff): a file the parser
    # refuses (damaged, encrypted) has no text; a reader that crashed or hung has failed.
    problem: str = ""
    failed: bool = False


def _child(content: bytes, content_type: str, pipe: multiprocessing.connection.Connection) -> None:
    try:
        pipe.send(Extracted(text=extract_text(content, content_type)))
    except NoParser:
        pipe.send(Extracted(no_parser=True))
    except Exception as error:
        pipe.send(Extracted(problem=f"{type(error).__name__}: {error}"[:300]))
    finally:
        pipe.close()


@functools.cache
def _load_parsers() -> None:
    """Import the parsers once in the worker, so that each forked reader finds them loaded:
    importing them in every child took most of a small file's time."""
    import docx  # noqa: F401
    import openpyxl  # noqa: F401
    import pptx  # noqa: F401
    import pypdfium2  # noqa: F401
    from lxml import etree  # noqa: F401


def text_in_child_process(content: bytes, content_type: str, *, timeout: float = TIMEOUT_SECONDS) -> Extracted:
    """``extract_text`` in a forked process: its crash or its hang is this file's problem."""
    _load_parsers()
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(content, content_type, sender), daemon=True)
    process.start()
    sender.close()
    try:
        if receiver.poll(timeout):
            try:
                return receiver.recv()  # type: ignore[no-any-return]
            except EOFError:
                pass  # the child died before it answered
        else:
            process.kill()
            return Extracted(failed=True, problem=f"TimeoutError: reading took more than {timeout:g} seconds")
    finally:
        process.join(5)
        receiver.close()
    return Extracted(failed=True, problem=f"the reader stopped (exit code {process.exitcode})")
