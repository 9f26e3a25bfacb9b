"""What the apps above ask of the outbox: refused input, the outbox list, statuses and their
tones, and a last attempt whose worker died (issue 14)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.utils import timezone

from reseau.core.choices import Tone
from reseau.outbox.models import EmailStatus, OutgoingEmail
from reseau.outbox.selectors import email_status_counts, emails_list
from reseau.outbox.services import (
    MAX_ATTEMPTS,
    RETRY_STEPS,
    email_enqueue_many,
    email_pending_deliver,
    email_queue,
    email_store,
    retry_delay,
)

pytestmark = pytest.mark.django_db

ICS = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"


def _queue(subject: str = "Rappel", **extra) -> OutgoingEmail:
    return email_queue(subject=subject, body="Bonjour", to=["focal@vientiane.test"], **extra)


def test_a_header_with_a_line_break_is_refused_when_queued():
    with pytest.raises(ValueError, match="would break the message"):
        _queue(headers={"List-Unsubscribe": "<https://x.test/>\r\nBcc: everyone@x.test"})


def test_a_header_with_a_line_break_leaves_no_message():
    with pytest.raises(ValueError, match="would break the message"):
        _queue(headers={"X-Note": "one\ntwo"})

    assert OutgoingEmail.objects.count() == 0


def test_a_message_id_of_its_own_is_refused():
    with pytest.raises(ValueError, match="its own Message-ID"):
        _queue(headers={"Message-Id": "<mine@x.test>"})


def test_an_attachment_named_with_a_folder_is_refused():
    with pytest.raises(ValueError, match="without a folder"):
        _queue(attachments=[("../invitation.ics", ICS, "text/calendar")])


def test_the_headers_go_with_the_message(mailoutbox):
    _queue(headers={"List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})

    assert mailoutbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_attachment_goes_with_the_message(mailoutbox):
    _queue(attachments=[("invitation.ics", ICS, "text/calendar; method=REQUEST")])

    assert mailoutbox[0].attachments[0].filename == "invitation.ics"


def test_the_kind_is_kept_for_the_outbox_list():
    email = _queue(kind="event_invitation")

    assert OutgoingEmail.objects.get(pk=email.pk).kind == "event_invitation"


def test_the_outbox_list_is_newest_first():
    for hours_ago, subject in ((3, "oldest"), (1, "newest"), (2, "middle")):
        email = _queue(subject)
        OutgoingEmail.objects.filter(pk=email.pk).update(created_at=timezone.now() - timedelta(hours=hours_ago))

    assert [email.subject for email in emails_list()] == ["newest", "middle", "oldest"]


def test_the_outbox_list_of_one_status_holds_only_those():
    _queue("sent")
    failed = _queue("failed")
    OutgoingEmail.objects.filter(pk=failed.pk).update(status=EmailStatus.FAILED)

    assert [email.subject for email in emails_list(status=EmailStatus.FAILED)] == ["failed"]


def test_the_outbox_list_of_a_status_that_is_none_holds_every_message():
    _queue()

    assert emails_list(status="bogus").count() == 1


def test_the_outbox_list_reads_its_attachments_in_one_query(django_assert_num_queries):
    for number in range(5):
        _queue(
            f"Invitation {number}", attachments=[("a.ics", ICS, "text/calendar"), ("b.pdf", b"%PDF", "application/pdf")]
        )

    with django_assert_num_queries(2):
        names = [[attachment.filename for attachment in email.attachments.all()] for email in emails_list()]

    assert names == [["a.ics", "b.pdf"]] * 5


def test_the_outbox_list_does_not_read_the_attachments_content():
    _queue(attachments=[("a.ics", ICS, "text/calendar")])

    attachment = emails_list()[0].attachments.all()[0]

    assert "content" in attachment.get_deferred_fields()


def test_the_counts_name_every_status():
    _queue()

    assert email_status_counts() == {EmailStatus.QUEUED: 0, EmailStatus.SENT: 1, EmailStatus.FAILED: 0}


def test_each_status_has_a_tone_of_the_style_sheet():
    assert {status: EmailStatus(status).tone for status in EmailStatus.values} == {
        "queued": Tone.NEUTRAL,
        "sent": Tone.OK,
        "failed": Tone.BAD,
    }


def test_the_waits_stop_growing_at_a_day(settings):
    settings.EMAIL_RETRY_BASE_SECONDS = 60

    assert retry_delay(attempts=len(RETRY_STEPS) + 5) == timedelta(days=1)


def test_a_message_whose_worker_died_during_its_last_attempt_is_failed(mailoutbox):
    email = _queue()
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.QUEUED,
        sent_at=None,
        attempts=MAX_ATTEMPTS,
        claimed_until=timezone.now() - timedelta(seconds=1),
    )

    email_pending_deliver(older_than=timedelta(0))

    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED


def test_a_failed_message_shows_as_a_bad_badge():
    email = _queue()
    email.status = EmailStatus.FAILED

    html = Template("{% load badges %}{% badge email.status email.Status %}").render(Context({"email": email}))

    assert html == '<span class="badge bad">Failed</span>'


def _store(subject: str = "Digest") -> OutgoingEmail:
    return email_store(
        subject=subject,
        body="Cette semaine",
        to=["focal@vientiane.test"],
        headers={"List-Unsubscribe": "<https://x.test/u>"},
    )


def test_a_stored_message_is_not_sent_before_it_is_enqueued(mailoutbox):
    _store()

    assert mailoutbox == []


def test_a_stored_message_never_enqueued_is_sent_by_the_sweep(mailoutbox):
    _store()

    email_pending_deliver(older_than=timedelta(0))

    assert mailoutbox[0].extra_headers["List-Unsubscribe"] == "<https://x.test/u>"


def test_a_batch_enqueued_at_once_sends_each_message_once(mailoutbox):
    emails = [_store(f"Digest {number}") for number in range(3)]

    email_enqueue_many(keys=[email.key for email in emails])
    email_pending_deliver(older_than=timedelta(0))

    assert sorted(message.subject for message in mailoutbox) == ["Digest 0", "Digest 1", "Digest 2"]
