from __future__ import annotations

from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin

from reseau.core.admin import AuditedModelAdmin
from reseau.logframe.models import Indicator, IndicatorValue, Result


@admin.register(Result)
class ResultAdmin(AuditedModelAdmin, TranslationAdmin[Result]):
    list_display = ["code", "level", "title", "network"]
    list_filter = ["network", "level"]


@admin.register(Indicator)
class IndicatorAdmin(AuditedModelAdmin, TranslationAdmin[Indicator]):
    list_display = ["code", "title", "unit", "computation"]
    list_select_related = ["result"]

    def audit_subject(self, obj: Indicator) -> models.Model:
        return obj.result


@admin.register(IndicatorValue)
class IndicatorValueAdmin(AuditedModelAdmin):
    list_display = ["indicator", "date", "value", "status"]
    list_filter = ["status"]
    list_select_related = ["indicator"]
    # Approval goes through the logframe pages, which record who approved and when.
    readonly_fields = ["status", "approved_by", "approved_at"]

    def audit_subject(self, obj: IndicatorValue) -> models.Model:
        return obj.indicator.result
