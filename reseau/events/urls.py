from django.urls import path

from reseau.events import calendar_views, event_views, feed_views, participant_views, programme_views

app_name = "events"

urlpatterns = [
    # Events
    path("events/", event_views.event_list, name="event_list"),
    path("events/new/", event_views.event_create, name="event_create"),
    path("events/<slug:slug>/", event_views.event_detail, name="event_detail"),
    path("events/<slug:slug>/edit/", event_views.event_edit, name="event_edit"),
    path("events/<slug:slug>/cancel/", event_views.event_cancel, name="event_cancel"),
    path("events/<slug:slug>/event.ics", feed_views.event_ics, name="event_ics"),
    path("events/<slug:slug>/host/", event_views.hosting_offer_make, name="hosting_offer_make"),
    path("events/<slug:slug>/host/<int:pk>/accept/", event_views.hosting_offer_accept, name="hosting_offer_accept"),
    path(
        "events/<slug:slug>/occurrences/<str:original>/",
        event_views.occurrence_edit,
        name="occurrence_edit",
    ),
    path("events/<slug:slug>/minutes/", event_views.minutes_edit, name="minutes_edit"),
    # Programme
    path("events/<slug:slug>/programme/", programme_views.programme, name="programme"),
    path("events/<slug:slug>/programme.pdf", programme_views.programme_pdf, name="programme_pdf"),
    path("events/<slug:slug>/programme/new/", programme_views.session_create, name="session_create"),
    path("events/<slug:slug>/programme/<int:pk>/edit/", programme_views.session_edit, name="session_edit"),
    path("events/<slug:slug>/programme/<int:pk>/delete/", programme_views.session_delete, name="session_delete"),
    path("events/<slug:slug>/programme/<int:pk>/speakers/new/", programme_views.speaker_add, name="speaker_add"),
    path(
        "events/<slug:slug>/programme/speakers/<int:pk>/remove/",
        programme_views.speaker_remove,
        name="speaker_remove",
    ),
    # Participants
    path("events/<slug:slug>/invitations/", participant_views.invitations, name="invitations"),
    path("events/<slug:slug>/participants/", participant_views.participants, name="participants"),
    path("events/<slug:slug>/register/", participant_views.register, name="register"),
    path(
        "events/<slug:slug>/participants/<int:pk>/withdraw/",
        participant_views.registration_withdraw,
        name="registration_withdraw",
    ),
    path("events/<slug:slug>/attendance/", participant_views.attendance, name="attendance"),
    # Calendar
    path("calendar/", calendar_views.month, name="calendar_month"),
    path("calendar/week/", calendar_views.week, name="calendar_week"),
    path("calendar/list/", calendar_views.agenda, name="calendar_list"),
    path("calendar/feeds/", feed_views.feed_links, name="feed_links"),
    path("calendar/feeds/reset/", feed_views.feed_token_reset, name="feed_token_reset"),
    path("calendar/feeds/network/<slug:code>.ics", feed_views.network_feed, name="feed_network"),
    path("calendar/feeds/themes/<slug:code>.ics", feed_views.theme_feed, name="feed_theme"),
    path("calendar/feeds/members/<slug:slug>.ics", feed_views.member_feed, name="feed_member"),
    path("calendar/private/<str:token>/network/<slug:code>.ics", feed_views.network_feed, name="private_feed_network"),
    path("calendar/private/<str:token>/themes/<slug:code>.ics", feed_views.theme_feed, name="private_feed_theme"),
    path("calendar/private/<str:token>/members/<slug:slug>.ics", feed_views.member_feed, name="private_feed_member"),
    path("calendar/private/<str:token>/mine.ics", feed_views.my_feed, name="private_feed_mine"),
]
