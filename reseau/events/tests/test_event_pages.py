"""The list of events and an event's page, as each role sees them."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from reseau.decisions.models import Decision
from reseau.events.models import Event
from tests.factories import (
    ActivityFactory,
    DecisionFactory,
    EventFactory,
    NetworkFactory,
    PlanFactory,
    ProjectFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db

LIST = reverse("events:event_list")
UTC = datetime.UTC


def _detail(event: Event) -> str:
    return reverse("events:event_detail", kwargs={"slug": event.slug})


@pytest.fixture
def events(world):
    network = world.hue.network
    return {
        "public": EventFactory(
            network=network,
            slug="annual-meeting-2031",
            title_en="Annual meeting 2031",
            title_fr="Réunion annuelle 2031",
            visibility="public",
            venue="Fairfield Hotel",
            city="Phnom Penh",
            host_member=world.hue,
        ),
        "partners": EventFactory(
            network=network,
            slug="partners-forum",
            title_en="Partners forum",
            visibility="partners",
            kind="partner_event",
            starts_at=datetime.datetime(2031, 6, 2, 2, 0, tzinfo=UTC),
        ),
        "network": EventFactory(
            network=network,
            slug="focal-points-call",
            title_en="Focal points call",
            visibility="network",
            kind="focal_point_meeting",
            online_url="https://meet.example/rvase",
            starts_at=datetime.datetime(2031, 7, 3, 2, 0, tzinfo=UTC),
        ),
        "to_be_fixed": EventFactory(
            network=network,
            slug="study-tour-hue",
            title_en="Study tour in Huế",
            kind="study_tour",
            status="to_be_fixed",
            starts_at=None,
            ends_at=None,
            date_note="Second half of 2031",
        ),
        "past": EventFactory(
            network=network,
            slug="annual-meeting-2023",
            title_en="Annual meeting 2023",
            visibility="public",
            status="held",
            starts_at=datetime.datetime(2023, 5, 18, 1, 0, tzinfo=UTC),
        ),
    }


@pytest.mark.parametrize(
    ("role", "seen", "hidden"),
    [
        ("anonymous", ["Annual meeting 2031"], ["Partners forum", "Focal points call", "Study tour in Huế"]),
        ("partner", ["Annual meeting 2031", "Partners forum"], ["Focal points call", "Study tour in Huế"]),
        ("focal_point", ["Annual meeting 2031", "Partners forum", "Focal points call", "Study tour in Huế"], []),
        ("coordinator", ["Annual meeting 2031", "Partners forum", "Focal points call", "Study tour in Huế"], []),
        ("secretariat", ["Annual meeting 2031", "Partners forum", "Focal points call", "Study tour in Huế"], []),
    ],
)
def test_each_role_lists_the_events_it_may_see(world, events, role, seen, hidden):
    response = world.client_for(role).get(LIST)
    assert response.status_code == 200
    page = response.content.decode()
    for title in seen:
        assert title in page
    for title in hidden:
        assert title not in page
    assert "Annual meeting 2023" not in page  # past: on the other tab


def test_upcoming_events_come_first_with_local_times_and_past_ones_on_their_tab(world, events):
    page = world.client_for("coordinator").get(LIST).content.decode()
    assert "18 May 2031, 8:00–12:00 ICT" in page
    assert page.index("Annual meeting 2031") < page.index("Partners forum") < page.index("Focal points call")
    # A date still to be fixed comes last, with what is known of it.
    assert page.index("Focal points call") < page.index("Study tour in Huế")
    assert "Date to be fixed" in page
    assert "Second half of 2031" in page
    assert "Online" in page
    assert "<bdi>Fairfield Hotel</bdi>, <bdi>Phnom Penh</bdi>" in page
    past = world.client_for("coordinator").get(LIST, {"when": "past"}).content.decode()
    assert "Annual meeting 2023" in past
    assert "Annual meeting 2031" not in past
    assert '<span class="badge neutral">Held</span>' in past


def test_the_list_filters_by_type_host_member_and_status(world, events):
    client = world.client_for("coordinator")
    page = client.get(LIST, {"kind": "partner_event"}).content.decode()
    assert "Partners forum" in page
    assert "Annual meeting 2031" not in page
    page = client.get(LIST, {"member": "hue"}).content.decode()
    assert "Annual meeting 2031" in page
    assert "Partners forum" not in page
    page = client.get(LIST, {"status": "to_be_fixed"}).content.decode()
    assert "Study tour in Huế" in page
    assert "Annual meeting 2031" not in page


def test_only_staff_are_offered_a_new_event_and_everyone_the_calendar_and_feeds(world, events):
    for role, offered in [("anonymous", False), ("focal_point", False), ("coordinator", True), ("secretariat", True)]:
        page = world.client_for(role).get(LIST).content.decode()
        assert (reverse("events:event_create") in page) is offered
        assert reverse("events:calendar_month") in page
        # A visitor is sent to the public feeds, a signed-in reader to their calendar addresses.
        feeds = "/calendar/#calendar-subscribe" if role == "anonymous" else reverse("events:feed_links")
        assert f'href="{feeds}"' in page


def test_the_list_is_in_french(world, events):
    world.users["focal_point"].language = "fr"
    world.users["focal_point"].save()
    page = world.client_for("focal_point").get(LIST).content.decode()
    assert "Réunion annuelle 2031" in page
    assert "18 mai 2031" in page
    assert "Date à fixer" in page or "Date to be fixed" in page  # until the catalogue is compiled


def _many_events(network, count: int) -> None:
    start = datetime.datetime(2031, 1, 1, 1, 0, tzinfo=UTC)
    Event.objects.bulk_create(
        Event(
            network=network,
            slug=f"bulk-{n}",
            kind="webinar",
            status="planned",
            visibility="public",
            title_en=f"Webinar {n}",
            title_fr=f"Webinaire {n}",
            starts_at=start + datetime.timedelta(days=n),
            ends_at=start + datetime.timedelta(days=n, hours=2),
            uid=f"bulk-{n}@reseau",
            host_member=None,
        )
        for n in range(count)
    )


@pytest.mark.parametrize("count", [10, 1200])
def test_the_list_costs_the_same_queries_with_ten_or_a_thousand_events(
    world, events, count, django_assert_max_num_queries
):
    _many_events(world.hue.network, count)
    for role in ("anonymous", "coordinator", "secretariat"):
        client = world.client_for(role)
        with django_assert_max_num_queries(15):
            response = client.get(LIST)
        assert response.status_code == 200
    assert "Page 1 of" in response.content.decode() or count < 50


# --- The event's page ---------------------------------------------------------------------


def test_an_anonymous_visitor_reads_a_public_event_but_not_a_network_one(world, events):
    client = world.client_for("anonymous")
    response = client.get(_detail(events["public"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Annual meeting 2031" in page
    assert "18 May 2031, 8:00–12:00 (Phnom Penh time, UTC+7)" in page
    assert "Fairfield Hotel" in page
    assert "Huế" in page
    assert reverse("events:event_ics", kwargs={"slug": "annual-meeting-2031"}) in page
    assert reverse("events:event_edit", kwargs={"slug": "annual-meeting-2031"}) not in page
    assert client.get(_detail(events["network"])).status_code == 404
    assert client.get(_detail(events["partners"])).status_code == 404
    assert world.client_for("partner").get(_detail(events["network"])).status_code == 404
    assert world.client_for("partner").get(_detail(events["partners"])).status_code == 200


def test_the_page_shows_a_date_to_be_fixed_and_the_online_link(world, events):
    client = world.client_for("focal_point")
    page = client.get(_detail(events["to_be_fixed"])).content.decode()
    assert "Date to be fixed" in page
    assert "Second half of 2031" in page
    page = client.get(_detail(events["network"])).content.decode()
    assert 'href="https://meet.example/rvase"' in page


def test_the_page_links_plan_activities_projects_and_the_programme(world, events):
    event = events["public"]
    plan = PlanFactory(network=world.hue.network, code="annual-2031", status="validated")
    activity = ActivityFactory(axis__plan=plan, number=4, title_en="Annual network meeting")
    project = ProjectFactory(network=world.hue.network, code="rvase-2031-fsm-hue", lead_member=world.hue)
    event.activities.add(activity)
    event.projects.add(project)
    page = world.client_for("coordinator").get(_detail(event)).content.decode()
    assert reverse("plans:activity_detail", kwargs={"code": "annual-2031", "number": 4}) in page
    assert reverse("projects:project_detail", kwargs={"code": "rvase-2031-fsm-hue"}) in page
    assert reverse("events:programme", kwargs={"slug": event.slug}) in page
    # Plans and projects are not public pages: visitors are not sent to them.
    anonymous = world.client_for("anonymous").get(_detail(event)).content.decode()
    assert "annual-2031" not in anonymous
    assert "rvase-2031-fsm-hue" not in anonymous


def test_staff_see_actions_and_history_focal_points_do_not(world, events):
    event = events["network"]
    staff_page = world.client_for("coordinator").get(_detail(event)).content.decode()
    for name in ("event_edit", "event_cancel", "minutes_edit"):
        assert reverse(f"events:{name}", kwargs={"slug": event.slug}) in staff_page
    assert "History of changes" in staff_page
    focal_page = world.client_for("focal_point").get(_detail(event)).content.decode()
    for name in ("event_edit", "event_cancel", "minutes_edit"):
        assert reverse(f"events:{name}", kwargs={"slug": event.slug}) not in focal_page
    assert "History of changes" not in focal_page


@pytest.mark.parametrize("role", ["focal_point", "partner"])
def test_a_focal_point_or_a_partner_cannot_edit_or_cancel(world, events, role):
    event = events["partners"]
    client = world.client_for(role)
    assert client.get(reverse("events:event_edit", kwargs={"slug": event.slug})).status_code == 403
    assert client.post(reverse("events:event_cancel", kwargs={"slug": event.slug})).status_code == 403
    event.refresh_from_db()
    assert event.status == "confirmed"


def test_anonymous_visitors_are_sent_to_sign_in_to_change_an_event(world, events):
    response = world.client_for("anonymous").post(
        reverse("events:event_cancel", kwargs={"slug": "annual-meeting-2031"})
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_coordinator_cancels_an_event_with_a_post(world, events):
    event = events["network"]
    url = reverse("events:event_cancel", kwargs={"slug": event.slug})
    client = world.client_for("coordinator")
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    event.refresh_from_db()
    assert event.status == "cancelled"
    assert event.sequence == 1
    assert "This event has been cancelled." in response.content.decode()


def test_another_networks_coordinator_cannot_see_a_network_only_event(world, events):
    from reseau.accounts.models import Role
    from tests.factories import UserFactory

    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    other = UserFactory(email="coord@maghreb.test", role=Role.COORDINATOR, network=maghreb)
    client = world.client_for("anonymous")
    client.force_login(other)
    assert client.get(_detail(events["network"])).status_code == 404
    assert client.get(_detail(events["public"])).status_code == 200
    assert client.get(reverse("events:event_edit", kwargs={"slug": events["public"].slug})).status_code == 403


def test_participants_links_for_those_who_register(world, events):
    event = events["network"]
    RegistrationFactory(event=event, person__member=world.hue)
    RegistrationFactory(event=event, person__member=world.vientiane)
    page = world.client_for("focal_point").get(_detail(event)).content.decode()
    assert reverse("events:register", kwargs={"slug": event.slug}) in page
    assert reverse("events:participants", kwargs={"slug": event.slug}) in page
    assert "1 participant of your delegation registered." in page
    page = world.client_for("coordinator").get(_detail(event)).content.decode()
    assert "2 participants registered." in page
    page = world.client_for("partner").get(_detail(events["partners"])).content.decode()
    assert reverse("events:register", kwargs={"slug": "partners-forum"}) not in page


def test_minutes_are_for_the_network_not_for_visitors_or_partners(world, events):
    event = events["public"]
    event.minutes_en = "The members adopted the 2031 road map."
    event.save()
    assert "adopted the 2031 road map" in world.client_for("focal_point").get(_detail(event)).content.decode()
    assert "adopted the 2031 road map" in world.client_for("secretariat").get(_detail(event)).content.decode()
    assert "adopted the 2031 road map" not in world.client_for("anonymous").get(_detail(event)).content.decode()
    assert "adopted the 2031 road map" not in world.client_for("partner").get(_detail(event)).content.decode()


def test_decisions_of_the_meeting_are_listed_for_the_network_only(world, events):
    event = events["public"]
    DecisionFactory(network=world.hue.network, title_en="Hold the 2032 meeting in Vientiane", event=event)
    DecisionFactory(network=world.hue.network, title_en="Unrelated decision")
    page = world.client_for("focal_point").get(_detail(event)).content.decode()
    assert "Hold the 2032 meeting in Vientiane" in page
    assert "Unrelated decision" not in page
    for role in ("anonymous", "partner"):
        assert "Hold the 2032 meeting" not in world.client_for(role).get(_detail(event)).content.decode()
    assert Decision.objects.filter(event=event).count() == 1


def test_a_repeating_event_lists_its_next_dates_with_links_for_staff(world):
    now = datetime.datetime.now(UTC)
    first = (now - datetime.timedelta(days=40)).replace(hour=2, minute=0, second=0, microsecond=0)
    series = EventFactory(
        network=world.hue.network,
        slug="monthly-call",
        title_en="Monthly focal points call",
        kind="focal_point_meeting",
        starts_at=first,
        ends_at=first + datetime.timedelta(hours=1),
        recurrence_rule="FREQ=WEEKLY;INTERVAL=2",
    )
    page = world.client_for("coordinator").get(_detail(series)).content.decode()
    assert "Next dates" in page
    assert page.count("Move or cancel this date") >= 6
    focal_page = world.client_for("focal_point").get(_detail(series)).content.decode()
    assert "Next dates" in focal_page
    assert "Move or cancel this date" not in focal_page


def test_the_page_reads_in_french(world, events):
    client = world.client_for("anonymous")
    page = client.get(_detail(events["public"]), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Réunion annuelle 2031" in page
    assert "18 mai 2031" in page


def test_the_page_of_an_event_costs_a_bounded_number_of_queries(world, events, django_assert_max_num_queries):
    event = events["public"]
    for n in range(5):
        DecisionFactory(network=world.hue.network, title_en=f"Decision {n}", event=event)
        RegistrationFactory(event=event, person__member=world.hue)
    event.hosting_offers.create(member=world.hue)
    event.hosting_offers.create(member=world.vientiane)
    for role in ("anonymous", "focal_point", "coordinator"):
        client = world.client_for(role)
        with django_assert_max_num_queries(18):
            assert client.get(_detail(event)).status_code == 200


def test_a_series_that_has_ended_is_listed_with_the_past_events(world):
    """A monthly meeting that stopped after three dates is no longer "upcoming"; a running one is."""
    start = datetime.datetime(2023, 7, 6, 3, 0, tzinfo=datetime.UTC)
    common = {"network": world.hue.network, "starts_at": start, "ends_at": start + datetime.timedelta(hours=1)}
    EventFactory(title_en="Ended monthly call", recurrence_rule="FREQ=MONTHLY;BYDAY=1TH;COUNT=3", **common)
    EventFactory(title_en="Running monthly call", recurrence_rule="FREQ=MONTHLY;BYDAY=1TH", **common)
    client = world.client_for("coordinator")
    upcoming = client.get(LIST).content.decode()
    past = client.get(LIST, {"when": "past"}).content.decode()
    assert "Running monthly call" in upcoming
    assert "Ended monthly call" not in upcoming
    assert "Ended monthly call" in past
    assert "Running monthly call" not in past
