"""Every reminder the platform sends: each rule, its timing and its readers, in this one module.

A rule looks at the data as it is on ``today`` and yields reminders; each reminder's key names
the thing and the occasion (``dues_due:14:2026``), and the recipient's address completes it.
``reminders_run`` can run as often as one likes (the worker runs it every quarter of an hour):
what was told is never told again, because the delivery's key is unique in the database.

- Focal point not confirmed: 14 and 3 days before the network's deadline, and the day after
  it; to the member's people with an address, and the coordinators.
- Dues due: once for each year's dues still due, from 1 February of that year; to the
  member's focal points.
- Funding call closing: 14 and 3 days before it closes; to those following one of its themes,
  the focal points of the members concerned, the coordinators.
- Interaction's next step: 3 days before it is due, and the day after if still not done; to
  its owner.
- Member's need: 3 days before its answer is due, and the day after if still unanswered; to
  the person following it up.
- Decision's action item: 3 days before it is due, and the day after if still open; to its
  owner (the person, or the member's focal points).
- Registration deadline: 3 days before it, for invited members without a delegation; to their
  focal points.
- Event tomorrow: the day before it starts, in its own time zone; to those registered.
- Project stage: submitted (to the secretariat), returned or validated (to its proposer, the
  lead member's focal points, the coordinators), within two days of the move.
- Invitations not told: an invitation to an event to come whose focal points were not written
  to (the job queue was down); to those focal points.

Questionnaires not submitted will join when the questionnaires exist (issue 15).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from reseau.accounts.models import User
from reseau.communication import event_letters
from reseau.communication.audiences import coordinators_of, focal_points_by_member, key_address, secretariat
from reseau.communication.letters import Letter, site_url
from reseau.communication.models import Delivery, MessageKind, Preference
from reseau.communication.recipients import recipients_for
from reseau.communication.services import event_invitations_deliver, message_send, refused_among
from reseau.decisions.models import Decision
from reseau.events.models import Event, Invitation, Registration
from reseau.funding.models import FundingOpportunity
from reseau.partners.models import Interaction, MemberNeed, NeedStatus
from reseau.projects.models import Stage, Transition
from reseau.registry.models import FocalPointAppointment, Member, MembershipDues, Network, Person

# The timings, named once.
FOCAL_POINT_DAYS_BEFORE = (14, 3)
FUNDING_CALL_DAYS_BEFORE = (14, 3)
DUE_DAYS_BEFORE = 3
REGISTRATION_DAYS_BEFORE = 3
DUES_FROM = (2, 1)  # month, day: the year's dues are asked for from 1 February
STAGES_TOLD = (Stage.SUBMITTED, Stage.RETURNED, Stage.VALIDATED)
PROJECT_STAGE_LOOKBACK = datetime.timedelta(days=2)


@dataclass(frozen=True)
class Reminder:
    key: str  # the thing and the occasion; each recipient's address is added to it
    compose: Callable[[], Letter]
    people: Sequence[Person] = ()
    users: Sequence[User] = ()
    attachments: Callable[[], list[tuple[str, bytes, str]]] | None = field(default=None)


@dataclass(frozen=True)
class Rule:
    kind: MessageKind
    find: Callable[[datetime.date], Iterator[Reminder]]


def _url(name: str, **kwargs: object) -> str:
    return site_url(reverse(name, kwargs=kwargs or None))


def _offset(today: datetime.date, day: datetime.date | None) -> int | None:
    return (day - today).days if day is not None else None


# --- Focal points ----------------------------------------------------------------------------


def focal_points_unconfirmed(today: datetime.date) -> Iterator[Reminder]:
    wanted = {today + datetime.timedelta(days=d) for d in FOCAL_POINT_DAYS_BEFORE} | {
        today - datetime.timedelta(days=1)
    }
    networks = list(Network.objects.filter(focal_point_deadline__in=wanted))
    if not networks:
        return
    confirmed = FocalPointAppointment.objects.filter(
        member=OuterRef("pk"), kind=FocalPointAppointment.Kind.OFFICIAL
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
    members = list(Member.objects.filter(network__in=networks).exclude(Exists(confirmed)).select_related("network"))
    people: dict[int, list[Person]] = {}
    for person in Person.objects.filter(member__in=members, email__isnull=False):
        assert person.member_id is not None
        people.setdefault(person.member_id, []).append(person)
    coordinators = coordinators_of(n.pk for n in networks)
    for member in members:
        deadline = member.network.focal_point_deadline
        assert deadline is not None
        days = _offset(today, deadline)

        def compose(member: Member = member, deadline: datetime.date = deadline, days: int | None = days) -> Letter:
            facts = {"member": member, "deadline": deadline.strftime("%d/%m/%Y")}
            text = (
                _("%(member)s has not confirmed its focal point, which was due by %(deadline)s.")
                if days is not None and days < 0
                else _("%(member)s has not yet confirmed its focal point; it is due by %(deadline)s.")
            )
            return Letter(
                subject=_("Focal point to confirm: %(member)s") % facts,
                paragraphs=[
                    text % facts,
                    _("Please send the official nomination letter to the network's coordinator."),
                ],
                action_url=_url("registry:member_detail", slug=member.slug),
                action_label=_("See the member"),
            )

        yield Reminder(
            key=f"focal_point_unconfirmed:{member.pk}:{deadline}:{days}",
            compose=compose,
            people=people.get(member.pk, []),
            users=coordinators.get(member.network_id, []),
        )


# --- Dues ------------------------------------------------------------------------------------


def dues_due(today: datetime.date) -> Iterator[Reminder]:
    if (today.month, today.day) < DUES_FROM:
        return
    rows = list(
        MembershipDues.objects.filter(status=MembershipDues.Status.DUE, year=today.year).select_related("member")
    )
    focal_points = focal_points_by_member(row.member_id for row in rows)
    for row in rows:

        def compose(row: MembershipDues = row) -> Letter:
            facts = {"member": row.member, "year": row.year, "amount": f"{row.amount:,.2f} {row.currency}"}
            return Letter(
                subject=_("Membership dues %(year)s: %(member)s") % facts,
                paragraphs=[_("The membership dues of %(member)s for %(year)s (%(amount)s) are due.") % facts],
                action_url=_url("registry:member_detail", slug=row.member.slug),
                action_label=_("See the member"),
            )

        yield Reminder(key=f"dues_due:{row.pk}:{row.year}", compose=compose, people=focal_points.get(row.member_id, []))


# --- Funding calls ---------------------------------------------------------------------------


def funding_calls_closing(today: datetime.date) -> Iterator[Reminder]:
    days = {today + datetime.timedelta(days=d): d for d in FUNDING_CALL_DAYS_BEFORE}
    calls = list(
        FundingOpportunity.objects.filter(
            closes_on__in=list(days), status__in=FundingOpportunity.OPEN_STATUSES
        ).prefetch_related("themes", "members")
    )
    if not calls:
        return
    coordinators = coordinators_of(c.network_id for c in calls)
    for call in calls:
        theme_ids = [t.pk for t in call.themes.all()]
        followers = (
            list(Preference.objects.filter(themes__in=theme_ids).values_list("email", flat=True).distinct())
            if theme_ids
            else []
        )
        users = list(User.objects.filter(email__in=followers, is_active=True)) + coordinators.get(call.network_id, [])
        people = list(Person.objects.filter(email__in=followers).exclude(email__in=[u.email for u in users]))
        for member_people in focal_points_by_member(m.pk for m in call.members.all()).values():
            people += member_people
        closes_on = call.closes_on
        assert closes_on is not None

        def compose(call: FundingOpportunity = call, left: int = days[closes_on]) -> Letter:
            facts = {
                "call": call.title,
                "days": left,
                "date": call.closes_on.strftime("%d/%m/%Y") if call.closes_on else "",
            }
            return Letter(
                subject=_("Closes in %(days)s days: %(call)s") % facts,
                paragraphs=[_("The funding call %(call)s closes on %(date)s, in %(days)s days.") % facts],
                action_url=_url("funding:opportunity_detail", pk=call.pk),
                action_label=_("See the funding call"),
            )

        yield Reminder(
            key=f"funding_call_closing:{call.pk}:{closes_on}:{days[closes_on]}",
            compose=compose,
            people=people,
            users=users,
        )


# --- Next steps and action items ---------------------------------------------------------------


def _due_days(today: datetime.date) -> list[datetime.date]:
    """The due dates told today: soon (in DUE_DAYS_BEFORE days) and overdue (yesterday)."""
    return [today + datetime.timedelta(days=DUE_DAYS_BEFORE), today - datetime.timedelta(days=1)]


def _due_occasion(today: datetime.date, due: datetime.date) -> str:
    return "overdue" if due < today else "due"


def next_steps_due(today: datetime.date) -> Iterator[Reminder]:
    steps = Interaction.objects.filter(
        next_step_done_on__isnull=True, next_step_due__in=_due_days(today), next_step_owner__isnull=False
    ).select_related("next_step_owner", "organisation", "member")
    for step in steps:
        assert step.next_step_due is not None
        assert step.next_step_owner is not None
        occasion = _due_occasion(today, step.next_step_due)

        def compose(step: Interaction = step, occasion: str = occasion) -> Letter:
            # With an organisation, or (since issue 14) with a member of the network.
            counterpart = step.organisation or getattr(step, "member", None)
            facts = {
                "step": step.next_step,
                "with": counterpart,
                "date": step.next_step_due.strftime("%d/%m/%Y") if step.next_step_due else "",
            }
            text = (
                _("The next step “%(step)s” with %(with)s was due on %(date)s and is not marked done.")
                if occasion == "overdue"
                else _("The next step “%(step)s” with %(with)s is due on %(date)s.")
            )
            return Letter(
                subject=_("Next step: %(step)s") % facts,
                paragraphs=[text % facts],
                action_url=site_url(counterpart.get_absolute_url()) if counterpart is not None else site_url("/"),
                action_label=_("See the interactions"),
            )

        yield Reminder(
            key=f"next_step_due:{step.pk}:{step.next_step_due}:{occasion}",
            compose=compose,
            users=[step.next_step_owner],
        )


def needs_due(today: datetime.date) -> Iterator[Reminder]:
    needs = MemberNeed.objects.filter(
        due__in=_due_days(today), owner__isnull=False, status__in=[NeedStatus.OPEN, NeedStatus.IN_PROGRESS]
    ).select_related("owner", "member")
    for need in needs:
        assert need.due is not None
        assert need.owner is not None
        occasion = _due_occasion(today, need.due)

        def compose(need: MemberNeed = need, occasion: str = occasion) -> Letter:
            facts = {
                "need": need.title,
                "member": need.member,
                "date": need.due.strftime("%d/%m/%Y") if need.due else "",
            }
            text = (
                _("%(member)s's need “%(need)s” was to be answered by %(date)s and still waits for its answer.")
                if occasion == "overdue"
                else _("%(member)s's need “%(need)s” is to be answered by %(date)s.")
            )
            return Letter(
                subject=_("Need to answer: %(need)s") % facts,
                paragraphs=[text % facts],
                action_url=site_url(need.get_absolute_url()),
                action_label=_("See the need"),
            )

        yield Reminder(key=f"member_need_due:{need.pk}:{need.due}:{occasion}", compose=compose, users=[need.owner])


def action_items_due(today: datetime.date) -> Iterator[Reminder]:
    items = list(
        Decision.objects.filter(
            due_date__in=_due_days(today), status__in=[Decision.Status.OPEN, Decision.Status.IN_PROGRESS]
        ).select_related("owner_person", "owner_member")
    )
    focal_points = focal_points_by_member(i.owner_member_id for i in items if i.owner_member_id)
    for item in items:
        assert item.due_date is not None
        occasion = _due_occasion(today, item.due_date)
        people = [item.owner_person] if item.owner_person else focal_points.get(item.owner_member_id or 0, [])

        def compose(item: Decision = item, occasion: str = occasion) -> Letter:
            facts = {"item": item.title[:200], "date": item.due_date.strftime("%d/%m/%Y") if item.due_date else ""}
            text = (
                _("The action item “%(item)s” was due on %(date)s and is still open.")
                if occasion == "overdue"
                else _("The action item “%(item)s” is due on %(date)s.")
            )
            return Letter(
                subject=_("Action item: %(item)s") % {"item": item.title[:80]},
                paragraphs=[text % facts],
                action_url=site_url(item.get_absolute_url()),
                action_label=_("See the action item"),
            )

        yield Reminder(key=f"action_item_due:{item.pk}:{item.due_date}:{occasion}", compose=compose, people=people)


# --- Events ----------------------------------------------------------------------------------


def registrations_closing(today: datetime.date) -> Iterator[Reminder]:
    start = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=REGISTRATION_DAYS_BEFORE - 1), datetime.time())
    )
    end = start + datetime.timedelta(days=2)  # a window of two days; the event's own zone decides below
    events = [
        e
        for e in Event.objects.filter(registration_deadline__gte=start, registration_deadline__lt=end).exclude(
            status=Event.Status.CANCELLED
        )
        if e.registration_deadline is not None
        and timezone.localtime(e.registration_deadline, e.zone).date()
        == today + datetime.timedelta(days=REGISTRATION_DAYS_BEFORE)
    ]
    for event in events:
        registered = Registration.objects.filter(event=event, member=OuterRef("member"))
        members = [
            i.member
            for i in Invitation.objects.filter(event=event).exclude(Exists(registered)).select_related("member")
        ]
        focal_points = focal_points_by_member(m.pk for m in members)
        for member in members:
            yield Reminder(
                key=f"event_registration_closing:{event.pk}:{member.pk}:{event.registration_deadline:%Y-%m-%d}",
                compose=partial(event_letters.registration_closing, event, member),
                people=focal_points.get(member.pk, []),
            )


def events_tomorrow(today: datetime.date) -> Iterator[Reminder]:
    tomorrow = today + datetime.timedelta(days=1)
    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time()))
    events = [
        e
        for e in Event.objects.filter(
            starts_at__gte=start, starts_at__lt=start + datetime.timedelta(days=3), series__isnull=True
        ).exclude(status=Event.Status.CANCELLED)
        if e.starts_at is not None and timezone.localtime(e.starts_at, e.zone).date() == tomorrow
    ]
    for event in events:
        people = [r.person for r in Registration.objects.filter(event=event).select_related("person")]
        yield Reminder(
            key=f"event_tomorrow:{event.pk}:{tomorrow}",
            compose=partial(event_letters.tomorrow, event),
            people=people,
        )


# --- Projects --------------------------------------------------------------------------------


def project_stages(today: datetime.date) -> Iterator[Reminder]:
    since = timezone.now() - PROJECT_STAGE_LOOKBACK
    steps = list(
        Transition.objects.filter(to_stage__in=STAGES_TOLD, at__gte=since).select_related(
            "project", "project__lead_member", "project__proposed_by_user"
        )
    )
    if not steps:
        return
    staff = secretariat()
    coordinators = coordinators_of(s.project.network_id for s in steps)
    focal_points = focal_points_by_member(s.project.lead_member_id for s in steps)
    for step in steps:
        project = step.project
        if step.to_stage == Stage.SUBMITTED:
            users, people = staff, []
        else:
            users = coordinators.get(project.network_id, []) + [u for u in [project.proposed_by_user] if u is not None]
            people = focal_points.get(project.lead_member_id, [])
        # The person who made the move knows it already.
        users = [u for u in users if u.pk != step.by_id]

        def compose(step: Transition = step) -> Letter:
            facts = {"project": step.project.title, "stage": step.get_to_stage_display()}
            paragraphs = [_("The project %(project)s is now: %(stage)s.") % facts]
            if step.comment:
                paragraphs.append(_("Comment: %(comment)s") % {"comment": step.comment})
            return Letter(
                subject=_("%(project)s: %(stage)s") % facts,
                paragraphs=paragraphs,
                action_url=site_url(step.project.get_absolute_url()),
                action_label=_("See the project"),
            )

        yield Reminder(key=f"project_stage:{step.pk}", compose=compose, people=people, users=users)


# --- The runner ------------------------------------------------------------------------------

RULES: list[Rule] = [
    Rule(MessageKind.FOCAL_POINT_UNCONFIRMED, focal_points_unconfirmed),
    Rule(MessageKind.DUES_DUE, dues_due),
    Rule(MessageKind.FUNDING_CALL_CLOSING, funding_calls_closing),
    Rule(MessageKind.NEXT_STEP_DUE, next_steps_due),
    Rule(MessageKind.ACTION_ITEM_DUE, action_items_due),
    Rule(MessageKind.MEMBER_NEED_DUE, needs_due),
    Rule(MessageKind.EVENT_REGISTRATION_CLOSING, registrations_closing),
    Rule(MessageKind.EVENT_TOMORROW, events_tomorrow),
    Rule(MessageKind.PROJECT_STAGE, project_stages),
]


def invitations_not_told(*, now: datetime.datetime) -> int:
    """Invitations to events to come whose focal points were not written to (queue down).

    Three reads whatever the number of events: the invitations, the keys already told, the
    focal points of the members invited.
    """
    upcoming = Invitation.objects.filter(event__starts_at__gte=now).exclude(event__status=Event.Status.CANCELLED)
    by_event: dict[int, list[int]] = {}
    for event_id, member_id in upcoming.values_list("event_id", "member_id"):
        by_event.setdefault(event_id, []).append(member_id)
    if not by_event:
        return 0
    told = set(
        Delivery.objects.filter(kind=MessageKind.EVENT_INVITATION, key__startswith="event_invitation:").values_list(
            "key", flat=True
        )
    )
    people = focal_points_by_member({m for members in by_event.values() for m in members})
    sent = 0
    for event_id, member_ids in by_event.items():
        waiting = [
            member_id
            for member_id in member_ids
            if any(
                f"event_invitation:{event_id}:{key_address(p.email or '', p.pk)}" not in told
                for p in people.get(member_id, [])
            )
        ]
        if waiting:
            sent += event_invitations_deliver(event_id=event_id, member_ids=waiting, person_ids=[])
    return sent


def reminders_run(*, today: datetime.date | None = None) -> int:
    """Run every rule for ``today`` (the platform's date); returns how many messages went."""
    today = today or timezone.localdate()
    sent = 0
    for rule in RULES:
        for reminder in rule.find(today):
            recipients = recipients_for(people=reminder.people, users=reminder.users)
            refused = refused_among(recipients)
            for recipient in recipients:
                delivery = message_send(
                    kind=rule.kind,
                    key=f"{reminder.key}:{key_address(recipient.email, recipient.person_id)}",
                    recipient=recipient,
                    compose=reminder.compose,
                    attachments=reminder.attachments,
                    refused=recipient.email in refused,
                )
                sent += delivery is not None
    sent += invitations_not_told(now=timezone.now())
    return sent
