"""How many typical office files the library's text reader gets through per second.

    DEBUG=1 .venv/bin/python bench/library_extraction.py [--files 200] [--check]

Makes ``--files`` files in memory, in turn a Word report (python-docx: headings and ten
paragraphs of French, Vietnamese and Khmer), an Excel table (openpyxl: 200 rows), a PowerPoint
deck (python-pptx: eight slides) and a PDF of a few pages (WeasyPrint, the same paragraphs),
and reads each as the background job does: in a process of its own, with its timeout
(``library.extraction.text_in_child_process``), one after the other (one worker). Prints the
files per second by type and in all.

Target (issue 13): at least 20 typical office files per second per worker. ``--check`` exits 1
when it is missed.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections import defaultdict
from collections.abc import Callable

from scratch_database import use_scratch_database

use_scratch_database("reseau-bench-extraction")

from reseau.library.extraction import text_in_child_process  # noqa: E402

TARGET_PER_SECOND = 20.0
PARAGRAPH = (
    "La réunion annuelle du réseau a examiné le plan d'action. Thành phố Huế tăng cường hợp tác "
    "với các đối tác. សហប្រតិបត្តិការរវាងទីក្រុងភ្នំពេញនិងដៃគូ។ "
) * 4
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def _docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Rapport annuel", level=1)
    for _ in range(10):
        document.add_paragraph(PARAGRAPH)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _xlsx() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in range(200):
        sheet.append([f"Activité {row}", "Huế", row * 1.5, "En cours"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _pptx() -> bytes:
    from pptx import Presentation

    deck = Presentation()
    for number in range(8):
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = f"Diapositive {number}"
        slide.placeholders[1].text = PARAGRAPH
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _pdf() -> bytes:
    from weasyprint import HTML

    paragraphs = "".join(f"<p>{PARAGRAPH}</p>" for _ in range(30))
    pdf: bytes = HTML(string=f"<h1>Rapport annuel</h1>{paragraphs}").write_pdf()
    return pdf


KINDS: list[tuple[str, str, Callable[[], bytes]]] = [
    ("DOCX", DOCX, _docx),
    ("XLSX", XLSX, _xlsx),
    ("PPTX", PPTX, _pptx),
    ("PDF", "application/pdf", _pdf),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=200, help="files read in all (default 200)")
    parser.add_argument("--check", action="store_true", help="exit 1 when the target is missed")
    args = parser.parse_args()
    samples = [(name, content_type, make()) for name, content_type, make in KINDS]
    seconds: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    for number in range(args.files):
        name, content_type, content = samples[number % len(samples)]
        started = time.perf_counter()
        extracted = text_in_child_process(content, content_type)
        seconds[name] += time.perf_counter() - started
        counts[name] += 1
        if not extracted.text:
            raise SystemExit(f"{name}: no text read ({extracted})")
    print("| Type | Size (kB) | Files | Files per second |")
    print("|---|---:|---:|---:|")
    for name, _content_type, content in samples:
        print(f"| {name} | {len(content) / 1000:.0f} | {counts[name]} | {counts[name] / seconds[name]:.1f} |")
    rate = args.files / sum(seconds.values())
    print(f"| all | | {args.files} | {rate:.1f} |")
    met = rate >= TARGET_PER_SECOND
    print("\nTarget met." if met else f"\nTarget missed: {rate:.1f} files per second < {TARGET_PER_SECOND}")
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
