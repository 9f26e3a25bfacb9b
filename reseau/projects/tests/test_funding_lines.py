"""Funding lines: who adds and edits them, and how amounts are read."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from reseau.core.numbers import NotANumber, parse_decimal
from reseau.projects.models import FundingLine
from tests.factories import FundingOpportunityFactory, NetworkFactory, OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(world):
    return ProjectFactory(network=world.hue.network, lead_member=world.hue, currency="USD", stage="seeking_funding")


@pytest.fixture
def donor(db):
    return OrganisationFactory(name_en="Asian Development Bank", acronym="ADB")


def _add_url(project) -> str:
    return reverse("projects:funding_line_add", kwargs={"code": project.code})


def _edit_url(line) -> str:
    return reverse("projects:funding_line_edit", kwargs={"code": line.project.code, "pk": line.pk})


def _data(donor, **overrides) -> dict:
    return {
        "source": donor.pk,
        "opportunity": "",
        "amount_requested": "40000",
        "amount_secured": "20000",
        "currency": "USD",
        "status": "requested",
        "as_of": "2024-06-01",
        **overrides,
    }


@pytest.fixture
def line(project, donor):
    return FundingLine.objects.create(
        project=project,
        source=donor,
        amount_requested=Decimal("40000"),
        currency="USD",
        as_of=datetime.date(2024, 6, 1),
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [("partner", 403), ("focal_point", 403), ("coordinator", 200), ("secretariat", 200)],
)
def test_only_the_networks_staff_add_and_edit_funding_lines(world, project, line, role, status):
    client = world.client_for(role)
    assert client.get(_add_url(project)).status_code == status
    assert client.get(_edit_url(line)).status_code == status


def test_anonymous_visitors_are_sent_to_sign_in(world, line):
    for url in (_add_url(line.project), _edit_url(line)):
        response = world.client_for("anonymous").get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_a_line_of_another_project_is_not_found(world, project, line):
    other = ProjectFactory(network=world.hue.network, lead_member=world.hue)
    url = reverse("projects:funding_line_edit", kwargs={"code": other.code, "pk": line.pk})
    assert world.client_for("coordinator").get(url).status_code == 404


def test_staff_add_a_line_in_decimals(world, project, donor):
    call = FundingOpportunityFactory(network=project.network, donor=donor, title_en="CWIS call")
    client = world.client_for("coordinator")
    page = client.get(_add_url(project)).content.decode()
    assert 'value="USD" selected' in page  # the project's currency first
    response = client.post(
        _add_url(project), _data(donor, opportunity=call.pk, amount_requested="40 000,50", amount_secured="")
    )
    assert response.status_code == 302
    assert response["Location"] == f"{project.get_absolute_url()}#funding-plan"
    line = FundingLine.objects.get(project=project)
    assert line.amount_requested == Decimal("40000.50")
    assert isinstance(line.amount_requested, Decimal)
    assert line.amount_secured == Decimal("0.00")
    assert isinstance(line.amount_secured, Decimal)
    assert (line.source, line.opportunity, line.currency, line.status) == (donor, call, "USD", "requested")
    assert line.as_of == datetime.date(2024, 6, 1)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("40000", "40000.00"),
        ("40000.5", "40000.50"),
        ("40000,5", "40000.50"),
        ("40,000", "40000.00"),
        ("40.000.000", "40000000.00"),  # Vietnamese style
        ("12 500,50", "12500.50"),
        ("12\u202f500,50", "12500.50"),
        ("12,500.50", "12500.50"),
        ("12.500,50", "12500.50"),
        ("0,5", "0.50"),
        (" 7 ", "7.00"),
    ],
)
def test_amounts_are_read_as_people_type_them(world, project, donor, typed, stored):
    response = world.client_for("secretariat").post(_add_url(project), _data(donor, amount_requested=typed))
    assert response.status_code == 302, response.content.decode()
    assert FundingLine.objects.get().amount_requested == Decimal(stored)


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("amount_requested", "-100", "An amount cannot be negative."),
        ("amount_secured", "−5", "An amount cannot be negative."),
        ("amount_requested", "abc", "Enter a number in figures, for example 12500.50 or 12 500,50."),
        ("amount_requested", "12 USD", "Enter a number in figures"),
        ("amount_requested", "1,2,3", "Enter a number in figures"),
        ("amount_requested", "1.234,5,6", "Enter a number in figures"),
        ("amount_requested", "0.125", "Ensure that there are no more than 2 decimal places."),
        ("amount_requested", "", "This field is required."),
        ("currency", "XYZ", "Choose a currency from the list."),
        ("source", "999999", "Choose an organisation from the list."),
        ("as_of", "someday", "Enter a valid date."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(world, project, donor, field, typed, message):
    response = world.client_for("coordinator").post(_add_url(project), _data(donor, **{field: typed}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not FundingLine.objects.exists()


def test_only_the_networks_calls_are_offered(world, project, donor):
    ours = FundingOpportunityFactory(network=project.network, title_en="Our call")
    maghreb = NetworkFactory(code="maghreb", acronym="Maghreb", name_en="Maghreb network")
    theirs = FundingOpportunityFactory(network=maghreb, title_en="Their call")
    client = world.client_for("secretariat")
    page = client.get(_add_url(project)).content.decode()
    assert "Our call" in page
    assert "Their call" not in page
    page = client.post(_add_url(project), _data(donor, opportunity=theirs.pk)).content.decode()
    assert "Choose one of the network&#x27;s calls." in page
    assert client.post(_add_url(project), _data(donor, opportunity=ours.pk)).status_code == 302


def test_staff_edit_a_line(world, project, line):
    client = world.client_for("secretariat")
    page = client.get(_edit_url(line)).content.decode()
    assert 'value="40000.00"' in page
    response = client.post(_edit_url(line), _data(line.source, amount_secured="15000,25", status="secured"))
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.amount_secured == Decimal("15000.25")
    assert line.status == "secured"
    # Saving the same figures again changes nothing.
    client.post(_edit_url(line), _data(line.source, amount_secured="15000.25", status="secured"))
    messages = [str(m) for m in client.get(project.get_absolute_url()).wsgi_request._messages]
    assert messages == ["Changes saved.", "Nothing was changed."]


def test_html_in_an_amount_is_shown_back_escaped(world, project, donor):
    page = (
        world.client_for("coordinator")
        .post(_add_url(project), _data(donor, amount_requested="<b>1</b>"))
        .content.decode()
    )
    assert "<b>1</b>" not in page
    assert "&lt;b&gt;1&lt;/b&gt;" in page


@pytest.mark.parametrize(
    ("typed", "thousands", "value"),
    [
        ("1,000", True, "1000"),
        ("1,000", False, "1.000"),
        ("0,000245", False, "0.000245"),
        ("0.92", False, "0.92"),
        ("1.234.567,891", False, "1234567.891"),
        (",5", True, "0.5"),
        ("5.", True, "5"),
        ("-3,5", True, "-3.5"),
        ("+3", True, "3"),
        ("012,345", True, "12.345"),  # a leading zero is no thousands group
    ],
)
def test_parse_decimal(typed, thousands, value):
    parsed = parse_decimal(typed, thousands=thousands)
    assert parsed == Decimal(value)
    assert isinstance(parsed, Decimal)


@pytest.mark.parametrize("typed", ["", ",", "abc", "1e5", "1,2,3", "12,34,567", "1.2,3.4", "NaN", "Infinity"])
def test_parse_decimal_refuses_what_is_not_a_number(typed):
    with pytest.raises(NotANumber):
        parse_decimal(typed, thousands=True)
