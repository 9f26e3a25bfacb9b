from django.urls import path

from reseau.funding import views

app_name = "funding"

urlpatterns = [
    path("funding/", views.opportunity_list, name="opportunity_list"),
    path("funding/deadlines/", views.deadlines, name="deadlines"),
    path("funding/new/", views.opportunity_create, name="opportunity_create"),
    path("funding/<int:pk>/", views.opportunity_detail, name="opportunity_detail"),
    path("funding/<int:pk>/edit/", views.opportunity_edit, name="opportunity_edit"),
    path("funding/<int:pk>/deadline.ics", views.opportunity_ics, name="opportunity_ics"),
]
