"""Every registry write view: a service's refusal is shown on the form, an empty update says so.

A service validates the whole model (and holds rules of its own, e.g. one focal point at a
time), so it may refuse a post the form accepted: the page must then come back with the
refusal and what was typed, and nothing may be written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reseau.accounts.models import User
from reseau.audit.models import AuditEvent
from reseau.registry import services
from reseau.registry.models import FocalPointAppointment, Mandate, Member, MembershipDues, Network, Person
from tests.factories import AppointmentFactory, DuesFactory, MandateFactory, PersonFactory

pytestmark = pytest.mark.django_db

REFUSAL = "The registry refuses this on purpose."


@dataclass(frozen=True)
class Case:
    service: str
    role: str
    # (world) -> (url, post data); the data is valid for the form.
    build: Callable[[Any], tuple[str, dict[str, Any]]]
    # A field the form shows, on which a service's field error must appear.
    field: str
    # A value typed into the form that the refused page must still show.
    typed: str


def _member_create(world: Any) -> tuple[str, dict[str, Any]]:
    url = reverse("registry:member_create", kwargs={"code": "rvase"})
    data = {
        "slug": "luang-prabang",
        "kind": "city",
        "country": world.vientiane.country_id,
        "name_en": "Luang Prabang",
        "name_fr": "Louang Prabang",
    }
    return url, data


def _member_edit(world: Any) -> tuple[str, dict[str, Any]]:
    url = reverse("registry:member_edit", kwargs={"slug": "hue"})
    data = {"kind": "city", "country": world.hue.country_id, "name_en": "Huế Imperial City", "name_fr": "Huế"}
    return url, data


def _person_data(**changes: Any) -> dict[str, Any]:
    return {"name": "Nguyễn Thị Lan", "email": "lan@hue.gov.vn", "languages": ["vi"], **changes}


def _person_create(world: Any) -> tuple[str, dict[str, Any]]:
    return reverse("registry:person_create", kwargs={"slug": "hue"}), _person_data()


def _person_edit(world: Any) -> tuple[str, dict[str, Any]]:
    person = PersonFactory(member=world.hue, name="Lan")
    return reverse("registry:person_edit", kwargs={"pk": person.pk}), _person_data()


def _mandate_create(world: Any) -> tuple[str, dict[str, Any]]:
    person = PersonFactory(member=world.hue)
    url = reverse("registry:mandate_create", kwargs={"slug": "hue"})
    return url, {"person": person.pk, "office": "mayor", "title_en": "Mayor of Huế", "start_date": "2024-01-01"}


def _mandate_edit(world: Any) -> tuple[str, dict[str, Any]]:
    mandate = MandateFactory(member=world.hue)
    url = reverse("registry:mandate_edit", kwargs={"slug": "hue", "pk": mandate.pk})
    return url, {"person": mandate.person_id, "office": "mayor", "title_en": "Mayor of Huế"}


def _focal_point_appoint(world: Any) -> tuple[str, dict[str, Any]]:
    person = PersonFactory(member=world.hue, name="Trần Văn Minh")
    url = reverse("registry:focal_point_appoint", kwargs={"slug": "hue"})
    return url, {"person": person.pk, "kind": "official", "nominated_on": "2024-03-07"}


def _focal_point_end(world: Any) -> tuple[str, dict[str, Any]]:
    appointment = AppointmentFactory(member=world.hue)
    url = reverse("registry:focal_point_end", kwargs={"slug": "hue", "pk": appointment.pk})
    return url, {"ended_on": "2024-03-07"}


def _dues_data(**changes: Any) -> dict[str, Any]:
    return {"year": "2024", "amount": "1234.00", "currency": "EUR", "status": "due", "paid_on": "", **changes}


def _dues_create(world: Any) -> tuple[str, dict[str, Any]]:
    return reverse("registry:dues_create", kwargs={"slug": "hue"}), _dues_data()


def _dues_edit(world: Any) -> tuple[str, dict[str, Any]]:
    dues = DuesFactory(member=world.hue, year=2024)
    return reverse("registry:dues_edit", kwargs={"slug": "hue", "pk": dues.pk}), _dues_data()


def _network_edit(world: Any) -> tuple[str, dict[str, Any]]:
    url = reverse("registry:network_edit", kwargs={"code": "rvase"})
    return url, {"office_en": "Phnom Penh city hall", "time_zone": "Asia/Phnom_Penh"}


def _invite(world: Any) -> tuple[str, dict[str, Any]]:
    data = {
        "email": "new.focal@cantho.gov.vn",
        "full_name": "Trần Văn Minh",
        "role": "focal_point",
        "member": world.hue.pk,
        "language": "fr",
    }
    return reverse("registry:invite"), data


CASES = {
    "member_create": Case("member_create", "coordinator", _member_create, "name_en", "Louang Prabang"),
    "member_edit": Case("member_update", "focal_point", _member_edit, "name_en", "Huế Imperial City"),
    "person_create": Case("person_create", "focal_point", _person_create, "email", "lan@hue.gov.vn"),
    "person_edit": Case("person_update", "focal_point", _person_edit, "email", "lan@hue.gov.vn"),
    "mandate_create": Case("mandate_create", "focal_point", _mandate_create, "title_en", "Mayor of Huế"),
    "mandate_edit": Case("mandate_update", "focal_point", _mandate_edit, "title_en", "Mayor of Huế"),
    "focal_point_appoint": Case("focal_point_appoint", "focal_point", _focal_point_appoint, "person", "2024-03-07"),
    "focal_point_end": Case("focal_point_end", "focal_point", _focal_point_end, "ended_on", "2024-03-07"),
    "dues_create": Case("dues_record", "coordinator", _dues_create, "amount", "1234"),
    "dues_edit": Case("dues_update", "coordinator", _dues_edit, "amount", "1234"),
    "network_edit": Case("network_update", "coordinator", _network_edit, "office_en", "Phnom Penh city hall"),
    "invite": Case("user_invite", "coordinator", _invite, "email", "new.focal@cantho.gov.vn"),
}


def _stored_rows() -> dict[str, int]:
    models = [AuditEvent, Member, Person, Mandate, FocalPointAppointment, MembershipDues, Network, User]
    return {model.__name__: model.objects.count() for model in models}


def _refuse_with(monkeypatch: pytest.MonkeyPatch, service: str, error: ValidationError) -> None:
    def refuse(**kwargs: Any) -> Any:
        raise error

    monkeypatch.setattr(services, service, refuse)


@pytest.fixture(params=list(CASES), ids=list(CASES))
def case(request: pytest.FixtureRequest) -> Case:
    return CASES[request.param]


def test_a_field_refused_by_the_service_is_shown_on_that_field(world, case, monkeypatch):
    url, data = case.build(world)
    _refuse_with(monkeypatch, case.service, ValidationError({case.field: REFUSAL}))
    rows = _stored_rows()

    response = world.client_for(case.role).post(url, data)

    assert response.status_code == 200
    assert response.context["form"].errors[case.field] == [REFUSAL]
    assert REFUSAL in response.content.decode()
    assert case.typed in response.content.decode()
    assert _stored_rows() == rows


def test_a_rule_not_about_one_field_is_shown_above_the_form(world, case, monkeypatch):
    url, data = case.build(world)
    _refuse_with(monkeypatch, case.service, ValidationError(REFUSAL))
    rows = _stored_rows()

    response = world.client_for(case.role).post(url, data)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [REFUSAL]
    assert REFUSAL in response.content.decode()
    assert _stored_rows() == rows


def test_a_refusal_naming_a_field_the_form_does_not_show_goes_above_the_form(world, case, monkeypatch):
    url, data = case.build(world)
    _refuse_with(monkeypatch, case.service, ValidationError({"not_on_the_form": REFUSAL}))

    response = world.client_for(case.role).post(url, data)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [REFUSAL]


def test_the_service_rule_one_holder_per_role_is_shown_on_the_person(world):
    appointment = AppointmentFactory(member=world.hue)
    url = reverse("registry:focal_point_appoint", kwargs={"slug": "hue"})
    rows = _stored_rows()

    response = world.client_for("focal_point").post(
        url, {"person": appointment.person_id, "kind": "official", "nominated_on": "2024-03-07"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["person"] == ["This person already holds this role."]
    assert _stored_rows() == rows


# --- Updates that change nothing ------------------------------------------------------------


def _messages(response: Any) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def _unchanged_member_edit(world: Any) -> tuple[str, dict[str, Any]]:
    hue = world.hue
    data = {
        "kind": hue.kind,
        "country": hue.country_id,
        "name_en": hue.name_en,
        "name_fr": hue.name_fr,
        "name_local": hue.name_local,
        "name_alternative": hue.name_alternative,
    }
    return reverse("registry:member_edit", kwargs={"slug": "hue"}), data


def _unchanged_person_edit(world: Any) -> tuple[str, dict[str, Any]]:
    person = PersonFactory(member=world.hue, name="Lan", email="lan@hue.gov.vn")
    return reverse("registry:person_edit", kwargs={"pk": person.pk}), {"name": "Lan", "email": "lan@hue.gov.vn"}


def _unchanged_mandate_edit(world: Any) -> tuple[str, dict[str, Any]]:
    mandate = MandateFactory(member=world.hue)
    url = reverse("registry:mandate_edit", kwargs={"slug": "hue", "pk": mandate.pk})
    return url, {"person": mandate.person_id, "office": mandate.office}


def _unchanged_focal_point_end(world: Any) -> tuple[str, dict[str, Any]]:
    appointment = AppointmentFactory(member=world.hue, ended_on="2024-03-07")
    url = reverse("registry:focal_point_end", kwargs={"slug": "hue", "pk": appointment.pk})
    return url, {"ended_on": "2024-03-07"}


def _unchanged_dues_edit(world: Any) -> tuple[str, dict[str, Any]]:
    dues = DuesFactory(member=world.hue, year=2024)
    # Typed without cents: the same amount as the stored 1000.00.
    return reverse("registry:dues_edit", kwargs={"slug": "hue", "pk": dues.pk}), _dues_data(amount="1000")


def _unchanged_network_edit(world: Any) -> tuple[str, dict[str, Any]]:
    network = world.hue.network
    data = {
        "focal_point_deadline": network.focal_point_deadline.isoformat(),
        "office_en": network.office_en or "",
        "office_fr": network.office_fr or "",
        "time_zone": network.time_zone,
    }
    return reverse("registry:network_edit", kwargs={"code": "rvase"}), data


UNCHANGED = {
    "member_edit": ("focal_point", _unchanged_member_edit),
    "person_edit": ("focal_point", _unchanged_person_edit),
    "mandate_edit": ("focal_point", _unchanged_mandate_edit),
    "focal_point_end": ("focal_point", _unchanged_focal_point_end),
    "dues_edit": ("coordinator", _unchanged_dues_edit),
    "network_edit": ("coordinator", _unchanged_network_edit),
}


@pytest.mark.parametrize("view", list(UNCHANGED))
def test_an_update_that_changes_nothing_says_so_and_records_no_history(world, view):
    role, build = UNCHANGED[view]
    url, data = build(world)

    response = world.client_for(role).post(url, data, follow=True)

    assert response.status_code == 200
    assert _messages(response) == ["Nothing was changed."]
    assert not AuditEvent.objects.exists()


def test_an_update_that_changes_something_says_it_was_saved(world):
    url, data = _unchanged_network_edit(world)

    response = world.client_for("coordinator").post(url, {**data, "office_en": "Huế city hall"}, follow=True)

    assert _messages(response) == ["Changes saved."]
