from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from reseau.accounts.forms import InviteForm, LoginForm, QueuedPasswordResetForm
from reseau.accounts.models import User
from reseau.accounts.services import user_invite
from reseau.registry import access


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_set.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    extra_context = {"title": gettext_lazy("Choose a new password")}


class WelcomeView(PasswordResetConfirmView):
    """The link in an invitation: the same as a reset, worded as a welcome."""

    extra_context = {"title": gettext_lazy("Welcome to Reseau: choose your password"), "welcome": True}


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest) -> HttpResponse:
    if not access.is_network_staff(request.user):
        raise PermissionDenied
    assert isinstance(request.user, User)  # login_required and is_network_staff above
    form = InviteForm(request.POST or None, inviter=request.user)
    if request.method == "POST" and form.is_valid():
        user = user_invite(invited_by=request.user, site_url=request.build_absolute_uri("/"), **form.cleaned_data)
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": user.email})
        return redirect("accounts:invite")
    return render(request, "accounts/invite.html", {"form": form})
