from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "reseau.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from reseau.core.forms import install_text_cleaning
        from reseau.core.search import register_sqlite_fold

        install_text_cleaning()
        connection_created.connect(register_sqlite_fold, dispatch_uid="reseau_fold")
