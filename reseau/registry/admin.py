from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin

from reseau.core.admin import AuditedModelAdmin
from reseau.registry.models import (
    Country,
    FocalPointAppointment,
    Mandate,
    Member,
    MembershipDues,
    Network,
    Person,
    Theme,
)


@admin.register(Network)
class NetworkAdmin(AuditedModelAdmin, TranslationAdmin[Network]):
    list_display = ["code", "name", "time_zone", "focal_point_deadline"]


@admin.register(Country)
class CountryAdmin(AuditedModelAdmin, TranslationAdmin[Country]):
    list_display = ["code", "name", "name_local"]


@admin.register(Theme)
class ThemeAdmin(AuditedModelAdmin, TranslationAdmin[Theme]):
    list_display = ["name", "kind", "position"]
    list_filter = ["kind"]


@admin.register(Member)
class MemberAdmin(AuditedModelAdmin, TranslationAdmin[Member]):
    list_display = ["name", "name_local", "kind", "country", "network"]
    list_filter = ["network", "country", "kind"]
    search_fields = ["search_text"]
    list_select_related = ["country", "network"]
    prepopulated_fields = {"slug": ("name_en",)}


class MemberSubjectAdmin(AuditedModelAdmin):
    def audit_subject(self, obj: Any) -> models.Model:
        # People, leaders, focal points and dues: shown in their member's history.
        member: Member | None = obj.member
        return member or obj


@admin.register(Person)
class PersonAdmin(MemberSubjectAdmin, TranslationAdmin[Person]):
    list_display = ["name", "title", "member", "email"]
    list_filter = ["member__network", "gender"]
    search_fields = ["name", "name_local", "email"]
    list_select_related = ["member"]
    autocomplete_fields = ["member"]


@admin.register(Mandate)
class MandateAdmin(MemberSubjectAdmin, TranslationAdmin[Mandate]):
    list_display = ["member", "person", "office", "start_date", "end_date"]
    list_select_related = ["member", "person"]
    autocomplete_fields = ["member", "person"]


@admin.register(FocalPointAppointment)
class FocalPointAppointmentAdmin(MemberSubjectAdmin):
    list_display = ["member", "person", "kind", "nominated_on", "ended_on"]
    list_filter = ["kind", "member__network"]
    list_select_related = ["member", "person"]
    autocomplete_fields = ["member", "person"]


@admin.register(MembershipDues)
class MembershipDuesAdmin(MemberSubjectAdmin):
    list_display = ["member", "year", "amount", "currency", "status", "paid_on"]
    list_filter = ["status", "year", "currency"]
    list_select_related = ["member"]
    autocomplete_fields = ["member"]
