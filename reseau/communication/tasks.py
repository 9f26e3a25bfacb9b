from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from reseau.communication import digest, reminders, services


# huey ships no type hints: its decorators are untyped, the functions below are not.
@db_task(retries=3, retry_delay=60)  # type: ignore[untyped-decorator]
def deliver_event_invitations(event_id: int, member_ids: list[int], person_ids: list[int]) -> None:
    services.event_invitations_deliver(event_id=event_id, member_ids=member_ids, person_ids=person_ids)


@db_task(retries=3, retry_delay=60)  # type: ignore[untyped-decorator]
def deliver_event_change(event_id: int, moved: bool, cancelled: bool) -> None:
    services.event_change_deliver(event_id=event_id, moved=moved, cancelled=cancelled)


# Every quarter of an hour: each rule finds what is due today; the keys of what was already
# told make a second run (or a second worker) send nothing more.
@db_periodic_task(crontab(minute="*/15"), retries=2, retry_delay=60)  # type: ignore[untyped-decorator]
@lock_task("communication-reminders")  # type: ignore[untyped-decorator]
def send_reminders() -> None:
    reminders.reminders_run()


# Each morning at 6:00 UTC (13:00 in Phnom Penh, Vientiane and Hanoi, 7:00 in Paris).
@db_periodic_task(crontab(hour="6", minute="0"), retries=2, retry_delay=300)  # type: ignore[untyped-decorator]
def send_digests() -> None:
    digest.digests_send()
