"""Reading and writing files, below the views."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from reseau.core.spreadsheets import FileProblem, read_table, write_csv, write_xlsx
from reseau.exchange.tests.helpers import csv_bytes, xlsx_bytes

NAMES = ["ភ្នំពេញ", "ວຽງຈັນ", "ຫຼວງພະບາງ", "Huế", "Cần Thơ", "Hải Phòng"]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_what_is_written_reads_back_the_same(fmt):
    header = ["name", "date", "amount", "formula", "empty"]
    rows = [[name, datetime.date(2026, 6, 15), Decimal("1500.50"), "=1+1", ""] for name in NAMES]
    content = write_xlsx(header, rows, title="t") if fmt == "xlsx" else write_csv(header, rows)
    table = read_table(content, f"file.{fmt}")
    assert table[0] == header
    assert [row[0] for row in table[1:]] == NAMES
    assert {tuple(row[1:4]) for row in table[1:]} == {("2026-06-15", "1500.5" if fmt == "xlsx" else "1500.50", "=1+1")}


def test_spreadsheet_cells_become_text():
    # A spreadsheet cell holds a date and time without a time zone, as openpyxl reads it.
    typed = datetime.datetime(2026, 1, 2, 10, 30)  # noqa: DTZ001 — a cell has no time zone
    content = xlsx_bytes([["a", "b", "c", "d", "e"], [True, 12.0, 0.1, typed, None]])
    assert read_table(content, "f.xlsx")[1] == ["yes", "12", "0.1", "2026-01-02 10:30:00"]


def test_a_workbook_named_csv_is_read_as_a_workbook():
    assert read_table(xlsx_bytes([["a"], ["b"]]), "f.csv") == [["a"], ["b"]]


def test_csv_separators_and_padding():
    assert read_table(csv_bytes([["a", "b"], ["1", "2"]], delimiter=";"), "f.csv") == [["a", "b"], ["1", "2"]]
    assert read_table(b"a\tb\r\n1\t2\r\n", "f.csv") == [["a", "b"], ["1", "2"]]
    assert read_table(b"a,b,,\r\n 1 ,,,\r\n", "f.csv") == [["a", "b"], ["1"]]


def test_csv_without_bom_is_read_too():
    assert read_table(csv_bytes([["name"], ["ວຽງຈັນ"]], bom=False), "f.csv") == [["name"], ["ວຽງຈັນ"]]


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n\x00\x00", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00"])
def test_binary_content_is_a_file_problem(content):
    with pytest.raises(FileProblem) as problem:
        read_table(content, "f.csv")
    assert str(problem.value.problems[0][0]) == "This file could not be read as an XLSX or CSV spreadsheet."
