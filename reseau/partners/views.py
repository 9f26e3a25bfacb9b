from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reseau.accounts.models import User
from reseau.accounts.types import AuthenticatedHttpRequest
from reseau.audit.selectors import audit_events_for
from reseau.core.pages import form_page, form_saved
from reseau.core.querystrings import query_without
from reseau.partners import access, services
from reseau.partners.forms import (
    ContactForm,
    InteractionEditForm,
    InteractionForm,
    MemberInteractionEditForm,
    MemberInteractionForm,
    NeedCloseForm,
    NeedFilterForm,
    NeedForm,
    OrganisationFilterForm,
    OrganisationForm,
    StageForm,
)
from reseau.partners.models import (
    Interaction,
    MemberNeed,
    Organisation,
    OrganisationContact,
    Relationship,
    StageChange,
    organisation_match_key,
)
from reseau.partners.selectors import needs_listed
from reseau.registry.access import member_for_user, members_visible_to, people_visible_to
from reseau.registry.models import Country, Member, Person, Theme

ORGANISATIONS_PER_PAGE = 50
# The organisation's form warns of similar names already recorded.
ORGANISATION_FORM = "partners/form_page.html"


@login_required
def organisation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    show_stages = access.can_see_stages(user)
    form = OrganisationFilterForm(request.GET or None, themes=list(Theme.objects.all()), show_stages=show_stages)
    organisations = access.organisations_visible_to(user)
    if form.is_valid():
        organisations = _filter_organisations(organisations, form.cleaned_data, user)
    # Coordinators and focal points see where their own network stands.
    relationships = (
        access.relationships_visible_to(user).select_related("network").order_by("network__position", "network__code")
    )
    organisations = organisations.prefetch_related(
        Prefetch("countries", queryset=Country.objects.order_by("name")),
        Prefetch("themes", queryset=Theme.objects.all()),
        *([Prefetch("relationships", queryset=relationships, to_attr="shown_relationships")] if show_stages else []),
    ).order_by("name", "pk")
    page = Paginator(organisations, ORGANISATIONS_PER_PAGE).get_page(request.GET.get("page"))
    can_edit = access.can_edit_partners(user)
    context = {
        "form": form,
        "page": page,
        "show_stages": show_stages,
        "query_string": query_without(request, "page"),
        "can_edit": can_edit,
        "show_network": access.sees_every_network(user),
    }
    template = (
        "partners/_organisation_results.html"
        if request.headers.get("HX-Request")
        else "partners/organisation_list.html"
    )
    return render(request, template, context)


def _filter_organisations(
    organisations: QuerySet[Organisation], filters: dict[str, Any], user: User
) -> QuerySet[Organisation]:
    # Folded as the stored names are: "asiatique developpement" finds "Banque asiatique de développement",
    # and Khmer or Lao names split the same way on both sides.
    for word in organisation_match_key(filters.get("q") or "").split():
        organisations = organisations.filter(match_names__contains=word)
    if filters.get("kind"):
        organisations = organisations.filter(kind=filters["kind"])
    if filters.get("theme"):
        organisations = organisations.filter(themes__code=filters["theme"])
    if filters.get("stage"):
        at_stage = access.relationships_visible_to(user).filter(organisation=OuterRef("pk"), stage=filters["stage"])
        organisations = organisations.filter(Exists(at_stage))
    return organisations


@dataclass(frozen=True)
class TimelineEntry:
    """One line of an organisation's timeline: an interaction or a stage change."""

    date: datetime.date
    interaction: Interaction | None = None
    stage_change: StageChange | None = None

    @property
    def sort_key(self) -> tuple[datetime.date, int, int]:
        # On the same day a stage change usually follows the meeting that caused it.
        if self.stage_change is not None:
            return (self.date, 1, self.stage_change.pk)
        assert self.interaction is not None
        return (self.date, 0, self.interaction.pk)


def _timeline(interactions: list[Interaction], relationships: list[Relationship]) -> list[TimelineEntry]:
    entries = [TimelineEntry(date=i.date, interaction=i) for i in interactions]
    entries += [TimelineEntry(date=c.on, stage_change=c) for r in relationships for c in r.changes.all()]
    return sorted(entries, key=lambda e: e.sort_key, reverse=True)


@login_required
def organisation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    organisation = access.organisation_for_user(user, pk)
    can_edit = access.can_edit_partners(user)
    show_stages = access.can_see_stages(user)
    relationships: list[Relationship] = []
    if show_stages:
        relationships = list(
            organisation.relationships.select_related("network")
            .prefetch_related(
                Prefetch(
                    "changes",
                    queryset=StageChange.objects.select_related("changed_by").order_by("-on", "-pk"),
                )
            )
            .order_by("network__position", "network__code")
        )
    interactions: list[Interaction] = []
    show_interactions = access.can_see_interactions(user)
    if show_interactions:
        interactions = list(
            access.interactions_visible_to(user)
            .filter(organisation=organisation)
            .select_related("network", "next_step_owner")
            .prefetch_related(
                Prefetch("our_people", queryset=_people()),
                Prefetch("their_people", queryset=_people()),
            )
        )
    context = {
        "organisation": organisation,
        "countries": list(organisation.countries.order_by("name")),
        "themes": list(organisation.themes.all()),
        "contacts": list(
            access.contacts_visible_to(user)
            .filter(organisation=organisation)
            .select_related("person__member")
            .order_by("person__name", "pk")
        ),
        "relationships": relationships,
        "show_stages": show_stages,
        "show_interactions": show_interactions,
        "timeline": _timeline(interactions, relationships),
        "can_edit": can_edit,
        "show_emails": can_edit,
        "history": list(audit_events_for(organisation)) if can_edit else [],
    }
    return render(request, "partners/organisation_detail.html", context)


def _people() -> QuerySet[Person]:
    return Person.objects.order_by("name", "pk")


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not access.can_edit_partners(request.user):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = services.organisation_create(actor=request.user, data=_organisation_data(form))
        messages.success(request, _("Organisation added."))
        return redirect(organisation)
    return form_page(
        request, form=form, title=_("Add an organisation"), cancel_url=_list_url(), template=ORGANISATION_FORM
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = access.organisation_for_edit(request.user, pk)
    form = OrganisationForm(request.POST or None, instance=organisation)

    def write() -> bool:
        return services.organisation_update(
            actor=request.user, organisation=organisation, data=_organisation_data(form)
        )

    if form_saved(request, form, write, done=_("Changes saved.")):
        return redirect(organisation)
    return form_page(
        request,
        form=form,
        title=_("Edit %(organisation)s") % {"organisation": organisation},
        cancel_url=organisation.get_absolute_url(),
        template=ORGANISATION_FORM,
    )


def _organisation_data(form: OrganisationForm) -> dict[str, Any]:
    return {name: value for name, value in form.cleaned_data.items() if name != "confirm_not_duplicate"}


def _list_url() -> str:
    return reverse("partners:organisation_list")


@login_required
@require_http_methods(["GET", "POST"])
def contact_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = access.organisation_for_edit(request.user, pk)
    form = ContactForm(
        request.POST or None,
        organisation=organisation,
        people=people_visible_to(request.user),
        instance=OrganisationContact(organisation=organisation),
    )
    if request.method == "POST" and form.is_valid():
        services.contact_add(
            actor=request.user,
            organisation=organisation,
            person=form.cleaned_data["person"],
            role=form.cleaned_data["role"],
        )
        messages.success(request, _("Contact added."))
        return redirect(organisation)
    return form_page(
        request,
        form=form,
        title=_("Add a contact at %(organisation)s") % {"organisation": organisation},
        cancel_url=organisation.get_absolute_url(),
    )


@require_POST
@login_required
def contact_remove(request: AuthenticatedHttpRequest, pk: int, contact_pk: int) -> HttpResponse:
    organisation = access.organisation_for_edit(request.user, pk)
    contact = get_object_or_404(
        OrganisationContact.objects.select_related("person"), pk=contact_pk, organisation=organisation
    )
    services.contact_remove(actor=request.user, contact=contact)
    messages.success(request, _("%(person)s is no longer listed as a contact.") % {"person": contact.person.name})
    return redirect(organisation)


@login_required
@require_http_methods(["GET", "POST"])
def stage_change(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    organisation = access.organisation_for_edit(user, pk)
    network = access.own_network(user)
    form = StageForm(request.POST or None, organisation=organisation, network=network)
    if form_saved(
        request,
        form,
        lambda: services.relationship_set_stage(
            actor=user,
            organisation=organisation,
            network=form.cleaned_data["network"],
            stage=form.cleaned_data["stage"],
            on=form.cleaned_data["on"],
            reason=form.cleaned_data["reason"].strip(),
        ),
        done=_("Stage recorded."),
    ):
        return redirect(organisation)
    intro = _("For the network %(network)s.") % {"network": network} if network is not None else ""
    return form_page(
        request,
        form=form,
        title=_("Change the stage of the relationship with %(organisation)s") % {"organisation": organisation},
        cancel_url=organisation.get_absolute_url(),
        lead=intro,
    )


@login_required
@require_http_methods(["GET", "POST"])
def interaction_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    organisation = access.organisation_for_edit(user, pk)
    network = access.own_network(user)
    form = InteractionForm(
        request.POST or None,
        organisation=organisation,
        network=network,
        instance=Interaction(organisation=organisation),
        initial={"date": timezone.localdate(), "next_step_owner": user.pk},
    )
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        chosen = network or data.pop("network")
        services.interaction_log(actor=user, organisation=organisation, network=chosen, data=data)
        messages.success(request, _("Interaction recorded."))
        return redirect(organisation)
    return form_page(
        request,
        form=form,
        title=_("Record an interaction with %(organisation)s") % {"organisation": organisation},
        cancel_url=organisation.get_absolute_url(),
        lead=_("For the network %(network)s.") % {"network": network} if network is not None else "",
    )


@login_required
@require_http_methods(["GET", "POST"])
def interaction_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    interaction = access.interaction_for_edit(user, pk)
    if interaction.member is not None:
        return _member_interaction_edit(request, interaction, interaction.member)
    organisation = interaction.organisation
    assert organisation is not None  # an interaction is with an organisation or a member
    network = access.own_network(user)
    form = InteractionEditForm(
        request.POST or None,
        organisation=organisation,
        network=network,
        instance=interaction,
        initial={"network": interaction.network_id},
    )

    def write() -> bool:
        return services.interaction_update(actor=user, interaction=interaction, data=form.service_data())

    if form_saved(request, form, write, done=_("Changes saved.")):
        return redirect(organisation)
    return form_page(
        request,
        form=form,
        title=_("Edit an interaction with %(organisation)s") % {"organisation": organisation},
        cancel_url=organisation.get_absolute_url(),
    )


@require_POST
@login_required
def next_step_done(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    interaction = access.interaction_for_edit(request.user, pk)
    if interaction.next_step and interaction.next_step_done_on is None:
        services.next_step_complete(actor=request.user, interaction=interaction)
        messages.success(request, _("Next step marked as done: %(step)s") % {"step": interaction.next_step})
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        return redirect(next_url)
    subject = interaction.subject
    assert subject is not None  # an interaction is with an organisation or a member
    return redirect(subject)


# Members' contacts and needs ----------------------------------------------------------------

NEEDS_PER_PAGE = 50


@login_required
@require_http_methods(["GET", "POST"])
def member_interaction_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    user = request.user
    member = access.member_for_contacts(user, member_for_user(user, slug))
    form = MemberInteractionForm(
        request.POST or None,
        member=member,
        instance=Interaction(member=member, network_id=member.network_id),
        initial={"date": timezone.localdate(), "next_step_owner": user.pk},
    )
    if form_saved(
        request,
        form,
        lambda: services.member_interaction_log(actor=user, member=member, data=form.service_data()),
        done=_("Interaction recorded."),
    ):
        return redirect(f"{member.get_absolute_url()}#member-contacts-title")
    return form_page(
        request,
        form=form,
        title=_("Record an interaction with %(member)s") % {"member": member.name},
        cancel_url=member.get_absolute_url(),
    )


def _member_interaction_edit(
    request: AuthenticatedHttpRequest, interaction: Interaction, member: Member
) -> HttpResponse:
    user = request.user
    form = MemberInteractionEditForm(request.POST or None, member=member, instance=interaction)

    def write() -> bool:
        return services.interaction_update(actor=user, interaction=interaction, data=form.service_data())

    if form_saved(request, form, write, done=_("Changes saved.")):
        return redirect(interaction.get_absolute_url())
    return form_page(
        request,
        form=form,
        title=_("Edit an interaction with %(member)s") % {"member": member.name},
        cancel_url=member.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def need_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    user = request.user
    member = access.member_for_need(user, member_for_user(user, slug))
    form = NeedForm(
        request.POST or None,
        member=member,
        keeps=access.can_keep_member_contacts(user, member),
        instance=MemberNeed(member=member),
    )
    if form_saved(
        request,
        form,
        lambda: services.need_record(actor=user, member=member, data=form.service_data()),
        done=_("Need recorded."),
    ):
        return redirect(f"{member.get_absolute_url()}#member-needs-title")
    return form_page(
        request,
        form=form,
        title=_("Record a need of %(member)s") % {"member": member.name},
        cancel_url=member.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def need_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    need = access.need_for_edit(user, pk)
    form = NeedForm(request.POST or None, member=need.member, keeps=True, instance=need)
    if form_saved(
        request,
        form,
        lambda: services.need_update(actor=user, need=need, data=form.service_data()),
        done=_("Changes saved."),
    ):
        return redirect(need.get_absolute_url())
    return form_page(
        request,
        form=form,
        title=_("Edit a need of %(member)s") % {"member": need.member.name},
        cancel_url=need.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def need_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    need = access.need_for_edit(user, pk)
    form = NeedCloseForm(request.POST or None, need=need)
    if form_saved(
        request,
        form,
        lambda: services.need_close(
            actor=user,
            need=need,
            status=form.cleaned_data["status"],
            answer=form.cleaned_data["answer"],
            answered_on=form.cleaned_data["answered_on"],
        ),
        done=_("Answer recorded."),
    ):
        return redirect(need.get_absolute_url())
    return form_page(
        request,
        form=form,
        title=_("Answer or decline: %(need)s") % {"need": need.title},
        cancel_url=need.get_absolute_url(),
        lead=_("A need of %(member)s, expressed on %(date)s.")
        % {"member": need.member.name, "date": formats.date_format(need.expressed_on, "SHORT_DATE_FORMAT")},
    )


@login_required
def need_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Members' needs across the network, open ones first: the coordinator's follow-up list."""
    user = request.user
    if not access.can_see_need_list(user):
        raise PermissionDenied
    members = list(members_visible_to(user).order_by("name", "pk"))
    form = NeedFilterForm(request.GET or None, members=members)
    filters: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    chosen = next((m for m in members if m.slug == filters.get("member")), None)
    needs = needs_listed(
        needs=access.needs_visible_to(user),
        status=filters.get("status") or "",
        kind=filters.get("kind") or "",
        member=chosen,
    )
    page = Paginator(needs, NEEDS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "query_string": query_without(request, "page"),
        "show_network": access.sees_every_network(user),
    }
    return render(request, "partners/need_list.html", context)
