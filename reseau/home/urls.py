from django.urls import path

from reseau.home import views

app_name = "home"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
]
