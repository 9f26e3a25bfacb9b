"""A focal point registers its delegation, the coordinator takes attendance, and the counts of women
and men present appear, in a real browser with axe-core on every page visited.

The registration pages are also checked at 375x812, where nothing may be wider than the screen.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.fixtures import AxeAudit, sign_in

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator@reseau.test"
FOCAL_POINT = "focal.vientiane@reseau.test"
SLUG = "browser-annual-meeting-2031"


def _make_event() -> Any:
    from reseau.registry.models import Network
    from tests.factories import EventFactory

    start = datetime.datetime(2031, 11, 20, 1, 30, tzinfo=datetime.UTC)  # 8:30 in Vientiane
    return EventFactory(
        network=Network.objects.get(code="rvase"),
        slug=SLUG,
        title_en="RVASE annual meeting 2031",
        title_fr="Réunion annuelle du RVASE 2031",
        time_zone="Asia/Vientiane",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=8),
        city="Vientiane",
        capacity=40,
        registration_deadline=start - datetime.timedelta(days=14),
    )


def _vientiane_focal_point() -> None:
    """The demo's focal point of Vientiane Capital (made here if the demo has none), reading English."""
    from reseau.accounts.models import Role, User
    from reseau.registry.models import Member
    from tests.factories import UserFactory

    vientiane = Member.objects.get(slug="vientiane")
    user = User.objects.filter(email=FOCAL_POINT).first()
    if user is None:
        UserFactory(
            email=FOCAL_POINT,
            full_name="Souksavanh Phommachanh",
            role=Role.FOCAL_POINT,
            member=vientiane,
            network=vientiane.network,
            language="en",
        )
    else:
        assert user.member == vientiane
        assert user.role == Role.FOCAL_POINT
        user.language = "en"
        user.save()


def _submit(page: Any) -> None:
    with page.expect_navigation():
        page.locator("main form.stacked button[type=submit]").click()


def _sign_out(page: Any) -> None:
    page.locator('header form[action="/accounts/logout/"] button').click()
    page.wait_for_url(re.compile(r"/$"))


def _fits_the_screen(page: Any) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the screen"


def _register(page: Any, *, name: str, name_local: str, title: str, gender: str, role: str) -> None:
    page.goto(f"/events/{SLUG}/register/")
    expect(page.get_by_label("Delegation of")).to_have_value(re.compile(r"^\d+$"))
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Name in the local script").fill(name_local)
    page.get_by_label("Title").fill(title)
    page.get_by_role("group", name="Gender").get_by_label(gender, exact=True).check()
    page.get_by_label("Role").select_option(label=role)
    _submit(page)
    expect(page).to_have_url(re.compile(rf"/events/{SLUG}/participants/$"))
    expect(page.get_by_role("status")).to_contain_text(f"{name} is registered for this event.")


def test_a_delegation_registers_and_the_counts_by_gender_follow_attendance(
    rvase: None, live_server: Any, desktop_page: Any, axe: AxeAudit
) -> None:
    page = desktop_page
    _make_event()
    _vientiane_focal_point()

    # The focal point of Vientiane registers a woman and a man of its delegation.
    sign_in(page, FOCAL_POINT)
    page.goto(f"/events/{SLUG}/register/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Register a participant")
    places = page.locator('section[aria-labelledby="places-title"]')
    expect(places).to_contain_text("40")
    expect(places).to_contain_text("Vientiane time (UTC+7)")  # the zone named, not its id
    # Only its own member is offered.
    expect(page.get_by_label("Delegation of").locator("option")).to_have_count(1)
    expect(page.get_by_label("Delegation of").locator("option")).to_have_text("Vientiane Capital")
    axe.check(page, "register page")

    # A new participant without a gender is refused, with the reason beside the field.
    page.get_by_label("Name", exact=True).fill("Noy Sisavath")
    _submit(page)
    expect(page.get_by_role("alert")).to_contain_text("Please correct the errors below.")
    expect(page.locator(".field.has-error")).to_contain_text("Give the new participant's gender.")
    expect(page.get_by_label("Name", exact=True)).to_have_value("Noy Sisavath")
    axe.check(page, "register page, refused")

    _register(
        page,
        name="Noy Sisavath",
        name_local="ນ້ອຍ ສີສະຫວາດ",
        title="Deputy Director, Department of Public Works",
        gender="Woman",
        role="Head of delegation",
    )
    _register(
        page,
        name="Somphone Keomany",
        name_local="ສົມພອນ ແກ້ວມະນີ",
        title="Urban planner",
        gender="Man",
        role="Delegate",
    )
    delegation = page.get_by_role("region", name=re.compile("^Vientiane Capital"))
    expect(delegation).to_contain_text("ນ້ອຍ ສີສະຫວາດ")
    expect(delegation).to_contain_text("Somphone Keomany")
    expect(page.locator("#women-registered")).to_have_text("1")
    expect(page.locator("#men-registered")).to_have_text("1")
    expect(page.locator("#women-present")).to_have_text("0")
    axe.check(page, "participants page (focal point)")
    _sign_out(page)

    # The coordinator marks both present.
    sign_in(page, COORDINATOR)
    page.goto(f"/events/{SLUG}/attendance/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Attendance")
    axe.check(page, "attendance page")
    for name in ("Noy Sisavath", "Somphone Keomany"):
        page.get_by_role("group", name=re.compile(name)).get_by_label("Present", exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_role("status")).to_contain_text("Attendance saved: 2 changes.")
    expect(page.locator("#women-present")).to_have_text("1")
    expect(page.locator("#men-present")).to_have_text("1")

    # The participants page shows one woman and one man present.
    page.get_by_role("navigation", name="Participants of this event").get_by_role("link", name="Participants").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Participants")
    counts = page.locator("#counts")
    expect(counts.get_by_role("row", name=re.compile("^Women")).locator("#women-present")).to_have_text("1")
    expect(counts.get_by_role("row", name=re.compile("^Men")).locator("#men-present")).to_have_text("1")
    expect(page.locator("#all-present")).to_have_text("2")
    expect(page.locator("main table.responsive").first).to_contain_text("Present")
    axe.check(page, "participants page (coordinator)")
    axe.assert_clean()


def test_registration_pages_at_each_viewport(rvase: None, live_server: Any, page: Any, axe: AxeAudit) -> None:
    from reseau.registry.models import Member, Person
    from tests.factories import RegistrationFactory

    event = _make_event()
    vientiane = Member.objects.get(slug="vientiane")
    for name, local, gender in [
        ("Noy Sisavath", "ນ້ອຍ ສີສະຫວາດ", "woman"),
        ("Somphone Keomany", "ສົມພອນ ແກ້ວມະນີ", "man"),
        ("Khamla Vongsa", "", ""),
    ]:
        person = Person.objects.create(member=vientiane, name=name, name_local=local, gender=gender)
        RegistrationFactory(event=event, person=person, member=vientiane)

    sign_in(page, COORDINATOR)
    for path, label in [
        (f"/events/{SLUG}/register/", "register page"),
        (f"/events/{SLUG}/participants/", "participants page"),
        (f"/events/{SLUG}/attendance/", "attendance page"),
        (f"/events/{SLUG}/invitations/", "invitations page"),
    ]:
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        _fits_the_screen(page)
        axe.check(page, label)
    axe.assert_clean()
