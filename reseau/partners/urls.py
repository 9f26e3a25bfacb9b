from django.urls import path

from reseau.partners import views

app_name = "partners"

urlpatterns = [
    path("partners/", views.organisation_list, name="organisation_list"),
    path("partners/new/", views.organisation_create, name="organisation_create"),
    path("partners/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("partners/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("partners/<int:pk>/contacts/new/", views.contact_add, name="contact_add"),
    path("partners/<int:pk>/contacts/<int:contact_pk>/remove/", views.contact_remove, name="contact_remove"),
    path("partners/<int:pk>/stage/", views.stage_change, name="stage_change"),
    path("partners/<int:pk>/interactions/new/", views.interaction_create, name="interaction_create"),
    path("partners/interactions/<int:pk>/edit/", views.interaction_edit, name="interaction_edit"),
    path("partners/interactions/<int:pk>/done/", views.next_step_done, name="next_step_done"),
    path(
        "partners/members/<slug:slug>/interactions/new/",
        views.member_interaction_create,
        name="member_interaction_create",
    ),
    path("partners/members/<slug:slug>/needs/new/", views.need_create, name="need_create"),
    path("partners/needs/", views.need_list, name="need_list"),
    path("partners/needs/<int:pk>/edit/", views.need_edit, name="need_edit"),
    path("partners/needs/<int:pk>/answer/", views.need_close, name="need_close"),
]
