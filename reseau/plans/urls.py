from django.urls import path

from reseau.plans import exchange_views, views

app_name = "plans"

urlpatterns = [
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/periods/", views.period_list, name="period_list"),
    path("plans/periods/new/", views.period_create, name="period_create"),
    path("plans/<slug:code>/", views.plan_table, name="plan_table"),
    path("plans/<slug:code>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<slug:code>/axes/new/", views.axis_create, name="axis_create"),
    path("plans/<slug:code>/activities/new/", views.activity_create, name="activity_create"),
    path("plans/<slug:code>/activities/<int:number>/", views.activity_detail, name="activity_detail"),
    path("plans/<slug:code>/activities/<int:number>/edit/", views.activity_edit, name="activity_edit"),
    path(
        "plans/<slug:code>/activities/<int:number>/progress/<str:period>/",
        views.progress_edit,
        name="progress_edit",
    ),
    path("plans/<slug:code>/export.<str:fmt>", exchange_views.plan_export, name="plan_export"),
    path("plans/<slug:code>/import/", exchange_views.plan_import, name="plan_import"),
]
