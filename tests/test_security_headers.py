"""Issue 12, deliver 1: what a DEBUG=0 deployment sends besides the headers the route walk checks
(tests/test_routes_by_role.py checks those on every URL for every role)."""

from __future__ import annotations

import re

from django.urls import reverse

from tests.security_headers import (
    ONE_YEAR,
    ROOT,
    apply_production_security,
    assert_cookie_is_guarded,
    production_security_settings,
)


def test_production_keeps_browsers_on_https_for_at_least_a_year():
    assert production_security_settings()["SECURE_HSTS_SECONDS"] >= ONE_YEAR


def test_production_sends_cookies_over_https_only():
    values = production_security_settings()
    assert [values["SESSION_COOKIE_SECURE"], values["CSRF_COOKIE_SECURE"], values["LANGUAGE_COOKIE_SECURE"]] == [
        True,
        True,
        True,
    ]


def _cookies_set_while_signing_in_and_switching_language(world) -> dict:
    client = world.client_for("anonymous")
    client.get(reverse("accounts:login"), secure=True)  # the CSRF cookie
    cookies = {}
    signed_in = client.post(
        reverse("accounts:login"), {"username": "coordinator@reseau.test", "password": "demo-password"}, secure=True
    )
    cookies.update(signed_in.cookies)
    switched = client.post(reverse("core:set_language"), {"language": "fr", "next": "/"}, secure=True)
    cookies.update(switched.cookies)
    return cookies


def test_every_cookie_is_secure_hidden_from_scripts_and_same_site(world, settings):
    apply_production_security(settings)
    cookies = _cookies_set_while_signing_in_and_switching_language(world)
    assert {"sessionid", "csrftoken", settings.LANGUAGE_COOKIE_NAME} <= set(cookies)
    for cookie in cookies.values():
        assert_cookie_is_guarded(cookie, where="signing in and switching language")


# The programme PDF's template is drawn by WeasyPrint on the server, never sent to a browser.
# Never served as a page: the programme is printed by WeasyPrint, and an e-mail's HTML is styled
# inline because mail programs drop style sheets.
PRINTED_ONLY = {"events/programme_pdf.html", "communication/email/letter.html"}
INLINE_CODE = {
    "an inline <script>": re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE),
    "a <style> element": re.compile(r"<style[\s>]", re.IGNORECASE),
    "a style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "an event-handler attribute": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "a javascript: address": re.compile(r"javascript:", re.IGNORECASE),
}


def test_no_template_holds_code_the_policy_would_refuse():
    """The CSP refuses inline code; a template that adds some fails here before it fails in a browser."""
    found = []
    for template in sorted(ROOT.glob("reseau/*/templates/**/*.html")) + sorted(ROOT.glob("templates/**/*.html")):
        name = str(template).split("/templates/", 1)[1]
        if name in PRINTED_ONLY:
            continue
        text = re.sub(r"{#.*?#}|{% comment %}.*?{% endcomment %}", "", template.read_text(), flags=re.DOTALL)
        found += [f"{name}: {what}" for what, pattern in INLINE_CODE.items() if pattern.search(text)]
    assert not found, "templates with inline code the Content-Security-Policy refuses:\n" + "\n".join(found)
