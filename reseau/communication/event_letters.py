"""The messages about events: the invitation, its reminder, a change, the day before.

Every text is written in the reader's language (the caller activates it) and says the event's
time in the event's own zone, as its page does; the calendar file is the event's own (same UID
as every feed, its current SEQUENCE), so a calendar that has it updates it.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from reseau.communication.letters import Letter, site_url
from reseau.events.feeds import calendar_stream
from reseau.events.models import Event
from reseau.events.presentation import when_text
from reseau.registry.models import Member


def _place(event: Event) -> str:
    parts = [part for part in (event.venue, event.city) if part]
    return ", ".join(parts) if parts else (_("online") if event.online_url else _("place to be confirmed"))


def _deadline(event: Event) -> str:
    assert event.registration_deadline is not None
    local = timezone.localtime(event.registration_deadline, event.zone)
    return formats.date_format(local, "DATETIME_FORMAT")


def _url(name: str, event: Event) -> str:
    return site_url(reverse(f"events:{name}", kwargs={"slug": event.slug}))


def calendar_files(event: Event) -> list[tuple[str, bytes, str]]:
    """The event as an .ics attachment (a repeating event with its moved dates), its texts in
    the language active (the reader's)."""
    events = Event.objects.filter(pk=event.pk) | Event.objects.filter(series_id=event.pk)
    language = translation.get_language() or settings.LANGUAGE_CODE
    content = b"".join(calendar_stream(events, name=str(event.title), base_url=site_url("/"), language=language))
    return [(f"{event.slug}.ics", content, "text/calendar; charset=utf-8")]


def invitation(event: Event, member: Member | None) -> Letter:
    facts = {"event": event.title, "when": when_text(event), "where": _place(event)}
    if member is not None:
        opening = _("An invitation for %(member)s to %(event)s: %(when)s, %(where)s.") % {**facts, "member": member}
    else:
        opening = _("You are invited to %(event)s: %(when)s, %(where)s.") % facts
    paragraphs = [opening]
    if event.registration_deadline is not None:
        paragraphs.append(
            _("Please register your delegation on the platform before %(deadline)s.") % {"deadline": _deadline(event)}
        )
    else:
        paragraphs.append(_("Please register your delegation on the platform."))
    paragraphs.append(_("The calendar file attached adds the event to your calendar."))
    return Letter(
        subject=_("Invitation: %(event)s") % {"event": event.title},
        paragraphs=paragraphs,
        sections=[
            ("", [(_("Programme"), _url("programme", event)), (_("The event's page"), _url("event_detail", event))])
        ],
        action_url=_url("register", event),
        action_label=_("Register the delegation"),
    )


def registration_closing(event: Event, member: Member) -> Letter:
    return Letter(
        subject=_("Registration closes soon: %(event)s") % {"event": event.title},
        paragraphs=[
            _("%(member)s has not registered a delegation to %(event)s yet. Registration closes on %(deadline)s.")
            % {"member": member, "event": event.title, "deadline": _deadline(event)}
        ],
        action_url=_url("register", event),
        action_label=_("Register the delegation"),
    )


def changed(event: Event, *, moved: bool, cancelled: bool) -> Letter:
    facts = {"event": event.title, "when": when_text(event), "where": _place(event)}
    if cancelled:
        subject = _("Cancelled: %(event)s") % facts
        paragraphs = [_("%(event)s, for which you are registered, is cancelled.") % facts]
    elif moved:
        subject = _("New date: %(event)s") % facts
        paragraphs = [_("%(event)s, for which you are registered, has moved: %(when)s, %(where)s.") % facts]
    else:
        subject = _("Updated: %(event)s") % facts
        paragraphs = [
            _("The details of %(event)s, for which you are registered, have changed: %(when)s, %(where)s.") % facts
        ]
    paragraphs.append(_("The calendar file attached updates the event in your calendar."))
    return Letter(
        subject=subject, paragraphs=paragraphs, action_url=_url("event_detail", event), action_label=_("See the event")
    )


def tomorrow(event: Event) -> Letter:
    facts = {"event": event.title, "when": when_text(event), "where": _place(event)}
    return Letter(
        subject=_("Tomorrow: %(event)s") % facts,
        paragraphs=[_("A reminder: you are registered for %(event)s, %(when)s, %(where)s.") % facts],
        sections=[("", [(_("Programme"), _url("programme", event))])],
        action_url=_url("event_detail", event),
        action_label=_("See the event"),
    )
