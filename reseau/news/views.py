"""The news pages: thin views that ask ``access``, validate a form and call one service."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reseau.accounts.types import AuthenticatedHttpRequest
from reseau.audit.selectors import audit_events_for
from reseau.core.forms import add_service_error
from reseau.core.querystrings import query_without
from reseau.news import access, selectors, services
from reseau.news.forms import NewsFilterForm, NewsPostForm
from reseau.news.models import NewsPost
from reseau.registry.access import members_visible_to
from reseau.registry.models import Member

POSTS_PER_PAGE = 20
# The form's second button: save, then add a photo or document to the library and come back.
THEN_LIBRARY = "library"


@login_required
@require_GET
def post_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The network's news: the coordinator reads every post of the network, a focal point its
    member's and the others' published ones (``access.network_posts_for``)."""
    user = request.user
    every_network = access.sees_every_network(user)
    members = members_visible_to(user)
    if not every_network:
        members = members.filter(network_id=user.network_id or 0)
    members = members.order_by("search_text", "pk")
    form = NewsFilterForm(request.GET or None, members=members, statuses=access.can_write_posts(user))
    filters = form.filter_values()
    member = members.filter(slug=filters["member"]).first() if filters.get("member") else None
    posts = selectors.post_list(posts=access.network_posts_for(user), member=member, status=filters.get("status", ""))
    page = Paginator(posts, POSTS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    context = {
        "form": form,
        "page": page,
        "filtered": bool(member or filters.get("status")),
        "readable": access.readable_document_ids(user, page.object_list),
        "can_write": access.can_write_posts(user),
        "show_network": every_network,
        "query_string": query_without(request, "page"),
    }
    return render(request, "news/post_list.html", context)


@require_GET
def public_list(request: HttpRequest) -> HttpResponse:
    """The news on the public site: what the coordinators chose to show everyone."""
    page = Paginator(selectors.public_posts(), POSTS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    context = {
        "page": page,
        "readable": access.readable_document_ids(request.user, page.object_list),
        "query_string": query_without(request, "page"),
    }
    return render(request, "news/public_list.html", context)


@require_GET
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    post = access.post_for_user(user, pk)
    can_promote = access.can_promote_post(user, post)
    readable = access.readable_document_ids(user, [post])
    version = post.document.versions.defer("text").order_by("-number").first() if readable and post.document else None
    context = {
        "post": post,
        "show_document": bool(readable),
        "version": version,
        "can_edit": access.can_edit_post(user, post),
        "can_promote": can_promote,
        "show_author": access.can_see_author(user),
        "document_not_public": post.document is not None and post.document.access != post.document.Access.PUBLIC,
        "history": list(audit_events_for(post)) if can_promote else [],
    }
    return render(request, "news/post_detail.html", context)


def _library_url(post: NewsPost) -> str:
    """The library's "Add documents", filed under the post's member, coming back to the post's form."""
    query = urlencode({"next": reverse("news:post_edit", kwargs={"pk": post.pk}), "member": post.member_id})
    return f"{reverse('library:document_create')}?{query}"


def _saved(request: AuthenticatedHttpRequest, post: NewsPost) -> HttpResponse:
    if request.POST.get("then") == THEN_LIBRARY:
        return redirect(_library_url(post))
    return redirect(post)


def _initial(request: HttpRequest) -> dict[str, object]:
    """A document chosen in the library on the way back (``?document=``) is offered chosen."""
    document = request.GET.get("document", "")
    return {"document": int(document)} if document.isdigit() else {}


@login_required
@require_http_methods(["GET", "POST"])
def post_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if not access.can_write_posts(user):
        raise PermissionDenied
    members = access.members_for_new_post(user)
    # From a member's page (``?member=``, one the writer may write for), or a focal point's own:
    # the member is not asked.
    chosen = members.select_related("network")
    member: Member | None = None
    if request.GET.get("member"):
        member = chosen.filter(slug=request.GET["member"]).first()
    if member is None and user.member_id is not None:
        member = chosen.filter(pk=user.member_id).first()
    form = NewsPostForm(request.POST or None, user=user, member=member, members=members, initial=_initial(request))
    if request.method == "POST" and form.is_valid():
        try:
            post = services.news_post_create(actor=user, member=form.chosen_member(), data=form.service_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Post saved."))
            return _saved(request, post)
    return render(
        request,
        "news/post_form.html",
        {"form": form, "title": _("Write a post"), "member": member, "cancel_url": reverse("news:post_list")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    post = access.post_for_edit(user, pk)
    form = NewsPostForm(
        request.POST or None,
        instance=post,
        user=user,
        member=post.member,
        members=Member.objects.none(),
        initial=_initial(request),
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.news_post_update(actor=user, post=post, data=form.service_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if changed:
                messages.success(request, _("Post saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return _saved(request, post)
    # Read from the database: the form has copied what was typed onto the post.
    stored = NewsPost.objects.get(pk=post.pk)
    return render(
        request,
        "news/post_form.html",
        {
            "form": form,
            "title": _("Edit the post"),
            "member": post.member,
            "post": stored,
            "cancel_url": stored.get_absolute_url(),
        },
    )


@login_required
@require_POST
def post_promote(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = access.post_for_promote(request.user, pk)
    try:
        services.news_post_promote(actor=request.user, post=post)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The post is on the public site: anyone can read it."))
    return redirect(post)


@login_required
@require_POST
def post_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = access.post_for_promote(request.user, pk)
    services.news_post_withdraw(actor=request.user, post=post)
    messages.success(request, _("The post is no longer on the public site; the network still reads it."))
    return redirect(post)
