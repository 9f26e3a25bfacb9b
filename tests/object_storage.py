"""The two file storages the storage tests run on: the local disk, and an S3 bucket on a local
S3 server (moto's, on 127.0.0.1, started once per test process; nothing leaves the machine).

``file_storage`` is parametrized: a test that asks for it runs once on each storage, with
``STORAGES["default"]`` set as the operator's settings would set it (``config.env``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from config.env import FILE_SYSTEM_STORAGE, s3_storage

REGION = "eu-west-3"
# moto takes any key; these are never real ones.
KEYS = {"access_key": "testing", "secret_key": "testing"}
# The prefix every object of the site is stored under, as an operator's MEDIA_STORAGE_URL path.
PREFIX = "reseau-media"


@dataclass
class S3Server:
    endpoint_url: str

    def client(self) -> Any:
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name=REGION,
            aws_access_key_id=KEYS["access_key"],
            aws_secret_access_key=KEYS["secret_key"],
        )

    def storage_entry(self, bucket: str, **options: Any) -> dict[str, Any]:
        entry = s3_storage(bucket=bucket, location=PREFIX, endpoint_url=self.endpoint_url, region_name=REGION)
        entry["OPTIONS"].update(KEYS, **options)
        return entry


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield S3Server(endpoint_url=f"http://{host}:{port}")
    finally:
        server.stop()


@dataclass
class FileStore:
    """Where the files of one test are: ``kind`` is "disk" or "s3"."""

    kind: str
    server: S3Server | None = None
    bucket: str = ""

    def names(self) -> list[str]:
        """Every file of the default storage, read through the storage API."""
        from django.core.files.storage import default_storage

        from reseau.core.backups import media_names

        return list(media_names(default_storage))

    def bucket_keys(self) -> list[str]:
        """Every object of the bucket, listed by the S3 API itself (not through the site)."""
        assert self.server is not None
        pages = self.server.client().get_paginator("list_objects_v2").paginate(Bucket=self.bucket)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", []))

    def object_url(self, name: str) -> str:
        """The address of a stored file in the bucket, as a visitor would type it."""
        from urllib.parse import quote

        assert self.server is not None
        return f"{self.server.endpoint_url}/{self.bucket}/{quote(f'{PREFIX}/{name}')}"


def _bucket_of_its_own(server: S3Server, settings: Any) -> FileStore:
    bucket = f"reseau-{uuid.uuid4().hex[:16]}"
    server.client().create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
    settings.STORAGES = {**settings.STORAGES, "default": server.storage_entry(bucket)}
    return FileStore(kind="s3", server=server, bucket=bucket)


@pytest.fixture(params=["disk", "s3"])
def file_storage(request: pytest.FixtureRequest, settings: Any) -> FileStore:
    """The test runs twice: on the local disk, then in a bucket of its own."""
    if request.param == "disk":
        settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": FILE_SYSTEM_STORAGE}}
        return FileStore(kind="disk")
    return _bucket_of_its_own(request.getfixturevalue("s3_server"), settings)


@pytest.fixture
def s3_file_storage(s3_server: S3Server, settings: Any) -> FileStore:
    """A bucket of its own, for what only an object store can show."""
    return _bucket_of_its_own(s3_server, settings)
