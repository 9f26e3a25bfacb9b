from django.urls import path

from reseau.decisions import views

app_name = "decisions"

urlpatterns = [
    path("decisions/", views.decision_list, name="decision_list"),
    path("decisions/new/", views.decision_create, name="decision_create"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/edit/", views.decision_edit, name="decision_edit"),
    path("decisions/<int:pk>/notes/new/", views.decision_note_add, name="decision_note_add"),
    # Written from the meeting's page: the address stays under the event's.
    path("events/<slug:slug>/decisions/new/", views.event_decision_create, name="event_decision_create"),
]
