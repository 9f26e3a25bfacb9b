from __future__ import annotations

import pytest
from django.urls import reverse

from reseau.exchange.models import ImportBatch
from reseau.exchange.tests.helpers import csv_bytes, upload

pytestmark = pytest.mark.django_db


def test_imports_are_read_only_in_the_admin(world):
    upload(world.client_for("coordinator"), "organisations", "p.csv", csv_bytes([["name_en", "kind"], ["A", "donor"]]))
    batch = ImportBatch.objects.get()
    client = world.client_for("secretariat")
    assert client.get(reverse("admin:exchange_importbatch_changelist")).status_code == 200
    assert client.get(reverse("admin:exchange_importbatch_change", args=[batch.pk])).status_code == 200
    assert client.get(reverse("admin:exchange_importbatch_add")).status_code == 403
    assert (
        client.post(reverse("admin:exchange_importbatch_delete", args=[batch.pk]), {"post": "yes"}).status_code == 403
    )
    assert ImportBatch.objects.filter(pk=batch.pk).exists()
