"""The event page asks an exact number of SQL queries, the same for a small meeting and for a
large one: offers to host, programme items, themes, plan activities, projects, participants,
decisions of the meeting and history rows do not add queries. A change in the number means a
new read on the page (say so here) or a read that now grows with the event (fix it)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reseau.audit.models import AuditEvent
from reseau.audit.services import audit_record
from reseau.events.models import Event, HostingOffer, Session
from reseau.registry.models import Theme
from tests.factories import (
    ActivityFactory,
    DecisionFactory,
    EventFactory,
    MemberFactory,
    PersonFactory,
    PlanFactory,
    ProjectFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db

SMALL, LARGE = 1, 40

# The session and the account; the event (with its network, host, country and series); its
# offers to host; themes; plan activities; projects; the programme's count; the participants'
# count; the decisions of the meeting (the section of the decisions app); its documents (the
# section of the library, one query: no version to read when there is no document); the history.
COORDINATOR_QUERIES = 12
# A focal point of the network: the same reads but the history (its delegation's count only).
FOCAL_POINT_QUERIES = 11
# An anonymous visitor of a public event: no session; no plans nor projects to open (their
# queries are not sent), no participants, minutes nor decisions: the event, its offers (to
# know whether one is the visitor's own), themes, the programme's count and the public documents.
ANONYMOUS_QUERIES = 5


def _meeting(world, size: int):
    """A public meeting of the world's network with ``size`` of everything its page lists."""
    network = world.hue.network
    event = EventFactory(network=network, visibility=Event.Visibility.PUBLIC, status=Event.Status.PLANNED)
    members = [MemberFactory(network=network) for _ in range(size)]
    plan = PlanFactory(network=network)
    themes = [
        Theme.objects.create(code=f"theme-{size}-{n}", kind=Theme.Kind.WORK, name=f"Theme {n}") for n in range(size)
    ]
    event.themes.set(themes)
    event.activities.set([ActivityFactory(axis__plan=plan, plan=plan) for _ in range(size)])
    event.projects.set([ProjectFactory(network=network, lead_member=world.hue) for _ in range(size)])
    Session.objects.bulk_create(
        Session(event=event, position=n, title_en=f"Item {n}", starts_at=event.starts_at) for n in range(size)
    )
    HostingOffer.objects.bulk_create(HostingOffer(event=event, member=member) for member in members)
    for member in [world.hue, *members]:
        RegistrationFactory(event=event, person=PersonFactory(member=member))
    for _ in range(size):
        DecisionFactory(network=network, event=event)
        audit_record(actor=world.users["coordinator"], instance=event, subject=event, action=AuditEvent.Action.CREATED)
    return event


def _queries_of_the_page(world, django_assert_num_queries, role: str, size: int, expected: int) -> None:
    event = _meeting(world, size)
    client = world.client_for(role)
    url = reverse("events:event_detail", kwargs={"slug": event.slug})
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_the_event_page_for_the_coordinator(world, django_assert_num_queries, size):
    _queries_of_the_page(world, django_assert_num_queries, "coordinator", size, COORDINATOR_QUERIES)


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_the_event_page_for_a_focal_point(world, django_assert_num_queries, size):
    _queries_of_the_page(world, django_assert_num_queries, "focal_point", size, FOCAL_POINT_QUERIES)


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_the_event_page_for_an_anonymous_visitor(world, django_assert_num_queries, size):
    _queries_of_the_page(world, django_assert_num_queries, "anonymous", size, ANONYMOUS_QUERIES)
