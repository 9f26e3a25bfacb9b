"""An invented decisions register for a generated plan, for tests and benchmarks.

``generate_decisions(plan=…)`` adds to the plan's network about one decision or action
item per four activities of the plan, linked to them, some done, some overdue, with
follow-up notes. Everything is made up; deterministic for a seed and a plan.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from reseau.decisions.models import Decision, DecisionNote
from reseau.plans.models import Plan
from reseau.plans.synthetic import plan_index, plan_periods, theme_pool
from reseau.registry.models import Member, Person

# English, French; {member}: a member's name. The flag: a decision (rather than an action item).
DECISIONS: list[tuple[str, str, bool]] = [
    (
        "Share the minutes of the meeting with every focal point.",
        "Partager le compte rendu avec chaque point focal.",
        False,
    ),
    ("{member} confirms its focal point.", "{member_fr} confirme son point focal.", False),
    (
        "Send the draft action plan to the members for comments.",
        "Envoyer le projet de plan d'action aux membres pour avis.",
        False,
    ),
    (
        "Prepare the terms of reference of the study on {theme}.",
        "Préparer les termes de référence de l'étude : {theme_fr}.",
        False,
    ),
    (
        "Contact the EU delegation about the call for proposals.",
        "Contacter la délégation de l'Union européenne au sujet de l'appel à propositions.",
        False,
    ),
    (
        "{member} offers to host the next annual meeting.",
        "{member_fr} propose d'accueillir la prochaine réunion annuelle.",
        True,
    ),
    ("The thematic action plan ({theme}) is validated.", "Le plan d'action thématique ({theme_fr}) est validé.", True),
    ("Set up a working group: {theme}.", "Mettre en place un groupe de travail : {theme_fr}.", False),
    (
        "Collect the members' case studies before the conference.",
        "Recueillir les études de cas des membres avant la conférence.",
        False,
    ),
    (
        "Update the shared calendar with the events of the quarter.",
        "Mettre à jour le calendrier partagé avec les événements du trimestre.",
        False,
    ),
    ("The members adopt the annual work programme.", "Les membres adoptent le programme de travail annuel.", True),
]
MEETINGS = ["Annual meeting", "Monthly meeting with the focal points", "Working group meeting", "Steering committee"]
FOLLOW_UPS = [
    "Reminder sent to the members concerned.",
    "Discussed at the monthly meeting; next step agreed.",
    "Waiting for the member's answer.",
    "Done; documents archived on the AIMF platform.",
]

DS = Decision.Status


@transaction.atomic
def generate_decisions(*, plan: Plan, seed: int = 0) -> list[Decision]:
    """Add an invented decisions register for a generated plan; returns the decisions."""
    network = plan.network
    index = plan_index(plan)
    rng = random.Random(f"decisions:{seed}:{index}")  # noqa: S311 — test data, not secrets
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    reporting = plan_periods(plan)
    first, last = reporting[0], reporting[-1]
    themes = theme_pool()
    members: list[tuple[int, str, str]] = list(
        Member.objects.filter(network=network).order_by("pk").values_list("pk", "name_en", "name_fr")
    )
    people: list[int] = list(Person.objects.filter(member__network=network).order_by("pk").values_list("pk", flat=True))
    rows = list(plan.activities.order_by("number"))
    activities = len(rows)

    # The decisions register: about one per four activities, some overdue.
    decisions: list[Decision] = []
    links: list[list[int]] = []
    for _ in range(max(3, activities // 4)):
        title_en, title_fr, is_decision = rng.choice(DECISIONS)
        host = rng.choice(members) if members else None
        if host is None and "{member" in title_en:
            title_en, title_fr, is_decision = DECISIONS[0]
        subject = rng.choice(themes)
        words = {
            "theme": subject[1].lower(),
            "theme_fr": subject[2].lower(),
            "member": host[1] if host else "",
            "member_fr": host[2] if host else "",
        }
        met = min(
            first.starts_on + datetime.timedelta(days=rng.randint(0, (last.ends_on - first.starts_on).days)),
            yesterday,
        )
        decided = rng.choices([DS.OPEN, DS.IN_PROGRESS, DS.DONE, DS.CANCELLED], [40, 25, 30, 5])[0]
        if is_decision:
            decided = rng.choice([DS.DONE, DS.DONE, DS.IN_PROGRESS])
        due = None if is_decision or rng.random() < 0.15 else met + datetime.timedelta(days=rng.randint(14, 180))
        decisions.append(
            Decision(
                network=network,
                kind=Decision.Kind.DECISION if is_decision else Decision.Kind.ACTION,
                title_en=title_en.format(**words),
                title_fr=title_fr.format(**words),
                meeting=f"{rng.choice(MEETINGS)}, {met:%Y-%m}",
                meeting_date=met,
                owner_member_id=host[0] if host and rng.random() < 0.6 else None,
                owner_person_id=rng.choice(people) if people and rng.random() < 0.3 else None,
                due_date=due,
                status=decided,
            )
        )
        links.append(sorted({activity.pk for activity in rng.sample(rows, min(len(rows), rng.randint(1, 3)))}))
    Decision.objects.bulk_create(decisions)
    DecisionLink = Decision.activities.through
    DecisionLink.objects.bulk_create(
        DecisionLink(decision_id=decision.pk, activity_id=activity_pk)
        for decision, pks in zip(decisions, links, strict=True)
        for activity_pk in pks
    )
    notes = [
        DecisionNote(
            decision=decision,
            date=min(decision.meeting_date + datetime.timedelta(days=rng.randint(7, 90)), today),
            text=rng.choice(FOLLOW_UPS),
        )
        for decision in decisions
        if decision.status != DS.OPEN and decision.meeting_date is not None
        for _ in range(rng.randint(1, 2))
    ]
    DecisionNote.objects.bulk_create(notes)
    return decisions
