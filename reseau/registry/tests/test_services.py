"""The registry's writes, called directly: each rule accepted and refused, each history row."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from reseau.accounts.models import Role, User
from reseau.audit.models import AuditEvent
from reseau.audit.services import audit_subject_key
from reseau.registry import services
from reseau.registry.models import FocalPointAppointment, Mandate, Member, MembershipDues
from tests.factories import (
    AppointmentFactory,
    DuesFactory,
    MandateFactory,
    MemberFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

JUNE_1 = datetime.date(2024, 6, 1)


@pytest.fixture
def actor() -> User:
    return UserFactory.create(email="coordinator@reseau.test", role=Role.COORDINATOR, network=MemberFactory().network)


@pytest.fixture
def member() -> Member:
    return MemberFactory.create(slug="hue", name_en="Huế", name_fr="Huế")


def _history(subject) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(subject=audit_subject_key(subject)).order_by("pk"))


# --- Members and the network ------------------------------------------------------------------


def _member_data(member: Member, **changes):
    return {"kind": member.kind, "country": member.country, "name_en": "Cần Thơ", "slug": "can-tho", **changes}


def test_a_member_is_created_in_its_network(actor, member):
    created = services.member_create(actor=actor, network=member.network, data=_member_data(member))
    assert created.network == member.network


def test_a_member_created_leaves_a_creation_row_on_its_page(actor, member):
    created = services.member_create(actor=actor, network=member.network, data=_member_data(member))
    assert [event.action for event in _history(created)] == [AuditEvent.Action.CREATED]


def test_a_member_with_a_web_address_already_taken_is_refused(actor, member):
    with pytest.raises(ValidationError) as refused:
        services.member_create(actor=actor, network=member.network, data=_member_data(member, slug="hue"))
    assert "slug" in refused.value.error_dict


def test_a_refused_member_writes_nothing(actor, member):
    stored = Member.objects.count()
    with pytest.raises(ValidationError):
        services.member_create(actor=actor, network=member.network, data=_member_data(member, slug="hue"))
    assert Member.objects.count() == stored


def test_a_member_update_says_it_changed(actor, member):
    assert services.member_update(actor=actor, member=member, data={"name_en": "Huế City"}) is True


def test_a_member_update_records_the_old_and_new_value(actor, member):
    services.member_update(actor=actor, member=member, data={"name_en": "Huế City"})
    assert _history(member)[0].changes == {"name_en": ["Huế", "Huế City"]}


def test_a_member_update_that_changes_nothing_says_so(actor, member):
    assert services.member_update(actor=actor, member=member, data={"name_en": "Huế"}) is False


def test_a_member_update_that_changes_nothing_records_nothing(actor, member):
    services.member_update(actor=actor, member=member, data={"name_en": "Huế"})
    assert _history(member) == []


def test_a_member_update_that_breaks_a_rule_is_refused_and_not_stored(actor, member):
    with pytest.raises(ValidationError):
        services.member_update(actor=actor, member=member, data={"member_since": 1800})
    member.refresh_from_db()
    assert member.member_since is None


def test_a_network_update_is_recorded_on_the_networks_page(actor, member):
    network = member.network
    services.network_update(actor=actor, network=network, data={"office_en": "City hall"})
    assert _history(network)[0].changes["office_en"] == [None, "City hall"]


def test_a_network_with_an_unknown_time_zone_is_refused(actor, member):
    with pytest.raises(ValidationError) as refused:
        services.network_update(actor=actor, network=member.network, data={"time_zone": "Asia/Atlantis"})
    assert "time_zone" in refused.value.error_dict


# --- People and leaders -----------------------------------------------------------------------


def test_a_person_created_is_recorded_on_the_members_page(actor, member):
    services.person_create(actor=actor, member=member, data={"name": "Lan"})
    assert [event.object_repr for event in _history(member)] == ["Lan"]


def test_a_person_with_an_email_already_registered_is_refused(actor, member):
    PersonFactory(member=member, email="lan@hue.gov.vn")
    with pytest.raises(ValidationError) as refused:
        services.person_create(actor=actor, member=member, data={"name": "Lan", "email": "lan@hue.gov.vn"})
    assert "email" in refused.value.error_dict


def test_a_person_update_is_recorded_on_the_members_page(actor, member):
    person = PersonFactory(member=member, name="Lan")
    services.person_update(actor=actor, person=person, data={"name": "Nguyễn Thị Lan"})
    assert _history(member)[0].changes["name"] == ["Lan", "Nguyễn Thị Lan"]


def test_a_person_of_no_member_keeps_the_history_on_their_own_record(actor):
    person = PersonFactory(member=None, name="Lan")
    services.person_update(actor=actor, person=person, data={"name": "Nguyễn Thị Lan"})
    assert len(_history(person)) == 1


def test_a_leader_is_recorded_on_the_members_page(actor, member):
    person = PersonFactory(member=member)
    services.mandate_create(actor=actor, member=member, data={"person": person, "office": Mandate.Office.MAYOR})
    assert [event.action for event in _history(member)] == [AuditEvent.Action.CREATED]


def test_a_leader_from_another_member_is_refused(actor, member):
    stranger = PersonFactory(member=MemberFactory())
    with pytest.raises(ValidationError) as refused:
        services.mandate_create(actor=actor, member=member, data={"person": stranger, "office": Mandate.Office.MAYOR})
    assert "person" in refused.value.error_dict


def test_a_leadership_role_ending_before_it_starts_is_refused(actor, member):
    mandate = MandateFactory(member=member, start_date=JUNE_1)
    with pytest.raises(ValidationError) as refused:
        services.mandate_update(actor=actor, mandate=mandate, data={"end_date": datetime.date(2024, 1, 1)})
    assert "end_date" in refused.value.error_dict


def test_a_leadership_role_update_is_recorded_on_the_members_page(actor, member):
    mandate = MandateFactory(member=member)
    services.mandate_update(actor=actor, mandate=mandate, data={"end_date": JUNE_1})
    assert _history(member)[0].changes["end_date"] == [None, "2024-06-01"]


# --- Focal points -----------------------------------------------------------------------------


def _appoint(actor, member, person, nominated_on=JUNE_1, kind=FocalPointAppointment.Kind.OFFICIAL):
    return services.focal_point_appoint(actor=actor, member=member, person=person, kind=kind, nominated_on=nominated_on)


def test_a_first_focal_point_is_current(actor, member):
    appointment = _appoint(actor, member, PersonFactory(member=member))
    assert appointment.ended_on is None


def test_a_first_focal_point_is_recorded_on_the_members_page(actor, member):
    _appoint(actor, member, PersonFactory(member=member))
    assert [event.action for event in _history(member)] == [AuditEvent.Action.CREATED]


def test_a_new_focal_point_ends_the_current_one_the_day_before(actor, member):
    current = AppointmentFactory(member=member, nominated_on=datetime.date(2023, 1, 1))
    _appoint(actor, member, PersonFactory(member=member), nominated_on=JUNE_1)
    current.refresh_from_db()
    assert current.ended_on == datetime.date(2024, 5, 31)


def test_a_new_focal_point_records_the_end_of_the_current_one_then_the_nomination(actor, member):
    AppointmentFactory(member=member, nominated_on=datetime.date(2023, 1, 1))
    _appoint(actor, member, PersonFactory(member=member), nominated_on=JUNE_1)
    assert [event.action for event in _history(member)] == [AuditEvent.Action.UPDATED, AuditEvent.Action.CREATED]


def test_a_deputy_leaves_the_current_focal_point_in_place(actor, member):
    current = AppointmentFactory(member=member, nominated_on=datetime.date(2023, 1, 1))
    _appoint(actor, member, PersonFactory(member=member), kind=FocalPointAppointment.Kind.DEPUTY)
    current.refresh_from_db()
    assert current.ended_on is None


def test_the_current_holder_cannot_be_nominated_again(actor, member):
    current = AppointmentFactory(member=member, nominated_on=datetime.date(2023, 1, 1))
    with pytest.raises(ValidationError) as refused:
        _appoint(actor, member, current.person)
    assert refused.value.error_dict["person"][0].messages == ["This person already holds this role."]


def test_a_nomination_not_after_the_current_one_is_refused(actor, member):
    AppointmentFactory(member=member, nominated_on=JUNE_1)
    with pytest.raises(ValidationError) as refused:
        _appoint(actor, member, PersonFactory(member=member), nominated_on=JUNE_1)
    assert "nominated_on" in refused.value.error_dict


def test_a_refused_nomination_leaves_the_current_focal_point_in_place(actor, member):
    current = AppointmentFactory(member=member, nominated_on=JUNE_1)
    with pytest.raises(ValidationError):
        _appoint(actor, member, PersonFactory(member=member), nominated_on=JUNE_1)
    current.refresh_from_db()
    assert current.ended_on is None


def test_a_refused_nomination_records_nothing(actor, member):
    AppointmentFactory(member=member, nominated_on=JUNE_1)
    with pytest.raises(ValidationError):
        _appoint(actor, member, PersonFactory(member=member), nominated_on=JUNE_1)
    assert _history(member) == []


def test_a_focal_point_from_another_member_is_refused(actor, member):
    with pytest.raises(ValidationError) as refused:
        _appoint(actor, member, PersonFactory(member=MemberFactory()))
    assert "person" in refused.value.error_dict


def test_a_focal_points_end_is_recorded(actor, member):
    appointment = AppointmentFactory(member=member, nominated_on=JUNE_1)
    services.focal_point_end(actor=actor, appointment=appointment, ended_on=datetime.date(2024, 12, 31))
    assert _history(member)[0].changes["ended_on"] == [None, "2024-12-31"]


def test_a_focal_points_end_before_the_nomination_is_refused(actor, member):
    appointment = AppointmentFactory(member=member, nominated_on=JUNE_1)
    with pytest.raises(ValidationError) as refused:
        services.focal_point_end(actor=actor, appointment=appointment, ended_on=datetime.date(2024, 1, 1))
    assert "ended_on" in refused.value.error_dict


# --- Dues -------------------------------------------------------------------------------------


def _dues(**changes):
    return {"year": 2024, "amount": Decimal("1000"), "currency": "EUR", "status": MembershipDues.Status.DUE, **changes}


def test_dues_are_recorded_on_the_members_page(actor, member):
    services.dues_record(actor=actor, member=member, data=_dues())
    assert _history(member)[0].changes["amount"] == [None, "1000.00"]


def test_paid_dues_without_a_payment_date_are_refused(actor, member):
    with pytest.raises(ValidationError) as refused:
        services.dues_record(actor=actor, member=member, data=_dues(status=MembershipDues.Status.PAID))
    assert "paid_on" in refused.value.error_dict


def test_dues_not_paid_with_a_payment_date_are_refused(actor, member):
    with pytest.raises(ValidationError) as refused:
        services.dues_record(actor=actor, member=member, data=_dues(paid_on=JUNE_1))
    assert "paid_on" in refused.value.error_dict


def test_a_second_dues_row_for_the_same_year_is_refused(actor, member):
    DuesFactory(member=member, year=2024)
    with pytest.raises(ValidationError):
        services.dues_record(actor=actor, member=member, data=_dues())
    assert MembershipDues.objects.count() == 1


def test_dues_paid_are_recorded_with_their_date(actor, member):
    dues = DuesFactory(member=member, year=2024)
    services.dues_update(actor=actor, dues=dues, data={"status": MembershipDues.Status.PAID, "paid_on": JUNE_1})
    assert _history(member)[0].changes["paid_on"] == [None, "2024-06-01"]


def test_the_same_amount_typed_without_cents_changes_nothing(actor, member):
    dues = DuesFactory(member=member, amount=Decimal("1000.00"))
    assert services.dues_update(actor=actor, dues=dues, data={"amount": Decimal("1000")}) is False


# --- Invitations ------------------------------------------------------------------------------


def _invite(inviter, **changes):
    data = {
        "email": "New.Focal@CanTho.gov.vn",
        "full_name": "Trần Văn Minh",
        "role": Role.PARTNER,
        "network": None,
        "member": None,
        "language": "fr",
        "site_url": "https://reseau.test/",
        **changes,
    }
    return services.user_invite(invited_by=inviter, **data)


def test_an_invited_account_has_no_password_yet(actor):
    assert _invite(actor).has_usable_password() is False


def test_an_invited_email_is_stored_normalised(actor):
    assert _invite(actor).email == "new.focal@cantho.gov.vn"


def test_an_invited_secretariat_member_may_use_the_admin(actor):
    assert _invite(actor, role=Role.SECRETARIAT).is_staff is True


def test_an_invited_partner_may_not_use_the_admin(actor):
    assert _invite(actor).is_staff is False


def test_an_invitation_is_recorded_on_the_accounts_history(actor):
    user = _invite(actor)
    assert [event.actor_label for event in _history(user)] == [str(actor)]


def test_an_invitation_sends_one_email_to_the_invited_person(actor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(actor)
    assert [message.to for message in mail.outbox] == [["new.focal@cantho.gov.vn"]]


def test_a_focal_point_invited_without_a_member_is_refused(actor):
    with pytest.raises(ValidationError) as refused:
        _invite(actor, role=Role.FOCAL_POINT)
    assert "member" in refused.value.error_dict


def test_a_refused_invitation_creates_no_account(actor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        _invite(actor, role=Role.FOCAL_POINT)
    assert not User.objects.filter(email="new.focal@cantho.gov.vn").exists()


def test_a_refused_invitation_sends_no_email(actor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        _invite(actor, role=Role.FOCAL_POINT)
    assert mail.outbox == []


def test_an_email_that_already_has_an_account_is_refused(actor):
    with pytest.raises(ValidationError) as refused:
        _invite(actor, email="Coordinator@reseau.test")
    assert "email" in refused.value.error_dict
