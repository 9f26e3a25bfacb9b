"""Settings come from the environment, fail loudly, and pass Django's deployment checks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import (
    FILE_SYSTEM_STORAGE,
    S3_STORAGE,
    email_settings_from_url,
    env_bool,
    env_int,
    env_str,
    media_storage_from_env,
    storage_from_url,
)

ROOT = Path(__file__).resolve().parent.parent


def test_a_missing_required_variable_stops_start_up(monkeypatch):
    monkeypatch.delenv("RESEAU_NOT_SET", raising=False)
    with pytest.raises(ImproperlyConfigured, match="RESEAU_NOT_SET is required"):
        env_str("RESEAU_NOT_SET")


@pytest.mark.parametrize("raw", ["maybe", "2", "oui"])
def test_a_malformed_boolean_stops_start_up(monkeypatch, raw):
    monkeypatch.setenv("RESEAU_FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match="is not a boolean"):
        env_bool("RESEAU_FLAG", False)


def test_a_malformed_integer_stops_start_up(monkeypatch):
    monkeypatch.setenv("RESEAU_NUMBER", "twelve")
    with pytest.raises(ImproperlyConfigured, match="is not an integer"):
        env_int("RESEAU_NUMBER", 1)


def test_email_url_is_parsed():
    smtp = email_settings_from_url("smtp://mailer:s%40cret@mail.example.org:587?tls=1")
    assert smtp["EMAIL_HOST"] == "mail.example.org"
    assert smtp["EMAIL_PORT"] == 587
    assert smtp["EMAIL_HOST_PASSWORD"] == "s@cret"
    assert smtp["EMAIL_USE_TLS"] is True
    assert email_settings_from_url("console://")["EMAIL_BACKEND"].endswith("console.EmailBackend")
    with pytest.raises(ImproperlyConfigured, match="scheme"):
        email_settings_from_url("carrier-pigeon://coop")


STORAGE_VARIABLES = (
    "MEDIA_STORAGE_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_LOCATION",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_S3_ADDRESSING_STYLE",
)


@pytest.fixture
def no_storage_variables(monkeypatch):
    for name in STORAGE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_files_are_on_the_local_disk_unless_a_bucket_is_named(no_storage_variables):
    assert media_storage_from_env() == {"BACKEND": FILE_SYSTEM_STORAGE}


def test_a_media_storage_url_names_a_private_bucket():
    entry = storage_from_url("s3://reseau-files/site/media/?endpoint_url=http://127.0.0.1:9000&region=eu-west-3")
    assert entry["BACKEND"] == S3_STORAGE
    assert entry["OPTIONS"] == {
        "bucket_name": "reseau-files",
        "location": "site/media",
        "endpoint_url": "http://127.0.0.1:9000",
        "region_name": "eu-west-3",
        "default_acl": None,
        "file_overwrite": False,
        "querystring_auth": True,
        "max_memory_size": 4 * 1024 * 1024,
    }


def test_the_bucket_is_reached_through_django_storages_with_these_options():
    from django.core.files.storage import storages
    from storages.backends.s3 import S3Storage

    storage = storages.create_storage(storage_from_url("s3://reseau-files/media?region=eu-west-3"))
    assert isinstance(storage, S3Storage)
    assert (storage.bucket_name, storage.location, storage.default_acl, storage.file_overwrite) == (
        "reseau-files",
        "media",
        None,
        False,
    )


def test_a_media_storage_url_needs_no_prefix_nor_options():
    options = storage_from_url("s3://reseau-files")["OPTIONS"]
    assert (options["bucket_name"], options["location"]) == ("reseau-files", "")
    assert {"endpoint_url", "region_name"} & set(options) == set()


def test_the_addressing_style_is_read_from_the_url():
    assert storage_from_url("s3://reseau-files?addressing_style=path")["OPTIONS"]["addressing_style"] == "path"


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("https://reseau-files/media", "scheme 'https' is not s3"),
        ("s3://AKIA:secret@reseau-files/media", "holds no keys"),
        ("s3://Reseau_Files/media", "is not a bucket name"),
        ("s3:///media", "is not a bucket name"),
        ("s3://reseau-files?endpoint=http://minio:9000", "unknown option endpoint"),
        ("s3://reseau-files?endpoint_url=minio:9000", "is not an http(s) address"),
        ("s3://reseau-files?addressing_style=sideways", "addressing style 'sideways'"),
    ],
)
def test_a_malformed_media_storage_url_stops_start_up(url, says):
    with pytest.raises(ImproperlyConfigured, match=re.escape(says)):
        storage_from_url(url)


def test_the_usual_s3_variables_name_a_bucket(no_storage_variables):
    no_storage_variables.setenv("AWS_STORAGE_BUCKET_NAME", "reseau-files")
    no_storage_variables.setenv("AWS_LOCATION", "/media/")
    no_storage_variables.setenv("AWS_S3_ENDPOINT_URL", "https://s3.fr-par.scw.cloud")
    no_storage_variables.setenv("AWS_S3_REGION_NAME", "fr-par")
    entry = media_storage_from_env()
    assert entry["BACKEND"] == S3_STORAGE
    assert {key: entry["OPTIONS"][key] for key in ("bucket_name", "location", "endpoint_url", "region_name")} == {
        "bucket_name": "reseau-files",
        "location": "media",
        "endpoint_url": "https://s3.fr-par.scw.cloud",
        "region_name": "fr-par",
    }
    assert entry["OPTIONS"]["default_acl"] is None


def test_a_bucket_named_twice_stops_start_up(no_storage_variables):
    no_storage_variables.setenv("MEDIA_STORAGE_URL", "s3://reseau-files")
    no_storage_variables.setenv("AWS_STORAGE_BUCKET_NAME", "reseau-other")
    with pytest.raises(ImproperlyConfigured, match="not both"):
        media_storage_from_env()


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # The browser tests allow async-unsafe ORM calls in this process; a deployment never does.
    dropped = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "DEMO_MODE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x7$Vq!pL2#rT9wZ@mN4&bK8^cJ1*hF6(dS3)gA5-eY0+uI_oP=lQ",
    "ALLOWED_HOSTS": "reseau.example.org",
    "EMAIL_URL": "smtp://mail.example.org:587?tls=1",
    "DATABASE_URL": "sqlite:////tmp/reseau-deploy-check.sqlite3",
}


def test_production_settings_pass_the_deployment_checks():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_with_its_files_in_a_bucket_passes_the_deployment_checks():
    bucket = {"MEDIA_STORAGE_URL": "s3://reseau-files/media?endpoint_url=https://s3.example.org&region=eu-west-3"}
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, **bucket)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = _manage("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


@pytest.mark.heavy
def test_demo_accounts_are_never_created_in_production(tmp_path):
    env = {**PRODUCTION, "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}", "RESEAU_VAR_DIR": str(tmp_path)}
    assert _manage("migrate", "--no-input", **env).returncode == 0
    result = _manage("seed_demo", **env)
    assert result.returncode != 0
    assert "only created in demo mode" in result.stderr
