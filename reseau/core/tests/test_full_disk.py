"""A full disk on upload: a clear message, nothing half-stored (issue 12).

Every upload the platform accepts is received by Django's upload handler (a temporary file
on disk for large ones) and then stored as rows; the disk can fill at either step.
"""

from __future__ import annotations

import errno

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.urls import reverse

from reseau.audit.models import AuditEvent
from reseau.core.full_disk import CleanTemporaryFileUploadHandler
from reseau.exchange.models import ImportBatch
from reseau.exchange.tests.helpers import ORGANISATION_HEADER, csv_bytes, organisation_row
from reseau.plans.models import Plan
from tests.factories import PlanFactory

MESSAGE = "The server has no space left to store what you sent. Nothing was saved"


class _FullAfterTenBytes:
    """A temporary file on a disk that fills after ten bytes."""

    def __init__(self, inner):
        self.inner = inner

    def write(self, data):
        self.inner.write(data[:10])
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name):
        return getattr(self.inner, name)


class FullDiskUploadHandler(CleanTemporaryFileUploadHandler):
    """The platform's handler for large uploads, every upload sent to it, on a disk that fills."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.file.file = _FullAfterTenBytes(self.file.file)  # type: ignore[assignment]


def _uploads(world) -> dict[str, tuple[str, object]]:
    """Every upload field: where it posts, as whom."""
    plan = PlanFactory(network=world.users["coordinator"].network)
    return {
        "exchange import": (reverse("exchange:import", kwargs={"kind": "organisations"}), "coordinator"),
        "plan import": (reverse("plans:plan_import", kwargs={"code": plan.code}), "coordinator"),
    }


UPLOADS = ["exchange import", "plan import"]
CONTENT = csv_bytes([ORGANISATION_HEADER, organisation_row(name_en="Ville de Huế")])


@pytest.fixture
def full_disk(settings, tmp_path):
    settings.FILE_UPLOAD_HANDLERS = ["reseau.core.tests.test_full_disk.FullDiskUploadHandler"]
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    return tmp_path


def _post(world, upload: str):
    url, role = _uploads(world)[upload]
    return world.client_for(role).post(url, {"file": SimpleUploadedFile("organisations.csv", CONTENT)})


@pytest.mark.parametrize("upload", UPLOADS)
def test_an_upload_onto_a_full_disk_says_nothing_was_saved(world, full_disk, upload):
    response = _post(world, upload)

    assert (response.status_code, MESSAGE in response.content.decode()) == (507, True)


def test_a_full_disk_is_said_before_the_csrf_check_looks_for_its_token(world, full_disk):
    """In production the form is read before the view (NUL check, CSRF check): the disk fills there."""
    url, role = _uploads(world)["exchange import"]
    client = world.client_for(role)
    client.handler.enforce_csrf_checks = True
    response = client.post(url, {"file": SimpleUploadedFile("organisations.csv", CONTENT)})

    assert (response.status_code, MESSAGE in response.content.decode()) == (507, True)


@pytest.mark.parametrize("upload", UPLOADS)
def test_an_upload_onto_a_full_disk_leaves_no_temporary_file(world, full_disk, upload):
    _post(world, upload)

    assert list(full_disk.iterdir()) == []


@pytest.mark.parametrize("upload", UPLOADS)
def test_an_upload_onto_a_full_disk_stores_no_row(world, full_disk, upload):
    plans_before = Plan.objects.count() + 1  # _uploads adds one plan to post into
    _post(world, upload)

    assert (ImportBatch.objects.count(), AuditEvent.objects.count(), Plan.objects.count()) == (0, 0, plans_before)


@pytest.fixture
def full_database(monkeypatch):
    """The database cannot grow: SQLite's own words when the disk under it is full."""

    def refuse(*args, **kwargs):
        raise OperationalError("database or disk is full")

    monkeypatch.setattr(ImportBatch, "save", refuse)


def test_an_import_whose_batch_finds_the_database_full_says_nothing_was_saved(world, full_database):
    response = _post(world, "exchange import")

    assert (response.status_code, MESSAGE in response.content.decode()) == (507, True)


def test_an_import_whose_batch_finds_the_database_full_stores_nothing(world, full_database):
    _post(world, "exchange import")

    assert (ImportBatch.objects.count(), AuditEvent.objects.count()) == (0, 0)


def test_another_database_error_is_still_a_server_error(world, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("deadlock detected")

    monkeypatch.setattr(ImportBatch, "save", refuse)
    client = world.client_for("coordinator")
    client.raise_request_exception = False
    url = reverse("exchange:import", kwargs={"kind": "organisations"})
    response = client.post(url, {"file": SimpleUploadedFile("organisations.csv", CONTENT)})

    assert response.status_code == 500
