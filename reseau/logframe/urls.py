from django.urls import path

from reseau.logframe import views

app_name = "logframe"

urlpatterns = [
    path("logframe/", views.logframe, name="logframe"),
    path("logframe/results/new/", views.result_create, name="result_create"),
    path("logframe/results/<int:pk>/indicators/new/", views.indicator_create, name="indicator_create"),
    path("logframe/indicators/<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path("logframe/indicators/<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path("logframe/indicators/<int:pk>/values/new/", views.value_create, name="value_create"),
    path("logframe/values/<int:pk>/approve/", views.value_approve, name="value_approve"),
]
