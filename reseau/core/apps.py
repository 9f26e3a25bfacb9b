from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "reseau.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from reseau.core.forms import install_text_cleaning

        install_text_cleaning()
