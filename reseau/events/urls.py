from django.urls import path

from reseau.events.views import calendar, event, feed, participant, programme

app_name = "events"

urlpatterns = [
    # Events
    path("events/", event.event_list, name="event_list"),
    path("events/new/", event.event_create, name="event_create"),
    path("events/<slug:slug>/", event.event_detail, name="event_detail"),
    path("events/<slug:slug>/edit/", event.event_edit, name="event_edit"),
    path("events/<slug:slug>/cancel/", event.event_cancel, name="event_cancel"),
    path("events/<slug:slug>/event.ics", feed.event_ics, name="event_ics"),
    path("events/<slug:slug>/host/", event.hosting_offer_make, name="hosting_offer_make"),
    path("events/<slug:slug>/host/<int:pk>/accept/", event.hosting_offer_accept, name="hosting_offer_accept"),
    path(
        "events/<slug:slug>/occurrences/<str:original>/",
        event.occurrence_edit,
        name="occurrence_edit",
    ),
    path("events/<slug:slug>/minutes/", event.minutes_edit, name="minutes_edit"),
    # Programme
    path("events/<slug:slug>/programme/", programme.programme, name="programme"),
    path("events/<slug:slug>/programme.pdf", programme.programme_pdf, name="programme_pdf"),
    path("events/<slug:slug>/programme/new/", programme.session_create, name="session_create"),
    path("events/<slug:slug>/programme/<int:pk>/edit/", programme.session_edit, name="session_edit"),
    path("events/<slug:slug>/programme/<int:pk>/delete/", programme.session_delete, name="session_delete"),
    path("events/<slug:slug>/programme/<int:pk>/speakers/new/", programme.speaker_add, name="speaker_add"),
    path(
        "events/<slug:slug>/programme/speakers/<int:pk>/remove/",
        programme.speaker_remove,
        name="speaker_remove",
    ),
    # Participants
    path("events/<slug:slug>/invitations/", participant.invitations, name="invitations"),
    path("events/<slug:slug>/participants/", participant.participants, name="participants"),
    path("events/<slug:slug>/register/", participant.register, name="register"),
    path(
        "events/<slug:slug>/participants/<int:pk>/withdraw/",
        participant.registration_withdraw,
        name="registration_withdraw",
    ),
    path("events/<slug:slug>/attendance/", participant.attendance, name="attendance"),
    # Calendar
    path("calendar/", calendar.month, name="calendar_month"),
    path("calendar/week/", calendar.week, name="calendar_week"),
    path("calendar/list/", calendar.agenda, name="calendar_list"),
    path("calendar/feeds/", feed.feed_links, name="feed_links"),
    path("calendar/feeds/reset/", feed.feed_token_reset, name="feed_token_reset"),
    path("calendar/feeds/network/<slug:code>.ics", feed.network_feed, name="feed_network"),
    path("calendar/feeds/themes/<slug:code>.ics", feed.theme_feed, name="feed_theme"),
    path("calendar/feeds/members/<slug:slug>.ics", feed.member_feed, name="feed_member"),
    path("calendar/private/<str:token>/network/<slug:code>.ics", feed.network_feed, name="private_feed_network"),
    path("calendar/private/<str:token>/themes/<slug:code>.ics", feed.theme_feed, name="private_feed_theme"),
    path("calendar/private/<str:token>/members/<slug:slug>.ics", feed.member_feed, name="private_feed_member"),
    path("calendar/private/<str:token>/mine.ics", feed.my_feed, name="private_feed_mine"),
]
