from __future__ import annotations

from reseau.outbox.services import email_queue


def deliver_email(*, subject: str, body: str, to: list[str], html: str | None = None) -> None:
    """Send one message in the background: a slow mail server never slows a page, and a job
    queue that is down never fails it (the outbox keeps the message until it is sent)."""
    email_queue(subject=subject, body=body, to=to, html=html)
