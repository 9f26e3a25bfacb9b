from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from reseau.accounts.forms import AdminLoginForm
from reseau.accounts.models import User

if TYPE_CHECKING:
    _UserCreationForm = AdminUserCreationForm[User]
    _UserChangeForm = UserChangeForm[User]
else:
    # Generic in django-stubs only: Django's own classes take no type argument.
    _UserCreationForm = AdminUserCreationForm
    _UserChangeForm = UserChangeForm

admin.site.login_form = AdminLoginForm
# Access is decided by each account's role, not by permission groups.
admin.site.unregister(Group)


class UserCreateForm(_UserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class UserEditForm(_UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
    form = UserEditForm
    add_form = UserCreateForm
    ordering = ["email"]
    list_display = ["email", "full_name", "role", "network", "member", "is_active", "last_login"]
    list_filter = ["role", "network", "is_active", "is_demo"]
    search_fields = ["email", "full_name"]
    list_select_related = ["network", "member"]
    autocomplete_fields = ["member"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "language")}),
        (_("Role"), {"fields": ("role", "network", "member")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Dates"), {"fields": ("last_login", "date_joined", "is_demo")}),
    )
    readonly_fields = ["is_demo"]
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "role", "network", "member", "usable_password", "password1", "password2"),
            },
        ),
    )
