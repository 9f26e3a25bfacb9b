from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeedsConfig(AppConfig):
    """The commands that load the RVASE data, the demo accounts and invented networks:
    they call every app's own seed, so they sit above all of them."""

    name = "reseau.seeds"
    label = "seeds"
    verbose_name = _("Seed data")
