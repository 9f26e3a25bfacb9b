"""Issue 12, deliver 6: the 500 page's "the team has been told" is true, and what the team is
told holds no personal data (the e-mail to ADMINS, the event sent to Sentry)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import include, path

from config.sentry import sentry_event_scrub
from tests.security_headers import PRODUCTION, manage

PASSWORD_TYPED = "correct-horse-battery-staple"


def _fails(request: HttpRequest, **kwargs: str) -> HttpResponse:
    raise RuntimeError("the view failed")


# This module is the URL configuration of the tests below: the site's URLs and one that fails.
urlpatterns = [
    path("failing/", _fails),
    path("calendar/private/<str:token>/failing.ics", _fails),
    path("", include("config.urls")),
]
handler500 = "reseau.core.views.server_error"


@pytest.fixture
def failing_site(settings):
    settings.ROOT_URLCONF = __name__
    settings.ADMINS = [("Operations", "ops@example.org")]
    settings.SENTRY_DSN = ""


def _fail_as_coordinator(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.users["coordinator"])
    return client.post(
        "/failing/?token=secret-feed-token",
        {"email": "coordinator@reseau.test", "password": PASSWORD_TYPED},
    )


def test_a_server_error_is_mailed_to_the_admins(world, failing_site):
    _fail_as_coordinator(world)
    assert [message.to for message in mail.outbox] == [["ops@example.org"]]


def test_the_mail_names_the_error(world, failing_site):
    _fail_as_coordinator(world)
    assert "the view failed" in mail.outbox[0].body


def test_the_mail_does_not_hold_the_persons_email(world, failing_site):
    _fail_as_coordinator(world)
    message = mail.outbox[0]
    assert "coordinator@reseau.test" not in f"{message.subject}\n{message.body}"


def test_the_mail_does_not_hold_what_was_typed_in_the_form(world, failing_site):
    _fail_as_coordinator(world)
    assert PASSWORD_TYPED not in mail.outbox[0].body


def test_the_mail_does_not_hold_the_session_cookie_or_a_query_token(world, failing_site):
    client = Client(raise_request_exception=False)
    client.force_login(world.users["coordinator"])
    client.get("/failing/?token=secret-feed-token")
    body = f"{mail.outbox[0].subject}\n{mail.outbox[0].body}"
    assert [client.cookies["sessionid"].value in body, "secret-feed-token" in body] == [False, False]


def test_the_mail_does_not_hold_a_private_calendar_address(world, failing_site):
    Client(raise_request_exception=False).get("/calendar/private/Secret-Feed-Token-123/failing.ics")
    message = mail.outbox[0]
    html = "".join(str(content) for content, _type in getattr(message, "alternatives", []))
    assert "Secret-Feed-Token-123" not in f"{message.subject}\n{message.body}\n{html}"


def test_the_mail_still_says_which_address_failed(world, failing_site):
    Client(raise_request_exception=False).get("/calendar/private/Secret-Feed-Token-123/failing.ics")
    assert "/calendar/private/[removed]/failing.ics" in mail.outbox[0].subject


def test_the_sentry_event_leaves_without_a_private_calendar_address():
    event = {"request": {"url": "https://reseau.example.org/calendar/private/Secret-Token/mine.ics"}}
    assert sentry_event_scrub(event, {})["request"]["url"].endswith("/calendar/private/[removed]/mine.ics")


def test_with_admins_the_500_page_says_the_team_was_told(world, failing_site):
    assert "The team has been told" in _fail_as_coordinator(world).content.decode()


def test_with_no_one_to_tell_the_500_page_says_the_error_was_logged(world, failing_site, settings):
    settings.ADMINS = []
    page = _fail_as_coordinator(world).content.decode()
    assert ["The team has been told" in page, "recorded in the server log" in page] == [False, True]


SENTRY_EVENT = {
    "message": "boom",
    "request": {
        "url": "https://reseau.example.org/calendar/feeds/?token=abc",
        "method": "POST",
        "query_string": "token=abc",
        "cookies": {"sessionid": "s3ss10n"},
        "data": {"email": "someone@example.org", "password": "hunter2"},
        "headers": {"Authorization": "Bearer abc", "Cookie": "sessionid=s3ss10n", "User-Agent": "Firefox"},
        "env": {"REMOTE_ADDR": "203.0.113.9"},
    },
    "user": {"id": "7", "email": "someone@example.org", "ip_address": "203.0.113.9", "username": "someone"},
    "breadcrumbs": {"values": [{"category": "query", "data": {"params": ["someone@example.org"]}}]},
    "exception": {"values": [{"stacktrace": {"frames": [{"function": "view", "vars": {"password": "hunter2"}}]}}]},
}


def _scrubbed_text() -> str:
    import copy

    return repr(sentry_event_scrub(copy.deepcopy(SENTRY_EVENT), {}))


@pytest.mark.parametrize("personal", ["someone@example.org", "hunter2", "s3ss10n", "Bearer abc", "203.0.113.9", "abc"])
def test_the_sentry_event_leaves_without_personal_data(personal):
    assert personal not in _scrubbed_text()


def test_the_sentry_event_keeps_what_a_developer_needs():
    event = sentry_event_scrub({**SENTRY_EVENT, "request": dict(SENTRY_EVENT["request"])}, {})
    assert [event["message"], event["request"]["url"], event["user"]] == [
        "boom",
        "https://reseau.example.org/calendar/feeds/",
        {"id": "7"},
    ]


def test_with_a_sentry_dsn_errors_go_to_sentry_without_personal_data():
    read = (
        "import sentry_sdk; options = sentry_sdk.get_client().options; "
        "print(options['send_default_pii'], options['before_send'].__name__)"
    )
    result = manage("shell", "-c", read, **PRODUCTION, SENTRY_DSN="https://key@sentry.example.org/1")
    assert result.stdout.strip().splitlines()[-1].split() == ["False", "sentry_event_scrub"], result.stderr


def test_admins_are_read_from_the_environment(monkeypatch):
    from config.env import env_addresses

    monkeypatch.setenv("RESEAU_ADMINS", "Ops Team <ops@example.org>, dev@example.org")
    assert env_addresses("RESEAU_ADMINS") == [("Ops Team", "ops@example.org"), ("dev@example.org", "dev@example.org")]


def test_a_malformed_admin_address_stops_start_up(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from config.env import env_addresses

    monkeypatch.setenv("RESEAU_ADMINS", "Ops Team")
    with pytest.raises(ImproperlyConfigured, match="not an e-mail address"):
        env_addresses("RESEAU_ADMINS")
