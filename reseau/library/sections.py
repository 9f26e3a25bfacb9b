"""What the library adds to the pages of the apps it is built on: the documents of an event, a
member, a plan activity, a project, a decision and an organisation, with "Add a document" (the
link filled in) for those who may."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from reseau.accounts.types import Viewer
from reseau.decisions.models import Decision
from reseau.events.models import Event
from reseau.library import access, selectors
from reseau.partners.models import Organisation
from reseau.plans.models import Activity
from reseau.projects.models import Project
from reseau.registry.models import Member


def _section(user: Viewer, *, link: str, obj: Any, add_query: str) -> dict[str, Any]:
    documents = selectors.documents_of(documents=access.documents_visible_to(user), **{link: obj})
    can_add = access.can_add_documents(user)
    return {
        "library_documents": documents,
        "library_add_url": f"{reverse('library:document_create')}?{add_query}" if can_add else "",
    }


def event_documents(user: Viewer, event: Event) -> dict[str, Any]:
    """Minutes, presentations and photos of a meeting."""
    return _section(user, link="event", obj=event, add_query=f"event={event.pk}")


def member_documents(user: Viewer, member: Member) -> dict[str, Any]:
    return _section(user, link="members", obj=member, add_query="")


def activity_documents(user: Viewer, activity: Activity) -> dict[str, Any]:
    return _section(user, link="activity", obj=activity, add_query=f"activity={activity.pk}")


def project_documents(user: Viewer, project: Project) -> dict[str, Any]:
    """Concept notes, budgets, reports of a project."""
    return _section(user, link="project", obj=project, add_query=f"project={project.pk}")


def decision_documents(user: Viewer, decision: Decision) -> dict[str, Any]:
    return _section(user, link="decision", obj=decision, add_query=f"decision={decision.pk}")


def organisation_documents(user: Viewer, organisation: Organisation) -> dict[str, Any]:
    """A partner's agreements, letters and studies."""
    return _section(user, link="organisation", obj=organisation, add_query=f"organisation={organisation.pk}")
