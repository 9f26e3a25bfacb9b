from __future__ import annotations

from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin

from reseau.core.admin import AuditedModelAdmin
from reseau.plans.models import Activity, ActivityProgress, Axis, Plan, ReportingPeriod


@admin.register(Plan)
class PlanAdmin(AuditedModelAdmin, TranslationAdmin[Plan]):
    list_display = ["code", "title", "kind", "status", "starts_on", "ends_on"]
    list_filter = ["kind", "status", "network"]


class PlanSubjectAdmin(AuditedModelAdmin):
    def audit_subject(self, obj: Axis | Activity) -> models.Model:
        return obj.plan


@admin.register(Axis)
class AxisAdmin(PlanSubjectAdmin, TranslationAdmin[Axis]):
    list_display = ["plan", "number", "title"]
    list_select_related = ["plan"]


@admin.register(Activity)
class ActivityAdmin(PlanSubjectAdmin, TranslationAdmin[Activity]):
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

    def audit_subject(self, obj: ActivityProgress) -> models.Model:
        return obj.activity.plan
