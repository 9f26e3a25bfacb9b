from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reseau.accounts.models import User
from reseau.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

URL = reverse("registry:invite")


def _invite(client, **data):
    payload = {
        "email": "new.focal@cantho.gov.vn",
        "full_name": "Trần Văn Minh",
        "role": "focal_point",
        "network": "",
        "member": "",
        "language": "fr",
    }
    payload.update(data)
    return client.post(URL, payload)


def test_invited_focal_point_chooses_a_password_and_signs_in(world, client, django_capture_on_commit_callbacks):
    # The e-mail leaves only once the account is committed.
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(world.client_for("coordinator"), member=world.hue.pk)
    assert response.status_code == 302
    user = User.objects.get(email="new.focal@cantho.gov.vn")
    assert user.member == world.hue
    assert user.network == world.hue.network
    assert not user.has_usable_password()
    assert AuditEvent.objects.filter(object_id=str(user.pk), action="created").exists()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.focal@cantho.gov.vn"]
    assert message.subject == "Votre invitation sur Reseau"  # in the language chosen for the invitation
    link = re.search(r"http://testserver(/accounts/welcome/\S+)", message.body).group(1)

    page = client.get(link, follow=True)
    assert page.status_code == 200
    set_password_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    response = client.post(
        set_password_url, {"new_password1": "Mekong-river-2026", "new_password2": "Mekong-river-2026"}
    )
    assert response.status_code == 302
    assert (
        client.post(reverse("accounts:login"), {"username": user.email, "password": "Mekong-river-2026"}).status_code
        == 302
    )
    # The link works once only.
    assert "no longer valid" in Client().get(link, follow=True).content.decode()


def test_coordinator_cannot_invite_secretariat_or_other_networks(world):
    from tests.factories import MemberFactory

    tunis = MemberFactory(network__code="maghreb", network__name_en="Maghreb", slug="tunis")
    client = world.client_for("coordinator")
    assert "Select a valid choice." in _invite(client, role="secretariat").content.decode()
    page = _invite(client, member=tunis.pk).content.decode()
    assert "only invite focal points of your own network" in page
    assert not User.objects.filter(email="new.focal@cantho.gov.vn").exists()


def test_duplicate_email_and_missing_member_are_refused(world):
    client = world.client_for("secretariat")
    assert (
        "An account with this email already exists."
        in _invite(client, email="COORDINATOR@reseau.test", member=world.hue.pk).content.decode()
    )
    assert "A focal point needs a member." in _invite(client).content.decode()
    assert "A network coordinator needs a network." in _invite(client, role="coordinator").content.decode()
    assert len(mail.outbox) == 0


def test_password_reset_sends_a_working_link(world, client):
    response = client.post(reverse("accounts:password_reset"), {"email": "Focal.Hue@reseau.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    page = client.get(link, follow=True)
    url = page.redirect_chain[-1][0]
    assert client.post(url, {"new_password1": "Tonle-Sap-2026", "new_password2": "Tonle-Sap-2026"}).status_code == 302
    assert client.login(username="focal.hue@reseau.test", password="Tonle-Sap-2026")


def test_password_reset_does_not_reveal_unknown_addresses(world, client):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 0


def test_members_to_choose_from_show_their_dues_standing(world):
    from tests.factories import DuesFactory

    DuesFactory(member=world.vientiane, year=2024)
    DuesFactory(member=world.hue, year=timezone.localdate().year, status="paid")
    page = world.client_for("coordinator").get(URL).content.decode()
    assert "Vientiane Capital — dues outstanding" in page
    assert "Huế — up to date with dues" in page


def test_members_with_no_dues_recorded_say_so(world):
    page = world.client_for("coordinator").get(URL).content.decode()
    assert "Huế — dues not recorded" in page
