from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reseau.accounts.types import AuthenticatedHttpRequest
from reseau.audit.selectors import audit_events_for
from reseau.core.forms import add_service_error
from reseau.core.pages import form_page, form_saved
from reseau.core.querystrings import query_without
from reseau.registry import access, selectors, services
from reseau.registry.forms import (
    DirectoryFilterForm,
    DuesForm,
    FocalPointEndForm,
    FocalPointForm,
    InviteForm,
    MandateForm,
    MemberCreateForm,
    MemberForm,
    MemberStaffForm,
    NetworkForm,
    PersonForm,
)
from reseau.registry.models import (
    FocalPointAppointment,
    Mandate,
    Member,
    MembershipDues,
    Network,
    Theme,
)

MEMBERS_PER_PAGE = 50


@login_required
def member_directory(request: AuthenticatedHttpRequest) -> HttpResponse:
    visible = access.members_visible_to(request.user)
    show_dues = access.can_see_dues_status(request.user)
    countries = selectors.directory_countries(visible)
    form = DirectoryFilterForm(request.GET or None, countries=countries, show_dues=show_dues)
    filters = selectors.DirectoryFilters()
    if form.is_valid():
        filters = selectors.DirectoryFilters(**form.cleaned_data)
    members = selectors.member_directory(visible, filters)
    page = Paginator(members, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "show_dues": show_dues,
        "query_string": query_without(request, "page"),
        "can_add": access.can_add_members(request.user),
    }
    template = (
        "registry/_member_results.html" if request.headers.get("HX-Request") else "registry/member_directory.html"
    )
    return render(request, template, context)


@login_required
def member_detail(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    member = access.member_for_user(request.user, slug)
    member = selectors.members_with_status(Member.objects.filter(pk=member.pk)).get()
    private = access.can_see_private_details(request.user, member)
    context = {
        "member": member,
        "can_edit": access.can_edit_member(request.user, member),
        "can_see_private": private,
        "can_manage_dues": access.can_manage_network(request.user, member.network),
        "show_dues": access.can_see_dues_status(request.user),
        "history": list(audit_events_for(member)) if private else [],
        **selectors.member_page_data(member, include_private=private),
    }
    return render(request, "registry/member_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def member_create(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    network = access.network_for_manage(request.user, code)
    form = MemberCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_create(actor=request.user, network=network, data=form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Member added."))
            return redirect(member)
    title = _("Add a member to %(network)s") % {"network": network}
    return form_page(request, form=form, title=title, cancel_url=network.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    member = access.member_for_edit(request.user, slug)
    form_class = MemberStaffForm if access.can_manage_network(request.user, member.network) else MemberForm
    # The title names the member as stored, not as typed into a refused form.
    title = _("Edit %(member)s") % {"member": member}
    form = form_class(request.POST or None, instance=member)
    if form_saved(
        request,
        form,
        lambda: services.member_update(actor=request.user, member=member, data=form.cleaned_data),
        done=_("Changes saved."),
    ):
        return redirect(member)
    return form_page(request, form=form, title=title, cancel_url=member.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    member = access.member_for_edit(request.user, slug)
    form = PersonForm(request.POST or None)
    if form_saved(
        request,
        form,
        lambda: services.person_create(actor=request.user, member=member, data=form.cleaned_data),
        done=_("Person added."),
    ):
        return redirect(member)
    title = _("Add a person to %(member)s") % {"member": member}
    return form_page(request, form=form, title=title, cancel_url=member.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = access.person_for_edit(request.user, pk)
    member = person.member
    if member is None:
        raise Http404
    title = _("Edit %(person)s") % {"person": person}
    form = PersonForm(request.POST or None, instance=person)
    if form_saved(
        request,
        form,
        lambda: services.person_update(actor=request.user, person=person, data=form.cleaned_data),
        done=_("Changes saved."),
    ):
        return redirect(member)
    # The apps above add what they know of the person (the communication app: an address no
    # message reaches).
    return form_page(
        request,
        form=form,
        title=title,
        cancel_url=member.get_absolute_url(),
        template="registry/person_form.html",
        person=person,
    )


@login_required
@require_http_methods(["GET", "POST"])
def mandate_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    member = access.member_for_edit(request.user, slug)
    form = MandateForm(request.POST or None, member=member, instance=Mandate(member=member))
    if form_saved(
        request,
        form,
        lambda: services.mandate_create(actor=request.user, member=member, data=form.cleaned_data),
        done=_("Leadership role added."),
    ):
        return redirect(member)
    title = _("Add a leader of %(member)s") % {"member": member}
    return form_page(request, form=form, title=title, cancel_url=member.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def mandate_edit(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    member = access.member_for_edit(request.user, slug)
    mandate = get_object_or_404(Mandate, pk=pk, member=member)
    form = MandateForm(request.POST or None, member=member, instance=mandate)
    if form_saved(
        request,
        form,
        lambda: services.mandate_update(actor=request.user, mandate=mandate, data=form.cleaned_data),
        done=_("Changes saved."),
    ):
        return redirect(member)
    return form_page(request, form=form, title=_("Edit a leadership role"), cancel_url=member.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def focal_point_appoint(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    member = access.member_for_edit(request.user, slug)
    form = FocalPointForm(
        request.POST or None,
        member=member,
        instance=FocalPointAppointment(member=member),
        initial={"nominated_on": timezone.localdate()},
    )
    if form_saved(
        request,
        form,
        lambda: services.focal_point_appoint(
            actor=request.user,
            member=member,
            person=form.cleaned_data["person"],
            kind=form.cleaned_data["kind"],
            nominated_on=form.cleaned_data["nominated_on"],
        ),
        done=_("Focal point recorded."),
    ):
        return redirect(member)
    title = _("Confirm a focal point for %(member)s") % {"member": member}
    return form_page(request, form=form, title=title, cancel_url=member.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def focal_point_end(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    member = access.member_for_edit(request.user, slug)
    appointment = get_object_or_404(FocalPointAppointment.objects.select_related("person"), pk=pk, member=member)
    form = FocalPointEndForm(request.POST or None, instance=appointment, initial={"ended_on": timezone.localdate()})
    if form_saved(
        request,
        form,
        lambda: services.focal_point_end(
            actor=request.user, appointment=appointment, ended_on=form.cleaned_data["ended_on"]
        ),
        done=_("End date recorded."),
    ):
        return redirect(member)
    title = _("End the role of %(person)s") % {"person": appointment.person}
    return form_page(request, form=form, title=title, cancel_url=member.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def dues_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    member = access.member_for_dues(request.user, slug)
    form = DuesForm(
        request.POST or None,
        member=member,
        instance=MembershipDues(member=member),
        initial={"year": timezone.localdate().year},
    )
    if form_saved(
        request,
        form,
        lambda: services.dues_record(actor=request.user, member=member, data=form.cleaned_data),
        done=_("Dues recorded."),
    ):
        return redirect(member)
    title = _("Record dues for %(member)s") % {"member": member}
    return form_page(request, form=form, title=title, cancel_url=member.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def dues_edit(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    member = access.member_for_dues(request.user, slug)
    dues = get_object_or_404(MembershipDues, pk=pk, member=member)
    title = _("Dues of %(member)s for %(year)s") % {"member": member, "year": dues.year}
    form = DuesForm(request.POST or None, member=member, instance=dues)
    if form_saved(
        request,
        form,
        lambda: services.dues_update(actor=request.user, dues=dues, data=form.cleaned_data),
        done=_("Changes saved."),
    ):
        return redirect(member)
    return form_page(request, form=form, title=title, cancel_url=member.get_absolute_url())


def network_detail(request: HttpRequest, code: str) -> HttpResponse:
    network = get_object_or_404(Network, code=code)
    members = access.members_visible_to(request.user).filter(network=network)
    staff = access.can_manage_network(request.user, network)
    context = {
        "network": network,
        "can_manage": staff,
        "member_count": Member.objects.filter(network=network).count(),
        "focal_points": selectors.focal_point_summary(members) if request.user.is_authenticated else None,
        "late": selectors.late_focal_points(members, limit=50) if staff else [],
        "themes": list(Theme.objects.all()),
        "history": list(audit_events_for(network)) if staff else [],
    }
    return render(request, "registry/network_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def network_edit(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    network = access.network_for_manage(request.user, code)
    title = _("Edit %(network)s") % {"network": network}
    form = NetworkForm(request.POST or None, instance=network)
    if form_saved(
        request,
        form,
        lambda: services.network_update(actor=request.user, network=network, data=form.cleaned_data),
        done=_("Changes saved."),
    ):
        return redirect(network)
    return form_page(request, form=form, title=title, cancel_url=network.get_absolute_url())


def theme_list(request: HttpRequest) -> HttpResponse:
    themes = list(Theme.objects.all())
    return render(
        request,
        "registry/theme_list.html",
        {
            "work_themes": [t for t in themes if t.kind == Theme.Kind.WORK],
            "cross_cutting_themes": [t for t in themes if t.kind == Theme.Kind.CROSS_CUTTING],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not access.is_network_staff(request.user):
        raise PermissionDenied
    form = InviteForm(request.POST or None, inviter=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_invite(
                invited_by=request.user, site_url=request.build_absolute_uri("/"), **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": user.email})
            return redirect("registry:invite")
    return render(request, "registry/invite.html", {"form": form})
