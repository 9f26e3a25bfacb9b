from django.urls import path

from reseau.plans import decision_views, logframe_views, plan_exchange_views, plan_views

app_name = "plans"

urlpatterns = [
    path("plans/", plan_views.plan_list, name="plan_list"),
    path("plans/new/", plan_views.plan_create, name="plan_create"),
    path("plans/periods/", plan_views.period_list, name="period_list"),
    path("plans/periods/new/", plan_views.period_create, name="period_create"),
    path("plans/<slug:code>/", plan_views.plan_table, name="plan_table"),
    path("plans/<slug:code>/edit/", plan_views.plan_edit, name="plan_edit"),
    path("plans/<slug:code>/axes/new/", plan_views.axis_create, name="axis_create"),
    path("plans/<slug:code>/activities/new/", plan_views.activity_create, name="activity_create"),
    path("plans/<slug:code>/activities/<int:number>/", plan_views.activity_detail, name="activity_detail"),
    path("plans/<slug:code>/activities/<int:number>/edit/", plan_views.activity_edit, name="activity_edit"),
    path(
        "plans/<slug:code>/activities/<int:number>/progress/<str:period>/",
        plan_views.progress_edit,
        name="progress_edit",
    ),
    path("plans/<slug:code>/export.<str:fmt>", plan_exchange_views.plan_export, name="plan_export"),
    path("plans/<slug:code>/import/", plan_exchange_views.plan_import, name="plan_import"),
    path("logframe/", logframe_views.logframe, name="logframe"),
    path("logframe/results/new/", logframe_views.result_create, name="result_create"),
    path("logframe/results/<int:pk>/indicators/new/", logframe_views.indicator_create, name="indicator_create"),
    path("logframe/indicators/<int:pk>/", logframe_views.indicator_detail, name="indicator_detail"),
    path("logframe/indicators/<int:pk>/edit/", logframe_views.indicator_edit, name="indicator_edit"),
    path("logframe/indicators/<int:pk>/values/new/", logframe_views.value_create, name="value_create"),
    path("logframe/values/<int:pk>/approve/", logframe_views.value_approve, name="value_approve"),
    path("decisions/", decision_views.decision_list, name="decision_list"),
    path("decisions/new/", decision_views.decision_create, name="decision_create"),
    path("decisions/<int:pk>/", decision_views.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/edit/", decision_views.decision_edit, name="decision_edit"),
    path("decisions/<int:pk>/notes/new/", decision_views.decision_note_add, name="decision_note_add"),
]
