"""Who may see and change events, programmes, participants and feeds.

Every view and feed asks these functions; the route-by-role test exercises them.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from reseau.accounts.models import User
from reseau.accounts.types import Viewer
from reseau.events.models import Event, FeedToken, Registration
from reseau.partners.access import partner_networks, partner_scope
from reseau.partners.access import reads_several_networks as reads_several_networks
from reseau.registry.access import can_manage_network
from reseau.registry.models import Member, Network


def events_visible_to(user: Viewer) -> QuerySet[Event]:
    """Anonymous visitors read public events; partners add those open to partners of the networks
    they are partners of (``partners.access.partner_networks``); the network reads all of its own;
    the secretariat reads every network's."""
    public = Q(visibility=Event.Visibility.PUBLIC)
    if not user.is_authenticated or not user.is_active:
        return Event.objects.filter(public)
    if user.is_secretariat:
        return Event.objects.all()
    if user.is_partner:
        shared = Q(visibility=Event.Visibility.PARTNERS) & partner_scope(user)
        return Event.objects.filter(public | shared)
    if user.network_id:
        return Event.objects.filter(public | Q(network_id=user.network_id))
    return Event.objects.filter(public)


def can_manage_events(user: Viewer, event: Event) -> bool:
    """The coordinator of the event's network and the secretariat keep events."""
    return can_manage_network(user, event.network)


def can_create_events(user: Viewer) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_secretariat or (user.is_coordinator and user.network_id is not None)


def network_for_new_event(user: User) -> Network | None:
    """The network a new event belongs to: the coordinator's own; the secretariat, which belongs
    to no network, chooses one on the form (None)."""
    return None if user.is_secretariat else user.network


def feed_networks_for(user: User) -> QuerySet[Network]:
    """The networks whose calendar feed the feeds page offers: every one to the secretariat, the
    networks a partner is a partner of (``partner_networks``), one's own network to the others."""
    if user.is_secretariat:
        return Network.objects.all()
    if user.is_partner:
        return partner_networks(user).order_by("name")
    if user.network_id is None:
        return Network.objects.none()
    return Network.objects.filter(pk=user.network_id)


def can_read_minutes(user: Viewer, event: Event) -> bool:
    """Minutes are the network's internal record: its members' people and the secretariat, not
    anonymous visitors nor partners, even for a public event."""
    if not user.is_authenticated or not user.is_active or user.is_partner:
        return False
    return bool(user.is_secretariat or user.network_id == event.network_id)


def own_member_id(user: Viewer, event: Event) -> int | None:
    """The member of a focal point of the event's network (whose delegation it keeps); else None."""
    if not user.is_authenticated or not user.is_focal_point or user.network_id != event.network_id:
        return None
    return user.member_id


def is_own_member_focal_point(user: Viewer, event: Event) -> bool:
    return own_member_id(user, event) is not None


def can_register(user: Viewer, event: Event) -> bool:
    """Staff register anyone; a focal point registers its own member's delegation."""
    return can_manage_events(user, event) or is_own_member_focal_point(user, event)


def can_offer_to_host(user: Viewer, event: Event) -> bool:
    return is_own_member_focal_point(user, event) or can_manage_events(user, event)


def can_see_participants(user: Viewer, event: Event) -> bool:
    """Staff see every participant; a focal point sees its own delegation only."""
    return can_register(user, event)


def registrations_visible_to(user: Viewer, event: Event) -> QuerySet[Registration]:
    registrations = event.registrations.all()
    if can_manage_events(user, event):
        return registrations
    member_id = own_member_id(user, event)
    if member_id is not None:
        return registrations.filter(member_id=member_id)
    return registrations.none()


def members_registrable_by(user: Viewer, event: Event) -> QuerySet[Member]:
    """Whose delegation a user may register for this event."""
    if can_manage_events(user, event):
        return Member.objects.filter(network_id=event.network_id)
    member_id = own_member_id(user, event)
    if member_id is not None:
        return Member.objects.filter(pk=member_id)
    return Member.objects.none()


def event_for_user(user: Viewer, slug: str) -> Event:
    try:
        return events_visible_to(user).select_related("network", "host_member", "country", "series").get(slug=slug)
    except Event.DoesNotExist:
        raise Http404 from None


def event_for_manage(user: Viewer, slug: str) -> Event:
    event = event_for_user(user, slug)
    if not can_manage_events(user, event):
        raise PermissionDenied
    return event


def event_for_registration(user: Viewer, slug: str) -> Event:
    event = event_for_user(user, slug)
    if not can_register(user, event):
        raise PermissionDenied
    return event


def event_for_hosting_offer(user: Viewer, slug: str) -> Event:
    event = event_for_user(user, slug)
    if not can_offer_to_host(user, event):
        raise PermissionDenied
    return event


def can_withdraw(user: Viewer, event: Event, registration: Registration) -> bool:
    """The staff withdraw anyone; a focal point its own delegates (the registration is one it may
    change), until attendance is taken."""
    if can_manage_events(user, event):
        return True
    return event.status != Event.Status.HELD and registration.attended is None


def registration_for_change(user: Viewer, event: Event, pk: int) -> Registration:
    """A registration the user may withdraw: staff any, a focal point its own member's."""
    try:
        return registrations_visible_to(user, event).select_related("person", "member").get(pk=pk)
    except Registration.DoesNotExist:
        raise Http404 from None


def user_for_feed_token(token: str) -> User:
    """The active user a private feed address belongs to; a reset or unknown token is a 404."""
    try:
        feed = FeedToken.objects.select_related("user__network").get(token=token)
    except FeedToken.DoesNotExist:
        raise Http404 from None
    if not feed.user.is_active:
        raise Http404
    return feed.user
