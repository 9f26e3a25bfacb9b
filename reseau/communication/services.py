"""Writing to people: once per thing and occasion, in their language, as they chose.

``message_send`` is the only way a message leaves: it records the delivery under its key (a
second call with the same key does nothing, whatever runs it twice), adds the in-platform
notification of an account, and stores the e-mail in the outbox, queued once the transaction
commits. Deliveries are the log of messages themselves; the preference changes keep history.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation

from reseau.accounts.models import User
from reseau.accounts.types import Actor
from reseau.audit.models import AuditEvent
from reseau.audit.services import audit_record
from reseau.communication import event_letters
from reseau.communication.audiences import focal_points_by_member, key_address
from reseau.communication.letters import Letter, render_letter, unsubscribe_headers
from reseau.communication.models import Delivery, MessageKind, Notification, Preference
from reseau.communication.recipients import Recipient, address_is_valid, recipients_for
from reseau.core.services import model_create, model_update
from reseau.events.models import Event, Registration
from reseau.outbox.models import OutgoingEmail
from reseau.outbox.selectors import refused_addresses
from reseau.outbox.services import email_enqueue, email_resend, email_store
from reseau.registry.models import Member, Person

logger = logging.getLogger(__name__)

Attachment = tuple[str, bytes, str]


def _outcome(kind: str, recipient: Recipient, refused: bool) -> str:
    if not recipient.email:
        return Delivery.Outcome.SKIPPED_NO_EMAIL
    if not address_is_valid(recipient.email):
        return Delivery.Outcome.SKIPPED_INVALID
    if refused:
        return Delivery.Outcome.SKIPPED_REFUSED
    if not recipient.wants(kind):
        return Delivery.Outcome.NOTIFIED_ONLY if recipient.user_id else Delivery.Outcome.SKIPPED_PREFERENCE
    return Delivery.Outcome.QUEUED


def refused_among(recipients: Iterable[Recipient]) -> set[str]:
    """The addresses of these recipients a mail server refused before, in one query."""
    emails = [r.email for r in recipients if r.email]
    return set(refused_addresses(emails=emails)) if emails else set()


def message_send(
    *,
    kind: MessageKind,
    key: str,
    recipient: Recipient,
    compose: Callable[[], Letter],
    attachments: Callable[[], Sequence[Attachment]] | None = None,
    refused: bool | None = None,
    notify: bool = True,
    enqueue: bool = True,
) -> Delivery | None:
    """Tell one recipient one thing; None when this key was already told (nothing is sent).

    ``compose`` (and ``attachments``) run in the recipient's language. ``refused`` may be given
    by a caller that looked up many addresses at once; otherwise it is looked up here. An
    account also finds it under the bell in the header unless ``notify`` is off (the digest).
    A caller sending many in one transaction may hand the queue their keys at once
    (``enqueue`` off, then ``outbox.services.email_enqueue_many``).
    """
    if refused is None:
        refused = bool(recipient.email) and recipient.email in refused_addresses(emails=[recipient.email])
    outcome = _outcome(kind, recipient, refused)
    with translation.override(recipient.language):
        letter = compose()
        sending = outcome == Delivery.Outcome.QUEUED
        files = list(attachments()) if attachments is not None and sending else []
        text, html = render_letter(letter, name=recipient.name, email=recipient.email) if sending else ("", "")
    try:
        with transaction.atomic():
            # The e-mail first, so that the delivery names it as it is written; a key already
            # recorded rolls both back.
            email = (
                email_store(
                    subject=letter.subject,
                    body=text,
                    html=html,
                    to=[recipient.email],
                    headers=unsubscribe_headers(recipient.email),
                    attachments=files,
                    kind=str(kind),
                )
                if sending
                else None
            )
            delivery = Delivery.objects.create(
                key=key[:400],
                kind=kind,
                email=recipient.email,
                name=recipient.name[:300],
                language=recipient.language,
                subject=letter.subject[:998],
                outcome=outcome,
                outgoing_key=email.key if email is not None else None,
            )
            if notify and recipient.user_id is not None:
                _notify(user_id=recipient.user_id, kind=kind, letter=letter)
            if email is not None and enqueue:
                key_to_send = email.key
                transaction.on_commit(lambda: email_enqueue(key=key_to_send))
    except IntegrityError:
        # Another run (a second scheduler, another worker) recorded this key first.
        return None
    return delivery


def _notify(*, user_id: int, kind: str, letter: Letter) -> None:
    # Kept as a path: the bell's link opens the page on whichever address the site is reached at.
    site = settings.SITE_URL.rstrip("/")
    link = letter.action_url[len(site) :] if letter.action_url.startswith(site + "/") else ""
    Notification.objects.create(
        user_id=user_id,
        kind=kind,
        subject=letter.subject[:998],
        body="\n\n".join(letter.paragraphs),
        link=link[:500],
    )
    # The header shows the count on every page: kept on the account, it costs no query there.
    User.objects.filter(pk=user_id).update(notifications_unread=F("notifications_unread") + 1)


def _recount(user_id: int) -> None:
    unread = Notification.objects.filter(user_id=user_id, read_at__isnull=True).count()
    User.objects.filter(pk=user_id).update(notifications_unread=unread)


@transaction.atomic
def notification_open(*, user: User, notification: Notification) -> str:
    """Mark it read; returns where it leads (its link, or the list of notifications)."""
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
        _recount(user.pk)
    return notification.link


@transaction.atomic
def notifications_mark_all_read(*, user: User) -> int:
    marked = Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
    _recount(user.pk)
    return marked


def preference_for(*, email: str) -> Preference:
    """The stored choices of an address, or the defaults (not saved) when it made none."""
    email = email.strip().lower()
    return Preference.objects.filter(email=email).first() or Preference(email=email)


@transaction.atomic
def preference_update(*, actor: Actor, email: str, data: dict[str, Any]) -> bool:
    """Save one address's choices with their history row; True when something changed."""
    preference = preference_for(email=email)
    if preference.pk is None:
        model_create(instance=preference, data=data, actor=actor)
        return True
    return model_update(instance=preference, data=data, actor=actor)


def preference_unsubscribe(*, actor: Actor, email: str) -> bool:
    """Every e-mail off for this address (the in-platform notifications stay); True if it changed."""
    if preference_for(email=email).unsubscribed_at is not None:
        return False
    return preference_update(actor=actor, email=email, data={"unsubscribed_at": timezone.now()})


# --- Events: invitations and changes, told as they happen ------------------------------------


def event_invitations_deliver(*, event_id: int, member_ids: list[int], person_ids: list[int]) -> int:
    """Write to the focal points of the members just invited and to the contacts chosen.

    One invitation per address and event, however often it runs; returns how many were new.
    """
    event = Event.objects.select_related("network").get(pk=event_id)
    members = {m.pk: m for m in Member.objects.filter(pk__in=member_ids)}
    addressed: list[tuple[Member | None, Recipient]] = []
    for member_id, people in focal_points_by_member(members).items():
        addressed += [(members[member_id], r) for r in recipients_for(people=people)]
    others = Person.objects.filter(pk__in=person_ids).select_related("member")
    addressed += [(None, r) for r in recipients_for(people=others)]
    sent = 0
    refused = refused_among(recipient for _member, recipient in addressed)
    for member, recipient in addressed:
        delivery = message_send(
            kind=MessageKind.EVENT_INVITATION,
            key=f"event_invitation:{event.pk}:{key_address(recipient.email, recipient.person_id)}",
            recipient=recipient,
            compose=partial(event_letters.invitation, event, member),
            refused=recipient.email in refused,
            attachments=partial(event_letters.calendar_files, event),
        )
        sent += delivery is not None
    return sent


def event_change_deliver(*, event_id: int, moved: bool, cancelled: bool) -> int:
    """Tell those registered that the event moved, was cancelled or changed, with its new .ics."""
    event = Event.objects.get(pk=event_id)
    people = [r.person for r in Registration.objects.filter(event=event).select_related("person")]
    sent = 0
    recipients = recipients_for(people=people)
    refused = refused_among(recipients)
    for recipient in recipients:
        delivery = message_send(
            kind=MessageKind.EVENT_CHANGED,
            key=f"event_changed:{event.pk}:{event.sequence}:{key_address(recipient.email, recipient.person_id)}",
            recipient=recipient,
            compose=partial(event_letters.changed, event, moved=moved, cancelled=cancelled),
            refused=recipient.email in refused,
            attachments=partial(event_letters.calendar_files, event),
        )
        sent += delivery is not None
    return sent


@transaction.atomic
def outbox_resend(*, actor: Actor, email: OutgoingEmail) -> OutgoingEmail:
    """Send a failed or sent message again, as a new message; the history says who asked.

    Refused (``ValidationError``) while the message is still waiting for its own attempts.
    """
    copy = email_resend(key=email.key)
    audit_record(actor=actor, instance=copy, subject=email, action=AuditEvent.Action.CREATED)
    return copy
