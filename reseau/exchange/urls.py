from django.urls import path

from reseau.exchange import views

app_name = "exchange"

urlpatterns = [
    path("exchange/<slug:kind>/export.<str:fmt>", views.export, name="export"),
    path("exchange/<slug:kind>/import/", views.import_upload, name="import"),
    path("exchange/imports/<int:pk>/", views.import_review, name="import_review"),
]
