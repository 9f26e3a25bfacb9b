"""Reads of the outbox, for the secretariat's outbox page and the apps that flag a person."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Prefetch, QuerySet

from reseau.outbox.models import EmailStatus, OutgoingAttachment, OutgoingEmail, RefusedAddress


def emails_list(*, status: str | None = None) -> QuerySet[OutgoingEmail]:
    """The messages, newest first, all or those of one status (``EmailStatus``; ``None``, ``""``
    or a value that is no status, as a query string may bring, gives all).

    Their attachments come in one more query, without their content (name, type and size
    only): paginate the result and the page reads two queries whatever its length.
    """
    emails = OutgoingEmail.objects.order_by("-created_at", "-id").prefetch_related(
        Prefetch("attachments", queryset=OutgoingAttachment.objects.defer("content").order_by("id"))
    )
    if status in EmailStatus.values:
        emails = emails.filter(status=status)
    return emails


def email_status_counts() -> dict[str, int]:
    """How many messages are queued, sent and failed (each status present, 0 when none), in one query."""
    counts = dict.fromkeys(EmailStatus.values, 0)
    for row in OutgoingEmail.objects.order_by().values("status").annotate(count=Count("id")):
        counts[row["status"]] = row["count"]
    return counts


def refused_addresses(*, emails: Iterable[str]) -> dict[str, str]:
    """Of these addresses, those a mail server refused for good: address (as given) → its answer.

    Compared without regard to case; an address accepted since is no longer in it.
    """
    given: dict[str, list[str]] = {}
    for email in emails:
        given.setdefault(email.strip().lower(), []).append(email)
    refused: dict[str, str] = {}
    for address, reason in RefusedAddress.objects.filter(email__in=list(given)).values_list("email", "reason"):
        for email in given[address]:
            refused[email] = reason
    return refused
