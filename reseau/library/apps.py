from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "reseau.library"
    label = "library"
    verbose_name = _("Document library")

    def ready(self) -> None:
        # The pages of what a document belongs to list it: sections those apps let us add.
        from reseau.core.sections import section_register
        from reseau.library.sections import (
            activity_documents,
            decision_documents,
            event_documents,
            member_documents,
            organisation_documents,
            project_documents,
        )

        template = "library/_documents_section.html"
        section_register(place="events.event", template=template, context=event_documents)
        section_register(place="registry.member", template=template, context=member_documents)
        section_register(place="plans.activity", template=template, context=activity_documents)
        section_register(place="projects.project", template=template, context=project_documents)
        section_register(place="decisions.decision", template=template, context=decision_documents)
        section_register(place="partners.organisation", template=template, context=organisation_documents)
