from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpResponse
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy

from reseau.accounts.forms import LoginForm, QueuedPasswordResetForm
from reseau.accounts.models import User
from reseau.accounts.services import sign_in_failures_clear, user_language_set
from reseau.core.language import language_choice_take


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        # Read before signing in: the session is renewed then (its data kept).
        chosen = language_choice_take(self.request.session)
        response = super().form_valid(form)
        user = form.get_user()
        if chosen is not None and isinstance(user, User):
            # A language chosen just before signing in wins over the account's, and stays.
            user_language_set(user=user, language=chosen)
        return response


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

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:  # type: ignore[type-arg]
        response = super().form_valid(form)
        # Proving the mailbox is the way out of a sign-in wait, from any address.
        sign_in_failures_clear(email=form.user.email)
        return response


class WelcomeView(PasswordResetConfirmView):
    """The link in an invitation: the same as a reset, worded as a welcome."""

    extra_context = {"title": gettext_lazy("Welcome to Reseau: choose your password"), "welcome": True}
