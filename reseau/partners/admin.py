from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin

from reseau.core.admin import AuditedModelAdmin
from reseau.partners.models import Interaction, MemberNeed, Organisation, OrganisationContact, Relationship, StageChange


@admin.register(Organisation)
class OrganisationAdmin(AuditedModelAdmin, TranslationAdmin[Organisation]):
    list_display = ["name", "acronym", "kind", "shared_with_partners"]
    list_filter = ["kind", "shared_with_partners"]
    search_fields = ["match_names", "acronym"]
    filter_horizontal = ["countries", "themes"]


class OrganisationSubjectAdmin(AuditedModelAdmin):
    def audit_subject(self, obj: OrganisationContact | Relationship) -> models.Model:
        return obj.organisation


@admin.register(OrganisationContact)
class OrganisationContactAdmin(OrganisationSubjectAdmin):
    list_display = ["organisation", "person", "role"]
    list_select_related = ["organisation", "person"]
    autocomplete_fields = ["organisation", "person"]


class StageChangeInline(admin.TabularInline[StageChange, Relationship]):
    model = StageChange
    extra = 0
    readonly_fields = ["from_stage", "to_stage", "on", "reason", "changed_by"]
    can_delete = False

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Relationship)
class RelationshipAdmin(OrganisationSubjectAdmin):
    list_display = ["organisation", "network", "stage", "since"]
    list_filter = ["network", "stage"]
    list_select_related = ["organisation", "network"]
    autocomplete_fields = ["organisation"]
    inlines = [StageChangeInline]


@admin.register(StageChange)
class StageChangeAdmin(admin.ModelAdmin[StageChange]):
    list_display = ["relationship", "from_stage", "to_stage", "on", "changed_by"]
    list_select_related = ["relationship__organisation", "relationship__network", "changed_by"]

    # Stage changes are the record of how a relationship moved: read-only here.
    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Interaction)
class InteractionAdmin(AuditedModelAdmin):
    list_display = ["date", "kind", "organisation", "member", "network", "next_step_due", "next_step_done_on"]
    list_filter = ["kind", "network"]
    list_select_related = ["organisation", "member", "network"]
    autocomplete_fields = ["organisation", "member", "our_people", "their_people"]

    def audit_subject(self, obj: Interaction) -> models.Model:
        subject = obj.subject
        assert subject is not None  # an interaction is with an organisation or a member
        return subject

    date_hierarchy = "date"


@admin.register(MemberNeed)
class MemberNeedAdmin(AuditedModelAdmin):
    list_display = ["title", "member", "kind", "status", "expressed_on", "answered_on"]
    list_filter = ["status", "kind", "member__network"]
    list_select_related = ["member"]
    autocomplete_fields = ["member", "expressed_by"]
    search_fields = ["title"]

    def audit_subject(self, obj: MemberNeed) -> models.Model:
        return obj.member
