"""Settings come from the environment, fail loudly, and pass Django's deployment checks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import email_settings_from_url, env_bool, env_int, env_str

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
