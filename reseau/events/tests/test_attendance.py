"""Taking attendance: the coordinator marks who came, and the counts of women and men present follow."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reseau.audit.models import AuditEvent
from reseau.events.models import Event, Registration
from tests.factories import EventFactory, PersonFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(world):
    return EventFactory(network=world.hue.network, slug="annual-meeting-2031", title_en="Annual meeting 2031")


@pytest.fixture
def people(world, event) -> dict[str, Registration]:
    return {
        "lan": RegistrationFactory(
            event=event, person=PersonFactory(member=world.hue, name="Nguyễn Thị Lan", gender="woman")
        ),
        "minh": RegistrationFactory(
            event=event, person=PersonFactory(member=world.hue, name="Trần Văn Minh", gender="man")
        ),
        "noy": RegistrationFactory(
            event=event, person=PersonFactory(member=world.vientiane, name="Noy Sisavath", gender=""), gender=""
        ),
    }


def _url(event: Event) -> str:
    return reverse("events:attendance", kwargs={"slug": event.slug})


def _cell(page: str, cell_id: str) -> str:
    start = page.index(f'id="{cell_id}">') + len(f'id="{cell_id}">')
    return page[start : page.index("<", start)]


def _marks(people, **marks: str) -> dict[str, str]:
    data = {f"attended_{registration.pk}": "" for registration in people.values()}
    data.update({f"attended_{people[name].pk}": value for name, value in marks.items()})
    return data


@pytest.mark.parametrize(("role", "status"), [("focal_point", 403), ("partner", 404)])
def test_only_the_staff_take_attendance(world, event, people, role, status):
    client = world.client_for(role)
    assert client.get(_url(event)).status_code == status
    assert client.post(_url(event), _marks(people, lan="yes")).status_code == status
    assert not Registration.objects.filter(attended__isnull=False).exists()


def test_the_page_lists_everyone_with_big_choices(world, event, people):
    page = world.client_for("coordinator").get(_url(event)).content.decode()
    for name in ("Nguyễn Thị Lan", "Trần Văn Minh", "Noy Sisavath"):
        assert name in page
    assert page.count('type="radio"') == 9
    assert 'class="choice-row"' in page
    # Only the participant whose gender is not recorded gets a gender choice.
    assert page.count('name="gender_') == 1
    assert f'name="gender_{people["noy"].pk}"' in page


def test_marking_attendance_changes_the_counts_of_women_and_men_present(world, event, people):
    client = world.client_for("coordinator")
    response = client.post(_url(event), _marks(people, lan="yes", minh="no", noy="yes"))
    assert response.status_code == 302
    assert response["Location"] == _url(event)
    assert {r.person.name: r.attended for r in Registration.objects.select_related("person")} == {
        "Nguyễn Thị Lan": True,
        "Trần Văn Minh": False,
        "Noy Sisavath": True,
    }
    page = client.get(_url(event)).content.decode()
    assert "Attendance saved: 3 changes." in page
    assert _cell(page, "women-present") == "1"
    assert _cell(page, "men-present") == "0"
    assert _cell(page, "all-present") == "2"

    client.post(_url(event), _marks(people, lan="yes", minh="yes", noy="yes"))
    page = client.get(_url(event)).content.decode()
    assert "Attendance saved: 1 change." in page
    assert _cell(page, "women-present") == "1"
    assert _cell(page, "men-present") == "1"


def test_setting_a_missing_gender_counts_them(world, event, people):
    client = world.client_for("coordinator")
    data = _marks(people, noy="yes")
    data[f"gender_{people['noy'].pk}"] = "woman"
    client.post(_url(event), data)
    noy = Registration.objects.get(pk=people["noy"].pk)
    assert noy.gender == "woman"
    assert noy.attended is True
    page = client.get(_url(event)).content.decode()
    assert _cell(page, "women-present") == "1"
    assert f'name="gender_{people["noy"].pk}"' not in page


def test_nothing_changes_when_nothing_changed(world, event, people):
    client = world.client_for("coordinator")
    client.post(_url(event), _marks(people, lan="yes"))
    before = AuditEvent.objects.count()
    response = client.post(_url(event), _marks(people, lan="yes"), follow=True)
    assert "Nothing was changed." in response.content.decode()
    assert AuditEvent.objects.count() == before


def test_a_participant_missing_from_the_form_keeps_its_mark(world, event, people):
    """Someone registered after the page was shown is not reset by an older form."""
    client = world.client_for("coordinator")
    Registration.objects.filter(pk=people["minh"].pk).update(attended=True)
    data = _marks(people, lan="yes")
    del data[f"attended_{people['minh'].pk}"]
    client.post(_url(event), data)
    assert Registration.objects.get(pk=people["minh"].pk).attended is True


def test_the_nothing_changed_message_in_french(world, event, people):
    coordinator = world.users["coordinator"]
    coordinator.language = "fr"
    coordinator.save()
    response = world.client_for("coordinator").post(_url(event), _marks(people), follow=True)
    assert "Aucune modification n&#x27;a été apportée." in response.content.decode()


def test_attendance_page_queries_do_not_grow(world, event, django_assert_max_num_queries):
    for n in range(60):
        RegistrationFactory(event=event, person=PersonFactory(member=world.hue, gender="woman" if n % 2 else ""))
    client = world.client_for("coordinator")
    with django_assert_max_num_queries(8):
        assert client.get(_url(event)).status_code == 200
