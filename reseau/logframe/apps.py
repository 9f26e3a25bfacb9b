from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LogframeConfig(AppConfig):
    name = "reseau.logframe"
    label = "logframe"
    verbose_name = _("Logical framework")
