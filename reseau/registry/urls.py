from django.urls import path

from reseau.registry import views

app_name = "registry"

urlpatterns = [
    path("members/", views.member_directory, name="member_directory"),
    path("members/<slug:slug>/", views.member_detail, name="member_detail"),
    path("members/<slug:slug>/edit/", views.member_edit, name="member_edit"),
    path("members/<slug:slug>/people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("members/<slug:slug>/leaders/new/", views.mandate_create, name="mandate_create"),
    path("members/<slug:slug>/leaders/<int:pk>/edit/", views.mandate_edit, name="mandate_edit"),
    path("members/<slug:slug>/focal-points/new/", views.focal_point_appoint, name="focal_point_appoint"),
    path("members/<slug:slug>/focal-points/<int:pk>/end/", views.focal_point_end, name="focal_point_end"),
    path("members/<slug:slug>/dues/new/", views.dues_create, name="dues_create"),
    path("members/<slug:slug>/dues/<int:pk>/edit/", views.dues_edit, name="dues_edit"),
    path("networks/<slug:code>/", views.network_detail, name="network_detail"),
    path("networks/<slug:code>/edit/", views.network_edit, name="network_edit"),
    path("networks/<slug:code>/members/new/", views.member_create, name="member_create"),
    path("themes/", views.theme_list, name="theme_list"),
    path("accounts/invite/", views.invite, name="invite"),
]
