from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from huey.contrib.djhuey import db_task


# huey ships no type hints: its decorator is untyped, the function below is not.
@db_task(retries=3, retry_delay=60)  # type: ignore[untyped-decorator]
def deliver_email(*, subject: str, body: str, to: list[str], html: str | None = None) -> None:
    """Send one message in the background: a slow mail server never slows a page."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
