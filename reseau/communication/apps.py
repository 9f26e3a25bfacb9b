from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunicationConfig(AppConfig):
    name = "reseau.communication"
    label = "communication"
    verbose_name = _("Communication")

    def ready(self) -> None:
        # Invitations and changes of events are told as they happen (events.signals), and the
        # scheduler's jobs are found by the worker.
        from reseau.communication import handlers, tasks  # noqa: F401
        from reseau.communication.sections import person_unreachable
        from reseau.core.sections import section_register

        # A person's page says when no message reaches them, for those who keep their data.
        section_register(
            place="registry.person", template="communication/_person_unreachable.html", context=person_unreachable
        )
