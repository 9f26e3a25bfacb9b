from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "reseau.decisions"
    label = "decisions"
    verbose_name = _("Decisions register")

    def ready(self) -> None:
        # The event and activity pages show their decisions: sections those apps let us add.
        from reseau.decisions.views import activity_decisions_section, event_decisions_section
        from reseau.events.sections import register_event_section
        from reseau.plans.sections import register_activity_section

        register_event_section(event_decisions_section, template="decisions/_event_decisions.html")
        register_activity_section(activity_decisions_section, template="decisions/_activity_decisions.html")
