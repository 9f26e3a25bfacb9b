from django.urls import path

from reseau.communication import views

app_name = "communication"

urlpatterns = [
    path("notifications/", views.notification_list, name="notification_list"),
    path("notifications/<int:pk>/", views.notification_open, name="notification_open"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("messages/preferences/", views.preferences, name="preferences"),
    path("messages/preferences/<str:token>/", views.preferences_by_link, name="preferences_by_link"),
    path("messages/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("messages/outbox/", views.outbox, name="outbox"),
    path("messages/outbox/<uuid:key>/", views.outbox_email, name="outbox_email"),
    path("messages/outbox/<uuid:key>/resend/", views.outbox_resend, name="outbox_resend"),
    path("messages/unreachable/", views.unreachable, name="unreachable"),
]
