"""Every URL, every role: the answer each role gets is written down here.

A new URL without a row makes ``test_every_url_has_an_expected_answer`` fail. Each answer
is also checked for the security headers every response carries (tests/security_headers.py),
asked over https with the production settings for HTTPS and cookies.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import ROLES
from tests.factories import AppointmentFactory, DuesFactory, MandateFactory, PersonFactory
from tests.security_headers import apply_production_security, assert_security_headers

OK, REDIRECT, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 302, 403, 404, 405
LOGIN = "login"  # a redirect to the sign-in page


def everyone(status: int | str) -> dict[str, int | str]:
    return dict.fromkeys(ROLES, status)


def signed_in(status: int, anonymous: int | str = LOGIN) -> dict[str, int | str]:
    return {**everyone(status), "anonymous": anonymous}


STAFF_ONLY = {"anonymous": LOGIN, "partner": FORBIDDEN, "focal_point": FORBIDDEN, "coordinator": OK, "secretariat": OK}
OWN_MEMBER = {"anonymous": LOGIN, "partner": FORBIDDEN, "focal_point": OK, "coordinator": OK, "secretariat": OK}
OTHER_MEMBER = {**OWN_MEMBER, "focal_point": FORBIDDEN}


@dataclass
class Route:
    name: str
    kwargs: dict[str, object] = field(default_factory=dict)
    expected: dict[str, int | str] = field(default_factory=dict)
    method: str = "get"


def app_routes(ids: dict[str, int]) -> list[Route]:
    return [
        Route("home:home", expected=everyone(OK)),
        Route("home:search", expected=everyone(OK)),
        Route("core:set_language", expected=everyone(NOT_ALLOWED)),
        Route("core:healthz", expected=everyone(OK)),
        Route("accounts:login", expected={**everyone(REDIRECT), "anonymous": OK}),
        Route("accounts:logout", expected=everyone(NOT_ALLOWED)),
        Route("accounts:password_reset", expected=everyone(OK)),
        Route("accounts:password_reset_done", expected=everyone(OK)),
        # An invalid link renders a page that says so and offers a new one.
        Route("accounts:password_reset_confirm", {"uidb64": "MQ", "token": "bad-token"}, everyone(OK)),
        Route("accounts:welcome", {"uidb64": "MQ", "token": "bad-token"}, everyone(OK)),
        Route("accounts:password_reset_complete", expected=everyone(OK)),
        Route("registry:invite", expected=STAFF_ONLY),
        Route("registry:member_directory", expected=signed_in(OK)),
        Route("registry:member_detail", {"slug": "hue"}, signed_in(OK)),
        Route("registry:member_detail", {"slug": "vientiane"}, signed_in(OK)),
        Route("registry:member_detail", {"slug": "nowhere"}, signed_in(NOT_FOUND)),
        Route("registry:member_edit", {"slug": "hue"}, OWN_MEMBER),
        Route("registry:member_edit", {"slug": "vientiane"}, OTHER_MEMBER),
        Route("registry:person_create", {"slug": "hue"}, OWN_MEMBER),
        Route("registry:person_create", {"slug": "vientiane"}, OTHER_MEMBER),
        Route("registry:person_edit", {"pk": ids["hue_person"]}, OWN_MEMBER),
        Route("registry:person_edit", {"pk": ids["vientiane_person"]}, OTHER_MEMBER),
        Route("registry:mandate_create", {"slug": "hue"}, OWN_MEMBER),
        Route("registry:mandate_create", {"slug": "vientiane"}, OTHER_MEMBER),
        Route("registry:mandate_edit", {"slug": "hue", "pk": ids["hue_mandate"]}, OWN_MEMBER),
        Route("registry:mandate_edit", {"slug": "vientiane", "pk": ids["vientiane_mandate"]}, OTHER_MEMBER),
        # A mandate of another member reached through one's own member's address.
        Route(
            "registry:mandate_edit",
            {"slug": "hue", "pk": ids["vientiane_mandate"]},
            {**OWN_MEMBER, "focal_point": NOT_FOUND, "coordinator": NOT_FOUND, "secretariat": NOT_FOUND},
        ),
        Route("registry:focal_point_appoint", {"slug": "hue"}, OWN_MEMBER),
        Route("registry:focal_point_appoint", {"slug": "vientiane"}, OTHER_MEMBER),
        Route("registry:focal_point_end", {"slug": "hue", "pk": ids["hue_appointment"]}, OWN_MEMBER),
        Route("registry:focal_point_end", {"slug": "vientiane", "pk": ids["vientiane_appointment"]}, OTHER_MEMBER),
        # Dues are recorded by the network's staff; the member itself only reads them.
        Route("registry:dues_create", {"slug": "hue"}, STAFF_ONLY),
        Route("registry:dues_edit", {"slug": "hue", "pk": ids["hue_dues"]}, STAFF_ONLY),
        Route("registry:network_detail", {"code": "rvase"}, everyone(OK)),
        Route("registry:network_detail", {"code": "nowhere"}, everyone(NOT_FOUND)),
        Route("registry:network_edit", {"code": "rvase"}, STAFF_ONLY),
        Route("registry:member_create", {"code": "rvase"}, STAFF_ONLY),
        Route("registry:theme_list", expected=everyone(OK)),
        *partner_routes(ids),
        *funding_routes(ids),
        *exchange_routes(ids),
        *project_routes(ids),
        *plan_routes(ids),
        *event_routes(ids),
        *library_routes(ids),
        *news_routes(ids),
        *communication_routes(ids),
    ]


def news_routes(ids: dict[str, int]) -> list[Route]:
    """Huế's focal point writes and edits Huế's posts; the staff read every post of the network
    and alone put one on the public site; partners and visitors read the public ones only."""
    network_reads = {**signed_in(OK), "anonymous": NOT_FOUND, "partner": NOT_FOUND}
    staff_reads = {**network_reads, "focal_point": NOT_FOUND}
    own_edit = {**OWN_MEMBER, "partner": NOT_FOUND}
    staff_edit = {**STAFF_ONLY, "partner": NOT_FOUND}
    post_only = signed_in(NOT_ALLOWED)
    return [
        Route("news:post_list", expected=signed_in(OK)),
        Route("news:public_list", expected=everyone(OK)),
        Route("news:post_create", expected={**signed_in(OK), "partner": FORBIDDEN}),
        Route("news:post_detail", {"pk": ids["hue_news"]}, network_reads),
        Route("news:post_detail", {"pk": ids["hue_news_draft"]}, network_reads),
        Route("news:post_detail", {"pk": ids["vientiane_news"]}, network_reads),
        Route("news:post_detail", {"pk": ids["vientiane_news_draft"]}, staff_reads),
        Route("news:post_detail", {"pk": ids["public_news"]}, everyone(OK)),
        Route("news:post_detail", {"pk": 999999}, everyone(NOT_FOUND)),
        Route("news:post_edit", {"pk": ids["hue_news"]}, own_edit),
        Route("news:post_edit", {"pk": ids["hue_news_draft"]}, own_edit),
        # Another member's post: read, not changed; another member's draft: not found.
        Route("news:post_edit", {"pk": ids["vientiane_news"]}, {**staff_edit, "focal_point": FORBIDDEN}),
        Route("news:post_edit", {"pk": ids["vientiane_news_draft"]}, {**staff_edit, "focal_point": NOT_FOUND}),
        # On the public site, the staff who put it there change it.
        Route("news:post_edit", {"pk": ids["public_news"]}, {**STAFF_ONLY}),
        Route("news:post_promote", {"pk": ids["hue_news"]}, post_only),
        Route("news:post_withdraw", {"pk": ids["public_news"]}, post_only),
        Route(
            "news:post_promote",
            {"pk": ids["hue_news"]},
            {**STAFF_ONLY, "coordinator": REDIRECT, "secretariat": REDIRECT, "partner": NOT_FOUND},
            method="post",
        ),
    ]


def library_routes(ids: dict[str, int]) -> list[Route]:
    """Documents by access level; a focal point changes what it added, the secretariat deletes."""
    readers = signed_in(OK, anonymous=NOT_FOUND)
    network_only = {**readers, "partner": FORBIDDEN}  # the partner is told it is not shared
    staff_post = signed_in(NOT_ALLOWED)
    secretariat_only = {**everyone(NOT_FOUND), "secretariat": OK}
    add = {**signed_in(OK), "partner": FORBIDDEN}
    routes = [
        Route("library:document_list", expected=everyone(OK)),
        Route("library:document_create", expected=add),
        Route("library:document_detail", {"pk": ids["public_document"]}, everyone(OK)),
        Route("library:document_detail", {"pk": ids["partners_document"]}, readers),
        Route("library:document_detail", {"pk": ids["network_document"]}, network_only),
        Route("library:document_detail", {"pk": ids["secretariat_document"]}, secretariat_only),
        Route("library:document_detail", {"pk": ids["maghreb_document"]}, secretariat_only),
        Route("library:document_edit", {"pk": ids["network_document"]}, {**STAFF_ONLY, "partner": FORBIDDEN}),
        Route("library:document_edit", {"pk": ids["focal_point_document"]}, {**OWN_MEMBER, "partner": FORBIDDEN}),
        Route("library:version_create", {"pk": ids["network_document"]}, {**STAFF_ONLY, "partner": FORBIDDEN}),
        Route("library:version_download", {"pk": ids["public_document"], "number": 1}, everyone(OK)),
        Route("library:version_download", {"pk": ids["network_document"], "number": 1}, network_only),
        Route(
            "library:version_download",
            {"pk": ids["network_document"], "number": 9},
            {**network_only, "coordinator": NOT_FOUND, "focal_point": NOT_FOUND, "secretariat": NOT_FOUND},
        ),
        # A photo's thumbnail is read as its file is; a PDF has none, for anyone.
        Route("library:version_thumbnail", {"pk": ids["public_photo"], "number": 1}, everyone(OK)),
        Route("library:version_thumbnail", {"pk": ids["network_photo"], "number": 1}, network_only),
        Route("library:version_thumbnail", {"pk": ids["public_document"], "number": 1}, everyone(NOT_FOUND)),
        Route("library:document_archive", {"pk": ids["network_document"]}, staff_post),
        Route("library:document_restore", {"pk": ids["network_document"]}, staff_post),
        Route(
            "library:document_delete",
            {"pk": ids["network_document"]},
            {**signed_in(FORBIDDEN), "partner": FORBIDDEN, "secretariat": OK},
        ),
    ]
    return routes


def event_routes(ids: dict[str, object]) -> list[Route]:
    public, internal = {"slug": ids["public_event"]}, {"slug": ids["network_event"]}
    series = ids["event_series"]
    network_reads = {**signed_in(OK), "anonymous": NOT_FOUND, "partner": NOT_FOUND}
    staff_on_public = STAFF_ONLY
    staff_on_internal = {**STAFF_ONLY, "partner": NOT_FOUND}
    delegation = {**OWN_MEMBER, "partner": NOT_FOUND}  # a focal point registers its own member's people
    token, bad = ids["feed_token"], "no-such-token"
    post_only = everyone(NOT_ALLOWED)
    return [
        Route("events:event_list", expected=everyone(OK)),
        Route("events:event_create", expected=STAFF_ONLY),
        Route("events:event_detail", public, everyone(OK)),
        Route("events:event_detail", internal, network_reads),
        Route("events:event_detail", {"slug": "nowhere"}, everyone(NOT_FOUND)),
        Route("events:event_edit", public, staff_on_public),
        Route("events:event_edit", internal, staff_on_internal),
        Route("events:event_cancel", internal, post_only),
        Route("events:event_ics", public, everyone(OK)),
        Route("events:event_ics", internal, network_reads),
        Route("events:hosting_offer_make", internal, delegation),
        Route("events:hosting_offer_accept", {**internal, "pk": ids["hosting_offer"]}, post_only),
        Route("events:occurrence_edit", {"slug": series, "original": ids["occurrence"]}, staff_on_internal),
        Route(
            "events:occurrence_edit",
            {"slug": series, "original": "2031-01-01T03:00:00Z"},
            {**staff_on_internal, "coordinator": NOT_FOUND, "secretariat": NOT_FOUND},
        ),
        Route("events:minutes_edit", internal, staff_on_internal),
        Route("decisions:event_decision_create", internal, staff_on_internal),
        Route("events:programme", public, everyone(OK)),
        Route("events:programme", internal, network_reads),
        Route("events:programme_pdf", public, everyone(OK)),
        Route("events:session_create", public, staff_on_public),
        Route("events:session_edit", {**public, "pk": ids["session"]}, staff_on_public),
        # A session reached through another event's address does not exist there.
        Route(
            "events:session_edit",
            {**internal, "pk": ids["session"]},
            {**staff_on_internal, "coordinator": NOT_FOUND, "secretariat": NOT_FOUND},
        ),
        Route("events:session_delete", {**public, "pk": ids["session"]}, post_only),
        Route("events:speaker_add", {**public, "pk": ids["session"]}, staff_on_public),
        Route("events:speaker_remove", {**public, "pk": ids["speaker"]}, post_only),
        Route("events:invitations", internal, staff_on_internal),
        Route("events:participants", internal, delegation),
        Route("events:participants", public, {**OWN_MEMBER}),
        Route("events:register", internal, delegation),
        Route("events:registration_withdraw", {**internal, "pk": ids["hue_registration"]}, post_only),
        Route("events:attendance", internal, staff_on_internal),
        Route("events:calendar_month", expected=everyone(OK)),
        Route("events:calendar_week", expected=everyone(OK)),
        Route("events:calendar_list", expected=everyone(OK)),
        Route("events:feed_links", expected=signed_in(OK)),
        Route("events:feed_token_reset", expected=post_only),
        Route("events:feed_network", {"code": "rvase"}, everyone(OK)),
        Route("events:feed_network", {"code": "nowhere"}, everyone(NOT_FOUND)),
        Route("events:feed_theme", {"code": "urban-sanitation"}, everyone(OK)),
        Route("events:feed_member", {"slug": "hue"}, everyone(OK)),
        # Private feeds answer whoever holds the address, signed in or not; a reset one is gone.
        Route("events:private_feed_network", {"token": token, "code": "rvase"}, everyone(OK)),
        Route("events:private_feed_theme", {"token": token, "code": "urban-sanitation"}, everyone(OK)),
        Route("events:private_feed_member", {"token": token, "slug": "hue"}, everyone(OK)),
        Route("events:private_feed_mine", {"token": token}, everyone(OK)),
        Route("events:private_feed_mine", {"token": bad}, everyone(NOT_FOUND)),
        Route("events:private_feed_network", {"token": bad, "code": "rvase"}, everyone(NOT_FOUND)),
    ]


def plan_routes(ids: dict[str, int]) -> list[Route]:
    code, number = ids["plan"], ids["activity_number"]  # a draft plan of RVASE
    # Partners read validated plans only; a draft of their network is refused with its reason (403).
    network_reads = NOT_SHARED
    staff_on_plan = STAFF_ONLY
    internal = {**signed_in(OK), "partner": FORBIDDEN}  # the decisions register is the network's own
    return [
        Route("plans:plan_list", expected=signed_in(OK)),
        Route("plans:plan_create", expected=STAFF_ONLY),
        Route("plans:period_list", expected=internal),
        Route("plans:period_create", expected=STAFF_ONLY),
        Route("plans:plan_table", {"code": code}, network_reads),
        Route("plans:plan_table", {"code": ids["validated_plan"]}, signed_in(OK)),
        Route("plans:plan_edit", {"code": code}, staff_on_plan),
        Route("plans:axis_create", {"code": code}, staff_on_plan),
        Route("plans:activity_create", {"code": code}, staff_on_plan),
        Route("plans:activity_detail", {"code": code, "number": number}, network_reads),
        Route("plans:activity_edit", {"code": code, "number": number}, staff_on_plan),
        Route("plans:progress_edit", {"code": code, "number": number, "period": "2023"}, staff_on_plan),
        Route("plans:plan_export", {"code": code, "fmt": "xlsx"}, network_reads),
        Route("plans:plan_export", {"code": code, "fmt": "docx"}, network_reads),
        Route("plans:plan_export", {"code": ids["validated_plan"], "fmt": "docx"}, signed_in(OK)),
        Route("plans:plan_import", {"code": code}, staff_on_plan),
        Route("logframe:logframe", expected=signed_in(OK)),
        Route("logframe:result_create", expected=STAFF_ONLY),
        Route("logframe:indicator_create", {"pk": ids["result"]}, STAFF_ONLY),
        Route("logframe:indicator_detail", {"pk": ids["indicator"]}, signed_in(OK)),
        Route("logframe:indicator_edit", {"pk": ids["indicator"]}, STAFF_ONLY),
        Route("logframe:value_create", {"pk": ids["indicator"]}, STAFF_ONLY),
        Route("logframe:value_approve", {"pk": ids["indicator_value"]}, {**signed_in(NOT_ALLOWED)}),
        Route("decisions:decision_list", expected=internal),
        Route("decisions:decision_create", expected={**STAFF_ONLY}),
        Route("decisions:decision_detail", {"pk": ids["hue_decision"]}, internal),
        Route("decisions:decision_edit", {"pk": ids["hue_decision"]}, STAFF_ONLY),
        # A focal point reports on its own member's action items only.
        Route("decisions:decision_note_add", {"pk": ids["hue_decision"]}, internal),
        Route("decisions:decision_note_add", {"pk": ids["vientiane_decision"]}, {**internal, "focal_point": FORBIDDEN}),
    ]


def project_routes(ids: dict[str, int]) -> list[Route]:
    hue, later = ids["hue_project"], ids["design_project"]  # Huế's proposal; a Huế project at "design"
    own_follow_up = OWN_MEMBER  # not shared with partners: refused with its reason (403)
    staff_follow_up = {**STAFF_ONLY, "focal_point": FORBIDDEN}
    routes = [
        Route("projects:project_list", expected=signed_in(OK)),
        Route("projects:board", expected=signed_in(OK)),
        Route("projects:project_export", {"fmt": "xlsx"}, signed_in(OK)),
        Route("projects:project_export", {"fmt": "csv"}, signed_in(OK)),
        Route("projects:project_export", {"fmt": "pdf"}, signed_in(NOT_FOUND)),
        Route("projects:project_create", expected={**OWN_MEMBER}),
        Route("projects:rate_list", expected={**signed_in(OK), "partner": FORBIDDEN}),
        Route("projects:rate_create", expected={**signed_in(FORBIDDEN), "secretariat": OK}),
        Route("projects:project_detail", {"code": hue}, NOT_SHARED),
        # A focal point shapes its member's proposal; once the network takes it further, staff do.
        Route("projects:project_edit", {"code": hue}, own_follow_up),
        Route("projects:project_edit", {"code": later}, staff_follow_up),
        Route("projects:project_transition", {"code": hue}, own_follow_up),
        Route("projects:project_transition", {"code": later}, staff_follow_up),
        Route("projects:partner_add", {"code": hue}, staff_follow_up),
        Route("projects:funding_line_add", {"code": hue}, staff_follow_up),
        Route("projects:funding_line_edit", {"code": hue, "pk": ids["funding_line"]}, staff_follow_up),
        Route("projects:milestone_add", {"code": hue}, own_follow_up),
        Route("projects:milestone_edit", {"code": hue, "pk": ids["milestone"]}, own_follow_up),
        Route("projects:note_add", {"code": hue}, own_follow_up),
        # Vientiane's project: the focal point of Huế neither edits nor follows it up.
        Route(
            "projects:milestone_add", {"code": ids["vientiane_project"]}, {**own_follow_up, "focal_point": FORBIDDEN}
        ),
    ]
    return routes


def communication_routes(ids: dict[str, int]) -> list[Route]:
    secretariat_only = {**signed_in(FORBIDDEN), "secretariat": OK}
    # A notification is its reader's own: anyone else is told it does not exist.
    own_notification = {**signed_in(NOT_FOUND), "coordinator": REDIRECT}
    return [
        Route("communication:notification_list", expected=signed_in(OK)),
        Route("communication:notification_open", {"pk": ids["notification"]}, own_notification),
        Route("communication:notifications_read", expected=signed_in(NOT_ALLOWED)),
        Route("communication:preferences", expected=signed_in(OK)),
        # The signed link opens that address's preferences for whoever holds it; an altered one, none.
        Route("communication:preferences_by_link", {"token": ids["preferences_token"]}, everyone(OK)),
        Route("communication:preferences_by_link", {"token": ids["altered_token"]}, everyone(400)),
        Route("communication:unsubscribe", {"token": ids["preferences_token"]}, everyone(OK)),
        Route("communication:unsubscribe", {"token": ids["altered_token"]}, everyone(400)),
        Route("communication:outbox", expected=secretariat_only),
        Route("communication:outbox_email", {"key": ids["outgoing_email"]}, secretariat_only),
        Route("communication:outbox_resend", {"key": ids["outgoing_email"]}, signed_in(NOT_ALLOWED)),
        Route("communication:unreachable", expected=STAFF_ONLY),
    ]


PARTNER_HIDDEN = {**STAFF_ONLY, "partner": NOT_FOUND}  # not shared with partners: as if it did not exist
READ_BY_NETWORK = {**signed_in(OK), "partner": NOT_FOUND}
# Issue 11, partners' part: a plan, project or call of the partner's network that it may not read
# (draft, not shared) is counted on its list, so its address answers 403 with the reason, not 404.
NOT_SHARED = {**signed_in(OK), "partner": FORBIDDEN}


def partner_routes(ids: dict[str, int]) -> list[Route]:
    shared, hidden = ids["shared_organisation"], ids["hidden_organisation"]
    routes = [
        Route("partners:organisation_list", expected=signed_in(OK)),
        Route("partners:organisation_create", expected=STAFF_ONLY),
        Route("partners:organisation_detail", {"pk": shared}, signed_in(OK)),
        Route("partners:organisation_detail", {"pk": hidden}, READ_BY_NETWORK),
        Route("partners:organisation_detail", {"pk": ids["own_organisation"]}, signed_in(OK)),
        Route("partners:interaction_edit", {"pk": ids["interaction"]}, STAFF_ONLY),
        # Changes go by POST only; a GET is refused before anything else.
        Route("partners:contact_remove", {"pk": shared, "contact_pk": ids["contact"]}, everyone(NOT_ALLOWED)),
        Route("partners:next_step_done", {"pk": ids["interaction"]}, everyone(NOT_ALLOWED)),
        # Members' contacts: the network's staff keep them; a focal point reads its own member's
        # (on the member's page) and records its needs, never another member's.
        Route("partners:member_interaction_create", {"slug": "hue"}, STAFF_ONLY),
        Route("partners:member_interaction_create", {"slug": "vientiane"}, STAFF_ONLY),
        Route("partners:member_interaction_create", {"slug": "nowhere"}, signed_in(NOT_FOUND)),
        Route("partners:interaction_edit", {"pk": ids["hue_interaction"]}, STAFF_ONLY),
        Route("partners:interaction_edit", {"pk": ids["vientiane_interaction"]}, STAFF_ONLY),
        Route("partners:next_step_done", {"pk": ids["hue_interaction"]}, everyone(NOT_ALLOWED)),
        Route("partners:need_create", {"slug": "hue"}, OWN_MEMBER),
        Route("partners:need_create", {"slug": "vientiane"}, OTHER_MEMBER),
        Route("partners:need_create", {"slug": "nowhere"}, signed_in(NOT_FOUND)),
        Route("partners:need_list", expected=STAFF_ONLY),
        Route("partners:need_edit", {"pk": ids["hue_need"]}, STAFF_ONLY),
        Route("partners:need_edit", {"pk": ids["vientiane_need"]}, STAFF_ONLY),
        Route("partners:need_close", {"pk": ids["hue_need"]}, STAFF_ONLY),
        Route("partners:need_close", {"pk": ids["vientiane_need"]}, STAFF_ONLY),
        Route("partners:need_edit", {"pk": ids["maghreb_need"]}, {**STAFF_ONLY, "coordinator": NOT_FOUND}),
    ]
    for name in ("organisation_edit", "contact_add", "stage_change", "interaction_create"):
        routes += [
            Route(f"partners:{name}", {"pk": shared}, STAFF_ONLY),
            Route(f"partners:{name}", {"pk": hidden}, PARTNER_HIDDEN),
        ]
    return routes


def funding_routes(ids: dict[str, int]) -> list[Route]:
    call = ids["funding_call"]  # in RVASE, not shared with partners, with a closing date
    return [
        Route("funding:opportunity_list", expected=signed_in(OK)),
        Route("funding:deadlines", expected=signed_in(OK)),
        Route("funding:opportunity_create", expected=STAFF_ONLY),
        Route("funding:opportunity_detail", {"pk": call}, NOT_SHARED),
        Route("funding:opportunity_ics", {"pk": call}, NOT_SHARED),
        Route("funding:opportunity_edit", {"pk": call}, STAFF_ONLY),
        Route(
            "funding:opportunity_detail", {"pk": ids["other_network_call"]}, {**signed_in(NOT_FOUND), "secretariat": OK}
        ),
    ]


def exchange_routes(ids: dict[str, int]) -> list[Route]:
    routes = [
        Route("exchange:export", {"kind": kind, "fmt": fmt}, signed_in(OK))
        for kind in ("organisations", "funding")
        for fmt in ("xlsx", "csv")
    ]
    routes += [
        Route("exchange:export", {"kind": "contacts", "fmt": "csv"}, STAFF_ONLY),
        Route("exchange:export", {"kind": "members", "fmt": "csv"}, signed_in(NOT_FOUND)),
        Route("exchange:export", {"kind": "organisations", "fmt": "pdf"}, signed_in(NOT_FOUND)),
    ]
    routes += [
        Route("exchange:import", {"kind": kind}, STAFF_ONLY) for kind in ("organisations", "contacts", "funding")
    ]
    # A batch belongs to whoever uploaded it (the coordinator here) and the secretariat.
    routes.append(Route("exchange:import_review", {"pk": ids["import_batch"]}, {**STAFF_ONLY}))
    return routes


ADMIN_LOGIN = "admin-login"


def admin_routes(ids: dict[str, int]) -> list[Route]:
    """The Django admin is the secretariat's; everyone else is sent to its sign-in page."""
    secretariat_only = {**everyone(ADMIN_LOGIN), "secretariat": OK}
    routes = [
        Route("admin:index", expected=secretariat_only),
        # Signed-in people without admin rights see the admin sign-in page, which says so.
        Route("admin:login", expected={**everyone(OK), "secretariat": REDIRECT}),
        # Signing out of the admin takes a POST; a GET is refused once inside.
        Route("admin:logout", expected={**everyone(REDIRECT), "secretariat": NOT_ALLOWED}),
        Route("admin:password_change", expected=secretariat_only),
        Route("admin:password_change_done", expected=secretariat_only),
        Route("admin:jsi18n", expected=secretariat_only),
        Route("admin:autocomplete", expected={**everyone(ADMIN_LOGIN), "secretariat": FORBIDDEN}),
        Route(
            "admin:view_on_site",
            {"content_type_id": ids["member_content_type"], "object_id": ids["hue"]},
            {**everyone(ADMIN_LOGIN), "secretariat": REDIRECT},
        ),
    ]
    for app_label in {model._meta.app_label for model in admin.site._registry}:
        routes.append(Route("admin:app_list", {"app_label": app_label}, secretariat_only))
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        sample = model._default_manager.order_by("pk").first()
        assert sample is not None, f"the route fixture has no {model.__name__} to open in the admin"
        read_only = not model_admin.has_add_permission(_FakeRequest())
        # django-axes' records cannot be added, but deleting one is how the secretariat lifts a wait.
        undeletable = not model_admin.has_delete_permission(_FakeRequest())
        routes += [
            Route(f"{prefix}_changelist", expected=secretariat_only),
            Route(f"{prefix}_add", expected={**secretariat_only, "secretariat": FORBIDDEN if read_only else OK}),
            Route(f"{prefix}_change", {"object_id": sample.pk}, secretariat_only),
            Route(f"{prefix}_history", {"object_id": sample.pk}, secretariat_only),
            Route(
                f"{prefix}_delete",
                {"object_id": sample.pk},
                {**secretariat_only, "secretariat": FORBIDDEN if undeletable else OK},
            ),
        ]
        if model._meta.model_name == "user":
            # Django's UserAdmin names this URL after auth.User whatever the user model.
            routes.append(Route("admin:auth_user_password_change", {"id": sample.pk}, secretariat_only))
    return routes


class _FakeRequest:
    class user:
        is_active = is_staff = is_superuser = True

        @staticmethod
        def has_perm(perm: str) -> bool:
            return True


@pytest.fixture
def route_world(world, settings):
    apply_production_security(settings)
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.contenttypes.models import ContentType

    from reseau.audit.models import AuditEvent
    from reseau.registry.models import Member, Theme

    hue_person = PersonFactory(member=world.hue)
    vientiane_person = PersonFactory(member=world.vientiane)
    ids = {
        "hue": world.hue.pk,
        "hue_person": hue_person.pk,
        "vientiane_person": vientiane_person.pk,
        "hue_mandate": MandateFactory(member=world.hue, person=hue_person).pk,
        "vientiane_mandate": MandateFactory(member=world.vientiane, person=vientiane_person).pk,
        "hue_appointment": AppointmentFactory(member=world.hue, person=hue_person).pk,
        "vientiane_appointment": AppointmentFactory(member=world.vientiane, person=vientiane_person).pk,
        "hue_dues": DuesFactory(member=world.hue).pk,
        "member_content_type": ContentType.objects.get_for_model(Member).pk,
    }
    theme = Theme.objects.create(code="urban-sanitation", kind="work", name_en="Urban sanitation")
    ids.update(_partner_world(world, theme))
    ids.update(_library_world(world))
    ids.update(_news_world(world))
    ids.update(_communication_world(world))
    # django-axes' sign-in records, which the admin lists.
    who = {"username": "someone@example.org", "ip_address": "127.0.0.1", "user_agent": "test"}
    AccessAttempt.objects.create(**who, failures_since_start=1)
    AccessFailureLog.objects.create(**who)
    AccessLog.objects.create(**who)
    AuditEvent.objects.create(
        action="updated",
        content_type_id=ids["member_content_type"],
        object_id=str(world.hue.pk),
        object_repr="Huế",
        subject=f"registry.member:{world.hue.pk}",
        changes={},
        at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
    )
    return world, ids


def _communication_world(world) -> dict[str, object]:
    """A message sent, its delivery, a preference, and a notification of the coordinator's."""
    from reseau.communication.letters import preferences_token
    from reseau.communication.models import Delivery, Notification, Preference
    from reseau.outbox.models import OutgoingEmail

    email = OutgoingEmail.objects.create(subject="Invitation", body="Text", to=["focal.hue@reseau.test"])
    Preference.objects.create(email="focal.hue@reseau.test", language="fr")
    Delivery.objects.create(
        key="test:1:focal.hue@reseau.test",
        kind="event_invitation",
        subject="Invitation",
        outcome="queued",
        outgoing_key=email.key,
    )
    notification = Notification.objects.create(
        user=world.users["coordinator"], kind="event_invitation", subject="Invitation", link="/events/"
    )
    token = preferences_token("focal.hue@reseau.test")
    return {
        "outgoing_email": email.key,
        "notification": notification.pk,
        "preferences_token": token,
        "altered_token": token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
    }


def _library_world(world) -> dict[str, int]:
    """A document at each access level, one of another network, one a focal point added, and
    two photos (with their thumbnails), one public, one the network's."""
    from reseau.registry.models import Network
    from tests.factories import DocumentFactory, photo_bytes

    network = world.hue.network
    maghreb = Network.objects.get(code="maghreb")
    return {
        "public_document": DocumentFactory(network=network, access="public").pk,
        "partners_document": DocumentFactory(network=network, access="partners").pk,
        "network_document": DocumentFactory(network=network, access="network").pk,
        "secretariat_document": DocumentFactory(network=network, access="secretariat").pk,
        "maghreb_document": DocumentFactory(network=maghreb, access="network").pk,
        "focal_point_document": DocumentFactory(
            network=network, access="network", created_by=world.users["focal_point"]
        ).pk,
        "public_photo": DocumentFactory(
            network=network, access="public", kind="photo", version=photo_bytes(), version__name="photo.jpg"
        ).pk,
        "network_photo": DocumentFactory(
            network=network, access="network", kind="photo", version=photo_bytes(), version__name="photo.jpg"
        ).pk,
    }


def _news_world(world) -> dict[str, int]:
    """Posts of Huế (the focal point's member) and of Vientiane, published and in draft, and one
    of Huế on the public site."""
    from tests.factories import NewsPostFactory

    return {
        "hue_news": NewsPostFactory(member=world.hue).pk,
        "hue_news_draft": NewsPostFactory(member=world.hue, status="draft").pk,
        "vientiane_news": NewsPostFactory(member=world.vientiane).pk,
        "vientiane_news_draft": NewsPostFactory(member=world.vientiane, status="draft").pk,
        "public_news": NewsPostFactory(member=world.hue, status="promoted").pk,
    }


def _partner_world(world, theme) -> dict[str, int]:
    from reseau.exchange.models import ImportBatch
    from reseau.partners.models import OrganisationContact
    from reseau.partners.services import relationship_set_stage
    from tests.factories import (
        FundingOpportunityFactory,
        InteractionFactory,
        MemberNeedFactory,
        NetworkFactory,
        OrganisationFactory,
    )

    network = world.hue.network
    shared = OrganisationFactory(
        name_en="Agence universitaire de la Francophonie", acronym="AUF", shared_with_partners=True
    )
    hidden = OrganisationFactory(name_en="Asian Development Bank", acronym="ADB")
    own = OrganisationFactory(name_en="Delegation of the European Union to Cambodia", kind="eu")
    partner = world.users["partner"]
    partner.organisation = own
    partner.save()
    shared.themes.add(theme)
    relationship_set_stage(actor=None, organisation=shared, network=network, stage="in_dialogue", reason="deck")
    contact = OrganisationContact.objects.create(
        organisation=shared, person=PersonFactory(member=None), role="Director"
    )
    interaction = InteractionFactory(
        organisation=shared, network=network, next_step="Send the letter", next_step_due=datetime.date(2024, 4, 1)
    )
    call = FundingOpportunityFactory(network=network, donor=hidden, closes_on=datetime.date(2030, 1, 31))
    maghreb = NetworkFactory(code="maghreb", acronym="", name_en="AIMF Maghreb Network")
    member_contacts = {
        "hue_interaction": InteractionFactory(
            organisation=None, member=world.hue, network=network, next_step="Send the programme"
        ).pk,
        "vientiane_interaction": InteractionFactory(organisation=None, member=world.vientiane, network=network).pk,
        "hue_need": MemberNeedFactory(member=world.hue).pk,
        "vientiane_need": MemberNeedFactory(member=world.vientiane).pk,
        "maghreb_need": MemberNeedFactory(member__network=maghreb).pk,
    }
    other_call = FundingOpportunityFactory(network=maghreb, donor=hidden, closes_on=datetime.date(2030, 1, 31))
    batch = ImportBatch.objects.create(
        kind="organisations", network=network, created_by=world.users["coordinator"], file_name="partners.csv"
    )
    ids = {**_project_world(world, hidden), **_plan_world(world), **_event_world(world, theme)}
    return {
        **ids,
        **member_contacts,
        "shared_organisation": shared.pk,
        "hidden_organisation": hidden.pk,
        "own_organisation": own.pk,
        "contact": contact.pk,
        "interaction": interaction.pk,
        "funding_call": call.pk,
        "other_network_call": other_call.pk,
        "import_batch": batch.pk,
    }


def _project_world(world, donor) -> dict[str, int]:
    from reseau.projects.models import ExchangeRate, FundingLine, Milestone, ProgressNote, ProjectPartner, Transition
    from tests.factories import ProjectFactory

    network = world.hue.network
    hue = ProjectFactory(network=network, lead_member=world.hue, code="hue-fsm")
    design = ProjectFactory(network=network, lead_member=world.hue, code="hue-smart-city", stage="design")
    vientiane = ProjectFactory(network=network, lead_member=world.vientiane, code="vientiane-fsm")
    Transition.objects.create(project=hue, to_stage="proposed", by_label="seed")
    ProjectPartner.objects.create(project=hue, organisation=donor, role="donor")
    line = FundingLine.objects.create(project=hue, source=donor, amount_requested=1000, currency="USD")
    milestone = Milestone.objects.create(project=hue, title_en="Feasibility study", due_date=datetime.date(2026, 6, 1))
    ProgressNote.objects.create(project=hue, achievements="Site visit")
    ExchangeRate.objects.create(currency="USD", valid_from=datetime.date(2025, 1, 1), euros_per_unit="0.92")
    return {
        "hue_project": hue.code,
        "design_project": design.code,
        "vientiane_project": vientiane.code,
        "funding_line": line.pk,
        "milestone": milestone.pk,
    }


def _event_world(world, theme) -> dict[str, object]:
    from reseau.events.models import FeedToken, HostingOffer, Invitation, Session, SessionSpeaker
    from reseau.events.recurrence import start_key
    from tests.factories import EventFactory, RegistrationFactory

    network = world.hue.network
    public = EventFactory(network=network, slug="annual-meeting-2031", visibility="public")
    public.themes.add(theme)
    internal = EventFactory(network=network, slug="working-group-2031", kind="working_group")
    first = datetime.datetime(2031, 1, 2, 3, 0, tzinfo=datetime.UTC)  # 10:00 in Phnom Penh, a Thursday
    series = EventFactory(
        network=network,
        slug="focal-point-meeting",
        kind="focal_point_meeting",
        starts_at=first,
        ends_at=first + datetime.timedelta(hours=1),
        recurrence_rule="FREQ=MONTHLY;BYDAY=1TH",
    )
    session = Session.objects.create(event=public, title_en="Welcome words", starts_at=public.starts_at)
    speaker = SessionSpeaker.objects.create(session=session, person=PersonFactory(member=world.hue))
    Invitation.objects.create(event=internal, member=world.hue)
    hue_registration = RegistrationFactory(event=internal, person=PersonFactory(member=world.hue, gender="woman"))
    RegistrationFactory(event=internal, person=PersonFactory(member=world.vientiane, gender="man"))
    offer = HostingOffer.objects.create(event=internal, member=world.vientiane)
    token = FeedToken.objects.create(user=world.users["coordinator"])
    return {
        "public_event": public.slug,
        "network_event": internal.slug,
        "event_series": series.slug,
        "occurrence": start_key(datetime.datetime(2031, 2, 6, 3, 0, tzinfo=datetime.UTC)),
        "session": session.pk,
        "speaker": speaker.pk,
        "hue_registration": hue_registration.pk,
        "hosting_offer": offer.pk,
        "feed_token": token.token,
    }


def _plan_world(world) -> dict[str, object]:
    from reseau.decisions.models import DecisionNote
    from reseau.logframe.models import Indicator, IndicatorValue, Result
    from reseau.plans.models import ActivityProgress
    from tests.factories import ActivityFactory, DecisionFactory, PlanFactory, ReportingPeriodFactory

    network = world.hue.network
    plan = PlanFactory(network=network, code="rvase-2023-action-plan")
    PlanFactory(network=network, code="rvase-fsm-plan", status="validated")
    activity = ActivityFactory(axis__plan=plan, number=1)
    period = ReportingPeriodFactory(network=network, label="2023")
    ActivityProgress.objects.create(activity=activity, period=period, achieved="Contacts made")
    result = Result.objects.create(network=network, level="outcome", code="OC1", title_en="Regional dialogue")
    indicator = Indicator.objects.create(result=result, code="OC1.1", title_en="Focal points", unit="members")
    value = IndicatorValue.objects.create(indicator=indicator, date=datetime.date(2023, 12, 31), value=3)
    hue_decision = DecisionFactory(network=network, owner_member=world.hue, due_date=datetime.date(2023, 6, 15))
    DecisionNote.objects.create(decision=hue_decision, text="Reminder sent")
    vientiane_decision = DecisionFactory(network=network, owner_member=world.vientiane)
    return {
        "plan": plan.code,
        "validated_plan": "rvase-fsm-plan",
        "activity_number": activity.number,
        "result": result.pk,
        "indicator": indicator.pk,
        "indicator_value": value.pk,
        "hue_decision": hue_decision.pk,
        "vientiane_decision": vientiane_decision.pk,
    }


def _named_url_patterns(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    resolver = resolver or get_resolver()
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _named_url_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern):
            if pattern.name is None and namespace == "admin:":
                continue  # the admin's old-style "<id>/" address only redirects to the named change page
            assert pattern.name, f"every URL needs a name, {pattern.pattern} has none"
            names.add(f"{namespace}{pattern.name}")
    return names


def _check(route: Route, world, role: str) -> None:
    url = reverse(route.name, kwargs=route.kwargs)
    response = getattr(world.client_for(role), route.method)(url, secure=True)
    assert_security_headers(response, signed_in=role != "anonymous", where=f"{role} {url}")
    expected = route.expected[role]
    if expected == LOGIN:
        assert response.status_code == REDIRECT, f"{role} {url}: {response.status_code}"
        assert response["Location"].startswith(reverse("accounts:login")), f"{role} {url}"
    elif expected == ADMIN_LOGIN:
        assert response.status_code == REDIRECT, f"{role} {url}: {response.status_code}"
        assert response["Location"].startswith(reverse("admin:login")), f"{role} {url}"
    else:
        assert response.status_code == expected, f"{role} {url}: {response.status_code}, expected {expected}"


def test_every_url_has_an_expected_answer(route_world):
    _world, ids = route_world
    written_down = {route.name for route in app_routes(ids) + admin_routes(ids)}
    missing = _named_url_patterns() - written_down
    assert not missing, f"URLs with no expected answer per role: {sorted(missing)}"
    for route in app_routes(ids) + admin_routes(ids):
        assert set(route.expected) == set(ROLES), f"{route.name} does not say what each role gets"


@pytest.mark.heavy
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_written_answer_on_app_pages(route_world, role):
    world, ids = route_world
    for route in app_routes(ids):
        _check(route, world, role)


@pytest.mark.heavy
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_written_answer_in_the_admin(route_world, role):
    world, ids = route_world
    for route in admin_routes(ids):
        _check(route, world, role)
