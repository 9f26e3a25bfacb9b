from __future__ import annotations

from django.contrib import admin

from reseau.core.admin import AuditedModelAdmin
from reseau.news.models import NewsPost


@admin.register(NewsPost)
class NewsPostAdmin(AuditedModelAdmin):
    list_display = ["title", "member", "status", "published_at", "promoted_at"]
    list_filter = ["status", "member__network"]
    list_select_related = ["member"]
    search_fields = ["title", "body"]
    raw_id_fields = ["document"]
    readonly_fields = ["status", "author", "published_at", "promoted_at", "promoted_by", "created_at", "updated_at"]
