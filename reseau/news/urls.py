from django.urls import path

from reseau.news import views

app_name = "news"

urlpatterns = [
    path("news/", views.post_list, name="post_list"),
    path("news/public/", views.public_list, name="public_list"),
    path("news/new/", views.post_create, name="post_create"),
    path("news/<int:pk>/", views.post_detail, name="post_detail"),
    path("news/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("news/<int:pk>/promote/", views.post_promote, name="post_promote"),
    path("news/<int:pk>/withdraw/", views.post_withdraw, name="post_withdraw"),
]
