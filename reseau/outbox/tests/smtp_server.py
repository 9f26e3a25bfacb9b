"""A real SMTP server for the tests: aiosmtpd on 127.0.0.1, on a port free at the time.

It keeps what it received and answers RCPT and DATA as a test tells it to ("550 5.1.1 …" to
refuse a recipient, "451 4.3.0 …" to ask to try later). Other apps' tests may use it too:
``from reseau.outbox.tests.smtp_server import SmtpServer, smtp_backend``.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller

HOST = "127.0.0.1"
ACCEPTED = "250 2.0.0 OK"


def free_port() -> int:
    """A port nothing listens on now (the system's choice): a closed port until a server takes it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


class ClosedPort:
    """A port held (bound, not listening) so that connecting is refused, as to a server that is
    down, and that no other test's server takes meanwhile; ``release`` lets a server start on it."""

    def __init__(self) -> None:
        self.holder: socket.socket | None = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.holder.bind((HOST, 0))
        self.port = int(self.holder.getsockname()[1])

    def release(self) -> None:
        if self.holder is not None:
            self.holder.close()
            self.holder = None


class Handler:
    def __init__(self) -> None:
        self.rcpt_answer = ACCEPTED
        self.data_answer = ACCEPTED
        self.received: list[EmailMessage] = []
        self.envelopes: list[list[str]] = []
        self.rcpt_commands = 0
        self.data_commands = 0

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        self.rcpt_commands += 1
        if self.rcpt_answer.startswith("250"):
            envelope.rcpt_tos.append(address)
        return self.rcpt_answer

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.data_commands += 1
        if self.data_answer.startswith("250"):
            self.received.append(message_from_bytes(envelope.content, policy=policy.default))
            self.envelopes.append(list(envelope.rcpt_tos))
        return self.data_answer


class SmtpServer:
    """A running server: ``received`` holds the messages it accepted, parsed."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.handler = Handler()
        self.controller = Controller(self.handler, hostname=HOST, port=port)

    @property
    def received(self) -> list[EmailMessage]:
        return self.handler.received

    def answer_rcpt(self, answer: str) -> None:
        self.handler.rcpt_answer = answer

    def answer_data(self, answer: str) -> None:
        self.handler.data_answer = answer


@contextmanager
def running_smtp_server(port: int | None = None) -> Iterator[SmtpServer]:
    server = SmtpServer(port or free_port())
    server.controller.start()
    try:
        yield server
    finally:
        server.controller.stop()


def smtp_backend(settings: Any, port: int) -> None:
    """Point Django's SMTP backend at 127.0.0.1:port (pytest-django's ``settings`` fixture)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = HOST
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
