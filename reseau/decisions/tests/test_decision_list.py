"""The decisions register at /decisions/: who reads it, what a line shows, the filters and the query count."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reseau.decisions.models import Decision
from tests.factories import DecisionFactory, MemberFactory, NetworkFactory, PersonFactory

pytestmark = pytest.mark.django_db

URL = reverse("decisions:decision_list")
LONG_AGO = datetime.date(2024, 1, 15)


def _today() -> datetime.date:
    """Today where the network is (Phnom Penh): the register's users see its dates in that time zone."""
    return timezone.localdate(timezone=zoneinfo.ZoneInfo("Asia/Phnom_Penh"))


def _results(client, **filters) -> str:
    """The list alone, without the filter form (whose options name every status and member)."""
    response = client.get(URL, filters, headers={"HX-Request": "true"})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def register(world):
    network = world.hue.network
    person = PersonFactory(member=world.hue, name="Nguyễn Văn An", email="an@hue.example")
    return {
        "action": DecisionFactory(
            network=network,
            kind=Decision.Kind.ACTION,
            title_en="Send the sanitation study to the members",
            title_fr="Envoyer l'étude d'assainissement aux membres",
            meeting="Annual meeting 2024, Huế",
            meeting_date=datetime.date(2023, 12, 5),
            owner_person=person,
            owner_member=world.hue,
            due_date=LONG_AGO,
            status=Decision.Status.IN_PROGRESS,
        ),
        "decision": DecisionFactory(
            network=network,
            kind=Decision.Kind.DECISION,
            title_en="Hold the next annual meeting in Vientiane",
            meeting="Annual meeting 2024, Huế",
            status=Decision.Status.DONE,
        ),
        "vientiane": DecisionFactory(
            network=network,
            title_en="Translate the road map into Lao",
            owner_member=world.vientiane,
            due_date=_today() + datetime.timedelta(days=30),
        ),
    }


def test_anonymous_visitors_are_sent_to_sign_in(world):
    response = world.client_for("anonymous").get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_partners_are_refused_the_networks_internal_record(world, register):
    assert world.client_for("partner").get(URL).status_code == 403
    assert world.client_for("partner").get(URL, headers={"HX-Request": "true"}).status_code == 403


@pytest.mark.parametrize(("role", "can_record"), [("focal_point", False), ("coordinator", True), ("secretariat", True)])
def test_the_network_reads_the_register_and_staff_record_decisions(world, register, role, can_record):
    response = world.client_for(role).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Decisions register" in page
    assert "Send the sanitation study to the members" in page
    assert "Hold the next annual meeting in Vientiane" in page
    assert ("Record a decision" in page) is can_record
    assert (reverse("decisions:decision_create") in page) is can_record


def test_a_line_shows_kind_meeting_owner_due_date_and_status(world, register):
    page = _results(world.client_for("coordinator"))
    assert "3 decisions and action items" in page
    assert "Action item" in page
    assert "Decision" in page
    assert "Annual meeting 2024, Huế" in page
    assert "05/12/2023" in page
    assert "Nguyễn Văn An" in page
    assert "Huế" in page
    assert "Vientiane Capital" in page
    assert "15/01/2024" in page
    assert "In progress" in page
    assert "Done" in page
    assert "Open" in page
    assert register["action"].get_absolute_url() in page
    # The soonest due date first; items without one last.
    assert page.index("sanitation study") < page.index("Translate the road map") < page.index("next annual meeting")


def test_overdue_badge_only_for_open_or_in_progress_items_past_their_due_date(world):
    network = world.hue.network
    yesterday, today = _today() - datetime.timedelta(days=1), _today()
    DecisionFactory(network=network, title_en="Open and late", due_date=yesterday, owner_member=world.hue)
    DecisionFactory(network=network, title_en="Due today", due_date=today, owner_member=world.hue)
    DecisionFactory(network=network, title_en="Done and late", due_date=LONG_AGO, status="done", owner_member=world.hue)
    DecisionFactory(network=network, title_en="Cancelled", due_date=LONG_AGO, status="cancelled")
    DecisionFactory(network=network, title_en="No due date", owner_member=world.hue)
    client = world.client_for("coordinator")
    assert _results(client).count("Overdue") == 1
    overdue_only = _results(client, overdue="on")
    assert "Open and late" in overdue_only
    assert "1 decision or action item" in overdue_only
    for title in ("Due today", "Done and late", "Cancelled", "No due date"):
        assert title not in overdue_only


def test_is_overdue_follows_the_same_rules():
    zone = zoneinfo.ZoneInfo("Asia/Phnom_Penh")
    with timezone.override(zone):
        today = timezone.localdate()
        assert Decision(status="open", due_date=today - datetime.timedelta(days=1)).is_overdue
        assert Decision(status="in_progress", due_date=LONG_AGO).is_overdue
        assert not Decision(status="open", due_date=today).is_overdue
        assert not Decision(status="done", due_date=LONG_AGO).is_overdue
        assert not Decision(status="cancelled", due_date=LONG_AGO).is_overdue
        assert not Decision(status="open", due_date=None).is_overdue


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"status": "done"}, {"decision"}),
        ({"status": "pending"}, {"action", "vientiane"}),
        ({"status": "in_progress"}, {"action"}),
        ({"kind": "decision"}, {"decision"}),
        ({"kind": "action"}, {"action", "vientiane"}),
        ({"member": "hue"}, {"action"}),
        ({"member": "vientiane"}, {"vientiane"}),
        ({"overdue": "on"}, {"action"}),
        ({"q": "road map"}, {"vientiane"}),
        ({"q": "assainissement"}, {"action"}),
        ({"q": "annual meeting"}, {"action", "decision"}),
        ({"q": "nguyễn"}, {"action"}),
        # Members' names are searched folded, without accents; titles and meetings as typed.
        ({"q": "hue"}, {"action"}),
        ({"q": "huế"}, {"action", "decision"}),
        ({"q": "nothing like it"}, set()),
        ({"status": "pending", "member": "hue", "kind": "action"}, {"action"}),
        # A refused value is ignored; the other filters still apply.
        ({"status": "nonsense", "member": "vientiane"}, {"vientiane"}),
    ],
)
def test_filters(world, register, filters, expected):
    page = _results(world.client_for("coordinator"), **filters)
    shown = {key for key, decision in register.items() if decision.get_absolute_url() + '"' in page}
    assert shown == expected


def test_the_filter_form_refreshes_the_list_in_place(world, register):
    page = world.client_for("focal_point").get(URL).content.decode()
    assert 'hx-get="/decisions/"' in page
    assert 'hx-target="#decision-results"' in page
    assert 'name="overdue"' in page
    assert 'name="member"' in page
    assert 'name="kind"' in page
    assert '<option value="hue">Huế</option>' in page
    partial = world.client_for("focal_point").get(URL, headers={"HX-Request": "true"})
    assert "<html" not in partial.content.decode()
    assert "HX-Request" in partial["Vary"]


def test_other_networks_decisions_are_for_the_secretariat_only(world, register):
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    DecisionFactory(network=maghreb, title_en="Open an office in Tunis")
    assert "Open an office in Tunis" not in _results(world.client_for("coordinator"))
    assert "Open an office in Tunis" not in _results(world.client_for("focal_point"))
    secretariat = _results(world.client_for("secretariat"))
    assert "Open an office in Tunis" in secretariat
    assert "Maghreb" in secretariat


def test_fifty_lines_a_page(world):
    for n in range(55):
        DecisionFactory(
            network=world.hue.network,
            title_en=f"Item {n:03}",
            due_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
        )
    client = world.client_for("coordinator")
    first = _results(client)
    assert "55 decisions and action items" in first
    assert "Page 1 of 2" in first
    assert "Item 049" in first
    assert "Item 050" not in first
    second = _results(client, page="2", kind="action")
    assert "Item 050" in second
    assert "Item 054" in second
    assert "Item 049" not in second
    assert "?kind=action&amp;page=1" in second


def test_titles_are_escaped(world):
    DecisionFactory(network=world.hue.network, title_en="<script>alert('x')</script>", meeting="<b>Bureau</b>")
    page = world.client_for("coordinator").get(URL).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page
    assert "<b>Bureau</b>" not in page
    assert "&lt;b&gt;Bureau&lt;/b&gt;" in page


def test_khmer_titles_are_listed_and_found(world):
    DecisionFactory(network=world.hue.network, title_en="ផែនការសកម្មភាព ភ្នំពេញ", title_fr="Plan d'action de Phnom Penh")
    client = world.client_for("coordinator")
    assert "ផែនការសកម្មភាព ភ្នំពេញ" in _results(client, q="ភ្នំពេញ")
    assert "ផែនការសកម្មភាព" not in _results(client, q="Vientiane")


def _add_decisions(count: int, *, start: int, world) -> None:
    network = world.hue.network
    members = [world.hue, world.vientiane, MemberFactory(network=network, country=world.hue.country, slug=f"m-{start}")]
    people = [PersonFactory(member=members[n % 3]) for n in range(3)]
    statuses = list(Decision.Status.values)
    Decision.objects.bulk_create(
        DecisionFactory.build(
            network=network,
            kind="action" if n % 2 else "decision",
            title_en=f"Bulk item {n:04}",
            meeting=f"Meeting {n % 7}",
            meeting_date=datetime.date(2023, 1, 1),
            owner_person=people[n % 3] if n % 4 else None,
            owner_member=members[n % 3] if n % 3 else None,
            due_date=datetime.date(2023, 6, 1) + datetime.timedelta(days=n),
            status=statuses[n % len(statuses)],
        )
        for n in range(start, start + count)
    )


def _count(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


def test_query_count_does_not_grow_with_the_register(world):
    _add_decisions(10, start=0, world=world)
    pages = [
        ("coordinator", URL),
        ("coordinator", URL + "?q=bulk+item&status=pending&kind=action&member=hue&overdue=on"),
        ("coordinator", URL + "?page=2"),
        ("focal_point", URL),
        ("secretariat", URL),
    ]
    clients = {role: world.client_for(role) for role, _path in pages}
    small = {f"{role} {path}": _count(clients[role], path) for role, path in pages}
    _add_decisions(290, start=10, world=world)
    assert Decision.objects.count() == 300
    large = {f"{role} {path}": _count(clients[role], path) for role, path in pages}
    assert small == large
    assert max(large.values()) <= 15, large


LONG_TITLE = (
    "Appoint the official focal points of every member city and province before the regional office sends the "
    "invitations to the annual meeting of the network, and tell the Permanent Secretariat in Paris"
)


def test_a_long_decision_title_is_cut_at_a_word(world):
    DecisionFactory(network=world.hue.network, title_en=LONG_TITLE)
    page = world.client_for("coordinator").get(URL).content.decode()
    assert "annual meeting of the network, and…</bdi>" in page


def test_a_cut_decision_title_keeps_the_whole_title_in_its_tooltip(world):
    DecisionFactory(network=world.hue.network, title_en=LONG_TITLE)
    page = world.client_for("coordinator").get(URL).content.decode()
    assert f'title="{LONG_TITLE}"' in page
