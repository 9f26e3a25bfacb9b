from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Reseau administration")
admin.site.site_title = _("Reseau")
admin.site.index_title = _("Permanent Secretariat")

urlpatterns = [
    path("", include("reseau.home.urls")),
    path("", include("reseau.core.urls")),
    path("accounts/", include("reseau.accounts.urls")),
    path("", include("reseau.registry.urls")),
    path("", include("reseau.partners.urls")),
    path("", include("reseau.funding.urls")),
    path("", include("reseau.exchange.urls")),
    path("", include("reseau.projects.urls")),
    path("", include("reseau.plans.urls")),
    path("", include("reseau.events.urls")),
    path("", include("reseau.logframe.urls")),
    path("", include("reseau.decisions.urls")),
    path("", include("reseau.library.urls")),
    path("", include("reseau.news.urls")),
    path("", include("reseau.communication.urls")),
    path("admin/", admin.site.urls),
]

# The 500 page says whether the team was told (ADMINS, Sentry) or the error only logged.
handler500 = "reseau.core.views.server_error"
