"""The plan table of one period as a spreadsheet or a Word document, and back.

The layout follows the deck's plan table: a title, then for each axis a heading
row, then one row per activity with ``#``, ``Activities``, ``Achieved``,
``Planned``, ``Suggestions`` and ``Status``.

XLSX (written for editing and importing back), in the reader's language, as the
Word document reads — a person sees labels, never codes::

    row 1   A <plan title>
    row 2   A "Period: <period label>"
    rows 3, 4 (empty)
    row 5   #   Activities   Achieved   Planned   Suggestions   Status      (the header)
    then, for each axis in number order:
            A "Axis <n>"   B <axis title>
            and for each of its activities in number order:
            A <number>     B <title>   C <achieved>   D <planned>   E <suggestions>   F <status label>

What the import needs and people do not read — the plan's code, the period's label
and the file's language — is on a second, very hidden sheet (``KEYS_SHEET``): one
row per key, the key in column A and its value in column B.

Import reads that layout back:

* the plan, the period and the language come from the hidden sheet; a file
  without it (written by an earlier version) gives them in the rows above the
  header, by the word in column A ("plan", "period"), and is in English; other
  rows there (the title) are ignored;
* the header is the first row naming at least two of the columns, in English or
  French; its columns may come in any order, but each must be there once and no
  other column; a status is read in either language too;
* an "Axis <n>" row (or "Axe <n>") opens an axis: missing axes are created,
  a changed title is saved; an activity row belongs to the axis above it:
  missing activities are created, a changed title or axis is saved. Titles are
  in the file's language and only that language's titles are written; a title
  that reads as it was exported (another language's, when this one has none)
  changes nothing;
* Achieved, Planned, Suggestions and Status replace the activity's progress for
  the period; an empty Status keeps the current one (``not_started`` for a new
  row); an activity with no progress and four empty cells gets none;
* a status deduced from a source is exported as "Ongoing (estimated)"; read back
  with its mark it stays an estimate, written without it it is recorded;
* texts are compared without surrounding spaces and line-ending differences,
  so that an unchanged file changes nothing and writes no history;
* axes and activities absent from the file are left as they are (never deleted);
* every row is checked before anything is written; one problem anywhere and
  nothing is written. Writes go through the plans services (one history row per
  change), in one transaction.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from reseau.accounts.types import Actor
from reseau.core.services import model_update
from reseau.core.spreadsheets import UNREADABLE as ANY_SPREADSHEET_UNREADABLE
from reseau.core.spreadsheets import FileProblem, read_table
from reseau.core.text import LONG_TEXT_LENGTH, strip_control_characters
from reseau.plans import services
from reseau.plans.models import Activity, ActivityProgress, Axis, Plan, ReportingPeriod

XLSX = "xlsx"
DOCX = "docx"
FORMATS = (XLSX, DOCX)
CONTENT_TYPES = {
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

# The keys of the hidden sheet (and of the rows above the header in earlier files).
KEYS_SHEET = "reseau-keys"
PLAN_KEY = "plan"
PERIOD_KEY = "period"
LANGUAGE_KEY = "language"
# The columns, by a stable name; a file names them in English or French.
NUMBER = "#"
ACTIVITIES = "Activities"
ACHIEVED = "Achieved"
PLANNED = "Planned"
SUGGESTIONS = "Suggestions"
STATUS = "Status"
COLUMNS = (NUMBER, ACTIVITIES, ACHIEVED, PLANNED, SUGGESTIONS, STATUS)
TEXT_COLUMNS = {ACHIEVED: "achieved", PLANNED: "planned", SUGGESTIONS: "suggestions"}
COLUMN_LABELS: dict[str, Promise | str] = {
    NUMBER: NUMBER,
    ACTIVITIES: _("Activities"),
    ACHIEVED: _("Achieved"),
    PLANNED: _("Planned"),
    SUGGESTIONS: _("Suggestions"),
    STATUS: _("Status"),
}
HEADER_ROW = 5  # in the written file; the import finds the header wherever it is

# Column widths in the written workbook, in characters.
XLSX_WIDTHS = (7, 50, 45, 40, 40, 14)
AXIS_FILL = "DCE6F1"
HEADER_FILL = "D9D9D9"

MAX_NUMBER = 32767  # PositiveSmallIntegerField
_AXIS_ROW = re.compile(r"(?:axis|axe)(?![a-z])\.?\s*(.*)", re.IGNORECASE)
_NUMBER = re.compile(r"\d{1,6}")
_LINE_ENDS = re.compile(r"\r\n?")

# --- Messages ------------------------------------------------------------------------------

UNREADABLE = _("This file could not be read as an XLSX spreadsheet.")
NO_HEADER = _("No row of this file names the columns. The expected columns are: %(columns)s.")
MISSING_COLUMN = _("The column “%(name)s” is missing.")
UNKNOWN_COLUMN = _("The column “%(name)s” is not one of the plan table's columns.")
REPEATED_COLUMN = _("The column “%(name)s” appears more than once.")
EXPECTED_COLUMNS = _("The expected columns are: %(columns)s.")
NO_PLAN_CODE = _(
    "This file does not say which plan it holds. Export this plan again and make your changes in that file."
)
WRONG_PLAN = _(
    "This file holds the plan “%(code)s”, not “%(expected)s”. "
    "Export this plan again and make your changes in that file."
)
NO_PERIOD = _(
    "This file does not say which period it reports on. Export this plan again and make your changes in that file."
)
UNKNOWN_PERIOD = _("“%(label)s” is not a reporting period of this network.")
PERIOD_OUTSIDE_PLAN = _("This period is outside the plan's period.")
NO_ROWS = _("This file has no axis or activity rows below its header.")
NOT_AN_ACTIVITY_NUMBER = _("Row %(row)s: “%(value)s” is not an activity number.")
NOT_AN_AXIS_NUMBER = _("Row %(row)s: “%(value)s” is not an axis number. Write “Axis” and its number, such as “Axis 2”.")
NO_NUMBER = _("Row %(row)s: this row has texts but no activity number.")
REPEATED_ACTIVITY = _("Row %(row)s: activity %(number)s already appears in row %(first)s.")
REPEATED_AXIS = _("Row %(row)s: axis %(number)s already appears in row %(first)s.")
BEFORE_ANY_AXIS = _(
    "Row %(row)s: activity %(number)s comes before any axis row. Add a row “Axis” and its number, with the "
    "axis title, above it."
)
# A status deduced from a source, as a cell shows it; the import keeps the mark when it reads it.
ESTIMATED_STATUS = pgettext_lazy("activity status", "%(status)s (estimated)")
UNKNOWN_STATUS = _("Row %(row)s: “%(value)s” is not a known status. Use one of: %(allowed)s.")
AXIS_WITHOUT_TITLE = _("Row %(row)s: axis %(number)s has no title.")
ACTIVITY_WITHOUT_TITLE = _("Row %(row)s: activity %(number)s has no title.")
AXIS_TITLE_TOO_LONG = _(
    "Row %(row)s: the title of axis %(number)s is too long: at most %(max)s characters, this one has %(length)s."
)
TEXT_TOO_LONG = _(
    "Row %(row)s: the text in “%(name)s” is too long: at most %(max)s characters, this one has %(length)s."
)
NOT_SAVED = _("Row %(row)s could not be saved: %(reasons)s")
CONFLICT = _("Row %(row)s could not be saved: the plan was changed meanwhile. Upload the file again.")
AXIS_ROW_WITH_TEXTS = _(
    "Row %(row)s: an axis row holds only “Axis” and its number, then the axis title. "
    "Put the texts on the rows of its activities."
)
FUNDED_BY_EU = _("Funded by the European Union")


@dataclass
class Problem:
    """One line of an import report: ``row`` is the spreadsheet row (None for the whole file)."""

    message: Promise
    params: dict[str, Any] = field(default_factory=dict)
    row: int | None = None
    column: str = ""

    @property
    def text(self) -> str:
        """The message in the active language."""
        return str(self.message) % self.params if self.params else str(self.message)

    @property
    def column_label(self) -> str:
        """The column as the reader's file names it ("" for the plan or period the file gives)."""
        return column_label(self.column) if self.column in COLUMN_LABELS else ""


class ImportRefused(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.text for p in problems))
        self.problems = problems


# --- The table of one period ---------------------------------------------------------------


@dataclass
class ActivityLine:
    activity: Activity
    progress: ActivityProgress | None


@dataclass
class AxisBlock:
    axis: Axis
    lines: list[ActivityLine]


@dataclass
class PlanTable:
    plan: Plan
    period: ReportingPeriod | None
    axes: list[AxisBlock]


def default_period(plan: Plan) -> ReportingPeriod | None:
    """The latest period with progress for this plan, else the latest period the plan overlaps."""
    latest = ("-starts_on", "-ends_on", "-pk")
    with_progress = (
        ReportingPeriod.objects.filter(network_id=plan.network_id, progress__activity__plan=plan)
        .order_by(*latest)
        .first()
    )
    return with_progress or plan.covered_periods().order_by(*latest).first()


def period_by_label(plan: Plan, label: str) -> ReportingPeriod | None:
    return ReportingPeriod.objects.filter(network_id=plan.network_id, label=label).first()


def plan_table(plan: Plan, period: ReportingPeriod | None) -> PlanTable:
    """Axes, activities and their progress for the period, in three queries whatever the plan's size."""
    progress = ActivityProgress.objects.filter(period=period) if period else ActivityProgress.objects.none()
    activities = plan.activities.order_by("number").prefetch_related(
        Prefetch("progress", queryset=progress, to_attr="period_progress")
    )
    by_axis: dict[int, list[ActivityLine]] = {}
    for activity in activities:
        found = getattr(activity, "period_progress", [])
        by_axis.setdefault(activity.axis_id, []).append(ActivityLine(activity, found[0] if found else None))
    blocks = [AxisBlock(axis, by_axis.get(axis.pk, [])) for axis in plan.axes.order_by("number")]
    return PlanTable(plan=plan, period=period, axes=blocks)


def stored_title(instance: Plan | Axis | Activity, language: str) -> str:
    """The title stored in ``language``, without falling back to another one ("" when empty)."""
    return getattr(instance, f"title_{language}", None) or ""


def shown_title(instance: Plan | Axis | Activity, language: str) -> str:
    """The title a reader of ``language`` sees (another language's when this one has none)."""
    with translation.override(language):
        return str(instance.title or "")


def reader_language() -> str:
    """The active language, as one of the site's languages."""
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def column_label(name: str) -> str:
    """A column's header in the active language ("Activités")."""
    return str(COLUMN_LABELS[name])


def column_labels() -> list[str]:
    return [column_label(name) for name in COLUMNS]


def status_label(code: str, *, estimated: bool = False) -> str:
    """ "En cours" for ``ongoing``, in the active language; "En cours (estimé)" for a status
    deduced from a source (the import reads both back)."""
    label = str(dict(ActivityProgress.Status.choices).get(code, code))
    return ESTIMATED_STATUS % {"status": label} if estimated else label


def file_name(plan: Plan, period: ReportingPeriod | None, fmt: str) -> str:
    if period is None:
        return f"{plan.code}.{fmt}"
    label = re.sub(r"[^0-9A-Za-z._-]+", "-", period.label).strip("-.") or "period"
    return f"{plan.code}-{label}.{fmt}"


def _title_line(table: PlanTable, title: str) -> str:
    return f"{title} — {table.period.label}" if table.period else title


# --- Writing XLSX -----------------------------------------------------------------------------


def _printable(value: str) -> str:
    """Without the control characters that neither XLSX nor DOCX can hold (a vertical tab pasted from Excel…)."""
    return strip_control_characters(value or "")


def write_xlsx(table: PlanTable) -> bytes:
    """A workbook in the reader's language: labels and titles as the Word document reads them."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    language = reader_language()
    plan_title = shown_title(table.plan, language)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(gettext("Plan table"))
    workbook.properties.title = _printable(plan_title)
    workbook.properties.language = language
    for index, width in enumerate(XLSX_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width

    wrap = Alignment(wrap_text=True, vertical="top")
    muted = Font(italic=True, color="666666")
    bold = Font(bold=True)

    def put(row: int, column: int, value: Any, **styles: Any) -> None:
        cell = sheet.cell(row=row, column=column, value=_printable(value) if isinstance(value, str) else value)
        if isinstance(value, str) and cell.data_type == "f":
            cell.data_type = "s"  # text that starts with "=" stays text, never a formula
        for name, style in styles.items():
            setattr(cell, name, style)

    put(1, 1, plan_title, font=Font(bold=True, size=14))
    if table.period is not None:
        put(2, 1, gettext("Period: %(label)s") % {"label": table.period.label}, font=muted)

    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    for column, name in enumerate(column_labels(), start=1):
        put(HEADER_ROW, column, name, font=bold, fill=header_fill, alignment=wrap)

    axis_fill = PatternFill("solid", fgColor=AXIS_FILL)
    row = HEADER_ROW
    for block in table.axes:
        row += 1
        put(row, 1, gettext("Axis %(number)s") % {"number": block.axis.number}, font=bold, fill=axis_fill)
        put(row, 2, shown_title(block.axis, language), font=bold, fill=axis_fill, alignment=wrap)
        for column in range(3, len(COLUMNS) + 1):
            put(row, column, None, fill=axis_fill)
        for line in block.lines:
            row += 1
            progress = line.progress
            values: list[Any] = [
                line.activity.number,
                shown_title(line.activity, language),
                progress.achieved if progress else "",
                progress.planned if progress else "",
                progress.suggestions if progress else "",
                status_label(progress.status, estimated=progress.status_estimated) if progress else "",
            ]
            for column, value in enumerate(values, start=1):
                put(row, column, value if value != "" else None, alignment=wrap)

    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddFooter.center.text = str(FUNDED_BY_EU)

    # What the import needs and people do not read: out of sight (not even in "Unhide").
    keys = workbook.create_sheet(KEYS_SHEET)
    keys.sheet_state = "veryHidden"
    for key, value in (
        (PLAN_KEY, table.plan.code),
        (PERIOD_KEY, table.period.label if table.period else ""),
        (LANGUAGE_KEY, language),
    ):
        keys.append([key, _printable(value)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- Writing DOCX -----------------------------------------------------------------------------


def _docx_headers() -> list[str]:
    return column_labels()


def _sheet_title(text: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", " ", text)[:31].strip() or "Plan"


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _repeat_as_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _write_cell(cell: Any, text: str, *, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(_printable(text))  # python-docx turns "\n" into line breaks
    run.bold = bold


def write_docx(table: PlanTable) -> bytes:
    """A Word document in the reader's language: titles in that language (else the other one)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    document.styles["Normal"].font.size = Pt(9)
    document.core_properties.title = _printable(table.plan.title)
    document.core_properties.language = translation.get_language() or ""

    document.add_heading(_printable(table.plan.title), level=1)
    if table.period is not None:
        document.add_paragraph(gettext("Period: %(label)s") % {"label": table.period.label})

    widths = [Cm(1.2), Cm(6.8), Cm(5.6), Cm(4.8), Cm(4.8), Cm(3.5)]
    grid = document.add_table(rows=1, cols=len(COLUMNS))
    grid.style = "Table Grid"
    grid.autofit = False
    header = grid.rows[0]
    _repeat_as_header(header)
    for cell, text in zip(header.cells, _docx_headers(), strict=True):
        _write_cell(cell, text, bold=True)
        _shade(cell, HEADER_FILL)

    for block in table.axes:
        cells = grid.add_row().cells
        merged = cells[0].merge(cells[-1])
        axis_title = gettext("Axis %(number)s: %(title)s") % {"number": block.axis.number, "title": block.axis.title}
        _write_cell(merged, axis_title, bold=True)
        _shade(merged, AXIS_FILL)
        for line in block.lines:
            progress = line.progress
            values = [
                str(line.activity.number),
                line.activity.title or "",
                progress.achieved if progress else "",
                progress.planned if progress else "",
                progress.suggestions if progress else "",
                status_label(progress.status, estimated=progress.status_estimated) if progress else "",
            ]
            for cell, value in zip(grid.add_row().cells, values, strict=True):
                _write_cell(cell, value)
    # Word reads the grid, LibreOffice each cell's width: set both (an axis row is one cell across).
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
    for row in grid.rows:
        cells = row.cells
        if cells[0]._tc is cells[-1]._tc:
            cells[0].width = sum(widths, Cm(0))
            continue
        for cell, width in zip(cells, widths, strict=True):
            cell.width = width

    footer = section.footer.paragraphs[0]
    footer.text = str(FUNDED_BY_EU)
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- Reading XLSX ----------------------------------------------------------------------------


def read_workbook(content: bytes) -> list[list[str]]:
    """The rows of the first sheet as text (row 1 first). Raises FileProblem."""
    try:
        # Named .xlsx so that anything but a workbook is refused, never read as CSV.
        return read_table(content, "plan.xlsx")
    except FileProblem as problem:
        pairs = [
            (UNREADABLE if message is ANY_SPREADSHEET_UNREADABLE else message, params)
            for message, params in problem.problems
        ]
        raise FileProblem(*pairs) from None


def read_workbook_keys(content: bytes) -> dict[str, str]:
    """The plan, period and language a file written by ``write_xlsx`` gives on its hidden sheet ({} without it)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of error on a damaged file
        return {}
    try:
        if KEYS_SHEET not in workbook.sheetnames:
            return {}
        keys: dict[str, str] = {}
        for values in workbook[KEYS_SHEET].iter_rows(values_only=True, max_col=2, max_row=20):
            if len(values) == 2 and isinstance(values[0], str):
                keys.setdefault(values[0].strip().casefold(), "" if values[1] is None else str(values[1]).strip())
        return keys
    except Exception:
        return {}
    finally:
        workbook.close()


def _columns_by_label() -> dict[str, str]:
    """Column names, and their headers in every language, to the column (compared ignoring case)."""
    found = {name.casefold(): name for name in COLUMNS}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for name in COLUMNS:
                found.setdefault(column_label(name).casefold(), name)
    return found


def _same_text(stored: str | None, read: str) -> bool:
    """Whether a cell read back holds the stored text (the reader strips spaces; Excel has no "\\r")."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def plain(value: str | None) -> str:
        return _LINE_ENDS.sub("\n", ILLEGAL_CHARACTERS_RE.sub("", value or "")).strip()

    return plain(stored) == plain(read)


def _status_codes() -> dict[str, tuple[str, bool]]:
    """Codes, and the labels in every language with or without their "(estimated)" mark, to the
    code and whether the status stays an estimate (compared ignoring case)."""
    accepted = {code.casefold(): (code, False) for code in ActivityProgress.Status.values}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for code, _label in ActivityProgress.Status.choices:
                accepted.setdefault(status_label(code).casefold(), (code, False))
                accepted.setdefault(status_label(code, estimated=True).casefold(), (code, True))
    return accepted


@dataclass
class AxisRow:
    row: int
    number: int
    title: str


@dataclass
class ActivityRow:
    row: int
    number: int
    axis_number: int
    title: str
    texts: dict[str, str]  # achieved, planned, suggestions
    status: str  # a code, or "" to keep the current status
    status_estimated: bool = False  # the cell kept the "(estimated)" mark of the export


@dataclass
class Outcome:
    updated: int = 0
    created: int = 0
    axes_created: int = 0


class PlanImport:
    """Checks a file against one plan, then writes it all or nothing."""

    def __init__(self, *, plan: Plan, actor: Actor) -> None:
        self.plan = plan
        self.actor = actor
        self.problems: list[Problem] = []
        self.period: ReportingPeriod | None = None
        # The language of the file's titles: those are the titles it may change.
        self.language = "en"
        self.axes: list[AxisRow] = []
        self.activities: list[ActivityRow] = []
        self._checked = False

    def _problem(self, message: Promise, row: int | None = None, column: str = "", **params: Any) -> None:
        if row is not None:
            params["row"] = row
        self.problems.append(Problem(message=message, params=params, row=row, column=column))

    # Checking -------------------------------------------------------------------------------

    def check(self, rows: Sequence[Sequence[str]], keys: Mapping[str, str] | None = None) -> list[Problem]:
        """Reads the whole file; returns its problems (none: ready to apply). Writes nothing.

        ``keys`` are the values of the file's hidden sheet (``read_workbook_keys``).
        """
        self.problems = []
        self.axes = []
        self.activities = []
        self.period = None
        keys = keys or {}
        language = keys.get(LANGUAGE_KEY, "")
        self.language = language if language in dict(settings.LANGUAGES) else "en"
        header_index = self._find_header(rows)
        if header_index is None:
            self._problem(NO_HEADER, columns=", ".join(column_labels()))
            self._check_metadata(rows, keys)
            return self.problems
        positions = self._read_header(rows[header_index], header_index + 1)
        self._check_metadata(rows[:header_index], keys)
        if positions is not None:
            self._read_body(rows, header_index + 1, positions)
        self._check_against_plan()
        self.problems.sort(key=lambda p: p.row or 0)
        self._checked = not self.problems
        return self.problems

    @staticmethod
    def _find_header(rows: Sequence[Sequence[str]]) -> int | None:
        expected = set(_columns_by_label())
        for index, cells in enumerate(rows):
            if sum(cell.strip().casefold() in expected for cell in cells) >= 2:
                return index
        return None

    def _read_header(self, cells: Sequence[str], row: int) -> dict[str, int] | None:
        by_folded = _columns_by_label()
        positions: dict[str, int] = {}
        ok = True
        for index, cell in enumerate(cells):
            text = cell.strip()
            if not text:
                continue
            name = by_folded.get(text.casefold())
            if name is None:
                self._problem(UNKNOWN_COLUMN, row, text, name=text)
                ok = False
            elif name in positions:
                self._problem(REPEATED_COLUMN, row, name, name=column_label(name))
                ok = False
            else:
                positions[name] = index
        for name in COLUMNS:
            if name not in positions:
                self._problem(MISSING_COLUMN, row, name, name=column_label(name))
                ok = False
        if not ok:
            self._problem(EXPECTED_COLUMNS, row, columns=", ".join(column_labels()))
            return None
        return positions

    def _check_metadata(self, rows: Sequence[Sequence[str]], keys: Mapping[str, str]) -> None:
        values: dict[str, str] = {key: keys[key] for key in (PLAN_KEY, PERIOD_KEY) if keys.get(key)}
        for cells in rows:
            if len(cells) >= 1:
                key = cells[0].strip().casefold()
                if key in (PLAN_KEY, PERIOD_KEY) and key not in values:
                    values[key] = cells[1].strip() if len(cells) > 1 else ""
        code = values.get(PLAN_KEY, "")
        if not code:
            self._problem(NO_PLAN_CODE, column=PLAN_KEY)
        elif code.casefold() != self.plan.code.casefold():
            # People read the plans' titles, not their codes.
            other = Plan.objects.filter(code__iexact=code).first()
            named = other.title if other is not None else code
            self._problem(WRONG_PLAN, column=PLAN_KEY, code=named, expected=self.plan.title)
        label = values.get(PERIOD_KEY, "")
        if not label:
            self._problem(NO_PERIOD, column=PERIOD_KEY)
            return
        periods = ReportingPeriod.objects.filter(network_id=self.plan.network_id)
        period = periods.filter(label=label).first() or periods.filter(label__iexact=label).first()
        if period is None:
            self._problem(UNKNOWN_PERIOD, column=PERIOD_KEY, label=label)
        elif not self.plan.covers(period):
            self._problem(PERIOD_OUTSIDE_PLAN, column=PERIOD_KEY)
        else:
            self.period = period

    def _read_body(self, rows: Sequence[Sequence[str]], start: int, positions: dict[str, int]) -> None:
        statuses = _status_codes()
        axis_rows: dict[int, int] = {}
        activity_rows: dict[int, int] = {}
        current_axis: int | None = None
        for index in range(start, len(rows)):
            row = index + 1
            cells = rows[index]

            def cell(name: str, cells: Sequence[str] = cells) -> str:
                position = positions[name]
                return cells[position].strip() if position < len(cells) else ""

            if not any(cell(name) for name in COLUMNS):
                continue
            axis_match = _AXIS_ROW.fullmatch(cell(NUMBER))
            if axis_match:
                current_axis = self._read_axis_row(row, axis_match, cell, axis_rows)
            else:
                self._read_activity_row(row, cell, statuses, activity_rows, axis_rows, current_axis)
        if not axis_rows and not activity_rows and not self.problems:
            self._problem(NO_ROWS)

    def _read_axis_row(
        self, row: int, axis_match: re.Match[str], cell: Callable[[str], str], axis_rows: dict[int, int]
    ) -> int | None:
        """An axis row; returns the axis the next activity rows belong to (None: a wrong number)."""
        first = cell(NUMBER)
        number = _number(axis_match.group(1).strip().rstrip(".:"))
        if number is None:
            self._problem(NOT_AN_AXIS_NUMBER, row, NUMBER, value=first)
            return None
        title = cell(ACTIVITIES)
        if number in axis_rows:
            self._problem(REPEATED_AXIS, row, NUMBER, number=number, first=axis_rows[number])
            return number
        axis_rows[number] = row
        if any(cell(name) for name in (ACHIEVED, PLANNED, SUGGESTIONS, STATUS)):
            self._problem(AXIS_ROW_WITH_TEXTS, row, NUMBER)
        max_length = Axis._meta.get_field("title").max_length or 300
        if len(title) > max_length:
            self._problem(AXIS_TITLE_TOO_LONG, row, ACTIVITIES, number=number, max=max_length, length=len(title))
        self.axes.append(AxisRow(row=row, number=number, title=title))
        return number

    def _read_activity_row(
        self,
        row: int,
        cell: Callable[[str], str],
        statuses: Mapping[str, tuple[str, bool]],
        activity_rows: dict[int, int],
        axis_rows: dict[int, int],
        current_axis: int | None,
    ) -> None:
        first = cell(NUMBER)
        if not first:
            self._problem(NO_NUMBER, row, NUMBER)
            return
        number = _number(first)
        if number is None:
            self._problem(NOT_AN_ACTIVITY_NUMBER, row, NUMBER, value=first)
            return
        if number in activity_rows:
            self._problem(REPEATED_ACTIVITY, row, NUMBER, number=number, first=activity_rows[number])
            return
        activity_rows[number] = row
        status, status_estimated = self._read_status(row, cell(STATUS), statuses)
        for column in (ACTIVITIES, *TEXT_COLUMNS):
            # Activity titles and progress texts are TextFields: as long as their forms take.
            if len(cell(column)) > LONG_TEXT_LENGTH:
                self._problem(
                    TEXT_TOO_LONG,
                    row,
                    column,
                    name=column_label(column),
                    max=LONG_TEXT_LENGTH,
                    length=len(cell(column)),
                )
        if current_axis is None:
            if not axis_rows:
                self._problem(BEFORE_ANY_AXIS, row, NUMBER, number=number)
            return  # else: under an axis row already reported as wrong
        self.activities.append(
            ActivityRow(
                row=row,
                number=number,
                axis_number=current_axis,
                title=cell(ACTIVITIES),
                texts={attribute: cell(column) for column, attribute in TEXT_COLUMNS.items()},
                status=status,
                status_estimated=status_estimated,
            )
        )

    def _read_status(self, row: int, status_text: str, statuses: Mapping[str, tuple[str, bool]]) -> tuple[str, bool]:
        """The status code a cell names (in either language) and whether it is still an estimate;
        "" for an empty or unknown one."""
        if not status_text:
            return "", False
        status = statuses.get(status_text.casefold())
        if status is None:
            allowed = ", ".join(str(label) for label in ActivityProgress.Status.labels)
            self._problem(UNKNOWN_STATUS, row, STATUS, value=status_text, allowed=allowed)
            return "", False
        return status

    def _check_against_plan(self) -> None:
        """What needs the plan as it is now: titles that a new axis or activity must have."""
        axes = {axis.number: axis for axis in self.plan.axes.all()}
        activities = {activity.number: activity for activity in self.plan.activities.all()}
        for axis_row in self.axes:
            existing = axes.get(axis_row.number)
            if not axis_row.title and (existing is None or shown_title(existing, self.language)):
                self._problem(AXIS_WITHOUT_TITLE, axis_row.row, ACTIVITIES, number=axis_row.number)
        for activity_row in self.activities:
            found = activities.get(activity_row.number)
            if not activity_row.title and (found is None or shown_title(found, self.language)):
                self._problem(ACTIVITY_WITHOUT_TITLE, activity_row.row, ACTIVITIES, number=activity_row.number)

    # Writing --------------------------------------------------------------------------------

    def apply(self) -> Outcome:
        """Writes the checked file in one transaction; raises ImportRefused (and writes nothing)."""
        if not self._checked or self.period is None:
            raise ImportRefused(self.problems)
        current_row: int | None = None
        try:
            with transaction.atomic():
                Plan.objects.select_for_update().filter(pk=self.plan.pk).first()
                outcome = Outcome()
                axes = {axis.number: axis for axis in self.plan.axes.all()}
                for axis_row in self.axes:
                    current_row = axis_row.row
                    axes[axis_row.number] = self._apply_axis(axis_row, axes.get(axis_row.number), outcome)
                activities = {a.number: a for a in self.plan.activities.select_related("plan")}
                progress = {
                    p.activity_id: p
                    for p in ActivityProgress.objects.filter(activity__plan=self.plan, period=self.period)
                }
                for activity_row in self.activities:
                    current_row = activity_row.row
                    self._apply_activity(activity_row, activities.get(activity_row.number), axes, progress, outcome)
        except ValidationError as error:
            reasons = " ".join(str(message) for message in error.messages)
            raise ImportRefused([Problem(NOT_SAVED, {"row": current_row, "reasons": reasons}, current_row)]) from error
        except IntegrityError as error:
            raise ImportRefused([Problem(CONFLICT, {"row": current_row}, current_row)]) from error
        return outcome

    @property
    def _title(self) -> str:
        """The title field the file writes: the one of its language."""
        return f"title_{self.language}"

    def _title_changed(self, existing: Axis | Activity, title: str) -> bool:
        """Whether the file changes a title: not when it reads as stored, or as it was exported."""
        if not title or _same_text(stored_title(existing, self.language), title):
            return False
        return not _same_text(shown_title(existing, self.language), title)

    def _apply_axis(self, axis_row: AxisRow, existing: Axis | None, outcome: Outcome) -> Axis:
        if existing is None:
            outcome.axes_created += 1
            return services.axis_create(
                actor=self.actor, plan=self.plan, data={"number": axis_row.number, self._title: axis_row.title}
            )
        if self._title_changed(existing, axis_row.title):
            # There is no axis_update service: the generic one writes the same history row.
            model_update(instance=existing, data={self._title: axis_row.title}, actor=self.actor, subject=self.plan)
        return existing

    def _apply_activity(
        self,
        activity_row: ActivityRow,
        existing: Activity | None,
        axes: dict[int, Axis],
        progress: dict[int, ActivityProgress],
        outcome: Outcome,
    ) -> None:
        axis = axes[activity_row.axis_number]
        assert self.period is not None
        if existing is None:
            activity = services.activity_create(
                actor=self.actor,
                plan=self.plan,
                data={"axis": axis, "number": activity_row.number, self._title: activity_row.title},
            )
            outcome.created += 1
            changed = False
        else:
            activity = existing
            data: dict[str, Any] = {}
            if self._title_changed(existing, activity_row.title):
                data[self._title] = activity_row.title
            if existing.axis_id != axis.pk:
                data["axis"] = axis
            changed = bool(data) and services.activity_update(actor=self.actor, activity=existing, data=data)
        current = progress.get(activity.pk)
        changes = _progress_changes(current, activity_row)
        if changes:
            services.progress_record(actor=self.actor, activity=activity, period=self.period, data=changes)
            changed = True
        if changed and existing is not None:
            outcome.updated += 1


def _progress_changes(current: ActivityProgress | None, activity_row: ActivityRow) -> dict[str, Any]:
    """The progress fields the file changes (all of them for a new progress row)."""
    if current is None:
        if not activity_row.status and not any(activity_row.texts.values()):
            return {}
        data: dict[str, Any] = dict(activity_row.texts)
        data["status"] = activity_row.status or ActivityProgress.Status.NOT_STARTED
        data["status_estimated"] = activity_row.status_estimated
        return data
    changes: dict[str, Any] = {
        attribute: text
        for attribute, text in activity_row.texts.items()
        if not _same_text(getattr(current, attribute), text)
    }
    # A status written without its "(estimated)" mark is one someone has now recorded.
    if activity_row.status and (
        activity_row.status != current.status or activity_row.status_estimated != current.status_estimated
    ):
        changes["status"] = activity_row.status
        changes["status_estimated"] = activity_row.status_estimated
    return changes


def _number(text: str) -> int | None:
    if not _NUMBER.fullmatch(text):
        return None
    number = int(text)
    return number if 1 <= number <= MAX_NUMBER else None


def outcome_messages(outcome: Outcome) -> Iterable[str]:
    """The summary after an import, in the active language."""
    yield ngettext(
        "%(updated)s activity updated, %(created)s created.",
        "%(updated)s activities updated, %(created)s created.",
        outcome.updated,
    ) % {"updated": outcome.updated, "created": outcome.created}
    if outcome.axes_created:
        yield ngettext("%(count)s axis created.", "%(count)s axes created.", outcome.axes_created) % {
            "count": outcome.axes_created
        }
