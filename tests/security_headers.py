"""What every answer of the platform must carry (issue 12, deliver 1), checked on each route of the
route table (tests/test_routes_by_role.py) for each role: a new URL is covered once it has its row.

The production values (HSTS, Secure cookies) depend on DEBUG, which is read when the settings are
imported; ``production_security_settings`` reads them from a process started with DEBUG=0.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ONE_YEAR = 365 * 24 * 3600

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x7$Vq!pL2#rT9wZ@mN4&bK8^cJ1*hF6(dS3)gA5-eY0+uI_oP=lQ",
    "ALLOWED_HOSTS": "reseau.example.org",
    "EMAIL_URL": "smtp://mail.example.org:587?tls=1",
    "DATABASE_URL": "sqlite:////tmp/reseau-deploy-check.sqlite3",
}

# The settings a DEBUG=0 deployment gets for HTTPS and cookies.
SECURITY_SETTINGS = [
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SECURE",
]

_READ_SETTINGS = (
    "import json; from django.conf import settings; "
    f"print(json.dumps({{name: getattr(settings, name) for name in {SECURITY_SETTINGS!r}}}))"
)


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # The browser tests allow async-unsafe ORM calls in this process; a deployment never does.
    dropped = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "DEMO_MODE", "DJANGO_ALLOW_ASYNC_UNSAFE", "ADMINS", "SENTRY_DSN"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@functools.cache
def production_security_settings() -> dict[str, Any]:
    result = manage("shell", "-c", _READ_SETTINGS, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    values: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return values


def apply_production_security(settings: Any) -> None:
    """The pytest-django ``settings`` fixture, set as a DEBUG=0 deployment sets it (but without
    the redirect to https: the test client asks for https itself)."""
    for name, value in production_security_settings().items():
        setattr(settings, name, value)
    settings.SECURE_SSL_REDIRECT = False


def assert_security_headers(response: Any, *, signed_in: bool, where: str) -> None:
    """One answer, every header; ``where`` names the role and the URL in a failure."""
    policy = response.headers.get("Content-Security-Policy", "")
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives.get("default-src") == ["'self'"], f"{where}: Content-Security-Policy {policy!r}"
    assert "'unsafe-inline'" not in policy, f"{where}: the CSP allows inline code: {policy!r}"
    assert "'unsafe-eval'" not in policy, f"{where}: the CSP allows eval: {policy!r}"
    assert directives.get("frame-ancestors") == ["'none'"], f"{where}: pages may be framed: {policy!r}"
    assert directives.get("object-src") == ["'none'"], f"{where}: plugins allowed: {policy!r}"
    assert response.headers.get("X-Frame-Options") == "DENY", f"{where}: X-Frame-Options"
    assert response.headers.get("X-Content-Type-Options") == "nosniff", f"{where}: nosniff"
    assert response.headers.get("Referrer-Policy") == "same-origin", f"{where}: Referrer-Policy"
    hsts = response.headers.get("Strict-Transport-Security", "")
    max_age = int(hsts.split(";")[0].removeprefix("max-age=") or 0) if hsts.startswith("max-age=") else 0
    assert max_age >= ONE_YEAR, f"{where}: Strict-Transport-Security {hsts!r}"
    permissions = response.headers.get("Permissions-Policy", "")
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions, f"{where}: Permissions-Policy leaves {feature} on: {permissions!r}"
    if signed_in:
        cache = response.headers.get("Cache-Control", "")
        assert "no-store" in cache, f"{where}: a signed-in page may be stored: Cache-Control {cache!r}"
        assert "private" in cache, f"{where}: a signed-in page may be shared by a cache: {cache!r}"
    for cookie in response.cookies.values():
        assert_cookie_is_guarded(cookie, where=where)


def assert_cookie_is_guarded(cookie: Any, *, where: str) -> None:
    if not cookie.value and cookie["max-age"] == 0:
        return  # a deletion: it carries nothing
    name = cookie.key
    assert cookie["secure"], f"{where}: cookie {name} is sent over plain http"
    assert cookie["httponly"], f"{where}: cookie {name} is readable by scripts"
    assert str(cookie["samesite"]).lower() == "lax", f"{where}: cookie {name} SameSite={cookie['samesite']!r}"
