from django.urls import path

from reseau.projects import views
from reseau.projects.follow_up import views as follow_up_views

app_name = "projects"

urlpatterns = [
    path("projects/", views.project_list, name="project_list"),
    path("projects/board/", views.board, name="board"),
    path("projects/export.<str:fmt>", views.project_export, name="project_export"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/rates/", follow_up_views.rate_list, name="rate_list"),
    path("projects/rates/new/", follow_up_views.rate_create, name="rate_create"),
    path("projects/<slug:code>/", views.project_detail, name="project_detail"),
    path("projects/<slug:code>/edit/", views.project_edit, name="project_edit"),
    path("projects/<slug:code>/stage/", views.project_transition, name="project_transition"),
    path("projects/<slug:code>/partners/new/", follow_up_views.partner_add, name="partner_add"),
    path("projects/<slug:code>/funding/new/", follow_up_views.funding_line_add, name="funding_line_add"),
    path("projects/<slug:code>/funding/<int:pk>/edit/", follow_up_views.funding_line_edit, name="funding_line_edit"),
    path("projects/<slug:code>/milestones/new/", follow_up_views.milestone_add, name="milestone_add"),
    path("projects/<slug:code>/milestones/<int:pk>/edit/", follow_up_views.milestone_edit, name="milestone_edit"),
    path("projects/<slug:code>/notes/new/", follow_up_views.note_add, name="note_add"),
]
