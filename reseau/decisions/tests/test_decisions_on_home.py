"""Overdue decisions and action items appear on the home page of their owner and of the network's staff."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reseau.accounts.models import Role
from reseau.decisions.models import Decision
from tests.factories import DecisionFactory, NetworkFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.date(2024, 1, 15)


def _today() -> datetime.date:
    return timezone.localdate(timezone=zoneinfo.ZoneInfo("Asia/Phnom_Penh"))


def _home(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def overdue(world):
    network = world.hue.network
    return {
        "hue": DecisionFactory(
            network=network,
            kind="action",
            title_en="Send the sanitation study",
            owner_member=world.hue,
            due_date=LONG_AGO,
        ),
        "vientiane": DecisionFactory(
            network=network,
            kind="action",
            title_en="Translate the road map into Lao",
            owner_member=world.vientiane,
            due_date=LONG_AGO + datetime.timedelta(days=1),
            status=Decision.Status.IN_PROGRESS,
        ),
    }


def test_the_coordinator_sees_the_networks_overdue_items(world, overdue):
    page = _home(world.client_for("coordinator"))
    assert "Decisions overdue" in page
    assert "Send the sanitation study" in page
    assert "Translate the road map into Lao" in page
    assert overdue["hue"].get_absolute_url() in page
    assert "Owner: Huế" in page
    assert "Owner: Vientiane Capital" in page
    assert "Due 15/01/2024" in page
    assert "Due 16/01/2024" in page
    assert page.index("Send the sanitation study") < page.index("Translate the road map")
    # The existing blocks are still there.
    assert "Next steps overdue" in page
    assert "Focal points late" in page


def test_the_focal_point_of_hue_sees_its_own_members_items_only(world, overdue):
    page = _home(world.client_for("focal_point"))
    assert "Your decisions overdue" in page
    assert "Send the sanitation study" in page
    assert overdue["hue"].get_absolute_url() in page
    assert "Due 15/01/2024" in page
    assert "Translate the road map into Lao" not in page


def test_items_not_overdue_are_not_shown(world):
    network = world.hue.network
    DecisionFactory(network=network, title_en="Due today", owner_member=world.hue, due_date=_today())
    DecisionFactory(network=network, title_en="Done late", owner_member=world.hue, due_date=LONG_AGO, status="done")
    DecisionFactory(
        network=network, title_en="Cancelled", owner_member=world.hue, due_date=LONG_AGO, status="cancelled"
    )
    DecisionFactory(network=network, title_en="No due date", owner_member=world.hue)
    DecisionFactory(
        network=network, title_en="Due tomorrow", owner_member=world.hue, due_date=_today() + datetime.timedelta(days=1)
    )
    coordinator = _home(world.client_for("coordinator"))
    focal_point = _home(world.client_for("focal_point"))
    for title in ("Due today", "Done late", "Cancelled", "No due date", "Due tomorrow"):
        assert title not in coordinator
        assert title not in focal_point
    assert "No decision is overdue." in coordinator
    assert "None of your decisions is overdue." in focal_point


def test_an_item_owned_by_a_person_is_on_the_home_page_of_the_user_with_that_email(world):
    network = world.hue.network
    vientiane_focal = UserFactory(
        email="Somphone@Vientiane.example", role=Role.FOCAL_POINT, member=world.vientiane, network=network
    )
    person = PersonFactory(member=world.hue, name="Somphone Keo", email="somphone@vientiane.example")
    DecisionFactory(network=network, title_en="Draft the peer exchange agenda", owner_person=person, due_date=LONG_AGO)
    client = world.client_for("anonymous")
    client.force_login(vientiane_focal)
    page = _home(client)
    assert "Draft the peer exchange agenda" in page
    assert "Owner: Somphone Keo" in page
    # Hué's focal point is not its owner (though the person works for Huế, the member does not own it).
    assert "Draft the peer exchange agenda" not in _home(world.client_for("focal_point"))


def test_the_secretariats_own_items_come_first(world):
    network = world.hue.network
    for day in range(1, 13):
        DecisionFactory(
            network=network,
            title_en=f"Item of day {day:02}",
            owner_member=world.hue,
            due_date=datetime.date(2024, 1, day),
        )
    me = PersonFactory(member=None, name="Claire Martin", email="secretariat@reseau.test")
    DecisionFactory(network=network, title_en="Claire's own item", owner_person=me, due_date=datetime.date(2024, 6, 1))
    page = _home(world.client_for("secretariat"))
    assert "Claire&#x27;s own item" in page
    assert "Yours" in page
    assert page.index("Claire&#x27;s own item") < page.index("Item of day 01")
    assert "Item of day 09" in page
    assert "Item of day 10" not in page
    assert "10 of 13 are shown: yours first, then the oldest." in page
    coordinator = _home(world.client_for("coordinator"))
    assert "Yours" not in coordinator
    assert "Item of day 10" in coordinator
    assert "Claire&#x27;s own item" not in coordinator


def test_the_focal_point_sees_its_ten_oldest_with_the_total(world):
    for day in range(1, 13):
        DecisionFactory(
            network=world.hue.network,
            title_en=f"Item of day {day:02}",
            owner_member=world.hue,
            due_date=datetime.date(2024, 1, day),
        )
    page = _home(world.client_for("focal_point"))
    assert "Item of day 01" in page
    assert "Item of day 10" in page
    assert "Item of day 11" not in page
    assert "The 10 oldest of 12 are shown." in page


def test_the_secretariat_sees_every_network_and_the_coordinator_its_own(world, overdue):
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    DecisionFactory(network=maghreb, title_en="Open an office in Tunis", due_date=LONG_AGO)
    assert "Open an office in Tunis" in _home(world.client_for("secretariat"))
    assert "Open an office in Tunis" not in _home(world.client_for("coordinator"))


def test_partners_and_anonymous_visitors_see_no_decisions(world, overdue):
    partner_person = PersonFactory(member=None, name="Partner person", email="partner@reseau.test")
    DecisionFactory(
        network=world.hue.network, title_en="Partner-owned item", owner_person=partner_person, due_date=LONG_AGO
    )
    for role in ("partner", "anonymous"):
        page = _home(world.client_for(role))
        assert "Decisions overdue" not in page
        assert "Your decisions overdue" not in page
        assert "Send the sanitation study" not in page
        assert "Partner-owned item" not in page


def test_titles_are_escaped_on_the_home_page(world):
    DecisionFactory(network=world.hue.network, title_en="<em>Urgent</em>", owner_member=world.hue, due_date=LONG_AGO)
    page = _home(world.client_for("focal_point"))
    assert "<em>Urgent</em>" not in page
    assert "&lt;em&gt;Urgent&lt;/em&gt;" in page


def _add_overdue(count: int, *, start: int, world) -> None:
    people = [PersonFactory(member=world.hue), PersonFactory(member=None, email="coordinator@reseau.test")]
    Decision.objects.bulk_create(
        DecisionFactory.build(
            network=world.hue.network,
            title_en=f"Bulk item {n:04}",
            owner_member=[world.hue, world.vientiane, None][n % 3],
            owner_person=people[n % 2] if n % 5 else None,
            due_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=n % 200),
            status=["open", "in_progress"][n % 2],
        )
        for n in range(start, start + count)
    )


def test_the_home_page_query_count_does_not_grow_with_the_register(world):
    _add_overdue(10, start=0, world=world)
    clients = {role: world.client_for(role) for role in ("focal_point", "coordinator", "secretariat")}

    def measure() -> dict[str, int]:
        counts = {}
        for role, client in clients.items():
            with CaptureQueriesContext(connection) as queries:
                assert client.get("/").status_code == 200
            counts[role] = len(queries)
        return counts

    small = measure()
    # The people are created once: only the decisions grow.
    Decision.objects.bulk_create(
        Decision(network=world.hue.network, title_en=f"More {n}", owner_member=world.hue, due_date=LONG_AGO)
        for n in range(290)
    )
    large = measure()
    assert small == large
    assert max(large.values()) <= 15, large
