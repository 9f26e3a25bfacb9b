from django.urls import path

from reseau.core import views

app_name = "core"

urlpatterns = [
    path("language/", views.set_language, name="set_language"),
    path("healthz/", views.healthz, name="healthz"),
]
