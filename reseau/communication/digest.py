"""The digest: per person, what changed in their network or member and what is coming.

Sent only when there is something to say, at most once per person and period (the period is
in the delivery's key: the ISO week for a weekly digest, the day for a daily one). What a
reader may see is asked of each app's access module once per kind of reader (role, network,
member), not once per person: 5,000 people cost a few dozen reads and one message each.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from uuid import UUID

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reseau.accounts.models import User
from reseau.communication.access import digest_scope
from reseau.communication.letters import Letter, site_url
from reseau.communication.models import Delivery, DigestFrequency, MessageKind, Preference
from reseau.communication.recipients import Recipient, recipients_for
from reseau.communication.services import message_send
from reseau.decisions.access import decisions_visible_to
from reseau.decisions.models import Decision
from reseau.events.access import events_visible_to
from reseau.funding.access import opportunities_visible_to
from reseau.funding.models import FundingOpportunity
from reseau.library.access import documents_visible_to
from reseau.news.access import posts_visible_to
from reseau.news.selectors import posts_published_since
from reseau.outbox.services import email_enqueue_many
from reseau.projects.access import projects_visible_to
from reseau.projects.models import Transition

COMING_DAYS = 14
ITEMS_PER_SECTION = 5
WEEKLY_ON = 0  # Monday
BATCH = 200


@dataclass
class DigestContent:
    sections: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.sections)


def _period(frequency: str, today: datetime.date) -> str:
    if frequency == DigestFrequency.DAILY:
        return today.isoformat()
    year, week, _day = today.isocalendar()
    return f"{year}-W{week:02d}"


def _content(user: User, *, since: datetime.datetime, now: datetime.datetime) -> DigestContent:
    """What one kind of reader is told; in the reader's language (the caller activates it)."""
    content = DigestContent()
    until = now + datetime.timedelta(days=COMING_DAYS)
    events = list(
        events_visible_to(user)
        .filter(starts_at__gte=now, starts_at__lt=until, series__isnull=True)
        .order_by("starts_at")[:ITEMS_PER_SECTION]
    )
    if events:
        content.sections.append(
            (
                _("Events in the next two weeks"),
                [
                    (
                        f"{timezone.localtime(e.starts_at, e.zone):%d/%m} · {e.title}" if e.starts_at else str(e.title),
                        site_url(reverse("events:event_detail", kwargs={"slug": e.slug})),
                    )
                    for e in events
                ],
            )
        )
    calls = list(
        opportunities_visible_to(user)
        .filter(closes_on__gte=now.date(), closes_on__lt=until.date(), status__in=FundingOpportunity.OPEN_STATUSES)
        .order_by("closes_on")[:ITEMS_PER_SECTION]
    )
    if calls:
        content.sections.append(
            (
                _("Funding calls closing in the next two weeks"),
                [
                    (
                        f"{c.closes_on:%d/%m} · {c.title}",
                        site_url(reverse("funding:opportunity_detail", kwargs={"pk": c.pk})),
                    )
                    for c in calls
                ],
            )
        )
    items = list(
        decisions_visible_to(user)
        .filter(status__in=[Decision.Status.OPEN, Decision.Status.IN_PROGRESS], due_date__lt=until.date())
        .filter(due_date__gte=now.date() - datetime.timedelta(days=30))
        .order_by("due_date")[:ITEMS_PER_SECTION]
    )
    if items:
        content.sections.append(
            (
                _("Action items due or overdue"),
                [(f"{d.due_date:%d/%m} · {d.title[:120]}", site_url(d.get_absolute_url())) for d in items],
            )
        )
    moved = list(
        Transition.objects.filter(project__in=projects_visible_to(user), at__gte=since)
        .select_related("project")
        .order_by("-at")[:ITEMS_PER_SECTION]
    )
    if moved:
        content.sections.append(
            (
                _("Projects that moved"),
                [
                    (
                        _("%(project)s: %(stage)s") % {"project": t.project.title, "stage": t.get_to_stage_display()},
                        site_url(t.project.get_absolute_url()),
                    )
                    for t in moved
                ],
            )
        )
    posts = list(
        posts_published_since(since=since).filter(pk__in=posts_visible_to(user).values("pk"))[:ITEMS_PER_SECTION]
    )
    if posts:
        content.sections.append(
            (
                _("News of the members"),
                [(f"{post.member} · {post.title}", site_url(post.get_absolute_url())) for post in posts],
            )
        )
    added = documents_visible_to(user).filter(created_at__gte=since, archived_at__isnull=True)
    documents = list(added.order_by("-created_at")[:ITEMS_PER_SECTION])
    if documents:
        count = added.count()
        heading = ngettext(
            "%(count)s document added to the library", "%(count)s documents added to the library", count
        ) % {"count": count}
        content.sections.append(
            (
                heading,
                [(str(d.title), site_url(reverse("library:document_detail", kwargs={"pk": d.pk}))) for d in documents],
            )
        )
    return content


def digests_send(*, now: datetime.datetime | None = None) -> int:
    """Send today's digests (daily ones every day, weekly ones on Mondays); returns how many went."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    muted = set(
        Preference.objects.filter(Q(digest=DigestFrequency.NEVER) | Q(unsubscribed_at__isnull=False)).values_list(
            "email", flat=True
        )
    )
    daily = set(Preference.objects.filter(digest=DigestFrequency.DAILY).values_list("email", flat=True))
    users = [
        u
        for u in User.objects.filter(is_active=True).order_by("pk")
        if u.email not in muted and (u.email in daily or today.weekday() == WEEKLY_ON)
    ]
    cache: dict[tuple[object, ...], dict[str, DigestContent]] = {}
    # What this period's runs already sent: a second run (or worker) reads it once, not per person.
    periods = {_period(frequency, today) for frequency in (DigestFrequency.DAILY, DigestFrequency.WEEKLY)}
    told = set(
        Delivery.objects.filter(kind=MessageKind.DIGEST)
        .filter(_any_prefix(f"digest:{period}:" for period in periods))
        .values_list("key", flat=True)
    )
    pending = [
        (recipient, user, frequency)
        for recipient, user in _with_recipients(users)
        for frequency in [DigestFrequency.DAILY if user.email in daily else DigestFrequency.WEEKLY]
        if f"digest:{_period(frequency, today)}:{user.email}" not in told
    ]
    sent = 0
    for start in range(0, len(pending), BATCH):
        keys: list[UUID] = []
        # One transaction per batch: a commit per message would cost more than the message.
        with transaction.atomic():
            for recipient, user, frequency in pending[start : start + BATCH]:
                since = now - datetime.timedelta(days=1 if frequency == DigestFrequency.DAILY else 7)
                by_language = cache.setdefault((*digest_scope(user), frequency), {})
                if recipient.language not in by_language:
                    with translation.override(recipient.language):
                        by_language[recipient.language] = _content(user, since=since, now=now)
                content = by_language[recipient.language]
                if not content:
                    continue
                delivery = message_send(
                    kind=MessageKind.DIGEST,
                    key=f"digest:{_period(frequency, today)}:{user.email}",
                    recipient=recipient,
                    compose=partial(_letter, content, frequency),
                    refused=False,
                    notify=False,
                    enqueue=False,
                )
                if delivery is not None:
                    sent += 1
                    if delivery.outgoing_key is not None:
                        keys.append(delivery.outgoing_key)
            transaction.on_commit(partial(email_enqueue_many, keys=keys))
    return sent


def _letter(content: DigestContent, frequency: str) -> Letter:
    subject = _("Your daily digest") if frequency == DigestFrequency.DAILY else _("Your weekly digest")
    return Letter(
        subject=subject,
        paragraphs=[_("What is coming and what changed on the network's platform.")],
        sections=content.sections,
        action_url=site_url("/"),
        action_label=_("Open the platform"),
    )


def _any_prefix(prefixes: Iterable[str]) -> Q:
    condition = Q(pk__in=[])
    for prefix in prefixes:
        condition |= Q(key__startswith=prefix)
    return condition


def _with_recipients(users: list[User]) -> Iterator[tuple[Recipient, User]]:
    by_email = {r.email: r for r in recipients_for(users=users)}
    for user in users:
        yield by_email[user.email], user
