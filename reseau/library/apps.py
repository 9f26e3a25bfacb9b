from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "reseau.library"
    label = "library"
    verbose_name = _("Document library")

    def ready(self) -> None:
        # The pages of what a document belongs to list it: sections those apps let us add.
        from reseau.core.sections import section_register
        from reseau.library.sections import activity_documents, event_documents, member_documents

        template = "library/_documents_section.html"
        section_register(place="events.event", template=template, context=event_documents)
        section_register(place="registry.member", template=template, context=member_documents)
        section_register(place="plans.activity", template=template, context=activity_documents)
