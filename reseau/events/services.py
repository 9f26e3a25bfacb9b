"""Writes to events, programmes, participants and feeds; each leaves a history row."""

from __future__ import annotations

import copy
import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from reseau.accounts.models import User
from reseau.accounts.types import Actor
from reseau.audit.models import AuditEvent
from reseau.audit.services import audit_record
from reseau.core.services import model_create, model_delete, model_update
from reseau.core.text import strip_bidi_controls
from reseau.events import signals
from reseau.events.access import can_manage_events
from reseau.events.models import (
    Event,
    FeedToken,
    HostingOffer,
    Invitation,
    Registration,
    Session,
    SessionSpeaker,
)
from reseau.events.recurrence import is_occurrence, normalise_rule, start_key
from reseau.registry.models import Member, Network, Person

# A change to any of these is a change calendar programs must pick up (RFC 5545 SEQUENCE).
CALENDAR_FIELDS = (
    "starts_at",
    "ends_at",
    "all_day",
    "time_zone",
    "status",
    "title_en",
    "title_fr",
    "venue",
    "city",
    "country_id",
    "online_url",
    "recurrence_rule",
    "excluded_starts",
    "description_en",
    "description_fr",
)


def _calendar_state(event: Event) -> tuple[Any, ...]:
    # An empty translation may be stored as NULL or "": the same thing to a calendar.
    return tuple(getattr(event, name, None) or None for name in CALENDAR_FIELDS)


def _with_normalised_rule(data: Mapping[str, Any]) -> dict[str, Any]:
    values = dict(data)
    if values.get("recurrence_rule"):
        values["recurrence_rule"] = normalise_rule(values["recurrence_rule"])
    return values


def event_create(*, actor: Actor, network: Network, data: Mapping[str, Any]) -> Event:
    return model_create(instance=Event(network=network), data=_with_normalised_rule(data), actor=actor)


@transaction.atomic
def event_update(*, actor: Actor, event: Event, data: Mapping[str, Any]) -> bool:
    """Apply changes; a change calendar programs must see raises the SEQUENCE."""
    stored = Event.objects.select_for_update().get(pk=event.pk)
    before = _calendar_state(stored)
    values = _with_normalised_rule(data)
    probe = copy.copy(stored)
    for name, value in values.items():
        if name not in {f.name for f in Event._meta.many_to_many}:
            setattr(probe, name, value)
    if _calendar_state(probe) != before:
        values["sequence"] = stored.sequence + 1
        moved = (probe.starts_at, probe.ends_at) != (stored.starts_at, stored.ends_at)
        cancelled = probe.status == Event.Status.CANCELLED != stored.status
        # robust: the change is saved whatever a listener does with it.
        transaction.on_commit(
            lambda: signals.event_changed.send(sender=Event, event=event, moved=moved, cancelled=cancelled),
            robust=True,
        )
    return model_update(instance=event, data=values, actor=actor)


def event_cancel(*, actor: Actor, event: Event) -> bool:
    """Mark the event cancelled; one that was held cannot be."""
    if event.status == Event.Status.HELD:
        raise ValidationError(_("This event was held: it cannot be cancelled."), code="held")
    return event_update(actor=actor, event=event, data={"status": Event.Status.CANCELLED})


@transaction.atomic
def occurrence_remove(*, actor: Actor, series: Event, original_start: datetime.datetime) -> bool:
    """Cancel one date of a repeating event (an EXDATE in the feeds)."""
    if not is_occurrence(series, original_start):
        raise ValidationError(_("This series has no occurrence at that time."))
    override = series.overrides.filter(recurrence_id=original_start).first()
    if override is not None:
        return event_update(actor=actor, event=override, data={"status": Event.Status.CANCELLED})
    key = start_key(original_start)
    if key in series.excluded_starts:
        return False
    return event_update(actor=actor, event=series, data={"excluded_starts": [*series.excluded_starts, key]})


@transaction.atomic
def occurrence_move(
    *,
    actor: Actor,
    series: Event,
    original_start: datetime.datetime,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime | None,
) -> Event:
    """Move one date of a repeating event: its own row, sharing the series' UID (RECURRENCE-ID)."""
    if not is_occurrence(series, original_start):
        raise ValidationError(_("This series has no occurrence at that time."))
    if start_key(original_start) in series.excluded_starts:
        raise ValidationError(_("This occurrence was cancelled; it cannot be moved."))
    override = series.overrides.filter(recurrence_id=original_start).first()
    if override is not None:
        event_update(actor=actor, event=override, data={"starts_at": starts_at, "ends_at": ends_at})
        return override
    copied = {
        name: getattr(series, name)
        for name in (
            "network",
            "kind",
            "visibility",
            "title_en",
            "title_fr",
            "description_en",
            "description_fr",
            "all_day",
            "time_zone",
            "venue",
            "city",
            "country",
            "online_url",
            "organiser",
            "host_member",
        )
    }
    override = Event(
        **copied,
        slug=f"{series.slug}-{original_start.astimezone(series.zone):%Y%m%d}",
        status=series.status if series.status != Event.Status.HELD else Event.Status.PLANNED,
        uid=series.uid,
        series=series,
        recurrence_id=original_start,
        sequence=series.sequence + 1,
    )
    return model_create(
        instance=override, data={"starts_at": starts_at, "ends_at": ends_at}, actor=actor, subject=series
    )


# --- Hosting offers -------------------------------------------------------------------------


def hosting_offer_make(*, actor: Actor, event: Event, member: Member, message: str = "") -> HostingOffer:
    if not event.accepts_hosting_offers:
        raise ValidationError(_("Offers to host are for future meetings only."))
    if event.hosting_offers.filter(member=member).exists():
        raise ValidationError(_("%(member)s has already offered to host this meeting.") % {"member": member})
    offered_by = actor if getattr(actor, "is_authenticated", False) else None
    return model_create(
        instance=HostingOffer(event=event, member=member, offered_by=offered_by),
        data={"message": message},
        actor=actor,
        subject=event,
    )


@transaction.atomic
def hosting_offer_accept(*, actor: Actor, offer: HostingOffer) -> None:
    """Accept one offer: the member becomes the host and the other offers are not retained."""
    event = offer.event
    if not event.accepts_hosting_offers:
        raise ValidationError(_("This meeting is no longer to come: its host can no longer be chosen."))
    # Declined first: only one offer of an event may be accepted at a time.
    for other in event.hosting_offers.exclude(pk=offer.pk).exclude(status=HostingOffer.Status.DECLINED):
        model_update(instance=other, data={"status": HostingOffer.Status.DECLINED}, actor=actor, subject=event)
    model_update(instance=offer, data={"status": HostingOffer.Status.ACCEPTED}, actor=actor, subject=event)
    event_update(actor=actor, event=event, data={"host_member": offer.member})


# --- Programme ------------------------------------------------------------------------------


def session_create(*, actor: Actor, event: Event, data: Mapping[str, Any]) -> Session:
    return model_create(instance=Session(event=event), data=data, actor=actor, subject=event)


def session_update(*, actor: Actor, session: Session, data: Mapping[str, Any]) -> bool:
    return model_update(instance=session, data=data, actor=actor, subject=session.event)


@transaction.atomic
def session_delete(*, actor: Actor, session: Session) -> None:
    model_delete(instance=session, actor=actor, subject=session.event)


def speaker_add(*, actor: Actor, session: Session, data: Mapping[str, Any]) -> SessionSpeaker:
    return model_create(instance=SessionSpeaker(session=session), data=data, actor=actor, subject=session.event)


@transaction.atomic
def speaker_remove(*, actor: Actor, speaker: SessionSpeaker) -> None:
    model_delete(instance=speaker, actor=actor, subject=speaker.session.event)


# --- Invitations, registrations, attendance -------------------------------------------------


@transaction.atomic
def invitations_send(*, actor: Actor, event: Event, members: Iterable[Member], also_tell: Iterable[Person] = ()) -> int:
    """Invite members (those already invited are left as they are); returns how many are new.

    Once saved, the apps above are told (``signals.members_invited``): each new member's focal
    points, and the other contacts chosen (``also_tell``), receive the invitation.
    """
    already = set(event.invitations.values_list("member_id", flat=True))
    invited: list[int] = []
    for member in members:
        if member.pk in already:
            continue
        if member.network_id != event.network_id:
            raise ValidationError(_("Only members of the event's network can be invited."))
        model_create(instance=Invitation(event=event, member=member), data={}, actor=actor, subject=event)
        invited.append(member.pk)
    people = [person.pk for person in also_tell]
    if invited or people:
        transaction.on_commit(
            lambda: signals.members_invited.send(sender=Event, event=event, member_ids=invited, person_ids=people),
            robust=True,
        )
    return len(invited)


def registration_problems(*, actor: Actor, event: Event, person: Person, member: Member | None) -> list[str]:
    """Why this registration cannot be taken, in the user's language; empty when it can."""
    problems: list[str] = []
    # The platform itself (actor None: seeds, imports) is held to the staff's rules.
    staff = actor is None or can_manage_events(actor, event)
    if event.status == Event.Status.CANCELLED:
        problems.append(_("This event has been cancelled: registration is closed."))
    elif event.status == Event.Status.HELD and not staff:
        problems.append(_("This event has already taken place: registration is closed."))
    # The coordinator may still add a late delegate (or a walk-in on the day); focal points may not.
    if event.registration_closed and not staff:
        deadline = timezone.localtime(event.registration_deadline, event.zone)
        problems.append(
            _("Registration closed on %(date)s.") % {"date": formats.date_format(deadline, "DATETIME_FORMAT")}
        )
    if event.capacity is not None and event.registrations.count() >= event.capacity:
        problems.append(_("This event is full: all %(capacity)s places are taken.") % {"capacity": event.capacity})
    if person.pk and event.registrations.filter(person=person).exists():
        problems.append(_("%(name)s is already registered for this event.") % {"name": person.name})
    if member is not None:
        if member.network_id != event.network_id:
            problems.append(_("Only members of the event's network can register a delegation."))
        elif event.invitations.exists() and not event.invitations.filter(member=member).exists() and not staff:
            problems.append(_("%(member)s is not invited to this event.") % {"member": member})
        if person.pk and person.member_id not in (None, member.pk):
            problems.append(_("%(name)s does not belong to %(member)s.") % {"name": person.name, "member": member})
    return problems


@transaction.atomic
def registration_create(
    *,
    actor: Actor,
    event: Event,
    member: Member | None,
    role: str,
    person: Person | None = None,
    new_person: Mapping[str, Any] | None = None,
    gender: str = "",
) -> Registration:
    """Register an existing person, or a new one for ``member`` in the same transaction
    (a refused registration leaves no half-created person behind)."""
    # Lock the event so two focal points cannot both take the last place.
    Event.objects.select_for_update().filter(pk=event.pk).first()
    if person is None:
        if new_person is None:
            raise ValidationError(_("Choose a person or give the new participant's name."))
        person = Person(member=member, **_without_bidi_controls(new_person, ("name", "name_local", "title")))
        problems = registration_problems(actor=actor, event=event, person=person, member=member)
        if problems:
            raise ValidationError(problems)
        person = model_create(instance=person, data={}, actor=actor, subject=member or event)
    else:
        problems = registration_problems(actor=actor, event=event, person=person, member=member)
        if problems:
            raise ValidationError(problems)
    registered_by = actor if getattr(actor, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            return model_create(
                instance=Registration(event=event, person=person, member=member, registered_by=registered_by),
                data={"role": role, "gender": gender or person.gender},
                actor=actor,
                subject=event,
            )
    except IntegrityError:
        raise ValidationError(_("%(name)s is already registered for this event.") % {"name": person.name}) from None


def _without_bidi_controls(data: Mapping[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """A new participant's names as the programme and lists show them inline (core.text)."""
    return {
        key: strip_bidi_controls(value) if key in names and isinstance(value, str) else value
        for key, value in data.items()
    }


@transaction.atomic
def registration_cancel(*, actor: Actor, registration: Registration) -> None:
    model_delete(instance=registration, actor=actor, subject=registration.event)


def registration_update(*, actor: Actor, registration: Registration, data: Mapping[str, Any]) -> bool:
    return model_update(instance=registration, data=data, actor=actor, subject=registration.event)


@transaction.atomic
def attendance_record(*, actor: Actor, event: Event, attended: Mapping[int, bool | None]) -> int:
    """Mark who came (True), who did not (False) or not yet known (None); returns rows changed."""
    changed = 0
    for registration in event.registrations.filter(pk__in=list(attended)):
        value = attended[registration.pk]
        if registration.attended != value:
            model_update(instance=registration, data={"attended": value}, actor=actor, subject=event)
            changed += 1
    return changed


# --- Minutes and outcomes -------------------------------------------------------------------


def minutes_update(*, actor: Actor, event: Event, data: Mapping[str, Any]) -> bool:
    return model_update(instance=event, data=data, actor=actor)


# --- Private feeds --------------------------------------------------------------------------


def feed_token_for(*, user: User) -> FeedToken:
    token, _created = FeedToken.objects.get_or_create(user=user)
    return token


@transaction.atomic
def feed_token_reset(*, actor: User) -> FeedToken:
    """A new secret: every private feed address given out before stops working."""
    FeedToken.objects.filter(user=actor).delete()
    token = FeedToken.objects.create(user=actor)
    audit_record(actor=actor, instance=token, subject=actor, action=AuditEvent.Action.CREATED)
    return token
