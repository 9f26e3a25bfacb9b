from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin

from reseau.core.admin import AuditedModelAdmin
from reseau.projects.models import (
    ExchangeRate,
    FundingLine,
    Milestone,
    ProgressNote,
    Project,
    ProjectPartner,
    Transition,
)


@admin.register(Project)
class ProjectAdmin(AuditedModelAdmin, TranslationAdmin[Project]):
    list_display = ["code", "title", "lead_member", "stage", "stage_since"]
    list_filter = ["stage", "network"]
    search_fields = ["code", "title_en", "title_fr"]
    list_select_related = ["lead_member"]
    autocomplete_fields = ["lead_member", "members", "proposed_by"]
    # The stage moves only through the workflow, which records who, when and why.
    readonly_fields = ["stage", "stage_since"]


class ProjectSubjectAdmin(AuditedModelAdmin):
    def audit_subject(self, obj: ProjectPartner | FundingLine | Milestone | ProgressNote) -> models.Model:
        return obj.project


@admin.register(ProjectPartner)
class ProjectPartnerAdmin(ProjectSubjectAdmin):
    list_display = ["project", "organisation", "role"]
    list_select_related = ["project", "organisation"]
    autocomplete_fields = ["organisation"]


@admin.register(FundingLine)
class FundingLineAdmin(ProjectSubjectAdmin):
    list_display = ["project", "source", "amount_requested", "amount_secured", "currency", "status"]
    list_select_related = ["project", "source"]
    autocomplete_fields = ["source"]


@admin.register(Milestone)
class MilestoneAdmin(ProjectSubjectAdmin, TranslationAdmin[Milestone]):
    list_display = ["project", "title", "due_date", "status"]
    list_select_related = ["project"]


@admin.register(ProgressNote)
class ProgressNoteAdmin(ProjectSubjectAdmin):
    list_display = ["project", "date", "author"]
    list_select_related = ["project", "author"]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(AuditedModelAdmin):
    list_display = ["currency", "valid_from", "euros_per_unit"]
    list_filter = ["currency"]


@admin.register(Transition)
class TransitionAdmin(admin.ModelAdmin[Transition]):
    list_display = ["project", "from_stage", "to_stage", "at", "by_label"]
    list_select_related = ["project"]

    # The timeline is a record: the workflow writes it, nobody edits it.
    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
