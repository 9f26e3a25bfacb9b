"""Preferences, the one-click unsubscribe, notifications: as people use them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from reseau.communication.letters import preferences_token
from reseau.communication.models import MessageKind, Notification, Preference

pytestmark = pytest.mark.django_db

ADDRESS = "le.thi.hoa@example.org"


def _token_url(name: str, email: str = ADDRESS) -> str:
    return reverse(f"communication:{name}", kwargs={"token": preferences_token(email)})


def test_a_mail_program_unsubscribes_with_one_post_and_no_cookie(db):
    client = Client(enforce_csrf_checks=True)
    client.post(_token_url("unsubscribe"), {"List-Unsubscribe": "One-Click"})
    assert Preference.objects.get(email=ADDRESS).unsubscribed_at is not None


def test_the_unsubscribe_link_asks_before_unsubscribing(db):
    Client().get(_token_url("unsubscribe"))
    assert not Preference.objects.filter(email=ADDRESS).exists()


def test_an_altered_unsubscribe_link_is_refused(db):
    url = reverse("communication:unsubscribe", kwargs={"token": preferences_token(ADDRESS) + "x"})
    assert Client().post(url).status_code == 400


def test_an_altered_link_unsubscribes_no_one(db):
    url = reverse("communication:unsubscribe", kwargs={"token": preferences_token(ADDRESS)[:-3] + "abc"})
    Client().post(url)
    assert not Preference.objects.exists()


def test_the_preferences_link_opens_without_signing_in(db):
    response = Client().get(_token_url("preferences_by_link"))
    assert ADDRESS in response.content.decode()


def test_turning_a_kind_off_by_the_link_is_saved(db):
    kinds = [k for k, _label in MessageKind.choices if k not in (MessageKind.DIGEST, MessageKind.DUES_DUE)]
    Client().post(_token_url("preferences_by_link"), {"kinds": kinds, "digest": "weekly", "language": ""})
    assert Preference.objects.get(email=ADDRESS).muted == [MessageKind.DUES_DUE]


def test_a_bad_choice_keeps_what_was_typed(db):
    response = Client().post(_token_url("preferences_by_link"), {"digest": "hourly", "language": "fr"})
    assert response.context["form"]["language"].value() == "fr"


def test_a_bad_choice_saves_nothing(db):
    Client().post(_token_url("preferences_by_link"), {"digest": "hourly", "language": "fr"})
    assert not Preference.objects.exists()


def test_a_signed_in_person_sets_their_own_preferences(world):
    client = world.client_for("focal_point")
    client.post(reverse("communication:preferences"), {"digest": "daily", "language": "fr", "kinds": []})
    assert Preference.objects.get(email="focal.hue@reseau.test").digest == "daily"


def test_the_header_shows_the_unread_count(world):
    user = world.users["coordinator"]
    user.notifications_unread = 3
    user.save()
    response = world.client_for("coordinator").get(reverse("home:home"))
    assert "3 unread" in response.content.decode()


def test_opening_a_notification_leads_to_its_page(world):
    notification = Notification.objects.create(
        user=world.users["coordinator"], kind="event_invitation", subject="Invitation", link="/events/"
    )
    response = world.client_for("coordinator").get(
        reverse("communication:notification_open", kwargs={"pk": notification.pk})
    )
    assert response["Location"] == "/events/"


def test_opening_a_notification_marks_it_read(world):
    notification = Notification.objects.create(
        user=world.users["coordinator"], kind="event_invitation", subject="Invitation", link="/events/"
    )
    world.client_for("coordinator").get(reverse("communication:notification_open", kwargs={"pk": notification.pk}))
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_notification_never_leads_off_the_site(world):
    notification = Notification.objects.create(
        user=world.users["coordinator"], kind="event_invitation", subject="Invitation", link="//evil.example.org/"
    )
    response = world.client_for("coordinator").get(
        reverse("communication:notification_open", kwargs={"pk": notification.pk})
    )
    assert response["Location"] == reverse("communication:notification_list")


def test_a_subject_typed_with_html_is_shown_as_text(world):
    Notification.objects.create(
        user=world.users["coordinator"], kind="event_invitation", subject="<script>alert(1)</script>"
    )
    response = world.client_for("coordinator").get(reverse("communication:notification_list"))
    assert "&lt;script&gt;" in response.content.decode()


def test_the_preferences_page_is_in_french(world):
    client = world.client_for("focal_point")
    client.cookies["django_language"] = "fr"
    response = client.get(reverse("communication:preferences"), HTTP_ACCEPT_LANGUAGE="fr")
    assert "Ce que je reçois" in response.content.decode()


def test_a_coordinator_sees_the_people_no_email_reaches(world):
    from tests.factories import PersonFactory

    PersonFactory(member=world.vientiane, name="Khamphone", email=None)
    response = world.client_for("coordinator").get(reverse("communication:unreachable"))
    assert "Khamphone" in response.content.decode()


def test_a_person_without_address_is_flagged_on_their_page(world):
    from tests.factories import PersonFactory

    person = PersonFactory(member=world.hue, email=None)
    response = world.client_for("coordinator").get(reverse("registry:person_edit", kwargs={"pk": person.pk}))
    assert "No message reaches this person" in response.content.decode()


def test_a_person_with_an_address_is_not_flagged(world):
    from tests.factories import PersonFactory

    person = PersonFactory(member=world.hue, email="hoa@example.org")
    response = world.client_for("coordinator").get(reverse("registry:person_edit", kwargs={"pk": person.pk}))
    assert "No message reaches this person" not in response.content.decode()


def test_the_secretariat_sends_a_failed_message_again(world):
    from django.utils import timezone

    from reseau.outbox.models import OutgoingEmail

    failed = OutgoingEmail.objects.create(
        subject="Invitation", body="Text", to=["a@example.org"], status="failed", failed_at=timezone.now(), attempts=10
    )
    world.client_for("secretariat").post(reverse("communication:outbox_resend", kwargs={"key": failed.key}))
    assert OutgoingEmail.objects.filter(resent_from=failed).count() == 1


def test_a_message_still_waiting_is_not_sent_again(world):
    from reseau.outbox.models import OutgoingEmail

    waiting = OutgoingEmail.objects.create(subject="Invitation", body="Text", to=["a@example.org"])
    response = world.client_for("secretariat").post(
        reverse("communication:outbox_resend", kwargs={"key": waiting.key}), follow=True
    )
    assert "still waiting" in response.content.decode()
