"""The participants page: delegations, counts of women and men, who sees what, withdrawing."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reseau.audit.models import AuditEvent
from reseau.events.models import Event, Registration
from reseau.events.selectors.participant import gender_counts
from tests.factories import EventFactory, PersonFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(world):
    return EventFactory(network=world.hue.network, slug="annual-meeting-2031", title_en="Annual meeting 2031")


@pytest.fixture
def delegates(world, event) -> dict[str, Registration]:
    def register(member, name, gender, name_local="", **extra):
        person = PersonFactory(member=member, name=name, name_local=name_local, gender=gender)
        return RegistrationFactory(event=event, person=person, **extra)

    return {
        "lan": register(world.hue, "Nguyễn Thị Lan", "woman", role="head", attended=True),
        "minh": register(world.hue, "Trần Văn Minh", "man", attended=False),
        "noy": register(world.vientiane, "Noy Sisavath", "woman", name_local="ນ້ອຍ ສີສະຫວາດ"),
        "somphone": register(world.vientiane, "Somphone Keo", "man", attended=True),
        "claire": RegistrationFactory(
            event=event, person=PersonFactory(member=None, name="Claire Martin", gender="undisclosed"), role="partner"
        ),
    }


def _url(event: Event, name: str = "participants", **kwargs) -> str:
    return reverse(f"events:{name}", kwargs={"slug": event.slug, **kwargs})


def _cell(page: str, cell_id: str) -> str:
    start = page.index(f'id="{cell_id}">') + len(f'id="{cell_id}">')
    return page[start : page.index("<", start)]


def test_the_staff_see_every_delegation_with_counts_by_gender(world, event, delegates):
    page = world.client_for("coordinator").get(_url(event)).content.decode()
    for name in ("Nguyễn Thị Lan", "Trần Văn Minh", "Noy Sisavath", "Somphone Keo", "Claire Martin"):
        assert name in page
    assert page.index("Huế") < page.index("Nguyễn Thị Lan") < page.index("Vientiane Capital") < page.index("Noy")
    assert "Not in a member's delegation" in page
    assert "Head of delegation" in page
    assert "Present" in page
    assert "Absent" in page
    assert "Not marked" in page
    counts = {
        cell: _cell(page, cell)
        for cell in (
            "women-registered",
            "men-registered",
            "women-present",
            "men-present",
            "all-registered",
            "all-present",
        )
    }
    assert counts == {
        "women-registered": "2",
        "men-registered": "2",
        "women-present": "1",
        "men-present": "1",
        "all-registered": "5",
        "all-present": "2",
    }
    assert page.count(">Withdraw</button>") == 5


def test_the_focal_point_sees_its_own_delegation_only(world, event, delegates):
    page = world.client_for("focal_point").get(_url(event)).content.decode()
    assert "Nguyễn Thị Lan" in page
    assert "Trần Văn Minh" in page
    assert "Noy Sisavath" not in page
    assert "Somphone Keo" not in page
    assert "Claire Martin" not in page
    assert "You see the delegation of <bdi>Huế</bdi>" in page
    assert _cell(page, "women-registered") == "1"
    assert _cell(page, "men-registered") == "1"
    assert _cell(page, "women-present") == "1"
    assert _cell(page, "men-present") == "0"
    # Attendance is taken for both: withdrawing is now the coordinator's.
    assert ">Withdraw</button>" not in page


@pytest.mark.parametrize(("role", "status"), [("partner", 404)])
def test_partners_do_not_see_participants(world, event, delegates, role, status):
    assert world.client_for(role).get(_url(event)).status_code == status
    event.visibility = "public"
    event.save()
    assert world.client_for(role).get(_url(event)).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(world, event):
    response = world.client_for("anonymous").get(_url(event))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_focal_point_withdraws_its_own_delegate(world, event):
    registration = RegistrationFactory(event=event, person=PersonFactory(member=world.hue, name="Lê Thị Thu"))
    client = world.client_for("focal_point")
    assert ">Withdraw</button>" in client.get(_url(event)).content.decode()
    response = client.post(_url(event, "registration_withdraw", pk=registration.pk), follow=True)
    assert "The registration of Lê Thị Thu has been withdrawn." in response.content.decode()
    assert not Registration.objects.exists()
    assert AuditEvent.objects.filter(action="deleted").count() == 1


def test_the_focal_point_cannot_withdraw_another_members_delegate(world, event, delegates):
    response = world.client_for("focal_point").post(_url(event, "registration_withdraw", pk=delegates["noy"].pk))
    assert response.status_code == 404
    assert Registration.objects.filter(pk=delegates["noy"].pk).exists()


def test_once_attendance_is_taken_the_focal_point_cannot_withdraw(world, event, delegates):
    response = world.client_for("focal_point").post(
        _url(event, "registration_withdraw", pk=delegates["lan"].pk), follow=True
    )
    assert "attendance has been recorded" in response.content.decode()
    assert Registration.objects.filter(pk=delegates["lan"].pk).exists()


def test_the_coordinator_withdraws_anyone(world, event, delegates):
    response = world.client_for("coordinator").post(_url(event, "registration_withdraw", pk=delegates["noy"].pk))
    assert response.status_code == 302
    assert not Registration.objects.filter(pk=delegates["noy"].pk).exists()


def test_withdrawing_is_post_only(world, event, delegates):
    assert (
        world.client_for("coordinator").get(_url(event, "registration_withdraw", pk=delegates["noy"].pk)).status_code
        == 405
    )


def test_gender_counts_fall_back_on_the_persons_gender_in_one_query(world, event, django_assert_num_queries):
    RegistrationFactory(event=event, person=PersonFactory(member=world.hue, gender="woman"), gender="", attended=True)
    RegistrationFactory(event=event, person=PersonFactory(member=world.hue, gender=""), gender="man")
    RegistrationFactory(event=event, person=PersonFactory(member=world.hue, gender=""), gender="")
    with django_assert_num_queries(1):
        counts = gender_counts(event.registrations.all())
    assert (counts.registered, counts.women_registered, counts.men_registered, counts.others_registered) == (3, 1, 1, 1)
    assert (counts.present, counts.women_present, counts.men_present, counts.not_marked) == (1, 1, 0, 2)


def _queries_for_page(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["coordinator", "focal_point"])
def test_the_page_costs_the_same_queries_for_3_and_200_participants(world, event, role):
    client = world.client_for(role)
    for _n in range(3):
        RegistrationFactory(event=event, person=PersonFactory(member=world.hue, gender="woman"))
    few = _queries_for_page(client, _url(event))
    for n in range(197):
        member = world.hue if n % 2 else world.vientiane
        RegistrationFactory(event=event, person=PersonFactory(member=member, gender="man" if n % 3 else "woman"))
    many = _queries_for_page(client, _url(event))
    assert few == many
    assert many <= 10


@pytest.mark.parametrize("name", ["participants", "register", "invitations", "attendance"])
def test_anonymous_visitors_are_sent_to_sign_in_everywhere(world, event, name):
    response = world.client_for("anonymous").get(_url(event, name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ["anonymous", "partner", "focal_point", "coordinator"])
def test_withdrawing_answers_405_to_a_get_whoever_asks(world, event, delegates, role):
    url = _url(event, "registration_withdraw", pk=delegates["lan"].pk)
    assert world.client_for(role).get(url).status_code == 405


def _french_page(world, url: str) -> str:
    coordinator = world.users["coordinator"]
    coordinator.language = "fr"
    coordinator.save(update_fields=["language"])
    return world.client_for("coordinator").get(url).content.decode()


def test_in_french_a_woman_heading_a_delegation_is_cheffe_de_delegation(world, event, delegates):
    assert "Cheffe de délégation" in _french_page(world, _url(event))


def test_in_french_a_man_delegate_is_delegue(world, event, delegates):
    assert '<td data-label="Rôle">Délégué</td>' in _french_page(world, _url(event))


def test_in_french_a_woman_delegate_is_deleguee(world, event, delegates):
    delegates["noy"].role = Registration.Role.DELEGATE
    delegates["noy"].save()
    assert '<td data-label="Rôle">Déléguée</td>' in _french_page(world, _url(event))
