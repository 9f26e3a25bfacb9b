"""Private calendar addresses: the page that gives them, what they carry, and their reset."""

from __future__ import annotations

import pytest

from reseau.events.models import FeedToken
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

PAGE = "/calendar/feeds/"
RESET = "/calendar/feeds/reset/"


def _token(user) -> str:
    return FeedToken.objects.get_or_create(user=user)[0].token


def test_the_page_needs_signing_in(world):
    response = world.client_for("anonymous").get(PAGE)
    assert response.status_code == 302
    assert "/login" in response["Location"] or "login" in response["Location"]


def test_the_page_gives_public_and_private_addresses_and_explains_them(world):
    html = world.client_for("focal_point").get(PAGE).content.decode()
    token = FeedToken.objects.get(user=world.users["focal_point"]).token
    assert f'value="http://testserver/calendar/private/{token}/mine.ics"' in html
    assert f'value="http://testserver/calendar/private/{token}/network/rvase.ics"' in html
    assert f'value="http://testserver/calendar/private/{token}/members/hue.ics"' in html  # its own member
    assert 'value="http://testserver/calendar/feeds/network/rvase.ics"' in html
    assert "Anyone with this address sees these events, without signing in." in html
    assert "reset it" in html
    assert f'action="{RESET}"' in html
    assert 'method="post"' in html
    assert "Reset my private addresses" in html


def test_theme_addresses_are_listed(world):
    from reseau.registry.models import Theme

    Theme.objects.create(code="urban-sanitation", kind="work", name_en="Urban sanitation")
    html = world.client_for("coordinator").get(PAGE).content.decode()
    assert "Events: Urban sanitation" in html
    assert "http://testserver/calendar/feeds/themes/urban-sanitation.ics" in html


def test_opening_the_page_twice_keeps_the_address(world):
    client = world.client_for("coordinator")
    client.get(PAGE)
    first = FeedToken.objects.get(user=world.users["coordinator"]).token
    client.get(PAGE)
    assert FeedToken.objects.get(user=world.users["coordinator"]).token == first


def test_reset_is_post_only(world):
    assert world.client_for("coordinator").get(RESET).status_code == 405
    assert world.client_for("anonymous").get(RESET).status_code == 405


def test_after_a_reset_the_old_address_answers_404(world):
    EventFactory(network=world.hue.network, title_en="Working group")
    user = world.users["coordinator"]
    old = _token(user)
    anonymous = world.client_for("anonymous")
    old_url = f"/calendar/private/{old}/network/rvase.ics"
    assert anonymous.get(old_url).status_code == 200

    response = world.client_for("coordinator").post(RESET, follow=True)
    assert response.redirect_chain == [(PAGE, 302)]
    assert "the old ones no longer work" in response.content.decode()
    new = FeedToken.objects.get(user=user).token
    assert new != old
    assert new in response.content.decode()

    for path in ("network/rvase.ics", "mine.ics", "members/hue.ics"):
        assert anonymous.get(f"/calendar/private/{old}/{path}").status_code == 404
    body = b"".join(anonymous.get(f"/calendar/private/{new}/network/rvase.ics").streaming_content).decode()
    assert "Working group" in body


def test_anonymous_cannot_reset(world):
    response = world.client_for("anonymous").post(RESET)
    assert response.status_code == 302
    assert not FeedToken.objects.exists()


def test_a_private_address_gives_its_owners_view_to_whoever_holds_it(world):
    EventFactory(network=world.hue.network, title_en="Network-only working group", visibility="network")
    url = f"/calendar/private/{_token(world.users['focal_point'])}/network/rvase.ics"
    for role in ("anonymous", "partner"):
        response = world.client_for(role).get(url)
        assert "Network-only working group" in b"".join(response.streaming_content).decode()
        assert response["Cache-Control"] == "private, no-store"


def test_a_deactivated_account_has_no_feed(world):
    user = world.users["coordinator"]
    token = _token(user)
    user.is_active = False
    user.save()
    assert world.client_for("anonymous").get(f"/calendar/private/{token}/network/rvase.ics").status_code == 404


def test_unknown_token(world):
    assert world.client_for("anonymous").get("/calendar/private/no-such-token/mine.ics").status_code == 404
