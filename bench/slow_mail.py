"""A file mail backend that leaves a mark when it starts sending, then takes its time."""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.filebased import EmailBackend


class SlowFileEmailBackend(EmailBackend):
    def send_messages(self, email_messages):  # type: ignore[no-untyped-def]
        marks = Path(getattr(settings, "EMAIL_FILE_PATH", "/tmp")).parent / "sending"
        marks.mkdir(parents=True, exist_ok=True)
        (marks / f"{time.time_ns()}").touch()
        time.sleep(getattr(settings, "BENCH_SEND_SECONDS", 3.0))
        return super().send_messages(email_messages)
