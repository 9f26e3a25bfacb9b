from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.template import loader
from django.utils.translation import gettext_lazy as _

from reseau.accounts.models import Role, User, normalize_email
from reseau.accounts.services import login_failure_record, login_failures_clear, login_is_throttled
from reseau.accounts.tasks import deliver_email
from reseau.registry.models import Member, Network
from reseau.registry.selectors import members_with_status


def client_ip(request: Any) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


class ThrottledLoginMixin:
    """Refuses sign-in after too many failures for one address, before checking the password."""

    request: Any
    cleaned_data: dict[str, Any]

    def clean(self) -> dict[str, Any]:
        email = normalize_email(self.cleaned_data.get("username") or "")
        ip_address = client_ip(self.request)
        if login_is_throttled(email=email, ip_address=ip_address):
            raise ValidationError(
                _("Too many failed sign-in attempts. Wait 15 minutes, or reset your password."),
                code="throttled",
            )
        try:
            cleaned = super().clean()  # type: ignore[misc]
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

    def get_users(self, email: str) -> Any:
        return User.objects.filter(email__iexact=normalize_email(email), is_active=True)

    def send_mail(  # type: ignore[override]
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


class MemberChoiceField(forms.ModelChoiceField):
    """Shows, beside each member, whether it is up to date with its dues: only
    members up to date take part in the network's activities."""

    def label_from_instance(self, obj: Any) -> str:
        if getattr(obj, "dues_outstanding", False):
            return _("%(member)s — dues outstanding") % {"member": obj.name}
        return _("%(member)s — up to date with dues") % {"member": obj.name}


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    role = forms.ChoiceField(label=_("Role"))
    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.none(), required=False)
    member = MemberChoiceField(label=_("Member"), queryset=Member.objects.none(), required=False)
    language = forms.ChoiceField(label=_("Language of the invitation"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, inviter: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.inviter = inviter
        role = cast(forms.ChoiceField, self.fields["role"])
        network = cast(forms.ModelChoiceField, self.fields["network"])
        member = cast(forms.ModelChoiceField, self.fields["member"])
        if inviter.is_secretariat:
            role.choices = Role.choices
            network.queryset = Network.objects.all()
            member.queryset = members_with_status(Member.objects.all())
        else:
            role.choices = [(Role.FOCAL_POINT, Role.FOCAL_POINT.label), (Role.PARTNER, Role.PARTNER.label)]
            network.queryset = Network.objects.filter(pk=inviter.network_id or 0)
            member.queryset = members_with_status(Member.objects.filter(network_id=inviter.network_id or 0))
        member.error_messages["invalid_choice"] = _("You can only invite focal points of your own network's members.")

    def clean_email(self) -> str:
        email = normalize_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("An account with this email already exists."))
        return email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        role = cleaned.get("role")
        if role == Role.FOCAL_POINT and not cleaned.get("member"):
            self.add_error("member", _("A focal point needs a member."))
        if role == Role.COORDINATOR and not cleaned.get("network"):
            self.add_error("network", _("A network coordinator needs a network."))
        if role != Role.FOCAL_POINT:
            cleaned["member"] = None
        elif cleaned.get("member"):
            cleaned["network"] = cleaned["member"].network
        if not self.inviter.is_secretariat and role == Role.PARTNER:
            cleaned["network"] = self.inviter.network
        return cleaned
