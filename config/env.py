"""Typed readers for settings that come from environment variables.

Each reader fails loudly (ImproperlyConfigured) on a value it cannot parse, so a
typo in production configuration stops the process at start-up instead of
silently falling back to a default.
"""

from __future__ import annotations

import os
import re
from email.utils import getaddresses
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"The environment variable {name} is required.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    lowered = raw.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no).")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def email_settings_from_url(url: str) -> dict[str, Any]:
    """Django e-mail settings from a URL such as ``smtp://user:pass@host:587?tls=1``.

    Supported schemes: ``smtp``, ``smtps`` (implicit TLS), ``console``, ``locmem``,
    ``file:///path/to/dir`` and ``dummy``.
    """
    parsed = urlparse(url)
    backends = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "dummy": "django.core.mail.backends.dummy.EmailBackend",
        "file": "django.core.mail.backends.filebased.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "smtps": "django.core.mail.backends.smtp.EmailBackend",
    }
    if parsed.scheme not in backends:
        raise ImproperlyConfigured(f"EMAIL_URL scheme {parsed.scheme!r} is not one of: {', '.join(sorted(backends))}.")
    settings: dict[str, Any] = {"EMAIL_BACKEND": backends[parsed.scheme]}
    if parsed.scheme == "file":
        settings["EMAIL_FILE_PATH"] = unquote(parsed.path)
    if parsed.scheme in {"smtp", "smtps"}:
        query = parse_qs(parsed.query)
        try:
            port = parsed.port
        except ValueError as exc:
            raise ImproperlyConfigured(f"EMAIL_URL has an invalid port: {url!r}") from exc
        settings.update(
            EMAIL_HOST=parsed.hostname or "localhost",
            EMAIL_PORT=port or (465 if parsed.scheme == "smtps" else 25),
            EMAIL_HOST_USER=unquote(parsed.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parsed.password or ""),
            EMAIL_USE_SSL=parsed.scheme == "smtps",
            EMAIL_USE_TLS=query.get("tls", ["0"])[0].lower() in _TRUE,
        )
    return settings


def env_addresses(name: str) -> list[tuple[str, str]]:
    """People as ``Name <address>, Other <address>`` (a bare address works too), as Django's ADMINS."""
    raw = os.environ.get(name, "")
    people = []
    for name_part, address in getaddresses([raw]):
        if not address:
            continue
        if "@" not in address:
            raise ImproperlyConfigured(f"{name}: {address!r} is not an e-mail address.")
        people.append((name_part or address, address))
    return people


# --- Where uploaded files live -------------------------------------------------------------------

FILE_SYSTEM_STORAGE = "django.core.files.storage.FileSystemStorage"
S3_STORAGE = "storages.backends.s3.S3Storage"
# S3's rule for bucket names: 3 to 63 lowercase letters, digits, dots and hyphens.
_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
_ADDRESSING_STYLES = {"auto", "path", "virtual"}
# A download larger than this is spooled to a temporary file rather than held in memory.
S3_MAX_MEMORY_BYTES = 4 * 1024 * 1024


def s3_storage(
    *,
    bucket: str,
    location: str = "",
    endpoint_url: str = "",
    region_name: str = "",
    addressing_style: str = "",
    source: str = "AWS_STORAGE_BUCKET_NAME",
) -> dict[str, Any]:
    """The ``STORAGES["default"]`` entry for a bucket of an S3-compatible object store.

    Files stay private: no ACL is sent (a new object is the bucket owner's alone), nothing is
    ever served from the bucket (downloads go through the library's view, which checks access),
    and a file never replaces another of the same name. The keys are not settings: boto3 reads
    ``AWS_ACCESS_KEY_ID`` and ``AWS_SECRET_ACCESS_KEY`` (or the machine's role) itself.
    """
    if not _BUCKET.match(bucket):
        raise ImproperlyConfigured(
            f"{source}: {bucket!r} is not a bucket name (3 to 63 lowercase letters, digits, dots, hyphens)."
        )
    if endpoint_url:
        endpoint = urlparse(endpoint_url)
        if endpoint.scheme not in {"http", "https"} or not endpoint.hostname:
            raise ImproperlyConfigured(f"{source}: the endpoint {endpoint_url!r} is not an http(s) address.")
    if addressing_style and addressing_style not in _ADDRESSING_STYLES:
        raise ImproperlyConfigured(
            f"{source}: addressing style {addressing_style!r} is not one of: {', '.join(sorted(_ADDRESSING_STYLES))}."
        )
    options: dict[str, Any] = {
        "bucket_name": bucket,
        "location": location.strip("/"),
        "default_acl": None,
        "file_overwrite": False,
        # A name asked for a URL by mistake gets a signed, expiring one, never a public one.
        "querystring_auth": True,
        "max_memory_size": S3_MAX_MEMORY_BYTES,
    }
    if endpoint_url:
        options["endpoint_url"] = endpoint_url
    if region_name:
        options["region_name"] = region_name
    if addressing_style:
        options["addressing_style"] = addressing_style
    return {"BACKEND": S3_STORAGE, "OPTIONS": options}


_S3_QUERY = {
    "endpoint_url": "endpoint_url",
    "region": "region_name",
    "region_name": "region_name",
    "addressing_style": "addressing_style",
}


def storage_from_url(url: str) -> dict[str, Any]:
    """The ``STORAGES["default"]`` entry for ``s3://bucket/prefix?endpoint_url=…&region=…``.

    The path is the prefix every file is stored under (none: the bucket's root). The query may
    give ``endpoint_url`` (an S3-compatible service other than AWS: MinIO, Scaleway, OVH…),
    ``region`` and ``addressing_style`` (``path`` for most self-hosted services). The keys are
    never part of the URL (see ``s3_storage``).
    """
    parsed = urlparse(url)
    if parsed.scheme != "s3":
        raise ImproperlyConfigured(f"MEDIA_STORAGE_URL scheme {parsed.scheme!r} is not s3 (s3://bucket/prefix).")
    if "@" in parsed.netloc:
        raise ImproperlyConfigured(
            "MEDIA_STORAGE_URL holds no keys: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead."
        )
    query = parse_qs(parsed.query, keep_blank_values=True)
    unknown = sorted(set(query) - set(_S3_QUERY))
    if unknown:
        raise ImproperlyConfigured(
            f"MEDIA_STORAGE_URL: unknown option {', '.join(unknown)} (known: {', '.join(sorted(_S3_QUERY))})."
        )
    options = {_S3_QUERY[key]: values[-1] for key, values in query.items()}
    return s3_storage(
        bucket=parsed.netloc,
        location=unquote(parsed.path),
        source="MEDIA_STORAGE_URL",
        **options,
    )


def media_storage_from_env() -> dict[str, Any]:
    """The local disk (``MEDIA_ROOT``) unless ``MEDIA_STORAGE_URL`` or ``AWS_STORAGE_BUCKET_NAME``
    names a bucket; both at once is refused, as one of them would be silently ignored."""
    url = os.environ.get("MEDIA_STORAGE_URL", "").strip()
    bucket = os.environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if url and bucket:
        raise ImproperlyConfigured("Set MEDIA_STORAGE_URL or AWS_STORAGE_BUCKET_NAME, not both.")
    if url:
        return storage_from_url(url)
    if bucket:
        return s3_storage(
            bucket=bucket,
            location=os.environ.get("AWS_LOCATION", ""),
            endpoint_url=os.environ.get("AWS_S3_ENDPOINT_URL", "").strip(),
            region_name=os.environ.get("AWS_S3_REGION_NAME", "").strip(),
            addressing_style=os.environ.get("AWS_S3_ADDRESSING_STYLE", "").strip(),
        )
    return {"BACKEND": FILE_SYSTEM_STORAGE}
