from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "reseau.decisions"
    label = "decisions"
    verbose_name = _("Decisions register")

    def ready(self) -> None:
        # The event and activity pages show their decisions: sections those apps let us add.
        from reseau.core.sections import section_register
        from reseau.decisions.sections import activity_decisions, event_decisions

        section_register(place="events.event", template="decisions/_event_decisions.html", context=event_decisions)
        section_register(
            place="plans.activity", template="decisions/_activity_decisions.html", context=activity_decisions
        )
