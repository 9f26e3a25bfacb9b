"""Every choice a form offers is something its reader may see, and nothing else is accepted.

How a form is found (nobody lists them): for each signed-in role, every GET route of the URL
table (``tests/test_routes_by_role.py``) that the role gets as 200 is fetched, and each Django
form the page was rendered with is read from the test client's context. For each field whose
choices are records (``ModelChoiceField`` and ``ModelMultipleChoiceField``, in selects or
checkboxes), the values offered in the page's HTML must be records of the role's visible set,
as the pages' own access helpers define it (``SCOPES`` below). A form of a new URL, or a new
choice field, is checked from the day it exists; a choice of a model with no scope here fails
until its scope is written down.

A second network (Maghreb, with a member, a person, a coordinator, a plan, an event, a project
and a decision: ``tests.harness.harness_world``) holds what a reader of RVASE must never be
offered: its records' names appear on no page a hidden reader gets, and, posted by hand into a
form (a forged value), each is refused with a message on the field and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.apps import apps
from django.db.models import Q, QuerySet
from django.forms import ModelChoiceField
from django.urls import reverse

from reseau.accounts.models import Role, User
from reseau.audit.models import AuditEvent
from reseau.decisions.access import decisions_visible_to
from reseau.events.access import events_visible_to
from reseau.funding.access import opportunities_visible_to
from reseau.library.access import documents_visible_to
from reseau.logframe.access import indicators_visible_to, networks_for_logframe
from reseau.partners.access import organisations_visible_to
from reseau.plans.access import plans_visible_to
from reseau.projects.access import projects_visible_to
from reseau.registry.access import members_visible_to, networks_visible_to, people_visible_to
from tests.harness import (
    Filler,
    body,
    context_forms,
    harness_world,  # noqa: F401  (a fixture)
    post_forms,
)
from tests.test_routes_by_role import OK, app_routes, route_world  # noqa: F401  (a fixture)


def _model(label: str):
    return apps.get_model(label)


def _users_visible_to(user: User) -> QuerySet[User]:
    """Accounts named on a form: the reader's own network's and the secretariat's."""
    if user.is_secretariat:
        return User.objects.all()
    return User.objects.filter(Q(network_id=user.network_id or 0) | Q(role=Role.SECRETARIAT))


def _everything(label: str) -> Callable[[User], QuerySet]:
    return lambda user: _model(label)._default_manager.all()


# What each kind of record a form may offer is, for a reader: the pages' own access helpers.
SCOPES: dict[str, Callable[[User], QuerySet]] = {
    "registry.person": people_visible_to,
    "registry.member": members_visible_to,
    "registry.network": networks_visible_to,
    "registry.country": _everything("registry.country"),  # reference data, public
    "registry.theme": _everything("registry.theme"),  # public (the themes page)
    "partners.organisation": organisations_visible_to,
    "events.event": events_visible_to,
    "projects.project": projects_visible_to,
    "plans.plan": plans_visible_to,
    "plans.activity": lambda user: _model("plans.activity").objects.filter(plan__in=plans_visible_to(user)),
    "plans.axis": lambda user: _model("plans.axis").objects.filter(plan__in=plans_visible_to(user)),
    "decisions.decision": decisions_visible_to,
    "funding.fundingopportunity": opportunities_visible_to,
    "logframe.indicator": indicators_visible_to,
    "logframe.result": lambda user: _model("logframe.result").objects.filter(network__in=networks_for_logframe(user)),
    "accounts.user": _users_visible_to,
    "library.document": documents_visible_to,
}

SIGNED_IN = ["partner", "focal_point", "coordinator", "secretariat"]


def _offered(html: str, name: str) -> set[str]:
    return {value for form in post_forms(html, "/", method=None) for value in form.options_of(name)}


def _choice_fields(response):
    for form in context_forms(response):
        for name, field in form.fields.items():
            if isinstance(field, ModelChoiceField):
                yield form, name, field


def _visible(label: str, user: User, field: ModelChoiceField) -> set[str]:
    key = field.to_field_name or "pk"
    return {str(value) for value in SCOPES[label](user).values_list(key, flat=True)}


def _hidden_names(outsiders: dict[str, list[int]], user: User) -> list[str]:
    """The names of the second network's records that ``user`` may not see."""
    names = []
    for label, pks in outsiders.items():
        hidden = _model(label)._default_manager.filter(pk__in=pks).exclude(pk__in=SCOPES[label](user).values("pk"))
        names += [str(record) for record in hidden]
    return names


def _forge(client, url: str, html: str, form, name: str, field, strangers, problems: list[str]) -> int:
    """Posts the page's form with a record out of the reader's sight in ``name``: it must be
    refused on that field, and nothing saved. Returns how many were posted."""
    html_name = form.add_prefix(name)
    target = [f for f in post_forms(html, url) if html_name in {g.name for g in f.fields}]
    if not target or not strangers:
        return 0
    stranger = strangers[0]
    value = str(getattr(stranger, field.to_field_name or "pk"))
    data = {**Filler(["Plain text"], with_markup=False).fill(target[0]), html_name: [value]}
    before = AuditEvent.objects.count()
    answer = client.post(target[0].action, data)
    where = f"POST {target[0].action} {name}={stranger}"
    refused = any(html_name == f.add_prefix(n) for f in context_forms(answer) for n in f.errors)
    if answer.status_code != 200 or not refused:
        problems.append(f"{where}: answered {answer.status_code}, the choice was not refused")
    if AuditEvent.objects.count() != before:
        problems.append(f"{where}: something was saved")
    return 1


FORGERS = {"focal_point", "coordinator"}  # readers of one network: the second one is out of their sight


@pytest.mark.heavy
@pytest.mark.parametrize("role", SIGNED_IN)
def test_every_choice_offered_is_one_the_reader_may_see_and_no_other_is_taken(harness_world, role):  # noqa: F811
    world, ids, outsiders = harness_world
    user = world.users[role]
    client = world.client_for(role)
    hidden = _hidden_names(outsiders, user)
    problems: list[str] = []
    checked = forged = 0
    for route in app_routes(ids):
        if route.method != "get" or route.expected[role] != OK:
            continue
        url = reverse(route.name, kwargs=route.kwargs)
        response = client.get(url)
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        html = body(response).decode()
        problems += [f"{url}: shows {name!r}, of a network {role} does not see" for name in hidden if name in html]
        for form, name, field in list(_choice_fields(response)):
            label = field.queryset.model._meta.label_lower
            if label not in SCOPES:
                problems.append(f"{url}: {name} offers {label}: write down who may see them in SCOPES")
                continue
            checked += 1
            beyond = _offered(html, form.add_prefix(name)) - _visible(label, user, field)
            if beyond:
                problems.append(f"{url}: {name} offers {label} {sorted(beyond)} that {role} may not see")
            if role in FORGERS:
                strangers = list(_strangers(label, outsiders, user))
                forged += _forge(client, url, html, form, name, field, strangers, problems)
    assert not problems, "\n".join(problems)
    if role in FORGERS:  # the harness is not vacuous
        assert hidden, "the second network must hold records this reader does not see"
        assert checked >= 10
        assert forged >= 3


def _strangers(label: str, outsiders: dict[str, list[int]], user: User):
    records = _model(label)._default_manager.filter(pk__in=outsiders.get(label, []))
    return records.exclude(pk__in=SCOPES[label](user).values("pk"))
