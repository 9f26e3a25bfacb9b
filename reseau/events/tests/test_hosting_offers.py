"""Members offer to host the next meeting; the coordinator accepts one."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reseau.accounts.models import Role
from reseau.events.models import HostingOffer
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(world):
    return EventFactory(
        network=world.hue.network,
        slug="annual-meeting-2032",
        title_en="Annual meeting 2032",
        status="to_be_fixed",
        starts_at=None,
        ends_at=None,
        date_note="2032",
    )


def _offer_url(event) -> str:
    return reverse("events:hosting_offer_make", kwargs={"slug": event.slug})


def _accept_url(offer: HostingOffer) -> str:
    return reverse("events:hosting_offer_accept", kwargs={"slug": offer.event.slug, "pk": offer.pk})


def test_hue_offers_vientiane_too_and_the_coordinator_accepts_hue(world, meeting):
    focal = world.client_for("focal_point")
    detail = focal.get(meeting.get_absolute_url()).content.decode()
    assert "Offer to host this meeting" in detail
    form = focal.get(_offer_url(meeting)).content.decode()
    assert "You offer that <bdi>Huế</bdi> hosts this meeting." in form
    assert 'name="member"' not in form
    response = focal.post(_offer_url(meeting), {"message": "At the Citadel conference centre, in May."})
    assert response.status_code == 302
    hue_offer = HostingOffer.objects.get(member=world.hue)
    assert hue_offer.status == "offered"
    assert hue_offer.offered_by == world.users["focal_point"]
    detail = focal.get(meeting.get_absolute_url()).content.decode()
    assert "<bdi>Huế</bdi> has offered to host this meeting." in detail
    assert "Offered" in detail
    assert _offer_url(meeting) not in detail  # one offer per member

    # Vientiane's focal point answered by e-mail: the coordinator records its offer.
    coordinator = world.client_for("coordinator")
    assert 'name="member"' in coordinator.get(_offer_url(meeting)).content.decode()
    coordinator.post(_offer_url(meeting), {"member": world.vientiane.pk, "message": ""})
    vientiane_offer = HostingOffer.objects.get(member=world.vientiane)

    staff_page = coordinator.get(meeting.get_absolute_url()).content.decode()
    assert "At the Citadel conference centre, in May." in staff_page
    assert _accept_url(hue_offer) in staff_page
    assert _accept_url(vientiane_offer) in staff_page

    response = coordinator.post(_accept_url(hue_offer), follow=True)
    page = response.content.decode()
    assert "Huế will host this meeting." in page
    meeting.refresh_from_db()
    hue_offer.refresh_from_db()
    vientiane_offer.refresh_from_db()
    assert meeting.host_member == world.hue
    assert hue_offer.status == "accepted"
    assert vientiane_offer.status == "declined"
    assert "Not retained" in page
    assert "Accepted" in page


def test_a_second_offer_from_the_same_member_is_refused(world, meeting):
    focal = world.client_for("focal_point")
    focal.post(_offer_url(meeting), {"message": ""})
    response = focal.post(_offer_url(meeting), {"message": "Again"})
    assert response.status_code == 200
    assert "Huế has already offered to host this meeting." in response.content.decode()
    assert HostingOffer.objects.count() == 1


def test_no_offer_for_a_meeting_already_held(world, meeting):
    meeting.status = "held"
    meeting.save()
    focal = world.client_for("focal_point")
    assert _offer_url(meeting) not in focal.get(meeting.get_absolute_url()).content.decode()
    response = focal.post(_offer_url(meeting), {"message": ""})
    assert "Offers to host are for future meetings only." in response.content.decode()
    assert not HostingOffer.objects.exists()


def test_only_staff_accept_and_only_with_a_post(world, meeting):
    offer = HostingOffer.objects.create(event=meeting, member=world.hue)
    assert world.client_for("focal_point").post(_accept_url(offer)).status_code == 403
    assert world.client_for("coordinator").get(_accept_url(offer)).status_code == 405
    offer.refresh_from_db()
    assert offer.status == "offered"


def test_an_offer_of_another_event_is_not_found_through_this_one(world, meeting):
    other = EventFactory(network=world.hue.network, slug="other-meeting")
    offer = HostingOffer.objects.create(event=other, member=world.hue)
    url = reverse("events:hosting_offer_accept", kwargs={"slug": meeting.slug, "pk": offer.pk})
    assert world.client_for("coordinator").post(url).status_code == 404


def test_partners_and_other_networks_cannot_offer(world, meeting):
    meeting.visibility = "partners"
    meeting.save()
    assert world.client_for("partner").get(_offer_url(meeting)).status_code == 403
    response = world.client_for("anonymous").get(_offer_url(meeting))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    # A focal point without a member (not yet attached) is refused too.
    loose = UserFactory(email="loose@reseau.test", role=Role.FOCAL_POINT, network=world.hue.network)
    client = world.client_for("anonymous")
    client.force_login(loose)
    assert client.post(_offer_url(meeting), {"message": ""}).status_code == 403
    assert not HostingOffer.objects.exists()


def _cancelled_meeting_with_an_offer(world, meeting) -> HostingOffer:
    offer = HostingOffer.objects.create(event=meeting, member=world.hue)
    meeting.status = "cancelled"
    meeting.save(update_fields=["status"])
    return offer


def test_an_offer_on_a_cancelled_meeting_cannot_be_accepted(world, meeting):
    offer = _cancelled_meeting_with_an_offer(world, meeting)
    world.client_for("coordinator").post(_accept_url(offer))
    offer.refresh_from_db()
    assert offer.status == "offered"


def test_accepting_an_offer_on_a_cancelled_meeting_says_why(world, meeting):
    offer = _cancelled_meeting_with_an_offer(world, meeting)
    response = world.client_for("coordinator").post(_accept_url(offer), follow=True)
    assert "its host can no longer be chosen." in response.content.decode()


def test_a_cancelled_meeting_keeps_its_host_unchanged(world, meeting):
    offer = _cancelled_meeting_with_an_offer(world, meeting)
    world.client_for("coordinator").post(_accept_url(offer))
    meeting.refresh_from_db()
    assert meeting.host_member is None
