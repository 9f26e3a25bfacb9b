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
