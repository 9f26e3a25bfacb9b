"""Delivery through a real SMTP server (aiosmtpd on 127.0.0.1): what arrives, what is tried
again and when, what is given up, which address is refused, and a resend (issue 14)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from reseau.outbox.models import EmailStatus, OutgoingEmail
from reseau.outbox.selectors import refused_addresses
from reseau.outbox.services import MAX_ATTEMPTS, email_deliver, email_pending_deliver, email_queue, email_resend
from reseau.outbox.tests.smtp_server import ClosedPort, running_smtp_server, smtp_backend

pytestmark = pytest.mark.django_db

FOCAL = "focal@vientiane.test"
UNSUBSCRIBE = "<https://reseau.example.org/communication/unsubscribe/signed-token/>"
ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nPRODID:-//Reseau//FR\r\nBEGIN:VEVENT\r\n"
    "UID:event-7@reseau.example.org\r\nSEQUENCE:0\r\nDTSTART:20270115T020000Z\r\n"
    "SUMMARY:Rencontre régionale à Vientiane\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
).encode()
TRY_LATER = "451 4.3.0 Try again later"
NO_SUCH_USER = "550 5.1.1 <focal@vientiane.test>: no such user"
MAILBOX_BUSY = "450 4.2.1 Mailbox busy, try again later"
REJECTED = "554 5.6.0 Message rejected as spam"


@pytest.fixture(autouse=True)
def _retry_base_of_a_minute(settings):
    settings.EMAIL_RETRY_BASE_SECONDS = 60


@pytest.fixture
def smtp(settings):
    with running_smtp_server() as server:
        smtp_backend(settings, server.port)
        yield server


@pytest.fixture
def down_port(settings):
    """The mail server's port, with nothing listening on it: every attempt is refused."""
    closed = ClosedPort()
    smtp_backend(settings, closed.port)
    yield closed
    closed.release()


def _invitation(to: str = FOCAL) -> OutgoingEmail:
    return email_queue(
        subject="Invitation : rencontre régionale",
        body="Vous êtes invitée.",
        html="<p>Vous êtes invitée.</p>",
        to=[to],
        headers={"List-Unsubscribe": UNSUBSCRIBE, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
        attachments=[("invitation.ics", ICS, "text/calendar; method=REQUEST")],
        kind="event_invitation",
    )


def _sweep_later(*, days: int) -> None:
    email_pending_deliver(now=timezone.now() + timedelta(days=days))


def _sweep_until_given_up() -> None:
    """Sweeps far enough apart that every wait is over (the longest is a day)."""
    for sweep in range(1, MAX_ATTEMPTS + 3):
        _sweep_later(days=2 * sweep)


def _attachment(message):
    return next(message.iter_attachments())


def _status(email: OutgoingEmail) -> str:
    email.refresh_from_db()
    return email.status


# What arrives


def test_the_message_arrives_with_its_list_unsubscribe_header(smtp):
    _invitation()

    assert smtp.received[0]["List-Unsubscribe"].strip() == UNSUBSCRIBE


def test_the_message_arrives_with_its_one_click_unsubscribe_header(smtp):
    _invitation()

    assert smtp.received[0]["List-Unsubscribe-Post"].strip() == "List-Unsubscribe=One-Click"


def test_the_message_arrives_with_its_stable_message_id(smtp):
    email = _invitation()

    assert smtp.received[0]["Message-ID"] == email.message_id


def test_the_calendar_invitation_arrives_as_an_attachment_with_its_name(smtp):
    _invitation()

    assert _attachment(smtp.received[0]).get_filename() == "invitation.ics"


def test_the_calendar_invitation_arrives_as_a_calendar_request(smtp):
    _invitation()

    part = _attachment(smtp.received[0])
    assert (part.get_content_type(), part.get_param("method")) == ("text/calendar", "REQUEST")


def test_the_calendar_invitation_arrives_with_its_content_unchanged(smtp):
    _invitation()

    assert _attachment(smtp.received[0]).get_content().splitlines() == ICS.decode().splitlines()


def test_the_message_arrives_once_however_many_sweeps_follow(smtp):
    _invitation()

    _sweep_until_given_up()

    assert len(smtp.received) == 1


def test_a_sent_message_is_marked_sent(smtp):
    email = _invitation()

    assert _status(email) == EmailStatus.SENT


# A server that asks to try later (451 to DATA)


def test_a_message_the_server_asks_to_send_later_stays_queued(smtp):
    smtp.answer_data(TRY_LATER)

    email = _invitation()

    assert _status(email) == EmailStatus.QUEUED


def test_a_message_the_server_asks_to_send_later_keeps_its_answer(smtp):
    smtp.answer_data(TRY_LATER)

    email = _invitation()

    email.refresh_from_db()
    assert email.last_error == TRY_LATER


def test_a_message_the_server_keeps_deferring_is_tried_max_attempts_times(smtp):
    smtp.answer_data(TRY_LATER)
    _invitation()

    _sweep_until_given_up()

    assert smtp.handler.data_commands == MAX_ATTEMPTS


def test_a_message_the_server_keeps_deferring_is_marked_failed(smtp):
    smtp.answer_data(TRY_LATER)
    email = _invitation()

    _sweep_until_given_up()

    assert _status(email) == EmailStatus.FAILED


def test_a_message_deferred_the_last_time_says_why_it_failed(smtp):
    smtp.answer_data(TRY_LATER)
    email = _invitation()

    _sweep_until_given_up()

    email.refresh_from_db()
    assert (email.failed_at is not None, email.last_error) == (True, TRY_LATER)


def test_a_message_deferred_once_is_sent_when_the_server_takes_it(smtp):
    smtp.answer_data(TRY_LATER)
    _invitation()

    smtp.answer_data("250 2.0.0 OK")
    _sweep_later(days=1)

    assert len(smtp.received) == 1


# A server that refuses the recipient


def test_a_recipient_refused_for_good_fails_the_message_at_the_first_attempt(smtp):
    smtp.answer_rcpt(NO_SUCH_USER)

    email = _invitation()

    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.FAILED, 1)


def test_a_recipient_refused_for_good_is_not_asked_again(smtp):
    smtp.answer_rcpt(NO_SUCH_USER)
    _invitation()

    _sweep_until_given_up()

    assert smtp.handler.rcpt_commands == 1


def test_a_recipient_refused_for_good_is_recorded_with_the_servers_answer(smtp):
    smtp.answer_rcpt(NO_SUCH_USER)
    _invitation()

    assert refused_addresses(emails=["Focal@Vientiane.test", "other@vientiane.test"]) == {
        "Focal@Vientiane.test": NO_SUCH_USER
    }


def test_a_recipient_refused_for_a_while_is_tried_again(smtp):
    smtp.answer_rcpt(MAILBOX_BUSY)
    _invitation()

    _sweep_later(days=1)

    assert smtp.handler.rcpt_commands == 2


def test_a_recipient_refused_for_a_while_is_not_recorded_as_refused(smtp):
    smtp.answer_rcpt(MAILBOX_BUSY)
    _invitation()

    assert refused_addresses(emails=[FOCAL]) == {}


def test_a_message_the_server_rejects_for_good_is_failed_at_the_first_attempt(smtp):
    smtp.answer_data(REJECTED)

    email = _invitation()

    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.FAILED, 1)


def test_an_address_accepted_again_is_no_longer_refused(smtp):
    smtp.answer_rcpt(NO_SUCH_USER)
    _invitation()

    smtp.answer_rcpt("250 2.1.5 OK")
    _invitation()

    assert refused_addresses(emails=[FOCAL]) == {}


# A server that is down (nothing listens on its port)


def _first_attempt_with_the_server_down() -> OutgoingEmail:
    email = _invitation()
    email.refresh_from_db()
    return email


def _tried_at(email: OutgoingEmail) -> datetime:
    email.refresh_from_db()
    assert email.last_attempt_at is not None
    return email.last_attempt_at


def test_a_message_is_not_tried_again_before_its_first_wait_is_over(down_port):
    email = _first_attempt_with_the_server_down()

    email_pending_deliver(now=_tried_at(email) + timedelta(seconds=59))

    email.refresh_from_db()
    assert email.attempts == 1


def test_a_message_is_tried_again_once_its_first_wait_is_over(down_port):
    email = _first_attempt_with_the_server_down()

    email_pending_deliver(now=_tried_at(email) + timedelta(seconds=60))

    email.refresh_from_db()
    assert email.attempts == 2


def test_each_wait_is_longer_than_the_last(down_port):
    email = _first_attempt_with_the_server_down()
    waits = []
    for _attempt in range(4):
        tried_at = _tried_at(email)
        waits.append(email.next_attempt_at - tried_at)
        email_deliver(key=email.key, now=email.next_attempt_at)

    assert [wait.total_seconds() for wait in waits] == [60, 300, 900, 3600]


def test_a_message_tried_while_the_server_is_down_says_why(down_port):
    email = _first_attempt_with_the_server_down()

    assert email.last_error.startswith("ConnectionRefusedError")


def test_a_message_queued_while_the_server_is_down_is_sent_once_it_is_back(down_port):
    email = _first_attempt_with_the_server_down()

    down_port.release()
    with running_smtp_server(port=down_port.port) as smtp:
        email_pending_deliver(now=email.next_attempt_at)
        email_pending_deliver(now=email.next_attempt_at + timedelta(days=1))

    assert len(smtp.received) == 1


def test_a_message_the_server_was_down_for_every_time_is_failed(down_port):
    email = _first_attempt_with_the_server_down()

    _sweep_until_given_up()

    assert _status(email) == EmailStatus.FAILED


# Resend


def _refused_invitation(smtp) -> OutgoingEmail:
    smtp.answer_rcpt(NO_SUCH_USER)
    email = _invitation()
    smtp.answer_rcpt("250 2.1.5 OK")
    return email


def test_a_resent_message_is_sent_once(smtp):
    email = _refused_invitation(smtp)

    copy = email_resend(key=email.key)
    email_deliver(key=copy.key)
    _sweep_until_given_up()

    assert len(smtp.received) == 1


def test_a_resent_message_arrives_with_its_attachment(smtp):
    email = _refused_invitation(smtp)

    email_resend(key=email.key)

    assert _attachment(smtp.received[0]).get_filename() == "invitation.ics"


def test_a_resent_message_arrives_with_its_headers(smtp):
    email = _refused_invitation(smtp)

    email_resend(key=email.key)

    assert smtp.received[0]["List-Unsubscribe"].strip() == UNSUBSCRIBE


def test_a_resent_message_has_a_message_id_of_its_own(smtp):
    email = _refused_invitation(smtp)

    email_resend(key=email.key)

    assert smtp.received[0]["Message-ID"] != email.message_id


def test_the_original_of_a_resent_message_keeps_its_failure(smtp):
    email = _refused_invitation(smtp)

    email_resend(key=email.key)

    assert _status(email) == EmailStatus.FAILED


def test_a_sent_message_can_be_sent_again(smtp):
    email = _invitation()

    email_resend(key=email.key)

    assert len(smtp.received) == 2


def test_a_resend_asked_twice_while_the_copy_waits_makes_one_copy(smtp, settings):
    email = _refused_invitation(smtp)
    down = ClosedPort()
    smtp_backend(settings, down.port)  # the server goes down: the copy waits

    email_resend(key=email.key)
    email_resend(key=email.key)

    down.release()
    assert OutgoingEmail.objects.filter(resent_from=email).count() == 1


def test_a_message_still_queued_cannot_be_resent(down_port):
    email = _first_attempt_with_the_server_down()

    with pytest.raises(ValidationError):
        email_resend(key=email.key)
