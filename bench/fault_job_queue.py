"""Redis down, then back; a worker killed while it sends: no page fails, no message is lost or sent twice.

    DEBUG=1 .venv/bin/python bench/fault_job_queue.py

1. Redis is not running (REDIS_URL points at a closed port): a password-reset request.
2. Redis starts, then the worker (`manage.py run_huey`): the message stored in step 1 goes.
3. A new message is queued; the worker is killed (SIGKILL) while the mail server is taking
   it (bench/slow_mail.py takes 3 s per message); a worker started again sends it.
4. The same job is queued once more by hand: nothing more is sent.

Uses its own redis-server on port 6392, a scratch SQLite database, and writes the messages
to files (/tmp/reseau-bench-jobs-var/mail). Takes about three minutes: the worker looks for
lost messages once a minute, and only for those older than a minute.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = Path("/tmp/reseau-bench-jobs-var")
REDIS_PORT = 6392


def _env() -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{VAR / 'db.sqlite3'}",
        "RESEAU_VAR_DIR": str(VAR),
        "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
        "EMAIL_OUTBOX_RETRY_SECONDS": "5",
        "DJANGO_SETTINGS_MODULE": "bench.settings_slow_mail",
        "PYTHONPATH": str(ROOT),
    }


def _mails() -> int:
    folder = VAR / "mail"
    return len(list(folder.iterdir())) if folder.exists() else 0


def _start_worker() -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_huey", "--workers", "1"],
        cwd=ROOT,
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait(condition, timeout: float) -> float:  # type: ignore[no-untyped-def]
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > timeout:
            raise SystemExit("timed out")
        time.sleep(0.5)
    return time.monotonic() - started


def main() -> None:
    subprocess.run(["rm", "-rf", str(VAR)], check=True)
    VAR.mkdir(parents=True)
    os.environ.update(_env())
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=_env(), check=True)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test import Client

    from reseau.accounts.models import User
    from reseau.outbox.models import OutgoingEmail
    from reseau.outbox.services import email_queue
    from reseau.outbox.tasks import deliver_outgoing_email

    User.objects.create_user(email="focal@reseau.test", password="a-long-password-1")
    redis = worker = None
    try:
        started = time.monotonic()
        response = Client(HTTP_HOST="localhost").post("/accounts/password-reset/", {"email": "focal@reseau.test"})
        print(f"1. Redis down: password reset answered {response.status_code} in {time.monotonic() - started:.2f} s;")
        print(f"   outbox: {OutgoingEmail.objects.filter(sent_at=None).count()} waiting, {_mails()} sent")

        redis = subprocess.Popen(
            ["redis-server", "--port", str(REDIS_PORT), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        worker = _start_worker()
        waited = _wait(lambda: _mails() == 1, 150)
        print(f"2. Redis and the worker back: the waiting message was sent {waited:.0f} s later ({_mails()} sent)")

        email = email_queue(subject="Invitation", body="Welcome to Reseau", to=["new@reseau.test"])
        _wait(lambda: (VAR / "sending").exists() and len(list((VAR / "sending").iterdir())) == 2, 30)
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        email.refresh_from_db()
        print(
            f"3. worker killed while sending: {_mails()} sent, the message has attempts={email.attempts}, "
            f"sent={email.sent_at is not None}"
        )
        worker = _start_worker()
        waited = _wait(lambda: OutgoingEmail.objects.get(pk=email.pk).sent_at is not None, 150)
        email.refresh_from_db()
        print(
            f"   a new worker sent it {waited:.0f} s later: {_mails()} sent in all, attempts={email.attempts}, "
            f"Message-ID {email.message_id}"
        )

        deliver_outgoing_email(str(email.key))
        time.sleep(5)
        print(f"4. the same job queued again: {_mails()} sent in all")
        waiting = OutgoingEmail.objects.filter(sent_at=None).count()
        print(f"   outbox: {OutgoingEmail.objects.count()} messages, {waiting} waiting")
    finally:
        for process in (worker, redis):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(timeout=20)


if __name__ == "__main__":
    main()
