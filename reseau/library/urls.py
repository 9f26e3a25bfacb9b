from django.urls import path

from reseau.library import views

app_name = "library"

urlpatterns = [
    path("library/", views.document_list, name="document_list"),
    path("library/new/", views.document_create, name="document_create"),
    path("library/<int:pk>/", views.document_detail, name="document_detail"),
    path("library/<int:pk>/edit/", views.document_edit, name="document_edit"),
    path("library/<int:pk>/versions/new/", views.version_create, name="version_create"),
    path("library/<int:pk>/versions/<int:number>/download/", views.version_download, name="version_download"),
    path("library/<int:pk>/versions/<int:number>/thumbnail/", views.version_thumbnail, name="version_thumbnail"),
    path("library/<int:pk>/archive/", views.document_archive, name="document_archive"),
    path("library/<int:pk>/restore/", views.document_restore, name="document_restore"),
    path("library/<int:pk>/delete/", views.document_delete, name="document_delete"),
]
