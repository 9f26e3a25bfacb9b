"""Who reads, writes, edits and promotes which post (``news.access``), through the pages."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from reseau.accounts.models import Role
from reseau.news.models import NewsPost
from tests.factories import MemberFactory, NetworkFactory, NewsPostFactory, UserFactory

pytestmark = pytest.mark.django_db


def _detail(pk: int) -> str:
    return reverse("news:post_detail", kwargs={"pk": pk})


def _edit(pk: int) -> str:
    return reverse("news:post_edit", kwargs={"pk": pk})


def _promote(pk: int) -> str:
    return reverse("news:post_promote", kwargs={"pk": pk})


# A focal point and another member's posts ---------------------------------------------------------


def test_a_focal_point_does_not_find_another_members_draft(world):
    draft = NewsPostFactory(member=world.vientiane, status="draft")
    assert world.client_for("focal_point").get(_detail(draft.pk)).status_code == 404


def test_a_focal_point_cannot_open_the_form_of_another_members_draft(world):
    draft = NewsPostFactory(member=world.vientiane, status="draft")
    assert world.client_for("focal_point").get(_edit(draft.pk)).status_code == 404


def test_a_focal_point_reads_another_members_published_post(world):
    post = NewsPostFactory(member=world.vientiane)
    assert world.client_for("focal_point").get(_detail(post.pk)).status_code == 200


def test_a_focal_point_cannot_edit_another_members_published_post(world):
    post = NewsPostFactory(member=world.vientiane)
    assert world.client_for("focal_point").get(_edit(post.pk)).status_code == 403


def test_a_focal_point_cannot_change_another_members_post_by_posting(world):
    post = NewsPostFactory(member=world.vientiane, title="Vientiane's news")
    world.client_for("focal_point").post(_edit(post.pk), {"title": "Changed", "status": "published"})
    post.refresh_from_db()
    assert post.title == "Vientiane's news"


def test_a_focal_point_edits_its_own_members_draft(world):
    draft = NewsPostFactory(member=world.hue, status="draft")
    assert world.client_for("focal_point").get(_edit(draft.pk)).status_code == 200


def test_a_focal_point_no_longer_edits_its_post_once_on_the_public_site(world):
    post = NewsPostFactory(member=world.hue, status="promoted")
    assert world.client_for("focal_point").get(_edit(post.pk)).status_code == 403


def test_a_focal_point_writes_for_its_own_member_whatever_the_address_says(world):
    client = world.client_for("focal_point")
    client.post(f"{reverse('news:post_create')}?member=vientiane", {"title": "Our news", "status": "published"})
    assert NewsPost.objects.get().member == world.hue


def test_a_focal_point_cannot_choose_another_member_on_the_form(world):
    client = world.client_for("focal_point")
    data = {"title": "Our news", "status": "published", "member": world.vientiane.pk}
    client.post(reverse("news:post_create"), data)
    assert not NewsPost.objects.filter(member=world.vientiane).exists()


def test_a_focal_point_does_not_see_another_members_draft_in_the_list(world):
    NewsPostFactory(member=world.vientiane, status="draft", title="Vientiane's draft")
    response = world.client_for("focal_point").get(reverse("news:post_list"))
    assert "Vientiane&#x27;s draft" not in response.content.decode()


def test_a_focal_point_sees_its_own_members_draft_in_the_list(world):
    NewsPostFactory(member=world.hue, status="draft", title="Our draft")
    response = world.client_for("focal_point").get(reverse("news:post_list"))
    assert "Our draft" in response.content.decode()


# The coordinator and the secretariat -------------------------------------------------------------


def test_the_coordinator_reads_a_members_draft(world):
    draft = NewsPostFactory(member=world.vientiane, status="draft")
    assert world.client_for("coordinator").get(_detail(draft.pk)).status_code == 200


def test_the_coordinator_sees_every_post_of_the_network_in_the_list(world):
    NewsPostFactory(member=world.vientiane, status="draft", title="Vientiane's draft")
    response = world.client_for("coordinator").get(reverse("news:post_list"))
    assert "Vientiane&#x27;s draft" in response.content.decode()


def test_the_coordinator_filters_the_list_by_member(world):
    NewsPostFactory(member=world.vientiane, title="From Vientiane")
    NewsPostFactory(member=world.hue, title="From Huế")
    response = world.client_for("coordinator").get(reverse("news:post_list"), {"member": "hue"})
    assert "From Vientiane" not in response.content.decode()


def test_the_coordinator_edits_a_members_post(world):
    post = NewsPostFactory(member=world.vientiane)
    world.client_for("coordinator").post(_edit(post.pk), {"title": "Corrected title", "status": "published"})
    post.refresh_from_db()
    assert post.title == "Corrected title"


def test_another_networks_coordinator_does_not_find_the_posts(world):
    maghreb = NetworkFactory(code="maghreb", acronym="", name_en="AIMF Maghreb Network")
    client = Client()
    client.force_login(UserFactory(role=Role.COORDINATOR, network=maghreb))
    post = NewsPostFactory(member=world.hue)
    assert client.get(_detail(post.pk)).status_code == 404


def test_the_secretariat_reads_every_networks_drafts(world):
    other = MemberFactory(network=NetworkFactory(code="maghreb", acronym="", name_en="AIMF Maghreb Network"))
    draft = NewsPostFactory(member=other, status="draft")
    assert world.client_for("secretariat").get(_detail(draft.pk)).status_code == 200


# Promoting ---------------------------------------------------------------------------------------


def test_the_coordinator_puts_a_post_on_the_public_site(world):
    post = NewsPostFactory(member=world.hue)
    world.client_for("coordinator").post(_promote(post.pk))
    post.refresh_from_db()
    assert post.status == NewsPost.Status.PROMOTED


def test_the_secretariat_puts_a_post_on_the_public_site(world):
    post = NewsPostFactory(member=world.hue)
    world.client_for("secretariat").post(_promote(post.pk))
    post.refresh_from_db()
    assert post.status == NewsPost.Status.PROMOTED


def test_a_focal_point_cannot_promote_its_own_post(world):
    post = NewsPostFactory(member=world.hue)
    assert world.client_for("focal_point").post(_promote(post.pk)).status_code == 403


def test_a_focal_points_promotion_changes_nothing(world):
    post = NewsPostFactory(member=world.hue)
    world.client_for("focal_point").post(_promote(post.pk))
    post.refresh_from_db()
    assert post.status == NewsPost.Status.PUBLISHED


def test_a_partner_cannot_promote(world):
    post = NewsPostFactory(member=world.hue)
    assert world.client_for("partner").post(_promote(post.pk)).status_code == 404


def test_a_draft_put_on_the_public_site_is_refused_with_a_message(world):
    draft = NewsPostFactory(member=world.hue, status="draft")
    response = world.client_for("coordinator").post(_promote(draft.pk), follow=True)
    assert "Publish the post to the network before" in response.content.decode()


def test_the_promote_button_is_not_shown_to_a_focal_point(world):
    post = NewsPostFactory(member=world.hue)
    response = world.client_for("focal_point").get(_detail(post.pk))
    assert _promote(post.pk) not in response.content.decode()


def test_the_promote_button_is_shown_to_the_coordinator(world):
    post = NewsPostFactory(member=world.hue)
    response = world.client_for("coordinator").get(_detail(post.pk))
    assert _promote(post.pk) in response.content.decode()


def test_the_coordinator_takes_a_post_off_the_public_site(world):
    post = NewsPostFactory(member=world.hue, status="promoted")
    world.client_for("coordinator").post(reverse("news:post_withdraw", kwargs={"pk": post.pk}))
    post.refresh_from_db()
    assert post.status == NewsPost.Status.PUBLISHED


# Partners and visitors ----------------------------------------------------------------------------


def test_a_partner_does_not_read_a_post_published_to_the_network(world):
    post = NewsPostFactory(member=world.hue)
    assert world.client_for("partner").get(_detail(post.pk)).status_code == 404


def test_a_partner_reads_a_post_on_the_public_site(world):
    post = NewsPostFactory(member=world.hue, status="promoted")
    assert world.client_for("partner").get(_detail(post.pk)).status_code == 200


def test_a_visitor_reads_a_post_on_the_public_site(world):
    post = NewsPostFactory(member=world.hue, status="promoted")
    assert Client().get(_detail(post.pk)).status_code == 200


def test_a_visitor_does_not_find_a_post_published_to_the_network(world):
    post = NewsPostFactory(member=world.hue)
    assert Client().get(_detail(post.pk)).status_code == 404


def test_the_public_list_shows_the_promoted_posts(world):
    NewsPostFactory(member=world.hue, status="promoted", title="On the public site")
    assert "On the public site" in Client().get(reverse("news:public_list")).content.decode()


def test_the_public_list_does_not_show_published_posts(world):
    NewsPostFactory(member=world.hue, title="For the network only")
    assert "For the network only" not in Client().get(reverse("news:public_list")).content.decode()


def test_the_public_list_does_not_show_drafts(world):
    NewsPostFactory(member=world.hue, status="draft", title="Not yet written")
    assert "Not yet written" not in Client().get(reverse("news:public_list")).content.decode()
