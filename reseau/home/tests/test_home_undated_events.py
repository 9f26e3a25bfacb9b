"""The home page's undated events (issue 11, item 5): those of a year gone by are not upcoming,
and "Date to be fixed" is said once for each."""

from __future__ import annotations

import pytest
from django.utils import timezone

from reseau.home.selectors import upcoming_events
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year


def _block(response) -> str:
    page = response.content.decode()
    start = page.index('id="upcoming-events-title"')
    return page[start : page.index("</section>", start)]


@pytest.fixture
def undated(world):
    for title, note in (("Meeting of two years ago", str(THIS_YEAR - 2)), ("Next year's meeting", str(THIS_YEAR + 1))):
        EventFactory(
            network=world.hue.network,
            visibility="public",
            status="to_be_fixed",
            starts_at=None,
            title_en=title,
            title_fr=title,
            date_note=note,
        )


@pytest.mark.parametrize("role", ["anonymous", "partner", "focal_point", "coordinator", "secretariat"])
def test_an_undated_event_of_a_past_year_is_not_upcoming(world, undated, role):
    block = _block(world.client_for(role).get("/"))
    assert "Meeting of two years ago" not in block
    assert "Next year&#x27;s meeting" in block


def test_the_selector_leaves_it_out(world, undated):
    titles = [item.event.title for item in upcoming_events(world.users["coordinator"])]
    assert titles == ["Next year's meeting"]


def test_date_to_be_fixed_is_said_once(world, undated):
    block = _block(world.client_for("anonymous").get("/"))
    assert block.count("Date to be fixed") == 1
    assert f"Date to be fixed · {THIS_YEAR + 1}" in block


def test_a_dated_events_status_is_still_shown(world):
    EventFactory(network=world.hue.network, visibility="public", status="planned", title_en="Planned forum")
    block = _block(world.client_for("anonymous").get("/"))
    assert "Planned" in block.split("Planned forum")[1]
