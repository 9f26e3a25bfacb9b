from __future__ import annotations

from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin

from reseau.core.admin import AuditedModelAdmin
from reseau.events.models import Event, HostingOffer, Invitation, Registration, Session, SessionSpeaker


@admin.register(Event)
class EventAdmin(AuditedModelAdmin, TranslationAdmin[Event]):
    list_display = ["title", "kind", "status", "starts_at", "network"]
    list_filter = ["network", "kind", "status", "visibility"]
    search_fields = ["title_en", "title_fr", "slug"]
    filter_horizontal = ["themes"]
    raw_id_fields = ["host_member", "series", "activities", "projects"]
    date_hierarchy = "starts_at"


class EventSubjectAdmin(AuditedModelAdmin):
    def audit_subject(self, obj: Session | Invitation | Registration | HostingOffer) -> models.Model:
        return obj.event


@admin.register(Session)
class SessionAdmin(EventSubjectAdmin, TranslationAdmin[Session]):
    list_display = ["event", "starts_at", "title", "kind"]
    list_select_related = ["event"]
    raw_id_fields = ["event"]


@admin.register(SessionSpeaker)
class SessionSpeakerAdmin(AuditedModelAdmin, TranslationAdmin[SessionSpeaker]):
    list_display = ["session", "person", "role"]
    list_select_related = ["session", "person"]
    raw_id_fields = ["session", "person"]

    def audit_subject(self, obj: SessionSpeaker) -> models.Model:
        return obj.session.event


@admin.register(Invitation)
class InvitationAdmin(EventSubjectAdmin):
    list_display = ["event", "member", "invited_at"]
    list_select_related = ["event", "member"]
    raw_id_fields = ["event"]


@admin.register(Registration)
class RegistrationAdmin(EventSubjectAdmin):
    list_display = ["event", "person", "member", "role", "gender", "attended"]
    list_filter = ["role", "gender", "attended"]
    list_select_related = ["event", "person", "member"]
    raw_id_fields = ["event", "person"]


@admin.register(HostingOffer)
class HostingOfferAdmin(EventSubjectAdmin):
    list_display = ["event", "member", "status", "offered_at"]
    list_select_related = ["event", "member"]
    raw_id_fields = ["event"]
