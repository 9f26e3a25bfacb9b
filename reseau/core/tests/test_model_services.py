"""The generic writes every domain service builds on: one history row per change."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from reseau.audit.models import AuditEvent
from reseau.core.services import model_create, model_delete, model_update
from reseau.registry.models import Theme
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _theme(**data: object) -> Theme:
    values = {"code": "water", "kind": Theme.Kind.WORK, "name": "Eau", **data}
    return model_create(instance=Theme(), data=values, actor=None)


def test_create_saves_the_record() -> None:
    theme = _theme()
    assert Theme.objects.get(pk=theme.pk).name == "Eau"


def test_create_records_one_history_row() -> None:
    theme = _theme()
    assert AuditEvent.objects.filter(object_id=str(theme.pk), action=AuditEvent.Action.CREATED).count() == 1


def test_create_refuses_invalid_data_and_saves_nothing() -> None:
    with pytest.raises(ValidationError):
        _theme(kind="weather")
    assert not Theme.objects.exists()


def test_update_reports_a_change() -> None:
    theme = _theme()
    assert model_update(instance=theme, data={"name": "Nước sạch"}, actor=None) is True


def test_update_keeps_the_old_and_new_values_in_the_history() -> None:
    theme = _theme()
    model_update(instance=theme, data={"code": "clean-water"}, actor=UserFactory())
    event = AuditEvent.objects.get(action=AuditEvent.Action.UPDATED)
    assert event.changes == {"code": ["water", "clean-water"]}


def test_update_that_changes_nothing_writes_no_history() -> None:
    theme = _theme()
    assert model_update(instance=theme, data={"name": "Eau"}, actor=None) is False


def test_delete_removes_the_record() -> None:
    theme = _theme()
    model_delete(instance=theme, actor=None)
    assert not Theme.objects.exists()


def test_delete_keeps_what_the_record_held_in_the_history() -> None:
    theme = _theme()
    pk = theme.pk
    model_delete(instance=theme, actor=None)
    event = AuditEvent.objects.get(action=AuditEvent.Action.DELETED)
    assert (event.object_id, event.changes["code"]) == (str(pk), ["water", None])


def test_delete_names_who_deleted() -> None:
    theme = _theme()
    user = UserFactory(email="coordinator@example.org")
    model_delete(instance=theme, actor=user)
    assert AuditEvent.objects.get(action=AuditEvent.Action.DELETED).actor_label == str(user)
