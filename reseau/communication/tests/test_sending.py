"""One message per thing and address, in the reader's language, as the reader chose."""

from __future__ import annotations

import pytest

from reseau.communication.letters import Letter
from reseau.communication.models import Delivery, MessageKind, Notification, Preference
from reseau.communication.recipients import recipients_for
from reseau.communication.services import message_send, notification_open, preference_update
from reseau.outbox.models import OutgoingEmail
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _letter() -> Letter:
    from django.utils.translation import gettext as _

    return Letter(
        subject=_("Invitation: %(event)s") % {"event": "Réunion"},
        paragraphs=["Texte"],
        action_url="http://127.0.0.1:8000/events/",
        action_label="Go",
    )


def _send(person, key="test:1"):
    [recipient] = recipients_for(people=[person])
    return message_send(kind=MessageKind.EVENT_INVITATION, key=key, recipient=recipient, compose=_letter)


def test_a_message_is_stored_in_the_outbox(vientiane_focal_point):
    _send(vientiane_focal_point)
    assert OutgoingEmail.objects.filter(to=["focal.vientiane@reseau.test"]).count() == 1


def test_the_message_is_in_the_account_language(vientiane_focal_point):
    _send(vientiane_focal_point)
    assert OutgoingEmail.objects.get().subject == "Invitation : Réunion"


def test_a_person_without_account_is_written_to_in_their_first_site_language(hue_focal_point):
    _send(hue_focal_point)
    assert OutgoingEmail.objects.get().subject == "Invitation: Réunion"


def test_the_same_key_twice_sends_once(vientiane_focal_point):
    _send(vientiane_focal_point)
    _send(vientiane_focal_point)
    assert OutgoingEmail.objects.count() == 1


def test_the_second_send_of_a_key_says_nothing_was_sent(vientiane_focal_point):
    _send(vientiane_focal_point)
    assert _send(vientiane_focal_point) is None


def test_the_message_greets_the_reader_by_name(vientiane_focal_point):
    _send(vientiane_focal_point)
    assert "Souksavanh PHOMMACHANH" in OutgoingEmail.objects.get().body


def test_the_html_body_shows_typed_html_as_text(world):
    person = PersonFactory(member=world.hue, name="<b>Hoa</b>", email="hoa@example.org")
    _send(person)
    assert "&lt;b&gt;Hoa&lt;/b&gt;" in OutgoingEmail.objects.get().html


def test_the_text_has_a_link_to_unsubscribe(vientiane_focal_point):
    _send(vientiane_focal_point)
    assert "/messages/unsubscribe/" in OutgoingEmail.objects.get().body


def test_an_account_gets_a_notification(vientiane_focal_point):
    _send(vientiane_focal_point)
    assert Notification.objects.filter(user__email="focal.vientiane@reseau.test").count() == 1


def test_the_unread_count_rises(vientiane_focal_point):
    _send(vientiane_focal_point)
    from reseau.accounts.models import User

    assert User.objects.get(email="focal.vientiane@reseau.test").notifications_unread == 1


def test_opening_the_notification_lowers_the_unread_count(vientiane_focal_point):
    from reseau.accounts.models import User

    _send(vientiane_focal_point)
    user = User.objects.get(email="focal.vientiane@reseau.test")
    notification_open(user=user, notification=Notification.objects.get())
    user.refresh_from_db()
    assert user.notifications_unread == 0


def test_a_kind_turned_off_sends_no_email(vientiane_focal_point):
    preference_update(actor=None, email=vientiane_focal_point.email, data={"muted": [MessageKind.EVENT_INVITATION]})
    _send(vientiane_focal_point)
    assert OutgoingEmail.objects.count() == 0


def test_a_kind_turned_off_still_notifies_the_account(vientiane_focal_point):
    preference_update(actor=None, email=vientiane_focal_point.email, data={"muted": [MessageKind.EVENT_INVITATION]})
    _send(vientiane_focal_point)
    assert Notification.objects.count() == 1


def test_an_unsubscribed_address_gets_no_email(hue_focal_point):
    from django.utils import timezone

    preference_update(actor=None, email=hue_focal_point.email, data={"unsubscribed_at": timezone.now()})
    _send(hue_focal_point)
    assert OutgoingEmail.objects.count() == 0


def test_a_person_without_address_is_recorded_as_not_reachable(world):
    person = PersonFactory(member=world.hue, email=None)
    _send(person)
    assert Delivery.objects.get().outcome == Delivery.Outcome.SKIPPED_NO_EMAIL


def test_an_invalid_address_is_skipped_without_failing(world):
    person = PersonFactory(member=world.hue, email="no-at-sign.example.org")
    # Stored by an import that bypassed the form: the run goes on.
    _send(person)
    assert Delivery.objects.get().outcome == Delivery.Outcome.SKIPPED_INVALID


def test_the_preference_language_wins_over_the_account(vientiane_focal_point):
    Preference.objects.create(email=vientiane_focal_point.email, language="en")
    _send(vientiane_focal_point)
    assert OutgoingEmail.objects.get().subject == "Invitation: Réunion"


def test_the_message_offers_the_one_click_unsubscribe(vientiane_focal_point):
    _send(vientiane_focal_point)
    assert OutgoingEmail.objects.get().headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_unsubscribe_header_links_the_signed_address(vientiane_focal_point):
    from reseau.communication.letters import unsubscribe_url

    _send(vientiane_focal_point)
    assert (
        OutgoingEmail.objects.get().headers["List-Unsubscribe"] == f"<{unsubscribe_url(vientiane_focal_point.email)}>"
    )


def test_an_address_a_server_refused_is_not_written_to_again(world):
    from reseau.outbox.models import RefusedAddress

    person = PersonFactory(member=world.hue, email="gone@example.org")
    RefusedAddress.objects.create(email="gone@example.org", reason="550 No such user")
    _send(person)
    assert Delivery.objects.get().outcome == Delivery.Outcome.SKIPPED_REFUSED
