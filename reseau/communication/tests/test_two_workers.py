"""Two workers running the scheduler at once still tell each thing once.

The first test runs the reminders in two threads at the same moment, each with its own
database connection: the unique key is the only thing between them. The second runs the real
job through a Redis queue with two worker threads (a redis-server of the test's own, on a free
port, so it needs nothing running beforehand), the job enqueued twice.
"""

from __future__ import annotations

import datetime
import shutil
import socket
import subprocess
import threading
import time

import pytest
from django.db import OperationalError, connection

from reseau.communication.reminders import reminders_run
from reseau.outbox.models import OutgoingEmail
from tests.factories import DuesFactory, InteractionFactory

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = datetime.date(2026, 12, 6)


@pytest.fixture
def due_things(world, hue_focal_point):
    DuesFactory(member=world.hue, year=2026)
    for day in range(5):
        InteractionFactory(
            network=world.hue.network,
            next_step=f"Step {day}",
            next_step_due=datetime.date(2026, 12, 9),
            next_step_owner=world.users["coordinator"],
        )


def _at_once(target, count: int = 2) -> list[BaseException]:
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait()
            for attempt in range(10):
                try:
                    target()
                    break
                except OperationalError:
                    # SQLite's shared in-memory test database refuses a second writer at once
                    # instead of waiting: try again, as the worker's job retries does.
                    if attempt == 9:
                        raise
                    time.sleep(0.2)
        except BaseException as error:  # the test reports it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return errors


def test_two_schedulers_at_once_send_each_reminder_once(due_things):
    errors = _at_once(lambda: reminders_run(today=TODAY))
    assert (errors, OutgoingEmail.objects.count()) == ([], 6)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def redis_url():
    server = shutil.which("redis-server")
    assert server, "redis-server is needed (apt install redis-server): make test installs it"
    port = _free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL
    )
    try:
        for _attempt in range(50):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(10)


def test_the_job_queued_twice_for_two_workers_sends_each_reminder_once(due_things, redis_url):
    from huey import RedisHuey
    from huey.consumer import Consumer

    from reseau.communication import tasks

    queue = RedisHuey("reseau-test", url=redis_url)
    run_today = queue.task()(lambda: tasks.reminders.reminders_run(today=TODAY))
    run_today()
    run_today()
    consumer = Consumer(queue, workers=2, worker_type="thread", periodic=False, check_worker_health=False)
    consumer.start()  # the workers' threads, without the signal handlers of a main process
    deadline = time.monotonic() + 60
    while len(queue) and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(2)  # the last job started may still be writing
    consumer.stop(graceful=True)
    assert OutgoingEmail.objects.count() == 6
