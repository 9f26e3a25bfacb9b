"""Building spreadsheets and uploading them, for the exchange tests."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from reseau.exchange.models import ImportBatch

ORGANISATION_HEADER = [
    "name_en",
    "name_fr",
    "acronym",
    "kind",
    "countries",
    "region_en",
    "region_fr",
    "website",
    "themes",
    "notes",
    "shared_with_partners",
]


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list[Any]], *, delimiter: str = ",", bom: bool = True) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


def read_xlsx(content: bytes) -> list[list[Any]]:
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "the CSV starts with a UTF-8 byte-order mark"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def upload(client: Client, kind: str, name: str, content: bytes, **data: Any):
    url = reverse("exchange:import", kwargs={"kind": kind})
    return client.post(url, {"file": SimpleUploadedFile(name, content), **data})


def review(client: Client, batch: ImportBatch, action: str | None = None):
    url = reverse("exchange:import_review", kwargs={"pk": batch.pk})
    if action is None:
        return client.get(url)
    return client.post(url, {"action": action}, follow=True)


def upload_and_apply(client: Client, kind: str, name: str, content: bytes, **data: Any) -> ImportBatch:
    response = upload(client, kind, name, content, **data)
    assert response.status_code == 302, response.content.decode()[:2000]
    batch = ImportBatch.objects.latest("pk")
    review(client, batch, "apply")
    batch.refresh_from_db()
    return batch


def organisation_row(**values: Any) -> list[Any]:
    defaults = {"kind": "donor", "shared_with_partners": "no"}
    defaults.update(values)
    return [defaults.get(column, "") for column in ORGANISATION_HEADER]
