"""Typed readers for settings that come from environment variables.

Each reader fails loudly (ImproperlyConfigured) on a value it cannot parse, so a
typo in production configuration stops the process at start-up instead of
silently falling back to a default.
"""

from __future__ import annotations

import os
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
