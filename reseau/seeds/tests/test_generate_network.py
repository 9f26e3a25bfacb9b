import itertools
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from reseau.core.text import fold_for_search
from reseau.decisions.models import Decision
from reseau.funding.models import FundingOpportunity
from reseau.partners.models import (
    Interaction,
    Organisation,
    OrganisationContact,
    Relationship,
    StageChange,
    organisation_match_names,
)
from reseau.plans.models import Activity, ActivityProgress, Plan
from reseau.projects.models import FundingLine, Milestone, ProgressNote, Project, ProjectPartner, Transition
from reseau.projects.models import Stage as ProjectStage
from reseau.projects.money import RateBook, funding_plan
from reseau.projects.synthetic import generate_projects
from reseau.projects.workflow import RULES
from reseau.registry.models import FocalPointAppointment, Mandate, Member, MembershipDues, Network, Person
from reseau.seeds.synthetic import generate_network

KHMER = re.compile(r"[\u1780-\u17FF]")
LAO = re.compile(r"[\u0E80-\u0EFF]")
# Letters only Vietnamese uses among the Latin scripts: ă â đ ê ô ơ ư and the
# stacked tone marks of Latin Extended Additional (ế, ộ, ữ…).
VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u1EA0-\u1EF9]")


def _names(network: Network) -> list[tuple[str, str, str, str, str, str]]:
    return [
        (m.name_en, m.name_fr, m.name_local, m.name_alternative, m.kind, m.country.code)
        for m in Member.objects.filter(network=network).select_related("country").order_by("slug")
    ]


@pytest.mark.django_db
def test_generates_a_multilingual_network_with_consistent_rows():
    network = generate_network(members=30, network_code="synthetic-test", seed=3)

    members = list(Member.objects.filter(network=network))
    assert len(members) == 30
    assert network.focal_point_deadline is not None
    assert network.time_zone == "Asia/Phnom_Penh"
    assert {m.country.code for m in members} == {"KH", "LA", "VN"}

    local_names = [m.name_local for m in members]
    assert any(KHMER.search(n) for n in local_names)
    assert any(LAO.search(n) for n in local_names)
    assert any(VIETNAMESE.search(n) for n in local_names)
    for member in members:
        assert member.name_en
        assert member.name_fr
        assert member.name_alternative
        assert member.name_alternative.isascii()

    # search_text is what Member.save would have stored...
    for member in members:
        stored = member.search_text
        expected = fold_for_search(
            " ".join([member.name_en, member.name_fr, member.name_local, member.name_alternative, member.slug])
        )
        assert stored == expected
        member.save()
        member.refresh_from_db()
        assert member.search_text == stored
    # ... so the directory search finds an unaccented Vietnamese name.
    vietnamese = next(m for m in members if m.country.code == "VN")
    word = vietnamese.name_alternative.split()[0].lower()
    assert Member.objects.filter(network=network, search_text__contains=word).exists()

    people = list(Person.objects.filter(member__network=network))
    assert all(2 <= Person.objects.filter(member=m).count() <= 4 for m in members)
    emails = [p.email for p in people]
    assert all(emails)
    assert len(set(emails)) == len(emails)
    assert all(p.name and p.name_local and p.title_en and p.title_fr and p.languages for p in people)

    assert Mandate.objects.filter(member__network=network).count() == 30
    officials = FocalPointAppointment.objects.filter(member__network=network, kind=FocalPointAppointment.Kind.OFFICIAL)
    assert 0 < officials.count() < 30
    assert officials.filter(nominated_on__gt=network.focal_point_deadline).exists()

    dues = list(MembershipDues.objects.filter(member__network=network))
    assert len(dues) == 30 * 3
    for row in dues:
        assert (row.paid_on is not None) == (row.status == MembershipDues.Status.PAID)
        row.full_clean()  # the model's own rule agrees
    assert {row.status for row in dues} >= {MembershipDues.Status.PAID, MembershipDues.Status.DUE}


@pytest.mark.django_db
def test_same_seed_gives_the_same_network_and_reruns_append():
    first = generate_network(members=12, network_code="det-a", seed=42)
    second = generate_network(members=12, network_code="det-b", seed=42)
    assert _names(first) == _names(second)
    assert [p.name for p in Person.objects.filter(member__network=first).order_by("email")] == [
        p.name for p in Person.objects.filter(member__network=second).order_by("email")
    ]
    other = generate_network(members=12, network_code="det-c", seed=43)
    assert _names(other) != _names(first)

    generate_network(members=5, network_code="det-a", seed=42)
    slugs = list(Member.objects.filter(network=first).values_list("slug", flat=True))
    assert len(slugs) == 17 == len(set(slugs))
    assert any(s.startswith("det-a-00016-") for s in slugs)


@pytest.mark.django_db
def test_management_command():
    out = StringIO()
    call_command("generate_network", "--members", "4", "--network", "cmd-net", "--seed", "1", stdout=out)
    assert Member.objects.filter(network__code="cmd-net").count() == 4
    assert Relationship.objects.filter(network__code="cmd-net").count() == 2
    assert "cmd-net" in out.getvalue()

    out = StringIO()
    call_command("generate_network", "--members", "1", "--network", "cmd-net", "--organisations", "7", stdout=out)
    assert Relationship.objects.filter(network__code="cmd-net").count() == 9
    assert "9 partner organisations" in out.getvalue()


def _organisations(network: Network) -> list[Organisation]:
    return list(Organisation.objects.filter(relationships__network=network).order_by("pk"))


@pytest.mark.django_db
def test_partners_grow_in_proportion_with_consistent_rows():
    network = generate_network(members=60, network_code="partners-test", seed=5)
    organisations = _organisations(network)
    assert len(organisations) == 30  # members // 2
    assert Relationship.objects.filter(network=network).count() == 30
    assert all(o.name_en and o.name_fr for o in organisations)
    assert any(o.acronym for o in organisations)
    assert any(not o.acronym for o in organisations)
    assert any(not o.name_en.isascii() for o in organisations)
    assert len({o.kind for o in organisations}) > 3

    # match_names is what Organisation.save would have stored.
    for organisation in organisations:
        stored = organisation.match_names
        assert stored == organisation_match_names([organisation.name_en, organisation.name_fr, organisation.acronym])
        organisation.save()
        organisation.refresh_from_db()
        assert organisation.match_names == stored

    # Each relationship was reached through its stage changes, in order.
    for relationship in Relationship.objects.filter(network=network).prefetch_related("changes"):
        changes = sorted(relationship.changes.all(), key=lambda c: (c.on, c.pk))
        assert changes, relationship
        assert changes[0].from_stage == ""
        assert changes[-1].to_stage == relationship.stage
        assert changes[-1].on == relationship.since
        for before, after in itertools.pairwise(changes):
            assert after.from_stage == before.to_stage

    # Interactions only belong to the generated network; their people are the organisation's contacts.
    interactions = Interaction.objects.filter(organisation__in=organisations)
    assert interactions.exists()
    assert set(interactions.values_list("network", flat=True)) == {network.pk}
    assert not Interaction.objects.exclude(network=network).exists()
    assert not StageChange.objects.exclude(relationship__network=network).exists()
    for interaction in interactions.prefetch_related("their_people"):
        contacts = set(
            OrganisationContact.objects.filter(organisation=interaction.organisation_id).values_list(
                "person", flat=True
            )
        )
        assert {p.pk for p in interaction.their_people.all()} <= contacts
        assert interaction.next_step or interaction.next_step_due is None
        interaction.full_clean()

    contact_rows = OrganisationContact.objects.filter(organisation__in=organisations).select_related("person")
    assert contact_rows.exists()
    assert all(c.person.member_id is None and c.person.email for c in contact_rows)

    calls = FundingOpportunity.objects.filter(network=network)
    assert calls.count() == 6  # about one per five organisations
    assert {call.donor_id for call in calls} <= {o.pk for o in organisations}
    assert not calls.filter(is_example=True).exists()
    for call in calls:
        call.full_clean()
    assert set(Member.objects.filter(pk__in=calls.values("members")).values_list("network", flat=True)) <= {network.pk}


@pytest.mark.django_db
def test_partners_have_overdue_next_steps_and_are_deterministic():
    first = generate_network(members=2, network_code="part-a", seed=9, organisations=120)
    second = generate_network(members=2, network_code="part-b", seed=9, organisations=120)
    assert [o.name_en for o in _organisations(first)] == [o.name_en for o in _organisations(second)]
    overdue = [i for i in Interaction.objects.filter(network=first) if i.next_step_is_overdue]
    assert overdue

    # A second batch appends other organisations with other contacts.
    names_before = [o.name_en for o in _organisations(first)]
    generate_network(members=1, network_code="part-a", seed=9, organisations=10)
    organisations = _organisations(first)
    assert len(organisations) == 130
    assert [o.name_en for o in organisations[:120]] == names_before
    assert any(o.notes.startswith("Invented organisation (synthetic data) #part-a-00129") for o in organisations)

    # No partners at all on request.
    empty = generate_network(members=3, network_code="part-c", seed=9, organisations=0)
    assert not _organisations(empty)
    with pytest.raises(ValueError, match="organisations must not be negative"):
        generate_network(members=3, network_code="part-d", organisations=-1)


# Projects ---------------------------------------------------------------------------


def _project_rows(network: Network) -> list[tuple[str, str, str, str, str]]:
    return [
        (p.code, p.title_en, p.title_fr, p.stage, p.lead_member.name_en)
        for p in Project.objects.filter(network=network).select_related("lead_member").order_by("code")
    ]


@pytest.mark.heavy
@pytest.mark.django_db
def test_projects_cover_every_stage_through_histories_the_workflow_allows():
    network = generate_network(members=40, network_code="proj-test", seed=4, organisations=30, projects=400)
    projects = list(Project.objects.filter(network=network).prefetch_related("transitions", "themes", "members"))
    assert len(projects) == 400
    assert {p.stage for p in projects} == set(ProjectStage.values)
    member_ids = set(Member.objects.filter(network=network).values_list("pk", flat=True))
    today = timezone.localdate()
    for project in projects:
        assert project.lead_member_id in member_ids
        assert {m.pk for m in project.members.all()} <= member_ids - {project.lead_member_id}
        codes = {t.code for t in project.themes.all()}
        assert codes & {"urban-sanitation", "urban-governance-smart-cities", "smart-sustainable-tourism"}
        assert project.title_en
        assert project.title_fr
        assert project.summary_en
        assert project.summary_fr
        project.full_clean()
        steps = sorted(project.transitions.all(), key=lambda t: (t.at, t.pk))
        assert [t.pk for t in steps] == [t.pk for t in reversed(list(project.transitions.all()))]
        assert (steps[0].from_stage, steps[0].to_stage) == ("", ProjectStage.PROPOSED)
        assert steps[-1].to_stage == project.stage
        assert steps[-1].at.date() == project.stage_since < today
        for before, after in itertools.pairwise(steps):
            assert after.from_stage == before.to_stage
            assert after.at > before.at
            rule = RULES.get((after.from_stage, after.to_stage))
            assert rule is not None, (project.code, after.from_stage, after.to_stage)
            assert after.comment or not rule.comment_required
    # Some went back for revision before being validated.
    revised = Transition.objects.filter(project__network=network, from_stage=ProjectStage.RETURNED)
    assert revised.filter(to_stage=ProjectStage.DESIGN).exists()
    assert revised.filter(to_stage=ProjectStage.SUBMITTED).exists()


@pytest.mark.django_db
def test_projects_funding_milestones_and_notes_are_consistent():
    network = generate_network(members=20, network_code="proj-money", seed=6, organisations=25, projects=300)
    organisations = set(Organisation.objects.filter(relationships__network=network).values_list("pk", flat=True))
    lines = list(FundingLine.objects.filter(project__network=network).select_related("project"))
    assert lines
    reached_funding = {
        ProjectStage.SEEKING_FUNDING,
        ProjectStage.FUNDED,
        ProjectStage.IN_IMPLEMENTATION,
        ProjectStage.COMPLETED,
    }
    for line in lines:
        assert line.source_id in organisations
        assert line.currency == line.project.currency
        assert 0 <= line.amount_secured <= line.amount_requested
        assert (line.amount_secured > 0) == (line.status == FundingLine.Status.SECURED)
        assert line.project.stage in reached_funding | {ProjectStage.ABANDONED}
        line.full_clean()
    for project in Project.objects.filter(
        network=network, stage__in=[ProjectStage.FUNDED, ProjectStage.IN_IMPLEMENTATION, ProjectStage.COMPLETED]
    ):
        assert project.funding_lines.filter(status=FundingLine.Status.SECURED).exists(), project.code
        assert project.progress_notes.exists(), project.code
        assert project.milestones.exists(), project.code
        assert project.start_date
        assert project.end_date
        assert project.total_budget
        plan = funding_plan(
            project,
            list(project.funding_lines.all()),
            RateBook.for_currencies(["USD", "KHR", "LAK", "VND"]),
            on=timezone.localdate(),
        )
        assert not plan.missing_rates, (project.code, plan.missing_rates)
    assert not FundingLine.objects.filter(
        project__network=network, project__stage__in=[ProjectStage.PROPOSED, ProjectStage.DESIGN]
    ).exists()
    milestones = Milestone.objects.filter(project__network=network)
    assert milestones.filter(status=Milestone.Status.DONE).exists()
    assert any(m.is_late for m in milestones.filter(project__stage=ProjectStage.IN_IMPLEMENTATION))
    for milestone in milestones:
        assert (milestone.done_on is not None) == (milestone.status == Milestone.Status.DONE)
        assert milestone.title_en
        assert milestone.title_fr
    assert not milestones.filter(project__stage=ProjectStage.COMPLETED, status=Milestone.Status.PLANNED).exists()
    for note in ProgressNote.objects.filter(project__network=network):
        note.full_clean()
    assert ProjectPartner.objects.filter(project__network=network, role=ProjectPartner.Role.DONOR).exists()


@pytest.mark.django_db
def test_projects_are_deterministic_append_and_need_no_organisations():
    first = generate_network(members=10, network_code="proj-a", seed=8, projects=40)
    second = generate_network(members=10, network_code="proj-b", seed=8, projects=40)
    strip = [(code.split("-prj-")[1], *rest) for code, *rest in _project_rows(first)]
    assert strip == [(code.split("-prj-")[1], *rest) for code, *rest in _project_rows(second)]
    assert _project_rows(generate_network(members=10, network_code="proj-c", seed=9, projects=40)) != _project_rows(
        first
    )

    before = _project_rows(first)
    generate_network(members=1, network_code="proj-a", seed=8, projects=5)
    after = _project_rows(first)
    assert len(after) == 45
    assert after[:40] == before
    assert after[-1][0] == "proj-a-prj-00044"

    # By default as many projects as members; none on request; no funding without organisations.
    default = generate_network(members=7, network_code="proj-d", seed=1)
    assert Project.objects.filter(network=default).count() == 7
    assert not Project.objects.filter(network=generate_network(members=3, network_code="proj-e", projects=0))
    lonely = generate_network(members=5, network_code="proj-f", seed=2, organisations=0, projects=80)
    assert Project.objects.filter(network=lonely).count() == 80
    assert not FundingLine.objects.filter(project__network=lonely).exists()
    with pytest.raises(ValueError, match="projects must not be negative"):
        generate_network(members=3, network_code="proj-g", projects=-1)


@pytest.mark.heavy
@pytest.mark.django_db
def test_two_thousand_projects_are_generated():
    # How long it takes is for the benchmarks (bench/); a timed unit test fails on a busy machine.
    network = generate_network(members=50, network_code="proj-big", seed=0, projects=0)
    generate_projects(network=network, projects=2000, seed=0)
    assert Project.objects.filter(network=network).count() == 2000


@pytest.mark.django_db
def test_management_command_projects():
    out = StringIO()
    call_command("generate_network", "--members", "3", "--network", "cmd-proj", "--projects", "12", stdout=out)
    assert Project.objects.filter(network__code="cmd-proj").count() == 12
    assert "12 projects" in out.getvalue()
    call_command("generate_network", "--members", "2", "--network", "cmd-proj", stdout=StringIO())
    assert Project.objects.filter(network__code="cmd-proj").count() == 14


# Plans ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_action_plan_grows_with_the_network():
    network = generate_network(members=40, network_code="plans-net", seed=2, organisations=4, projects=5)
    plan = Plan.objects.get(network=network)
    assert plan.activities.count() == 20  # members // 2
    assert ActivityProgress.objects.filter(activity__plan=plan).count() == 20 * 12  # the last 12 quarters
    assert Decision.objects.filter(network=network, activities__plan=plan).exists()
    assert set(Member.objects.filter(plan_activities__plan=plan).values_list("network", flat=True).distinct()) <= {
        network.pk
    }

    # At least 15 activities, as many as the RVASE 2023 plan; none on request.
    small = generate_network(members=4, network_code="plans-small", seed=2, projects=0)
    assert Activity.objects.filter(plan__network=small).count() == 15
    assert not Plan.objects.filter(network=generate_network(members=3, network_code="plans-no", plans_activities=0))
    with pytest.raises(ValueError, match="plans_activities must not be negative"):
        generate_network(members=3, network_code="plans-bad", plans_activities=-1)

    # A rerun appends another plan.
    generate_network(members=2, network_code="plans-net", seed=2, plans_activities=30)
    assert sorted(Plan.objects.filter(network=network).values_list("code", flat=True)) == [
        "plans-net-plan-000",
        "plans-net-plan-001",
    ]
    assert Activity.objects.filter(plan__code="plans-net-plan-001").count() == 30


@pytest.mark.django_db
def test_management_command_activities():
    out = StringIO()
    call_command("generate_network", "--members", "3", "--network", "cmd-plans", "--activities", "25", stdout=out)
    assert Activity.objects.filter(plan__network__code="cmd-plans").count() == 25
    assert "an action plan of 25 activities" in out.getvalue()

    out = StringIO()
    call_command("generate_network", "--members", "2", "--network", "cmd-plans", "--activities", "0", stdout=out)
    assert Plan.objects.filter(network__code="cmd-plans").count() == 1
    assert "action plan" not in out.getvalue()
