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
from reseau.accounts.services import password_reset_request_record, sign_in_failures_clear
from reseau.accounts.tasks import deliver_email
from reseau.accounts.throttling import password_reset_may_send, sign_in_is_throttled, sign_in_just_throttled
from reseau.core.client_address import client_address

THROTTLED_MESSAGE = _(
    "Too many failed sign-in attempts for this account from your connection. Wait a few minutes "
    "before trying again, or choose a new password with “Forgotten your password?” to sign in now."
)


if TYPE_CHECKING:
    _LoginFormBase = AuthenticationForm
else:
    # A mixin at run time; typed as the sign-in form it is mixed into.
    _LoginFormBase = object


class ThrottledLoginMixin(_LoginFormBase):
    """Slows down password guessing for one account from one client address (django-axes counts,
    see throttling.py), before checking the password; the same account from elsewhere is not slowed."""

    def clean(self) -> dict[str, Any]:
        email = normalize_email(self.cleaned_data.get("username") or "")
        if self.request is not None and email and sign_in_is_throttled(request=self.request, email=email):
            raise ValidationError(THROTTLED_MESSAGE, code="throttled")
        try:
            cleaned = super().clean()
        except ValidationError:
            # django-axes recorded the failure (user_login_failed); say so if it was one too many.
            if sign_in_just_throttled(self.request):
                raise ValidationError(THROTTLED_MESSAGE, code="throttled") from None
            raise
        if self.request is not None:
            sign_in_failures_clear(email=email, ip_address=client_address(self.request))
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

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The page that follows is the same whether a mail left or not, so nobody learns from it
        # whether an address has an account or was asked for recently.
        request: HttpRequest | None = kwargs.get("request")
        email = normalize_email(self.cleaned_data["email"])
        ip_address = client_address(request) if request is not None else None
        sent = password_reset_may_send(email=email, ip_address=ip_address)
        if sent:
            super().save(*args, **kwargs)
        password_reset_request_record(email=email, ip_address=ip_address, sent=sent)

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
