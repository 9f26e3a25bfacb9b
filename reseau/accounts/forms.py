from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template import loader
from django.utils.translation import gettext_lazy as _

from reseau.accounts.models import User, normalize_email
from reseau.accounts.services import login_failure_record, login_failures_clear, login_is_throttled
from reseau.accounts.tasks import deliver_email


def client_ip(request: HttpRequest | None) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


if TYPE_CHECKING:
    _LoginFormBase = AuthenticationForm
else:
    # A mixin at run time; typed as the sign-in form it is mixed into.
    _LoginFormBase = object


class ThrottledLoginMixin(_LoginFormBase):
    """Refuses sign-in after too many failures for one address, before checking the password."""

    def clean(self) -> dict[str, Any]:
        email = normalize_email(self.cleaned_data.get("username") or "")
        ip_address = client_ip(self.request)
        if login_is_throttled(email=email, ip_address=ip_address):
            raise ValidationError(
                _("Too many failed sign-in attempts. Wait 15 minutes, or reset your password."),
                code="throttled",
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            login_failure_record(email=email, ip_address=ip_address)
            raise
        login_failures_clear(email=email)
        return cleaned


class LoginForm(ThrottledLoginMixin, AuthenticationForm):
    username = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("This email and password do not match an account. Check them and try again."),
    }


class AdminLoginForm(ThrottledLoginMixin, AdminAuthenticationForm):
    pass


class QueuedPasswordResetForm(PasswordResetForm):
    """Sends the reset e-mail in the background, and also to invited people who
    have not chosen a password yet (they may have lost their invitation)."""

    def get_users(self, email: str) -> QuerySet[User]:
        return User.objects.filter(email__iexact=normalize_email(email), is_active=True)

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        deliver_email(subject=subject, body=body, to=[to_email])
