"""The digest: only when there is something to say, once per person and period, what they may see."""

from __future__ import annotations

import datetime

import pytest

from reseau.communication.digest import digests_send
from reseau.communication.services import preference_update
from reseau.outbox.models import OutgoingEmail
from tests.factories import EventFactory, NetworkFactory

pytestmark = pytest.mark.django_db

MONDAY = datetime.datetime(2031, 5, 12, 6, 0, tzinfo=datetime.UTC)  # the week before the meeting of 18 May


def _digest_to(address: str) -> list[OutgoingEmail]:
    return [e for e in OutgoingEmail.objects.all() if e.to == [address]]


@pytest.fixture
def meeting(world):
    return EventFactory(network=world.hue.network, title_en="Annual meeting 2031", title_fr="Réunion annuelle 2031")


def test_a_coordinator_gets_the_week_ahead(world, meeting):
    digests_send(now=MONDAY)
    assert "Annual meeting 2031" in _digest_to("coordinator@reseau.test")[0].body


def test_nothing_to_say_sends_nothing(world):
    digests_send(now=MONDAY)
    assert OutgoingEmail.objects.count() == 0


def test_the_weekly_digest_waits_for_monday(world, meeting):
    digests_send(now=MONDAY + datetime.timedelta(days=1))
    assert _digest_to("coordinator@reseau.test") == []


def test_running_it_twice_sends_one_digest(world, meeting):
    digests_send(now=MONDAY)
    digests_send(now=MONDAY + datetime.timedelta(hours=1))
    assert len(_digest_to("coordinator@reseau.test")) == 1


def test_a_daily_digest_comes_on_a_tuesday(world, meeting):
    preference_update(actor=None, email="coordinator@reseau.test", data={"digest": "daily"})
    digests_send(now=MONDAY + datetime.timedelta(days=1))
    assert len(_digest_to("coordinator@reseau.test")) == 1


def test_a_person_who_chose_never_gets_none(world, meeting):
    preference_update(actor=None, email="coordinator@reseau.test", data={"digest": "never"})
    digests_send(now=MONDAY)
    assert _digest_to("coordinator@reseau.test") == []


def test_an_event_of_another_network_is_not_in_the_digest(world):
    EventFactory(network=NetworkFactory(code="maghreb", acronym="", name_en="Maghreb"), title_en="Maghreb meeting")
    digests_send(now=MONDAY)
    assert _digest_to("coordinator@reseau.test") == []


def test_the_digest_is_in_the_reader_language(world, meeting):
    preference_update(actor=None, email="coordinator@reseau.test", data={"language": "fr"})
    digests_send(now=MONDAY)
    assert _digest_to("coordinator@reseau.test")[0].subject == "Votre résumé de la semaine"


def test_the_digest_lists_the_french_title_in_french(world, meeting):
    preference_update(actor=None, email="coordinator@reseau.test", data={"language": "fr"})
    digests_send(now=MONDAY)
    assert "Réunion annuelle 2031" in _digest_to("coordinator@reseau.test")[0].body


def test_a_project_that_moved_this_week_is_in_the_digest(world):
    from reseau.projects.models import Transition
    from tests.factories import ProjectFactory

    project = ProjectFactory(network=world.hue.network, lead_member=world.hue, title_en="FSM in Huế")
    Transition.objects.create(
        project=project, from_stage="design", to_stage="submitted", at=MONDAY - datetime.timedelta(days=2)
    )
    digests_send(now=MONDAY)
    assert "FSM in Huế: Submitted for validation" in _digest_to("coordinator@reseau.test")[0].body


def test_a_focal_point_news_of_the_week_is_in_the_network_digest(world):
    from tests.factories import NewsPostFactory

    NewsPostFactory(
        member=world.vientiane, title="Wastewater plant opened", published_at=MONDAY - datetime.timedelta(days=3)
    )
    digests_send(now=MONDAY)
    assert "Vientiane Capital · Wastewater plant opened" in _digest_to("coordinator@reseau.test")[0].body


def test_a_draft_news_post_is_not_in_the_digest(world):
    from tests.factories import NewsPostFactory

    NewsPostFactory(member=world.vientiane, title="Wastewater plant opened", status="draft")
    digests_send(now=MONDAY)
    assert _digest_to("coordinator@reseau.test") == []


def test_a_partner_digest_has_no_news_kept_to_the_network(world):
    from tests.factories import NewsPostFactory

    NewsPostFactory(
        member=world.vientiane, title="Wastewater plant opened", published_at=MONDAY - datetime.timedelta(days=3)
    )
    digests_send(now=MONDAY)
    assert _digest_to("partner@reseau.test") == []
