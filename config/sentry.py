"""Sentry, when SENTRY_DSN is set: errors are sent without the personal data around them.

Imported by the settings before Django is set up, so nothing here imports Django.
"""

from __future__ import annotations

import re
from typing import Any

REMOVED = "[removed]"
# Request headers, by their HTTP names, that name or authenticate the person.
_PERSONAL_HEADERS = {"authorization", "cookie", "set-cookie", "x-csrftoken", "x-forwarded-for", "x-real-ip", "referer"}


# Addresses that are secrets themselves: a private calendar feed (its token), a password-reset
# or welcome link (the account's number and its one-time token).
_SECRET_PATHS = (
    re.compile(r"(/calendar/private/)[^/]+"),
    re.compile(r"(/accounts/(?:reset|welcome)/)[^/]+/[^/]+"),
)


def path_without_secrets(text: str) -> str:
    """``text`` (a path, a URL, a subject) with the secret parts of such addresses removed."""
    for pattern in _SECRET_PATHS:
        text = pattern.sub(lambda match: f"{match.group(1)}{REMOVED}", text)
    return text


def sentry_event_scrub(event: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    """Sentry's before_send: what leaves the server has no personal data (send_default_pii is off too)."""
    request = event.get("request")
    if isinstance(request, dict):
        _request_scrub(request)
    user = event.get("user")
    if isinstance(user, dict):
        event["user"] = {"id": user["id"]} if "id" in user else {}
    # A breadcrumb of an SQL query or an HTTP call may carry values too; they are not needed.
    breadcrumbs = event.get("breadcrumbs")
    crumbs = breadcrumbs.get("values", []) if isinstance(breadcrumbs, dict) else []
    for crumb in crumbs:
        if isinstance(crumb, dict) and "data" in crumb:
            crumb["data"] = REMOVED
    for frame in _stack_frames(event):
        if "vars" in frame:
            frame["vars"] = REMOVED
    return event


def _request_scrub(request: dict[str, Any]) -> None:
    """Cookies, form bodies, the environment and query values go; the path and method stay."""
    for part in ("cookies", "data", "env"):
        if part in request:
            request[part] = REMOVED
    if request.get("query_string"):
        request["query_string"] = REMOVED
    if isinstance(request.get("url"), str):
        request["url"] = path_without_secrets(request["url"].split("?", 1)[0])
    headers = request.get("headers")
    if isinstance(headers, dict):
        for header in list(headers):
            if header.lower() in _PERSONAL_HEADERS:
                headers[header] = REMOVED


def _stack_frames(event: dict[str, Any]) -> list[dict[str, Any]]:
    frames: list[dict[str, Any]] = []
    exception = event.get("exception")
    values = exception.get("values", []) if isinstance(exception, dict) else []
    threads = event.get("threads")
    values = values + (threads.get("values", []) if isinstance(threads, dict) else [])
    for value in values:
        stacktrace = value.get("stacktrace") if isinstance(value, dict) else None
        if isinstance(stacktrace, dict):
            frames += [frame for frame in stacktrace.get("frames", []) if isinstance(frame, dict)]
    return frames


def sentry_start(*, dsn: str, environment: str) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        before_send=sentry_event_scrub,  # type: ignore[arg-type]
        traces_sample_rate=0.0,
    )
