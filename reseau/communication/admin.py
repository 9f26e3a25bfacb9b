from django.contrib import admin

from reseau.communication.models import Delivery, Notification, Preference


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin[Preference]):
    list_display = ["email", "language", "digest", "unsubscribed_at", "updated_at"]
    search_fields = ["email"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin[Delivery]):
    list_display = ["created_at", "kind", "email", "subject", "outcome"]
    list_filter = ["kind", "outcome"]
    search_fields = ["email", "key", "subject"]
    readonly_fields = [f.name for f in Delivery._meta.fields]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin[Notification]):
    list_display = ["created_at", "user", "kind", "subject", "read_at"]
    list_filter = ["kind"]
