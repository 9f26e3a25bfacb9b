"""The history row: what a snapshot holds, when a change is recorded, and who it names."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from reseau.audit.models import AuditEvent
from reseau.audit.selectors import audit_events_for
from reseau.audit.services import audit_record, audit_snapshot, audit_subject_key
from reseau.registry.models import MembershipDues
from tests.factories import CountryFactory, DuesFactory, MemberFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


# --- audit_snapshot ---------------------------------------------------------------------------


def test_a_snapshot_shows_a_foreign_key_as_its_name():
    member = MemberFactory(country=CountryFactory(code="LA", name_en="Laos"))
    assert audit_snapshot(member)["country"] == "Laos"


def test_a_snapshot_shows_a_choice_as_its_label():
    dues = DuesFactory(status=MembershipDues.Status.PAID, paid_on=datetime.date(2025, 3, 1))
    assert audit_snapshot(dues)["status"] == "Paid"


def test_a_snapshot_shows_a_date_in_iso_form():
    dues = DuesFactory(status=MembershipDues.Status.PAID, paid_on=datetime.date(2025, 3, 1))
    assert audit_snapshot(dues)["paid_on"] == "2025-03-01"


def test_a_snapshot_shows_an_amount_with_the_fields_decimal_places():
    dues = DuesFactory(amount=Decimal("1000.00"))
    assert audit_snapshot(dues)["amount"] == "1000.00"


def test_an_amount_typed_without_cents_is_the_same_amount_as_the_stored_one():
    dues = DuesFactory(amount=Decimal("1000.00"))
    stored = audit_snapshot(dues)
    dues.amount = Decimal("1000")
    assert audit_snapshot(dues)["amount"] == stored["amount"]


def test_a_snapshot_leaves_out_the_primary_key():
    assert "id" not in audit_snapshot(DuesFactory())


def test_a_snapshot_leaves_out_fields_nobody_edits():
    assert "search_text" not in audit_snapshot(MemberFactory())


def test_a_snapshot_leaves_out_the_untranslated_column_of_a_translated_field():
    assert "name" not in audit_snapshot(MemberFactory())


def test_a_snapshot_keeps_each_language_of_a_translated_field():
    member = MemberFactory(name_en="Hue", name_fr="Hué")
    assert audit_snapshot(member)["name_fr"] == "Hué"


def test_a_snapshot_lists_many_to_many_values_sorted():
    organisation = OrganisationFactory()
    organisation.countries.set(
        [CountryFactory(code="VN", name_en="Vietnam"), CountryFactory(code="LA", name_en="Laos")]
    )
    assert audit_snapshot(organisation)["countries"] == "Laos, Vietnam"


# --- audit_record -----------------------------------------------------------------------------


def test_a_creation_records_the_values_given():
    dues = DuesFactory(year=2024)
    event = audit_record(actor=None, instance=dues, subject=dues.member, action=AuditEvent.Action.CREATED)
    assert event is not None
    assert event.changes["year"] == [None, 2024]


def test_a_creation_leaves_out_empty_values():
    dues = DuesFactory()
    event = audit_record(actor=None, instance=dues, subject=dues.member, action=AuditEvent.Action.CREATED)
    assert event is not None
    assert "paid_on" not in event.changes


def test_a_row_is_shown_on_its_subjects_page():
    dues = DuesFactory()
    event = audit_record(actor=None, instance=dues, subject=dues.member, action=AuditEvent.Action.CREATED)
    assert event is not None
    assert event.subject == f"registry.member:{dues.member.pk}"


def test_an_update_records_each_changed_field_from_old_to_new():
    dues = DuesFactory(amount=Decimal("1000.00"))
    before = audit_snapshot(dues)
    dues.amount = Decimal("1500.00")
    event = audit_record(
        actor=None, instance=dues, subject=dues.member, action=AuditEvent.Action.UPDATED, before=before
    )
    assert event is not None
    assert event.changes == {"amount": ["1000.00", "1500.00"]}


def test_an_update_that_changes_nothing_records_nothing():
    dues = DuesFactory()
    before = audit_snapshot(dues)
    event = audit_record(
        actor=None, instance=dues, subject=dues.member, action=AuditEvent.Action.UPDATED, before=before
    )
    assert event is None


def test_an_update_that_changes_nothing_writes_no_row():
    dues = DuesFactory()
    before = audit_snapshot(dues)
    audit_record(actor=None, instance=dues, subject=dues.member, action=AuditEvent.Action.UPDATED, before=before)
    assert not AuditEvent.objects.exists()


def test_the_same_amount_without_cents_records_no_change():
    dues = DuesFactory(amount=Decimal("1000.00"))
    before = audit_snapshot(dues)
    dues.amount = Decimal("1000")
    event = audit_record(
        actor=None, instance=dues, subject=dues.member, action=AuditEvent.Action.UPDATED, before=before
    )
    assert event is None


def test_a_deletion_records_what_the_object_held():
    dues = DuesFactory(year=2024)
    event = audit_record(
        actor=None,
        instance=dues,
        subject=dues.member,
        action=AuditEvent.Action.DELETED,
        before=audit_snapshot(dues),
    )
    assert event is not None
    assert event.changes["year"] == [2024, None]


def test_a_row_names_the_person_who_made_the_change():
    user = UserFactory(email="coordinator@reseau.test", full_name="Sok Dara")
    dues = DuesFactory()
    event = audit_record(actor=user, instance=dues, subject=dues.member, action=AuditEvent.Action.CREATED)
    assert event is not None
    assert event.actor_label == "Sok Dara"


def test_a_row_links_the_account_of_the_person_who_made_the_change():
    user = UserFactory()
    dues = DuesFactory()
    event = audit_record(actor=user, instance=dues, subject=dues.member, action=AuditEvent.Action.CREATED)
    assert event is not None
    assert event.actor == user


def test_a_change_without_a_person_is_made_by_the_system():
    dues = DuesFactory()
    event = audit_record(actor=None, instance=dues, subject=dues.member, action=AuditEvent.Action.CREATED)
    assert event is not None
    assert event.actor_label == "system"


# --- audit_events_for -------------------------------------------------------------------------


def _created(instance, subject) -> AuditEvent:
    event = audit_record(actor=None, instance=instance, subject=subject, action=AuditEvent.Action.CREATED)
    assert event is not None
    return event


def test_a_subjects_history_holds_only_its_own_rows():
    hue, vientiane = MemberFactory(), MemberFactory()
    mine = _created(hue, hue)
    _created(vientiane, vientiane)
    assert list(audit_events_for(hue)) == [mine]


def test_a_subjects_history_holds_the_changes_to_what_it_owns():
    dues = DuesFactory()
    event = _created(dues, dues.member)
    assert list(audit_events_for(dues.member)) == [event]


def test_a_subjects_history_shows_the_latest_change_first():
    member = MemberFactory()
    first = _created(member, member)
    second = _created(member, member)
    assert list(audit_events_for(member)) == [second, first]


def test_a_subjects_history_keeps_the_latest_changes_up_to_the_limit():
    member = MemberFactory()
    events = [_created(member, member) for _ in range(3)]
    assert list(audit_events_for(member, limit=2)) == [events[2], events[1]]


def test_a_subjects_history_is_one_query(django_assert_num_queries):
    member = MemberFactory()
    _created(member, member)
    with django_assert_num_queries(1):
        [event.content_type for event in audit_events_for(member)]


def test_the_subject_key_names_the_model_and_the_row():
    member = MemberFactory()
    assert audit_subject_key(member) == f"registry.member:{member.pk}"
