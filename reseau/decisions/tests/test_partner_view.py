"""The decisions register is the network's own: a partner following a link is told so (403)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import DecisionFactory

pytestmark = pytest.mark.django_db

REASON = "The decisions register is kept for the network&#x27;s members and staff: it is not shared with partners."


def test_the_register_answers_a_partner_with_403(world):
    assert world.client_for("partner").get(reverse("decisions:decision_list")).status_code == 403


def test_the_register_tells_a_partner_why(world):
    assert REASON in world.client_for("partner").get(reverse("decisions:decision_list")).content.decode()


def test_a_decision_tells_a_partner_why(world):
    decision = DecisionFactory(network=world.hue.network)
    response = world.client_for("partner").get(reverse("decisions:decision_detail", kwargs={"pk": decision.pk}))
    assert REASON in response.content.decode()


def test_the_403_page_is_not_a_bare_not_allowed(world):
    page = world.client_for("partner").get(reverse("decisions:decision_list")).content.decode()
    assert "You are not allowed to do this" not in page


def test_the_home_page_offers_a_partner_no_link_to_the_register(world):
    page = world.client_for("partner").get(reverse("home:home")).content.decode()
    assert reverse("decisions:decision_list") not in page
