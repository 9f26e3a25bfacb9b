"""The news pages as their readers meet them: the form, the text as typed, the member page,
the way to the library and back, the link from the home page."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from reseau.library.models import Document
from reseau.news.models import BODY_MAX_LENGTH, NewsPost
from tests.factories import TINY_PDF, DocumentFactory, NewsPostFactory, photo_bytes

pytestmark = pytest.mark.django_db

CREATE = reverse("news:post_create")
LAO_TITLE = "ນະຄອນຫຼວງວຽງຈັນ ຝຶກອົບຮົມພະນັກງານ"
KHMER_BODY = "ទីក្រុងភ្នំពេញបានរៀបចំវគ្គបណ្តុះបណ្តាល។\nបន្ទាត់ទីពីរ។"


def _write(client: Client, **data):
    return client.post(CREATE, {"title": "Our news", "body": "", "status": "published", **data})


# The text, as typed ------------------------------------------------------------------------------


def test_html_typed_in_the_text_is_shown_as_text(world):
    post = NewsPostFactory(member=world.hue, body="<script>alert('x')</script> <b>bold</b>")
    page = world.client_for("coordinator").get(post.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt;" in page


def test_html_typed_in_the_text_is_not_markup(world):
    post = NewsPostFactory(member=world.hue, body="<script>alert('x')</script>")
    page = world.client_for("coordinator").get(post.get_absolute_url()).content.decode()
    assert "<script>alert" not in page


def test_html_typed_in_the_title_is_shown_as_text_in_the_list(world):
    NewsPostFactory(member=world.hue, title="<img src=x onerror=alert(1)>")
    page = world.client_for("coordinator").get(reverse("news:post_list")).content.decode()
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_the_texts_line_breaks_are_kept(world):
    post = NewsPostFactory(member=world.hue, body="First line\nSecond line")
    page = world.client_for("coordinator").get(post.get_absolute_url()).content.decode()
    assert "First line<br>Second line" in page


def test_a_lao_title_and_a_khmer_text_are_stored_as_typed(world):
    _write(world.client_for("focal_point"), title=LAO_TITLE, body=KHMER_BODY)
    post = NewsPost.objects.get()
    assert (post.title, post.body) == (LAO_TITLE, KHMER_BODY)


def test_a_lao_title_is_shown_on_the_post_page(world):
    post = NewsPostFactory(member=world.hue, title=LAO_TITLE)
    assert LAO_TITLE in world.client_for("coordinator").get(post.get_absolute_url()).content.decode()


def test_a_khmer_text_is_shown_on_the_post_page(world):
    post = NewsPostFactory(member=world.hue, body=KHMER_BODY)
    page = world.client_for("coordinator").get(post.get_absolute_url()).content.decode()
    assert "ទីក្រុងភ្នំពេញបានរៀបចំវគ្គបណ្តុះបណ្តាល។" in page


# The form ----------------------------------------------------------------------------------------


def test_a_focal_point_writes_a_post_and_reads_it(world):
    response = _write(world.client_for("focal_point"), title="Huế plants 1,000 trees")
    post = NewsPost.objects.get()
    assert response["Location"] == post.get_absolute_url()


def test_a_post_without_a_title_is_refused_on_the_form(world):
    response = _write(world.client_for("focal_point"), title="", body="What we typed")
    assert "This field is required." in response.content.decode()


def test_a_refused_post_keeps_what_was_typed(world):
    response = _write(world.client_for("focal_point"), title="", body="What we typed")
    assert "What we typed" in response.content.decode()


def test_a_refused_post_is_not_saved(world):
    _write(world.client_for("focal_point"), title="", body="What we typed")
    assert not NewsPost.objects.exists()


def test_a_text_too_long_is_refused_on_the_form(world):
    response = _write(world.client_for("focal_point"), title="Kept title", body="x" * (BODY_MAX_LENGTH + 1))
    assert "Ensure this value has at most 4000 characters" in response.content.decode()


def test_a_text_too_long_keeps_the_title_typed(world):
    response = _write(world.client_for("focal_point"), title="Kept title", body="x" * (BODY_MAX_LENGTH + 1))
    assert 'value="Kept title"' in response.content.decode()


def test_the_form_is_in_french_for_a_french_reader(world):
    client = world.client_for("focal_point")
    with translation.override("fr"):
        page = client.get(CREATE, headers={"accept-language": "fr"}).content.decode()
    assert "Brouillon" in page


def test_the_coordinator_chooses_the_member_when_writing_from_the_news_page(world):
    _write(world.client_for("coordinator"), member=world.vientiane.pk)
    assert NewsPost.objects.get().member == world.vientiane


def test_the_coordinator_writes_for_the_member_of_the_page_it_came_from(world):
    client = world.client_for("coordinator")
    client.post(f"{CREATE}?member=vientiane", {"title": "Vientiane's news", "status": "draft"})
    assert NewsPost.objects.get().member == world.vientiane


def test_saving_an_unchanged_post_says_nothing_was_changed(world):
    post = NewsPostFactory(member=world.hue, title="Same", body="Same text")
    client = world.client_for("focal_point")
    data = {"title": "Same", "body": "Same text", "status": "published"}
    response = client.post(reverse("news:post_edit", kwargs={"pk": post.pk}), data, follow=True)
    assert "Nothing was changed." in response.content.decode()


def test_the_form_offers_the_members_documents(world):
    document = DocumentFactory(network=world.hue.network, title_en="Canal photo")
    document.members.add(world.hue)
    page = world.client_for("focal_point").get(CREATE).content.decode()
    assert "Canal photo" in page


def test_the_form_does_not_offer_a_document_the_writer_may_not_read(world):
    document = DocumentFactory(network=world.hue.network, access="secretariat", title_en="Secretariat note")
    document.members.add(world.hue)
    page = world.client_for("focal_point").get(CREATE).content.decode()
    assert "Secretariat note" not in page


def test_a_document_the_writer_may_not_read_is_refused(world):
    document = DocumentFactory(network=world.hue.network, access="secretariat")
    document.members.add(world.hue)
    _write(world.client_for("focal_point"), document=document.pk)
    assert not NewsPost.objects.exists()


# To the library and back -------------------------------------------------------------------------


def test_save_and_add_a_photo_goes_to_the_library_filed_under_the_member(world):
    response = _write(world.client_for("focal_point"), then="library")
    post = NewsPost.objects.get()
    target = urlsplit(response["Location"])
    query = parse_qs(target.query)
    assert (target.path, query["next"], query["member"]) == (
        reverse("library:document_create"),
        [reverse("news:post_edit", kwargs={"pk": post.pk})],
        [str(world.hue.pk)],
    )


def test_the_library_brings_the_writer_back_to_the_post_with_the_new_document(world):
    post = NewsPostFactory(member=world.hue, status="draft")
    back = reverse("news:post_edit", kwargs={"pk": post.pk})
    client = world.client_for("focal_point")
    response = client.post(
        f"{reverse('library:document_create')}?next={back}&member={world.hue.pk}",
        {
            "kind": "photo",
            "access": "network",
            "title_en": "Canal",
            "members": [world.hue.pk],
            "uploads": [SimpleUploadedFile("canal.pdf", TINY_PDF, content_type="application/pdf")],
        },
    )
    document = Document.objects.get()
    assert response["Location"] == f"{back}?document={document.pk}"


def test_the_post_form_offers_the_new_document_chosen(world):
    post = NewsPostFactory(member=world.hue, status="draft")
    document = DocumentFactory(network=world.hue.network, created_by=world.users["focal_point"])
    url = f"{reverse('news:post_edit', kwargs={'pk': post.pk})}?document={document.pk}"
    page = world.client_for("focal_point").get(url).content.decode()
    assert f'<option value="{document.pk}" selected>' in page


def test_the_library_does_not_send_the_writer_to_another_site(world):
    client = world.client_for("focal_point")
    response = client.post(
        f"{reverse('library:document_create')}?next=https://evil.example/",
        {
            "kind": "report",
            "access": "network",
            "title_en": "Report",
            "uploads": [SimpleUploadedFile("r.pdf", TINY_PDF, content_type="application/pdf")],
        },
    )
    assert response["Location"] == Document.objects.get().get_absolute_url()


# The photo ---------------------------------------------------------------------------------------


def test_a_photo_the_reader_may_read_is_shown_with_the_post(world):
    photo = DocumentFactory(
        network=world.hue.network, access="public", kind="photo", version=photo_bytes(), version__name="canal.jpg"
    )
    post = NewsPostFactory(member=world.hue, status="promoted", document=photo)
    page = Client().get(post.get_absolute_url()).content.decode()
    assert reverse("library:version_thumbnail", kwargs={"pk": photo.pk, "number": 1}) in page


def test_a_photo_the_reader_may_not_read_is_not_shown(world):
    photo = DocumentFactory(
        network=world.hue.network, access="network", kind="photo", version=photo_bytes(), version__name="canal.jpg"
    )
    post = NewsPostFactory(member=world.hue, status="promoted", document=photo)
    page = Client().get(post.get_absolute_url()).content.decode()
    assert reverse("library:document_detail", kwargs={"pk": photo.pk}) not in page


def test_the_coordinator_is_told_the_photo_is_not_public(world):
    photo = DocumentFactory(network=world.hue.network, access="network")
    post = NewsPostFactory(member=world.hue, document=photo)
    page = world.client_for("coordinator").get(post.get_absolute_url()).content.decode()
    assert "visitors of the public site do not see it" in page


# The member page ---------------------------------------------------------------------------------


def test_the_member_page_shows_the_members_latest_post(world):
    NewsPostFactory(member=world.hue, title="Latest from Huế")
    page = world.client_for("coordinator").get(world.hue.get_absolute_url()).content.decode()
    assert "Latest from Huế" in page


def test_the_member_page_does_not_show_another_members_post(world):
    NewsPostFactory(member=world.vientiane, title="From Vientiane")
    page = world.client_for("coordinator").get(world.hue.get_absolute_url()).content.decode()
    assert "From Vientiane" not in page


def test_the_member_page_hides_a_draft_from_another_members_focal_point(world):
    NewsPostFactory(member=world.vientiane, status="draft", title="Vientiane's draft")
    page = world.client_for("focal_point").get(world.vientiane.get_absolute_url()).content.decode()
    assert "Vientiane&#x27;s draft" not in page


def test_the_member_page_shows_its_own_focal_point_the_draft(world):
    NewsPostFactory(member=world.hue, status="draft", title="Our draft")
    page = world.client_for("focal_point").get(world.hue.get_absolute_url()).content.decode()
    assert "Our draft" in page


def test_the_member_page_offers_its_focal_point_to_write_a_post(world):
    page = world.client_for("focal_point").get(world.hue.get_absolute_url()).content.decode()
    assert f"{CREATE}?member=hue" in page


def test_the_member_page_does_not_offer_another_members_focal_point_to_write(world):
    page = world.client_for("focal_point").get(world.vientiane.get_absolute_url()).content.decode()
    assert f"{CREATE}?member=vientiane" not in page


def test_the_member_page_shows_a_partner_only_the_public_posts(world):
    NewsPostFactory(member=world.hue, title="For the network")
    page = world.client_for("partner").get(world.hue.get_absolute_url()).content.decode()
    assert "For the network" not in page


# Reaching it -------------------------------------------------------------------------------------


def test_the_home_page_links_the_news(world):
    page = world.client_for("focal_point").get(reverse("home:home")).content.decode()
    assert f'href="{reverse("news:post_list")}"' in page


def test_the_public_home_page_links_the_public_news(world):
    page = Client().get(reverse("home:home")).content.decode()
    assert f'href="{reverse("news:public_list")}"' in page


def test_a_visitor_is_not_told_the_authors_account(world):
    author = world.users["focal_point"]
    post = NewsPostFactory(member=world.hue, status="promoted", author=author)
    assert author.email not in Client().get(post.get_absolute_url()).content.decode()


def test_the_network_is_told_who_wrote_the_post(world):
    author = world.users["focal_point"]
    post = NewsPostFactory(member=world.hue, author=author)
    assert str(author) in world.client_for("coordinator").get(post.get_absolute_url()).content.decode()
