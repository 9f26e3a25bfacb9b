from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin

from reseau.core.admin import AuditedModelAdmin
from reseau.plans.models import (
    Activity,
    ActivityProgress,
    Axis,
    Decision,
    DecisionNote,
    Indicator,
    IndicatorValue,
    Plan,
    ReportingPeriod,
    Result,
)


@admin.register(Plan)
class PlanAdmin(AuditedModelAdmin, TranslationAdmin):
    list_display = ["code", "title", "kind", "status", "starts_on", "ends_on"]
    list_filter = ["kind", "status", "network"]


class PlanSubjectAdmin(AuditedModelAdmin):
    def audit_subject(self, obj: Any) -> models.Model:
        return obj.plan


@admin.register(Axis)
class AxisAdmin(PlanSubjectAdmin, TranslationAdmin):
    list_display = ["plan", "number", "title"]
    list_select_related = ["plan"]


@admin.register(Activity)
class ActivityAdmin(PlanSubjectAdmin, TranslationAdmin):
    list_display = ["plan", "number", "title"]
    list_select_related = ["plan"]
    list_filter = ["plan"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(AuditedModelAdmin):
    list_display = ["network", "label", "kind", "starts_on", "ends_on"]
    list_filter = ["network", "kind"]


@admin.register(ActivityProgress)
class ActivityProgressAdmin(AuditedModelAdmin):
    list_display = ["activity", "period", "status"]
    list_select_related = ["activity__plan", "period"]
    list_filter = ["period", "status"]

    def audit_subject(self, obj: Any) -> models.Model:
        return obj.activity.plan


@admin.register(Result)
class ResultAdmin(AuditedModelAdmin, TranslationAdmin):
    list_display = ["code", "level", "title", "network"]
    list_filter = ["network", "level"]


@admin.register(Indicator)
class IndicatorAdmin(AuditedModelAdmin, TranslationAdmin):
    list_display = ["code", "title", "unit", "computation"]
    list_select_related = ["result"]

    def audit_subject(self, obj: Any) -> models.Model:
        return obj.result


@admin.register(IndicatorValue)
class IndicatorValueAdmin(AuditedModelAdmin):
    list_display = ["indicator", "date", "value", "status"]
    list_filter = ["status"]
    list_select_related = ["indicator"]
    # Approval goes through the logframe pages, which record who approved and when.
    readonly_fields = ["status", "approved_by", "approved_at"]

    def audit_subject(self, obj: Any) -> models.Model:
        return obj.indicator.result


@admin.register(Decision)
class DecisionAdmin(AuditedModelAdmin, TranslationAdmin):
    list_display = ["title", "kind", "owner_member", "due_date", "status"]
    list_filter = ["status", "kind", "network"]
    filter_horizontal = ["activities"]


@admin.register(DecisionNote)
class DecisionNoteAdmin(AuditedModelAdmin):
    list_display = ["decision", "date", "author"]
    list_select_related = ["decision", "author"]

    def audit_subject(self, obj: Any) -> models.Model:
        return obj.decision
