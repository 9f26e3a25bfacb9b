"""Issue 11, items 8 and 9: the history says who by name, records only real changes, and names its zone."""

from __future__ import annotations

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import translation

from reseau.audit.models import AuditEvent
from reseau.registry import services as registry_services
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _person(world, **fields):
    return PersonFactory(member=world.hue, name="Nguyễn Văn An", languages=["en", "fr"], **fields)


def _edit(world, person, role="focal_point", **changes):
    data = {
        "honorific": person.honorific,
        "name": person.name,
        "name_local": person.name_local,
        "title_en": person.title_en or "",
        "title_fr": person.title_fr or "",
        "organisation_en": person.organisation_en or "",
        "organisation_fr": person.organisation_fr or "",
        "email": person.email or "",
        "phone": person.phone,
        "gender": person.gender,
        # The form lists the languages in its own order, not the stored one.
        "languages": ["fr", "en"],
    }
    data.update(changes)
    client = world.client_for(role)
    return client.post(reverse("registry:person_edit", kwargs={"pk": person.pk}), data)


def _member_page(world, role="focal_point") -> str:
    page = world.client_for(role).get(world.hue.get_absolute_url()).content.decode()
    return html.unescape(page)


def test_a_phone_only_change_records_only_the_phone(world):
    person = _person(world)
    _edit(world, person, phone="+84 234 382 1234")
    event = AuditEvent.objects.get(object_id=str(person.pk), action=AuditEvent.Action.UPDATED)
    assert list(event.changes) == ["phone"]


def test_a_phone_only_change_shows_one_line_in_the_history(world):
    person = _person(world)
    _edit(world, person, phone="+84 234 382 1234")
    page = _member_page(world)
    section = page[page.index('class="history-change"') :]
    section = section[: section.index("</ul>")]
    assert section.count("<li>") == 1


def test_languages_listed_in_another_order_are_no_change(world):
    person = _person(world)
    changed = registry_services.person_update(
        actor=world.users["coordinator"], person=person, data={"languages": ["fr", "en"]}
    )
    assert changed is False


def test_a_change_of_languages_is_recorded_by_their_names(world):
    person = _person(world)
    registry_services.person_update(
        actor=world.users["coordinator"], person=person, data={"languages": ["fr", "en", "vi"]}
    )
    event = AuditEvent.objects.get(object_id=str(person.pk), action=AuditEvent.Action.UPDATED)
    assert event.changes["languages"] == ["English, French", "English, French, Vietnamese"]


def test_the_history_names_the_person_not_their_email(world):
    person = _person(world)
    user = world.users["focal_point"]
    user.full_name = "Trần Thị Bình"
    user.save(update_fields=["full_name"])
    _edit(world, person, phone="+84 234 382 1234")
    page = _member_page(world)
    assert "— <bdi>Trần Thị Bình</bdi> —" in page


def test_the_history_shows_no_email_as_its_who(world):
    person = _person(world)
    _edit(world, person, phone="+84 234 382 1234")
    page = _member_page(world)
    history = page[page.index('class="history-change"') - 600 :]
    assert "focal.hue@reseau.test" not in history


def test_a_person_without_a_name_is_named_by_their_email(world):
    person = _person(world)
    user = world.users["focal_point"]
    user.full_name = ""
    user.save(update_fields=["full_name"])
    _edit(world, person, phone="+84 234 382 1234")
    assert "— <bdi>focal.hue@reseau.test</bdi> —" in _member_page(world)


def test_a_deleted_account_is_still_named_by_its_name(world):
    person = _person(world)
    _edit(world, person, phone="+84 234 382 1234")
    event = AuditEvent.objects.get(object_id=str(person.pk), action=AuditEvent.Action.UPDATED)
    assert event.actor_label == str(world.users["focal_point"])


def test_the_platforms_own_changes_read_as_the_platform(world):
    registry_services.person_create(actor=None, member=world.hue, data={"name": "Lê Văn Cường"})
    assert "— <bdi>Platform</bdi> — created: <bdi>Lê Văn Cường</bdi>" in _member_page(world)


def test_in_french_the_platform_is_plateforme(world):
    registry_services.person_create(actor=None, member=world.hue, data={"name": "Lê Văn Cường"})
    with translation.override("fr"):
        assert AuditEvent.objects.get(action=AuditEvent.Action.CREATED, object_repr__contains="Cường").who == (
            "Plateforme"
        )


def test_data_loaded_by_a_seed_reads_as_initial_data(world):
    event = AuditEvent(actor_label="seed (2023 annual meeting deck)")
    assert event.who == "Platform (initial data)"


def test_in_french_data_loaded_by_a_seed_reads_as_initial_data(world):
    event = AuditEvent(actor_label="seed (2023 annual meeting deck)")
    with translation.override("fr"):
        assert event.who == "Plateforme (données initiales)"


def test_history_times_name_their_zone(world):
    person = _person(world)
    _edit(world, person, phone="+84 234 382 1234")
    AuditEvent.objects.update(at=datetime.datetime(2026, 12, 2, 8, 30, tzinfo=datetime.UTC))
    assert "</time>, Phnom Penh time (UTC+7)" in _member_page(world)


def test_history_times_name_their_zone_in_french(world):
    person = _person(world)
    user = world.users["focal_point"]
    user.language = "fr"
    user.save(update_fields=["language"])
    _edit(world, person, phone="+84 234 382 1234")
    assert "</time>, Heure de Phnom Penh (UTC+7)" in _member_page(world)


def test_a_change_of_time_zone_names_the_zones_not_their_ids(world):
    world.client_for("coordinator").post(
        reverse("registry:network_edit", kwargs={"code": world.hue.network.code}),
        {"focal_point_deadline": "2026-06-15", "office_en": "Phnom Penh city hall", "time_zone": "Europe/Paris"},
    )
    AuditEvent.objects.update(at=datetime.datetime(2026, 12, 2, 8, 30, tzinfo=datetime.UTC))
    page = world.client_for("secretariat").get(world.hue.network.get_absolute_url()).content.decode()
    assert "<del><bdi>Phnom Penh time (UTC+7)</bdi></del> → <ins><bdi>Paris time (UTC+1)</bdi></ins>" in html.unescape(
        page
    )
