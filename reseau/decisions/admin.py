from __future__ import annotations

from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin

from reseau.core.admin import AuditedModelAdmin
from reseau.decisions.models import Decision, DecisionNote


@admin.register(Decision)
class DecisionAdmin(AuditedModelAdmin, TranslationAdmin[Decision]):
    list_display = ["title", "kind", "owner_member", "due_date", "status"]
    list_filter = ["status", "kind", "network"]
    filter_horizontal = ["activities"]


@admin.register(DecisionNote)
class DecisionNoteAdmin(AuditedModelAdmin):
    list_display = ["decision", "date", "author"]
    list_select_related = ["decision", "author"]

    def audit_subject(self, obj: DecisionNote) -> models.Model:
        return obj.decision
