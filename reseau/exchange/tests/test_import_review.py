"""Who may import and read a report; applying is all or nothing, and only once."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import ROLES
from reseau.accounts.models import Role
from reseau.audit.models import AuditEvent
from reseau.exchange.importers import RowAction
from reseau.exchange.models import ImportBatch
from reseau.exchange.tests.helpers import ORGANISATION_HEADER, csv_bytes, organisation_row, review, upload
from reseau.partners import services as partner_services
from reseau.partners.models import Organisation
from reseau.registry.models import Theme
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CONTENT = csv_bytes(
    [
        ORGANISATION_HEADER,
        organisation_row(name_en="World Bank", themes="gender-equality"),
        organisation_row(name_en="Asian Development Bank", themes="urban-sanitation"),
    ]
)
EXPECTED = {"anonymous": "login", "partner": 403, "focal_point": 403, "coordinator": 200, "secretariat": 200}


def _checked_batch(world, role: str = "coordinator") -> ImportBatch:
    upload(world.client_for(role), "organisations", "partners.csv", CONTENT)
    return ImportBatch.objects.latest("pk")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind", ["organisations", "contacts", "funding"])
def test_only_network_staff_may_import(catalogue, role, kind):
    client = catalogue.client_for(role)
    url = reverse("exchange:import", kwargs={"kind": kind})
    for response in (client.get(url), client.post(url, {})):
        if EXPECTED[role] == "login":
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("accounts:login"))
        else:
            assert response.status_code == EXPECTED[role]
    assert not ImportBatch.objects.exists()


def test_a_partner_or_focal_point_posting_a_file_writes_nothing(catalogue):
    for role in ("partner", "focal_point"):
        assert upload(catalogue.client_for(role), "organisations", "partners.csv", CONTENT).status_code == 403
    assert not ImportBatch.objects.exists()
    assert not Organisation.objects.exists()


def test_an_unknown_kind_is_not_found(catalogue):
    client = catalogue.client_for("secretariat")
    assert client.get(reverse("exchange:import", kwargs={"kind": "members"})).status_code == 404


def test_the_report_is_for_its_author_and_the_secretariat(catalogue):
    batch = _checked_batch(catalogue)
    assert review(catalogue.client_for("coordinator"), batch).status_code == 200
    assert review(catalogue.client_for("secretariat"), batch).status_code == 200
    for role in ("partner", "focal_point"):
        assert review(catalogue.client_for(role), batch).status_code == 403
    response = review(catalogue.client_for("anonymous"), batch)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))

    other = UserFactory(role=Role.COORDINATOR, network=catalogue.hue.network)
    from django.test import Client

    client = Client()
    client.force_login(other)
    assert review(client, batch).status_code == 403
    assert client.post(batch.get_absolute_url(), {"action": "apply"}).status_code == 403
    assert not Organisation.objects.exists()
    assert (
        catalogue.client_for("secretariat").get(reverse("exchange:import_review", kwargs={"pk": 999})).status_code
        == 404
    )


def test_applying_twice_does_nothing_the_second_time(catalogue):
    batch = _checked_batch(catalogue)
    client = catalogue.client_for("coordinator")
    review(client, batch, "apply")
    assert Organisation.objects.count() == 2
    events = AuditEvent.objects.count()

    page = review(client, batch, "apply").content.decode()
    assert "This file was already imported: nothing more was done." in page
    assert Organisation.objects.count() == 2
    assert AuditEvent.objects.count() == events
    page = review(client, batch, "cancel").content.decode()
    assert "This file was already imported; it can no longer be cancelled." in page
    batch.refresh_from_db()
    assert batch.status == "applied"
    assert "This file has been imported." in page
    assert "Import 2 rows" not in page


def test_a_cancelled_import_cannot_be_applied(catalogue):
    batch = _checked_batch(catalogue)
    client = catalogue.client_for("coordinator")
    review(client, batch, "cancel")
    page = review(client, batch, "apply").content.decode()
    assert "This import was cancelled: nothing was done." in page
    assert not Organisation.objects.exists()


def test_the_secretariat_may_apply_a_coordinators_import(catalogue):
    batch = _checked_batch(catalogue)
    review(catalogue.client_for("secretariat"), batch, "apply")
    assert Organisation.objects.count() == 2
    assert set(AuditEvent.objects.values_list("actor_label", flat=True)) == {str(catalogue.users["secretariat"])}


def test_when_a_row_refers_to_something_gone_since_the_check_nothing_is_imported(catalogue):
    batch = _checked_batch(catalogue)
    Theme.objects.filter(code="urban-sanitation").delete()
    page = review(catalogue.client_for("coordinator"), batch, "apply").content.decode()
    assert "Nothing was imported: what row 3 refers to has changed since the file was checked." in page
    # Row 2 was valid and came first: it was rolled back with the rest.
    assert not Organisation.objects.exists()
    assert not AuditEvent.objects.exists()
    batch.refresh_from_db()
    assert batch.status == "pending"


def test_a_row_refused_when_saved_rolls_back_the_rows_before_it(catalogue, monkeypatch):
    batch = _checked_batch(catalogue)
    create = partner_services.organisation_create
    calls = []

    def failing_second_time(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise ValidationError({"name": "Refused for the test."})
        return create(**kwargs)

    monkeypatch.setattr(partner_services, "organisation_create", failing_second_time)
    page = review(catalogue.client_for("coordinator"), batch, "apply").content.decode()
    assert "Nothing was imported: row 3 could not be saved (Refused for the test.)." in page
    assert not Organisation.objects.exists()
    assert not AuditEvent.objects.exists()
    assert ImportBatch.objects.get().status == "pending"


def test_an_unknown_action_changes_nothing(catalogue):
    batch = _checked_batch(catalogue)
    response = catalogue.client_for("coordinator").post(batch.get_absolute_url(), {"action": "delete"})
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == "pending"
    assert not Organisation.objects.exists()


def test_the_upload_page_explains_the_columns_and_lists_recent_imports(catalogue):
    batch = _checked_batch(catalogue)
    page = catalogue.client_for("coordinator").get(reverse("exchange:import", kwargs={"kind": "organisations"}))
    html = page.content.decode()
    assert "<td>Shared with partners</td>" in html
    assert reverse("exchange:export", kwargs={"kind": "organisations", "fmt": "xlsx"}) in html
    assert batch.get_absolute_url() in html


def test_a_checked_file_shows_its_status_as_waiting(world, catalogue):
    page = review(world.client_for("coordinator"), _checked_batch(world)).content.decode()
    assert '<span class="badge warn">Waiting for confirmation</span>' in page


def test_each_new_row_shows_a_new_badge(world, catalogue):
    page = review(world.client_for("coordinator"), _checked_batch(world)).content.decode()
    assert page.count('<span class="badge ok">New</span>') == 2


def test_an_applied_import_is_ok_and_a_cancelled_one_neutral():
    assert [ImportBatch.Status(s).tone for s in ("applied", "cancelled")] == ["ok", "neutral"]


def test_a_row_to_update_is_a_warning_and_an_unchanged_one_neutral():
    assert [RowAction.UPDATE.tone, RowAction.UNCHANGED.tone] == ["warn", "neutral"]
