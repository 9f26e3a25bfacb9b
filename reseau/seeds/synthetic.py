"""An invented network of any size, for tests and benchmarks: every app's part, in order.

Each app invents its own rows (``<app>/synthetic.py``); this module, above them all,
calls them one after the other so that no app has to import the apps built on it.
"""

from __future__ import annotations

from django.db import transaction

from reseau.decisions.synthetic import generate_decisions
from reseau.events.synthetic import generate_events
from reseau.funding.synthetic import generate_calls
from reseau.library.synthetic import generate_documents
from reseau.logframe.synthetic import generate_logframe
from reseau.news.synthetic import generate_news
from reseau.partners.synthetic import generate_partners
from reseau.plans.synthetic import generate_plans
from reseau.projects.synthetic import generate_projects
from reseau.registry.models import Network
from reseau.registry.synthetic import generate_members

EVENTS_PER_MEMBER = 2


@transaction.atomic
def generate_network(
    *,
    members: int,
    network_code: str = "synthetic",
    seed: int = 0,
    organisations: int | None = None,
    projects: int | None = None,
    plans_activities: int | None = None,
    events: int | None = None,
    documents: int = 0,
) -> Network:
    """Append ``members`` invented members (with people, leaders, focal points, dues) to a network,
    ``organisations`` invented partner organisations (default: ``members // 2``, at least 1) and
    ``projects`` invented projects (default: ``members``, at least 1) and an invented action plan
    of ``plans_activities`` activities over the last 12 quarters, with a logframe and decisions
    (default: ``members // 2``, at least 15; 0 adds no plan), and ``events`` invented events with
    their registrations (default: ``members * 2``), and ``documents`` invented library documents,
    each with a stored text file, indexed (default: none: each is a file written, so only a
    benchmark asks for them), and a focal points' news post per five members (at least one).

    Creates the network and the KH/LA/VN countries when missing. Deterministic for
    a given seed and a given number of members, organisations and projects already
    generated in the network.
    """
    if members < 1:
        raise ValueError("members must be at least 1.")
    if organisations is None:
        organisations = max(members // 2, 1)
    if organisations < 0:
        raise ValueError("organisations must not be negative.")
    if projects is None:
        projects = max(members, 1)
    if projects < 0:
        raise ValueError("projects must not be negative.")
    if plans_activities is None:
        plans_activities = max(members // 2, 15)
    if plans_activities < 0:
        raise ValueError("plans_activities must not be negative.")
    if events is None:
        events = members * EVENTS_PER_MEMBER
    if events < 0:
        raise ValueError("events must not be negative.")
    if documents < 0:
        raise ValueError("documents must not be negative.")
    network = generate_members(members=members, network_code=network_code, seed=seed)
    new_organisations = generate_partners(network=network, organisations=organisations, seed=seed)
    generate_calls(network=network, organisations=new_organisations, seed=seed)
    generate_projects(network=network, projects=projects, seed=seed)
    plan = generate_plans(network=network, activities=plans_activities, seed=seed)
    generate_events(network=network, events=events, seed=seed)
    if plan is not None:
        generate_logframe(plan=plan, seed=seed)
        generate_decisions(plan=plan, seed=seed)
    generate_documents(network=network, documents=documents, seed=seed)
    generate_news(network=network, posts=max(members // 5, 1), seed=seed)
    return network
