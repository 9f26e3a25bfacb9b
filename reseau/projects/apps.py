from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "reseau.projects"
    label = "projects"
    verbose_name = _("Concrete projects")

    def ready(self) -> None:
        from reseau.core.sections import section_register
        from reseau.projects.sections import funding_call_projects, member_projects

        section_register(
            place="funding.opportunity",
            template="projects/_funding_call_projects.html",
            context=funding_call_projects,
        )
        section_register(place="registry.member", template="projects/_member_projects.html", context=member_projects)
