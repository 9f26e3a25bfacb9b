from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reseau.core.choices import label_said_of


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Permanent Secretariat")
    COORDINATOR = "coordinator", _("Network coordinator")
    FOCAL_POINT = "focal_point", _("Focal point")
    PARTNER = "partner", _("Partner / observer")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=normalize_email(email), **fields)
        user.set_password(password) if password else user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.update(is_staff=True, is_superuser=True, role=Role.SECRETARIAT)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=normalize_email(username or ""))


def normalize_email(email: str) -> str:
    return email.strip().lower()


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(
        _("email"), unique=True, error_messages={"unique": _("An account with this email already exists.")}
    )
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTNER)
    network = models.ForeignKey(
        "registry.Network",
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("For a network coordinator or a partner of one network."),
    )
    member = models.ForeignKey(
        "registry.Member",
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("For a focal point: the only member whose data this account may change."),
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
        help_text=_("For a partner: the organisation whose page this account may read."),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, blank=True)
    # Kept by the communication app as notifications arrive and are read: the header shows it on
    # every page without a query of its own.
    notifications_unread = models.PositiveIntegerField(_("unread notifications"), default=0, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("can use the admin site"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    is_demo = models.BooleanField(
        _("demo account"),
        default=False,
        editable=False,
        help_text=_("Created by the demo seed; it cannot sign in outside demo mode."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []  # createsuperuser asks for the e-mail only

    class Meta:
        ordering = ["email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    # French says "Chargée d'animation" of a woman; the other roles are said alike of everyone.
    ROLES_SAID_OF_A_WOMAN: ClassVar[dict[str, Promise]] = {
        Role.COORDINATOR: pgettext_lazy("said of a woman", "Network coordinator"),
        Role.PARTNER: pgettext_lazy("said of a woman", "Partner / observer"),
    }

    def __str__(self) -> str:
        return self.full_name or self.email

    def role_said_of(self, *, woman: bool) -> str:
        """The account's role as said of its holder (a woman, when the registry says so)."""
        return label_said_of(Role, self.role, feminine=self.ROLES_SAID_OF_A_WOMAN, woman=woman)

    def clean(self) -> None:
        self.email = normalize_email(self.email)
        if self.role == Role.COORDINATOR and self.network_id is None:
            raise ValidationError({"network": _("A network coordinator needs a network.")})
        if self.role == Role.FOCAL_POINT:
            if self.member is None:
                raise ValidationError({"member": _("A focal point needs a member.")})
            self.network_id = self.member.network_id
        elif self.member_id is not None:
            raise ValidationError({"member": _("Only a focal point is attached to a member.")})

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    @property
    def is_secretariat(self) -> bool:
        return self.role == Role.SECRETARIAT and self.is_active

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR and self.is_active

    @property
    def is_focal_point(self) -> bool:
        return self.role == Role.FOCAL_POINT and self.is_active

    @property
    def is_partner(self) -> bool:
        return self.role == Role.PARTNER and self.is_active


class PasswordResetRequest(models.Model):
    """A request for a password-reset e-mail, counted to keep the mails few (forms.py)."""

    email = models.CharField(max_length=254, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    sent = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("password-reset request")
        verbose_name_plural = _("password-reset requests")

    def __str__(self) -> str:
        return f"{self.email} {self.at:%Y-%m-%d %H:%M}"
